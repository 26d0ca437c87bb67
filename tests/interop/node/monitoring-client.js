'use strict';
// npm's @grpc/grpc-js as a client of our monitoring service (zielsteuerung.monitoring.v1.Monitoring): the same named
// checks as tests/interop/python/monitoring_client.py, with the machinery of registry-client.js (types from the
// descriptor set, tokens from --token-endpoint, one JSON line per check; see there). The run puts its own agreement in
// force, as the systems of the parties would: BA Statistik's client delivers Kreis Unna's figures (jobcenter 05978, a
// gE; the python peer has Kreis Borken, so both run at once against one topology) with grpc-js's client stream, MAGS
// NRW drafts the state-law agreement of ../data/monitoring-draft.json, Kreis Unna and MAGS NRW sign it. Then the
// jobcenter reads the attainment the service computed, lists its targets by status page by page, watches the status
// changes (the server stream, makeServerStreamRequest) while a revision of March is delivered, and the refusals with
// their google.rpc details.
//
// The data (as in tests/Monitoring.Tests): 5,000 ELB and 100 integrations every month from 2016-12 to 2018-03, so
// K2's JFW in March 2018 is 6 % as a year before; a revision of March 2018 (70 integrations) takes it to 5.4 %, -10 %.
//
// The monitoring service is --target; the agreements and KPI services are --agreements-target and --kpi-target. The
// clients are named by --reader (the jobcenter: monitoring.read), --drafter (mags-nrw), --signer (the Kreis) and
// --deliverer (ba-statistik); their secrets come from INTEROP_READER_SECRET, INTEROP_DRAFTER_SECRET, … .
//
//   INTEROP_READER_SECRET=… INTEROP_DRAFTER_SECRET=… INTEROP_SIGNER_SECRET=… INTEROP_DELIVERER_SECRET=… \
//   node monitoring-client.js --descriptors interop.pb --target 127.0.0.1:PORT --agreements-target 127.0.0.1:PORT \
//     --kpi-target 127.0.0.1:PORT --run-id ix-manual-1 --token-endpoint http://127.0.0.1:PORT/connect/token \
//     --reader jc-05978 --drafter mags-nrw --signer kt-05978 --deliverer ba-statistik [--check attainment]
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const { Stub, runChecks, runMain } = require('./registry-client.js');

const SERVICE = 'zielsteuerung.monitoring.v1.Monitoring';
const AGREEMENTS = 'zielsteuerung.agreements.v1.Agreements';
const KPI = 'zielsteuerung.kpi.v1.Kpi';
// The scopes each client asks for: only what its calls need.
const SCOPES = {
  reader: ['monitoring.read'],
  drafter: ['agreements.read', 'agreements.write', 'agreements.sign'],
  signer: ['agreements.read', 'agreements.sign'],
  deliverer: ['kpi.read', 'kpi.deliver'],
};
const DRAFT_FILE = path.join(__dirname, '..', 'data', 'monitoring-draft.json');
// The run's jobcenter (a gE: a state-law agreement with its municipal carrier).
const JOBCENTER = '05978';
const CARRIER = 'kt-05978';
const LEGAL_BASIS = 'LEGAL_BASIS_STATE_LAW';
const WAIT_MS = 60000;

/** The months from `first` (yyyy-MM) on, `count` of them. */
function months(first, count) {
  const result = [];
  for (let i = 0, year = Number(first.slice(0, 4)), month = Number(first.slice(5)); i < count; i++) {
    result.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return result;
}

/** A DeliveryRow of the run's jobcenter: total, final basis. */
function row(month, code, value) { return { jobcenter: JOBCENTER, month, code, value, sex: 'SEX_TOTAL', basis: 'DATA_BASIS_FINAL' }; }

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** The monitoring service with the jobcenter's token; the agreements and KPI services for the run's agreement. */
class Monitoring extends Stub {
  constructor(args, tokens) {
    super(args.descriptors, args.target, SERVICE, args.runId, tokens, 'reader');
    this.agreements = new Stub(args.descriptors, args.agreementsTarget, AGREEMENTS, args.runId, tokens, 'drafter');
    this.kpi = new Stub(args.descriptors, args.kpiTarget, KPI, args.runId, tokens, 'deliverer');
    this.agreementId = `${args.runId}-monitored`;
    this.history = null; // the report of the delivery the agreement's attainment is computed from
  }

  attainment(agreementId = this.agreementId) { return this.call('GetAgreementAttainment', { agreement_id: agreementId }); }

  /** Deliver, a client stream: the header, then the rows in one chunk, all or nothing. */
  async deliver(rows, description) {
    const { path: method, serialize, deserialize } = this.kpi.codec(KPI, 'Deliver');
    const metadata = await this.tokens.bearer('deliverer');
    return new Promise((resolve, reject) => {
      const call = this.kpi.client.makeClientStreamRequest(method, serialize, deserialize, metadata, { deadline: Date.now() + 30000 },
        (error, response) => (error ? reject(error) : resolve(response)));
      call.on('error', () => {}); // the callback has it
      call.write({ header: { mode: 'DELIVERY_MODE_ALL_OR_NOTHING', source_name: 'monitoring-client.js', description: `interop ${this.runId}: ${description}` } });
      call.write({ chunk: { rows } });
      call.end();
    });
  }

  /** The CreateDraftRequest of the draft file for the run's jobcenter and its carrier. */
  draft() {
    const { '//': _, ...fields } = JSON.parse(fs.readFileSync(DRAFT_FILE, 'utf8'));
    for (const goal of fields.content.goals) {
      for (const target of goal.targets) target.scope = { jobcenter_id: `jc-${JOBCENTER}` };
    }
    return {
      ...fields,
      agreement_id: this.agreementId,
      legal_basis: LEGAL_BASIS,
      parties: [
        { party_id: 'mags-nrw', role: 'PARTY_ROLE_SIGNATORY', represented_by: { role: 'Staatssekretär', name: 'Dr. Edmund Heller' } },
        { party_id: CARRIER, role: 'PARTY_ROLE_SIGNATORY', represented_by: { role: 'Landrat', name: 'Landrat' } },
        { party_id: `jc-${JOBCENTER}`, role: 'PARTY_ROLE_CONCERNED' },
      ],
    };
  }
}

const checks = {
  // ---- the agreement in force, as the parties' systems put it there ----

  async in_force(m) {
    // 5,000 ELB and 100 integrations a month from 2016-12 to 2018-03: K2 (JFW) 2·m % in both years.
    const rows = months('2016-12', 16).flatMap((month) => [row(month, 'elb_stock', '5000'), row(month, 'integrations', '100')]);
    m.history = await m.deliver(rows, '2016-12 … 2018-03');
    const created = await m.agreements.call('CreateDraft', m.draft());
    const signed = await m.agreements.call('Sign', {
      agreement_id: created.id, expected_version: created.version, signatory: 'Landrat', signatory_role: 'Landrat', place: 'Kreishaus', signed_on: '2018-01-29',
    }, await m.tokens.bearer('signer'));
    const inForce = await m.agreements.call('Sign', {
      agreement_id: created.id, expected_version: signed.version, signatory: 'Dr. Edmund Heller', signatory_role: 'Staatssekretär', place: 'Düsseldorf', signed_on: '2018-02-22',
    });
    return { history: m.history, agreement: inForce };
  },

  // ---- reads: the cached overview, the list ----

  async attainment(m) {
    // The service computes when the agreement's AgreementInForce reaches it: read until every line is there and
    // computed from the delivery.
    const deadline = Date.now() + WAIT_MS;
    for (let polls = 1; ; polls++) {
      try {
        const overview = await m.attainment();
        const targets = overview.targets || [];
        if (targets.length === 3 && targets.filter((t) => t.kind === 'TARGET_KIND_QUANTITATIVE')
          .every((t) => ((t.computed_from || {}).kpi_deliveries || []).includes(m.history.delivery_id))) {
          return { attainment: overview, polls };
        }
      } catch (error) {
        if (error.code !== grpc.status.NOT_FOUND) throw error;
      }
      if (Date.now() > deadline) throw new Error(`the attainment of ${m.agreementId} was not computed within ${WAIT_MS / 1000} s`);
      await sleep(200);
    }
  },

  async list_targets(m) {
    const pages = [];
    let token = '';
    do {
      const response = await m.call('ListTargets', {
        agreement_id: m.agreementId, statuses: ['TARGET_STATUS_ON_TRACK', 'TARGET_STATUS_OFF_TRACK'], page_size: 1, page_token: token,
      });
      pages.push(response.targets || []);
      token = response.next_page_token || '';
    } while (token && pages.length < 10);
    const qualitative = await m.call('ListTargets', { agreement_id: m.agreementId, statuses: ['TARGET_STATUS_NOT_ASSESSABLE'], year: 2018 });
    return { pages, last_token: token, not_assessable: qualitative.targets || [] };
  },

  // ---- the watch: a server stream ----

  async watch(m) {
    const { path: method, serialize, deserialize } = m.codec(SERVICE, 'WatchStatusChanges');
    const metadata = await m.auth();
    return new Promise((resolve, reject) => {
      const call = m.client.makeServerStreamRequest(method, serialize, deserialize, { agreement_id: m.agreementId }, metadata,
        { deadline: Date.now() + WAIT_MS });
      let first = null;
      let revision = null;
      const messages = [];
      const done = () => {
        if (revision && messages.some((r) => r.change && r.change.cause === `kpi delivery ${revision.delivery_id}`)) {
          call.cancel();
          resolve({ first, revision, messages });
        }
      };
      call.on('data', (message) => {
        if (first) {
          messages.push(message);
          done();
          return;
        }
        // Subscribed: every change after its position follows. Now the revision of March.
        first = message;
        m.deliver([row('2018-03', 'integrations', '70')], 'Korrektur 2018-03')
          .then((report) => { revision = report; done(); }, (error) => { call.cancel(); reject(error); });
      });
      call.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) reject(error); });
      call.on('end', () => reject(new Error(`the watch ended; first ${JSON.stringify(first)}, then ${JSON.stringify(messages)}`)));
    });
  },

  // ---- refusals: code, message, google.rpc details ----

  error_not_found: (m) => m.failure('GetAgreementAttainment', { agreement_id: `${m.runId}-missing` }),

  error_invalid_page_token: (m) => m.failure('ListTargets', { page_token: 'not-a-token' }),

  auth_token_missing: (m) => m.failure('ListTargets', { agreement_id: m.agreementId }, new grpc.Metadata()),
};

runMain(() => runChecks(checks, SCOPES, (args, tokens) => new Monitoring(args, tokens)));
