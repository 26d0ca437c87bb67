'use strict';
// npm's @grpc/grpc-js as a client of our KPI ingestion service (zielsteuerung.kpi.v1.Kpi): the same named checks as
// tests/interop/python/kpi_client.py, with the machinery of registry-client.js (types from the descriptor set, tokens
// from --token-endpoint, one JSON line per check; see there), here with grpc-js's client stream for the upload
// `Deliver` (makeClientStreamRequest: the header, then the rows in chunks). BA Statistik's client delivers for the
// run's own two jobcenters (node: Kreis Höxter 05762 and Paderborn 05774; the python peer has others, so both run at
// once against one topology) in 2016-12 … 2018-12: a partial delivery with every kind of bad row, an all-or-nothing
// one with one bad row, one sent again, then the reports, series, computed K2 and its Jahresfortschrittswerte, a
// revision read as of a moment before it, the catalogue, and the refusals with their google.rpc details. A delivery
// that must be new carries a value made of the run id (the content hash covers the mode and the rows, not the
// description). The clients are named by --deliverer (ba-statistik: kpi.deliver and kpi.read) and --reader
// (jc-05554: kpi.read only); their secrets come from INTEROP_DELIVERER_SECRET and INTEROP_READER_SECRET.
//
//   INTEROP_DELIVERER_SECRET=… INTEROP_READER_SECRET=… \
//   node kpi-client.js --descriptors interop.pb --target 127.0.0.1:PORT --run-id ix-manual-1 \
//     --token-endpoint http://127.0.0.1:PORT/connect/token --deliverer ba-statistik --reader jc-05554 \
//     [--check deliver_partial]
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { Stub, runChecks, runMain } = require('./registry-client.js');

const SERVICE = 'zielsteuerung.kpi.v1.Kpi';
// The scopes each client asks for: only what its calls need.
const SCOPES = { deliverer: ['kpi.read', 'kpi.deliver'], reader: ['kpi.read'] };
// The run's jobcenters: computed figures, steering values and the revision on the first; the deliveries on the second.
const FIRST = '05762';
const SECOND = '05774';

/** The months from `first` (yyyy-MM) on, `count` of them. */
function months(first, count) {
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5));
  const result = [];
  for (let i = 0; i < count; i++) {
    result.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return result;
}

/** A DeliveryRow: total, final basis unless fields say otherwise. */
function row(jobcenter, month, code, value, fields = {}) {
  return { jobcenter, month, code, value, sex: 'SEX_TOTAL', basis: 'DATA_BASIS_FINAL', ...fields };
}

/** 100 … 999, made of the run id: a row with it makes a delivery's content new in every run. */
function runValue(runId) {
  return String(crypto.createHash('sha256').update(runId, 'utf8').digest().readUInt32BE(0) % 900 + 100);
}

/** One millisecond after a report's delivered_at (RFC 3339, milliseconds, UTC). */
function justAfter(deliveredAt) { return new Date(Date.parse(deliveredAt) + 1).toISOString(); }

/** The KPI ingestion service: deliveries with BA Statistik's token, reads with the reader's unless a check says otherwise. */
class Kpi extends Stub {
  constructor(descriptorSetPath, target, runId, tokens) {
    super(descriptorSetPath, target, SERVICE, runId, tokens, 'reader');
    this.salt = runValue(runId);
    this.partial = null; // the report of deliver_partial, for get_delivery and list_deliveries
  }

  /** Deliver, a client stream: each DeliverRequest written as its own message, then the end of the stream. */
  async stream(messages, metadata) {
    const { path, serialize, deserialize } = this.codec(SERVICE, 'Deliver');
    return new Promise((resolve, reject) => {
      const call = this.client.makeClientStreamRequest(path, serialize, deserialize, metadata, { deadline: Date.now() + 30000 },
        (error, response) => (error ? reject(error) : resolve(response)));
      call.on('error', () => {}); // the callback has it; writes after a refusal go nowhere
      for (const message of messages) call.write(message);
      call.end();
    });
  }

  /** A delivery as BA Statistik sends it: the header, then one message per chunk of rows. */
  async deliver(chunks, { mode = 'DELIVERY_MODE_PARTIAL', key = '', description = '', metadata } = {}) {
    const header = {
      header: { idempotency_key: key, mode, source_name: 'kpi-client.js', description: description || `interop ${this.runId}` },
    };
    return this.stream([header, ...chunks.map((rows) => ({ chunk: { rows } }))], metadata || await this.tokens.bearer('deliverer'));
  }

  /** The status of a delivery that must fail: code, message and the parsed grpc-status-details-bin. */
  async deliverFailure(messages, metadata) {
    try {
      await this.stream(messages, metadata);
      return { code: 0 };
    } catch (error) {
      return { code: error.code, details: error.details || '', status: this.status(error.metadata) };
    }
  }

  series(jobcenter, code, from, to, fields = {}) {
    return this.call('GetSeries', { subject: { jobcenter_id: `jc-${jobcenter}` }, code, from_month: from, to_month: to, ...fields });
  }

  value(jobcenter, code, month, fields = {}) {
    return this.call('GetValue', { subject: { jobcenter_id: `jc-${jobcenter}` }, code, month, ...fields });
  }
}

// 100 integrations a month in 2017 and 2018, 5000 ELB every month from 2016-12: K2 = 1200 / 5000 = 24 % in both years.
function k2Rows() {
  return [...months('2017-01', 24).map((m) => row(FIRST, m, 'integrations', '100')), ...months('2016-12', 25).map((m) => row(FIRST, m, 'elb_stock', '5000'))];
}

function refusedDelivery(k) {
  return [{ header: { description: `interop ${k.runId}: refused` } }, { chunk: { rows: [row(SECOND, '2017-03', 'elb_stock', '1')] } }];
}

const checks = {
  async access_token(k) {
    const tokens = {};
    for (const role of Object.keys(SCOPES)) {
      const response = await k.tokens.response(role);
      const part = (index) => JSON.parse(Buffer.from(response.access_token.split('.')[index], 'base64url').toString('utf8'));
      const payload = part(1);
      const audience = payload.aud === undefined ? [] : payload.aud;
      tokens[role] = {
        token_type: response.token_type, typ: part(0).typ, client_id: payload.client_id || payload.sub, party: payload.party || '',
        scope: payload.scope || '', aud: Array.isArray(audience) ? audience : [audience],
      };
    }
    return { tokens };
  },

  // ---- deliveries: the client stream ----

  async deliver_partial(k) {
    // Row numbers are left 0: the service counts the rows' positions across the three chunks.
    const chunks = [
      [row(SECOND, '2017-01', 'elb_intakes', '400'), //                                       1 valid
        row('05999', '2017-01', 'elb_stock', '100'), //                                       2 no such jobcenter
        row(SECOND, '2099-01', 'elb_stock', '100')], //                                       3 not ended yet
      [row(SECOND, '2017-01', 'integrations', '-4'), //                                       4 negative count
        row(SECOND, '2017-01', 'elb_stok', '100'), //                                         5 unknown code
        row(SECOND, '2017-01', 'K3E2', '12.5', { numerator: '400', denominator: '3000' })], // 6 400 / 3000 = 13.3 %
      [row(SECOND, '2017-01', 'elb_intakes', '401'), //                                       7 the key of row 1 again
        row(SECOND, '2017-01', 'K3E2', '13.3', { numerator: '400', denominator: '3000' }), // 8 valid
        row(SECOND, '2017-02', 'elb_intakes', k.salt)], //                                    9 valid, new in every run
    ];
    k.partial = await k.deliver(chunks, { key: `${k.runId}-partial`, description: `interop ${k.runId}: partial` });
    return { report: k.partial, chunks: chunks.length };
  },

  async deliver_all_or_nothing(k) {
    const rows = [...months('2018-01', 3).map((m) => row(SECOND, m, 'lzb_stock', '3000')), row(SECOND, '2018-04', 'lzb_stock', '-1')];
    const report = await k.deliver([rows], { mode: 'DELIVERY_MODE_ALL_OR_NOTHING', key: `${k.runId}-all-or-nothing` });
    return { report, value: await k.value(SECOND, 'lzb_stock', '2018-02') };
  },

  async deliver_again(k) {
    const rows = [row(SECOND, '2018-05', 'elb_exits', k.salt), ...months('2018-06', 2).map((m) => row(SECOND, m, 'elb_exits', '250'))];
    const key = `${k.runId}-again`;
    const first = await k.deliver([rows], { key });
    const byKey = await k.deliver([rows], { key, description: 'sent again with its key' });
    const byContent = await k.deliver([rows], { description: 'sent again without a key' });
    return {
      sent: rows.map((r) => r.value), first, by_key: byKey, by_content: byContent,
      series: await k.series(SECOND, 'elb_exits', '2018-05', '2018-07'),
    };
  },

  // ---- reports ----

  async get_delivery(k) {
    const pages = [];
    let token = '';
    let page;
    do {
      page = await k.call('GetDelivery', { delivery_id: k.partial.delivery_id, errors_page_size: 2, errors_page_token: token });
      token = page.next_errors_page_token || '';
      pages.push({ errors: page.errors || [], next_errors_page_token: token });
    } while (token && pages.length < 20);
    return { delivery_id: k.partial.delivery_id, report: page, pages };
  },

  async list_deliveries(k) {
    const sequences = [];
    let token = '';
    let found = null;
    for (let pages = 0; pages < 20 && !found; pages++) {
      const response = await k.call('ListDeliveries', { page_size: 5, page_token: token });
      const deliveries = response.deliveries || [];
      sequences.push(...deliveries.map((d) => d.sequence));
      found = deliveries.find((d) => d.delivery_id === k.partial.delivery_id) || null;
      token = response.next_page_token || '';
      if (!token) break;
    }
    return { delivery_id: k.partial.delivery_id, listed: found, sequences };
  },

  // ---- reads: series, computed figures, steering values, revisions ----

  async series_and_value(k) {
    const rows = k2Rows();
    const report = await k.deliver([rows.slice(0, 20), rows.slice(20)], { description: `interop ${k.runId}: K2 inputs` });
    return { report, series: await k.series(FIRST, 'integrations', '2018-01', '2018-12'), k2: await k.value(FIRST, 'K2', '2018-12') };
  },

  async steering_values(k) {
    const steering = await k.call('GetSteeringValues', { subject: { jobcenter_id: `jc-${FIRST}` }, code: 'K2', measure: 'STEERING_MEASURE_JFW', year: 2018 });
    return { steering, k2: await k.value(FIRST, 'K2', '2018-12') };
  },

  async revision_as_of(k) {
    const first = await k.deliver([[row(FIRST, '2018-06', 'lzb_stock', '3100')]], { description: `interop ${k.runId}: lzb_stock 2018-06` });
    await new Promise((resolve) => { setTimeout(resolve, 50); }); // the revision's delivered_at is later than one millisecond after the first's
    const revision = await k.deliver([[row(FIRST, '2018-06', 'lzb_stock', '3150')]], { description: `interop ${k.runId}: Korrektur 2018-06` });
    const between = justAfter(first.delivered_at);
    return {
      first, revision, as_of: between,
      before: await k.value(FIRST, 'lzb_stock', '2018-06', { as_of: between }),
      now: await k.value(FIRST, 'lzb_stock', '2018-06'),
      before_series: await k.series(FIRST, 'lzb_stock', '2018-06', '2018-06', { as_of: between }),
      now_series: await k.series(FIRST, 'lzb_stock', '2018-06', '2018-06'),
    };
  },

  async catalogue(k) {
    const catalogue = await k.call('GetCatalogue', {});
    return {
      figures: catalogue.figures.map((f) => f.id), quantities: catalogue.quantities.map((q) => q.code),
      k1e3: catalogue.figures.find((f) => f.id === 'K1E3'),
    };
  },

  // ---- refusals: code, message, google.rpc details ----

  async auth_missing_scope(k) {
    // jc-05554 has kpi.read, not kpi.deliver; the same token reads.
    const refused = await k.deliverFailure(refusedDelivery(k), await k.tokens.bearer('reader'));
    return { ...refused, read_figures: (await k.call('GetCatalogue', {})).figures.length, value_after: await k.value(SECOND, 'elb_stock', '2017-03') };
  },

  auth_token_missing: (k) => k.deliverFailure(refusedDelivery(k), new grpc.Metadata()),

  error_header_missing: async (k) => k.deliverFailure(refusedDelivery(k).slice(1), await k.tokens.bearer('deliverer')),

  error_not_found: (k) => k.failure('GetDelivery', { delivery_id: 'dlv-999999999' }),

  error_invalid_month: (k) => k.failure('GetSeries', {
    subject: { jobcenter_id: `jc-${FIRST}` }, code: 'integrations', from_month: '2018-13', to_month: '2018-12',
  }),
};

runMain(() => runChecks(checks, SCOPES, (args, tokens) => new Kpi(args.descriptors, args.target, args.runId, tokens)));
