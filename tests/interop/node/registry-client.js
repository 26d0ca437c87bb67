'use strict';
// npm's @grpc/grpc-js as a client of our party registry (zielsteuerung.parties.v1.PartyRegistry): the same named
// checks as tests/interop/python/registry_client.py, each printed as one JSON line ({"check": name, ...} or
// {"check": name, "error": "..."}) for the C# tests (tests/Grpc.Interop.Tests) to assert on. Messages are encoded with
// protobufjs from the descriptor set (protoc --descriptor_set_out --include_imports) and rendered like protobuf's
// JSON mapping (snake_case names, enums by name, 64-bit integers as strings, defaults omitted). agreements-client.js
// uses this script's machinery (Tokens, Stub, runChecks) for the agreements service.
//
// Every call but health and reflection needs an access token: the script gets its own from --token-endpoint (OAuth 2.0
// client credentials with node's fetch, id and secret in the form) and sends it as the metadata
// "authorization: Bearer <token>". The clients are named by --writer (parties.write), --reader (parties.read only) and
// --admin (identity.admin only: a token for another service); their secrets come from the environment
// (INTEROP_WRITER_SECRET, INTEROP_READER_SECRET, INTEROP_ADMIN_SECRET), never from the command line.
//
//   INTEROP_WRITER_SECRET=… INTEROP_READER_SECRET=… INTEROP_ADMIN_SECRET=… \
//   node registry-client.js --descriptors interop.pb --target 127.0.0.1:PORT --run-id ix-manual-1 \
//     --token-endpoint http://127.0.0.1:PORT/connect/token --writer mags-nrw --reader jc-05554 --admin platform-admin \
//     [--check get_party]
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const protobuf = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

const SERVICE = 'zielsteuerung.parties.v1.PartyRegistry';
const HEALTH = 'grpc.health.v1.Health';
const P = 'zielsteuerung.parties.v1.';
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const FUTURE = '2090-01-01'; // test parties exist only from here: no present or past read of the reference data sees them
const JSON_OPTIONS = { enums: String, longs: String, bytes: String, defaults: false, arrays: false, json: true };
/** The environment variable with the secret of a role's client: INTEROP_WRITER_SECRET, … */
const secretVariable = (role) => `INTEROP_${role.toUpperCase()}_SECRET`;
// The scopes each client asks for: only what its calls need; the admin's only scope is for the identity service.
const SCOPES = { writer: ['parties.read', 'parties.write'], reader: ['parties.read'], admin: ['identity.admin'] };

/** The command line of a client script: where to call, the run id, a client id per role and --check. */
function parseArgs(argv, roles) {
  const args = { check: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (name === 'check') args.check.push(argv[i + 1]); else args[name] = argv[i + 1];
  }
  for (const required of ['descriptors', 'target', 'runId', 'tokenEndpoint', ...roles]) {
    if (!args[required]) throw new Error(`--${required} is required`);
  }
  return args;
}

/** Access tokens from the identity service's token endpoint (client credentials), one per client, got once. */
class Tokens {
  constructor(endpoint, clients, scopes = SCOPES) {
    this.endpoint = endpoint;
    this.clients = clients; // role -> { clientId, secret }
    this.scopes = scopes; // role -> the scopes its token asks for
    this.responses = new Map();
  }

  /** The token response (JSON) for a role's client; rejects with the endpoint's error if it refuses. */
  response(role) {
    if (!this.responses.has(role)) this.responses.set(role, this.request(role));
    return this.responses.get(role);
  }

  /** Fresh call metadata that carries the role's token. */
  async bearer(role) {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${(await this.response(role)).access_token}`);
    return metadata;
  }

  async request(role) {
    const { clientId, secret } = this.clients[role];
    if (!secret) throw new Error(`no secret for ${clientId}: set ${secretVariable(role)}`);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: this.scopes[role].join(' ') });
    const response = await fetch(this.endpoint, {
      method: 'POST', body: form, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30000),
    });
    const text = await response.text();
    let body;
    try { body = JSON.parse(text); } catch { body = null; }
    if (!response.ok || !body || !body.access_token) {
      throw new Error(`the token endpoint refused ${clientId} with HTTP ${response.status}: ${body ? `${body.error}: ${body.error_description}` : text}`);
    }
    return body;
  }
}

/** A part (0 header, 1 payload) of a JWT, decoded; the registry checks the signature, the peer only reads. */
function jwtPart(token, index) { return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')); }

/** Types of the descriptor set and calls over one channel; `call` and `failure` go to `service`. */
class Stub {
  constructor(descriptorSetPath, target, service, runId, tokens, role, channelOptions = {}) {
    this.root = protobuf.Root.fromDescriptor(descriptor.FileDescriptorSet.decode(fs.readFileSync(descriptorSetPath)));
    this.client = new grpc.Client(target, grpc.credentials.createInsecure(), channelOptions);
    this.descriptorSetPath = descriptorSetPath;
    this.target = target;
    this.service = service;
    this.runId = runId;
    this.tokens = tokens;
    this.role = role;
  }

  /** The metadata of every call unless a check says otherwise: the token of the stub's role. */
  auth() { return this.tokens.bearer(this.role); }

  type(fullName) { return this.root.lookupType(fullName); }

  json(fullName, message) { return this.type(fullName).toObject(message, JSON_OPTIONS); }

  methodTypes(service, name) {
    const method = this.root.lookupService(service).methods[name];
    method.resolve();
    return { input: method.resolvedRequestType, output: method.resolvedResponseType };
  }

  codec(service, name) {
    const { input, output } = this.methodTypes(service, name);
    return {
      path: `/${service}/${name}`,
      serialize: (value) => Buffer.from(input.encode(input.fromObject(value)).finish()),
      deserialize: (buffer) => output.toObject(output.decode(buffer), JSON_OPTIONS),
    };
  }

  /** A unary call (with the writer's token unless metadata is given); resolves with { response, headers, trailers } or rejects with the grpc-js error. */
  async unary(service, name, request, { deadlineMs = 30000, metadata } = {}) {
    const { path, serialize, deserialize } = this.codec(service, name);
    metadata = metadata || await this.auth();
    return new Promise((resolve, reject) => {
      let headers = null;
      const call = this.client.makeUnaryRequest(path, serialize, deserialize, request, metadata,
        { deadline: Date.now() + deadlineMs }, (error, response) => {
          if (error) reject(error); else resolve({ response, headers, trailers: trailersOf(call) });
        });
      call.on('metadata', (m) => { headers = m; });
      call.on('status', (status) => { call.lastStatus = status; });
    });
  }

  async call(name, request, metadata) { return (await this.unary(this.service, name, request, { metadata })).response; }

  /** The status of a call that must fail: code, message and the parsed grpc-status-details-bin. */
  async failure(name, request, metadata) {
    try {
      await this.call(name, request, metadata);
      return { code: 0 };
    } catch (error) {
      return { code: error.code, details: error.details || '', status: this.status(error.metadata) };
    }
  }

  status(trailers) {
    const raw = trailers && trailers.get(STATUS_DETAILS_KEY)[0];
    if (!raw) return null;
    const Status = this.type('google.rpc.Status');
    const status = Status.decode(raw);
    return {
      code: status.code,
      message: status.message,
      details: status.details.map((any) => ({
        type_url: any.type_url,
        value: mapsAsObjects(this.json(any.type_url.split('/').pop(), this.type(any.type_url.split('/').pop()).decode(any.value))),
      })),
    };
  }
}

/** The party registry with the writer's token; the run's parties are the run id and "<run id>-imp". */
class Registry extends Stub {
  constructor(descriptorSetPath, target, runId, tokens, channelOptions = {}) {
    super(descriptorSetPath, target, SERVICE, runId, tokens, 'writer', channelOptions);
    this.partyId = runId;
    this.importId = `${runId}-imp`;
  }
}

// A type built from a descriptor set sees a map field as its repeated entry messages; JSON has an object.
function mapsAsObjects(value) {
  for (const [field, entries] of Object.entries(value)) {
    if (Array.isArray(entries) && entries.length > 0 && entries.every((e) => e && Object.keys(e).join() === 'key,value')) {
      value[field] = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    }
  }
  return value;
}

function trailersOf(call) { return call.lastStatus ? call.lastStatus.metadata : null; }

function keys(metadata) { return metadata ? Object.keys(metadata.toJSON()) : []; }

const checks = {
  // ---- access tokens: got by the peer itself ----

  async access_token(r) {
    const tokens = {};
    for (const role of ['writer', 'reader', 'admin']) {
      const response = await r.tokens.response(role);
      const payload = jwtPart(response.access_token, 1);
      const audience = payload.aud === undefined ? [] : payload.aud;
      tokens[role] = {
        token_type: response.token_type, expires_in: response.expires_in, typ: jwtPart(response.access_token, 0).typ,
        client_id: payload.client_id || payload.sub, party: payload.party || '', scope: payload.scope || '',
        aud: Array.isArray(audience) ? audience : [audience],
      };
    }
    return { tokens };
  },

  // ---- every RPC of zielsteuerung.parties.v1 ----

  async get_party(r) {
    const asOf = {};
    for (const day of ['2012-01-01', '2020-01-01']) asOf[day] = await r.call('GetParty', { id: 'mags-nrw', as_of: day });
    return { as_of: asOf };
  },

  async get_party_by_ags(r) {
    return { party: await r.call('GetPartyByAgs', { ags: '05554', kind: 'PARTY_KIND_JOBCENTER', as_of: '2016-01-01' }) };
  },

  async search_parties(r) {
    const response = await r.call('SearchParties', { name_fragment: 'GÜTERSLOH', as_of: '2016-01-01' });
    const parties = response.parties || [];
    return { ids: parties.map((p) => p.id), names: parties.map((p) => p.name) };
  },

  async list_parties(r) {
    const pages = [];
    let token = '';
    do {
      const response = await r.call('ListParties', {
        filter: { kind: 'PARTY_KIND_JOBCENTER', state: 'DE-NW', form: 'JOBCENTER_FORM_ZKT' }, as_of: '2016-01-01', page_size: 7, page_token: token,
      });
      pages.push((response.parties || []).map((p) => p.id));
      token = response.next_page_token || '';
    } while (token && pages.length <= 20);
    return { pages };
  },

  async list_group_members(r) {
    const response = await r.call('ListGroupMembers', {
      group: { kind: 'PARTY_KIND_JOBCENTER', state: 'DE-NW', form: 'JOBCENTER_FORM_ZKT' }, as_of: '2016-01-01',
    });
    return { as_of: response.as_of, members: response.members || [] };
  },

  async register_party(r) {
    return {
      party: await r.call('RegisterParty', {
        id: r.partyId, kind: 'PARTY_KIND_BODY', name: 'Interop-Gremium Düsseldorf-Süd', short_name: 'IGDS', valid_from: FUTURE,
      }),
    };
  },

  async record_change(r) {
    const party = await r.call('RecordChange', {
      party_id: r.partyId, expected_version: 1, effective_date: '2091-01-01', name: 'Interop-Gremium Köln-Mülheim',
      reason: 'Umbenennung',
    });
    const before = await r.call('GetParty', { id: r.partyId, as_of: '2090-06-01' });
    return { party, name_before: before.name };
  },

  async list_party_history(r) {
    const history = await r.call('ListPartyHistory', { id: r.partyId });
    return {
      version: Number(history.version),
      changes: (history.changes || []).map((c) => ({
        version: Number(c.version), changed_fields: c.changed_fields || [], reason: c.reason || '', recorded_by: c.recorded_by || '',
      })),
      periods: (history.periods || []).filter((p) => p.field === 'name')
        .map((p) => ({ field: p.field, value: p.value || '', valid_from: p.valid_from || '', valid_to: p.valid_to || '' })),
    };
  },

  async import_parties(r) {
    const request = { content: importFile(r), valid_from: FUTURE };
    const counts = (response) => ({
      registered: response.registered || 0, unchanged: response.unchanged || 0, registered_ids: response.registered_ids || [],
    });
    return { first: counts(await r.call('ImportParties', request)), again: counts(await r.call('ImportParties', request)) };
  },

  // ---- errors: code, unicode message, google.rpc details ----

  error_invalid_argument: (r) => r.failure('GetParty', { id: 'jc-müller' }),
  error_not_found: (r) => r.failure('GetParty', { id: `${r.runId}-missing` }),
  error_already_exists: (r) => r.failure('RegisterParty', { id: r.partyId, kind: 'PARTY_KIND_BODY', name: 'Doppelt', valid_from: FUTURE }),
  error_failed_precondition: (r) => r.failure('RecordChange', {
    party_id: r.partyId, expected_version: 2, effective_date: '2089-01-01', name: 'Zu früh',
  }),
  error_aborted: (r) => r.failure('RecordChange', { party_id: r.partyId, expected_version: 1, effective_date: '2092-01-01', name: 'Veraltet' }),
  error_import_rejected: (r) => r.failure('ImportParties', { content: importFile(r, 'gremium'), valid_from: FUTURE }),

  // ---- access: refusals with google.rpc.ErrorInfo (domain identity.zielsteuerung) ----

  auth_token_missing: (r) => r.failure('GetParty', { id: 'ba' }, new grpc.Metadata()),

  auth_token_malformed(r) {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', 'Bearer not-a-jwt');
    return r.failure('GetParty', { id: 'ba' }, metadata);
  },

  async auth_missing_scope(r) {
    const refused = await r.failure('RegisterParty', {
      id: `${r.runId}-ro`, kind: 'PARTY_KIND_BODY', name: 'Nur lesend', valid_from: FUTURE,
    }, await r.tokens.bearer('reader'));
    // The same token reads: it is valid, only the scope is missing.
    return { ...refused, read_name: (await r.call('GetParty', { id: 'ba' }, await r.tokens.bearer('reader'))).name };
  },

  auth_wrong_audience: async (r) => r.failure('GetParty', { id: 'ba' }, await r.tokens.bearer('admin')),

  async open_without_token(r) {
    // Health and reflection answer a caller that has no token (a load balancer, grpcurl).
    const health = [];
    for (const service of ['', SERVICE]) {
      try {
        const { response } = await r.unary(HEALTH, 'Check', { service }, { deadlineMs: 10000, metadata: new grpc.Metadata() });
        health.push({ service, code: 0, status: response.status });
      } catch (error) {
        health.push({ service, code: error.code, status: null });
      }
    }
    const { ask, finish } = reflection(r, 'v1', new grpc.Metadata());
    const response = await ask({ list_services: '' });
    finish();
    return { health, reflection_services: response.list_services_response.service.map((s) => s.name) };
  },

  // ---- deadlines, metadata ----

  async deadline(r) {
    const request = { page_size: 500, as_of: '2016-01-01' };
    await r.unary(SERVICE, 'ListParties', request);
    let tiny = 0;
    try {
      await r.unary(SERVICE, 'ListParties', request, { deadlineMs: 1 });
    } catch (error) {
      tiny = error.code;
    }
    return { generous_code: 0, tiny_code: tiny };
  },

  async metadata(r) {
    const metadata = await r.auth();
    metadata.set('x-interop-run', r.runId);
    metadata.set('x-interop-trace-bin', Buffer.from([...Array(256).keys()]));
    const { response, headers, trailers } = await r.unary(SERVICE, 'GetParty', { id: 'ba' }, { metadata });
    // grpc-encoding is request metadata too: a server that did not read it could not parse the gzip body.
    const gzip = new Registry(r.descriptorSetPath, r.target, r.runId, r.tokens, { 'grpc.default_compression_algorithm': 2 });
    const compressed = await gzip.call('GetParty', { id: 'ba' });
    gzip.client.close();
    let errorTrailers = [];
    try {
      await r.call('GetParty', { id: `${r.runId}-missing` });
    } catch (error) {
      errorTrailers = keys(error.metadata);
    }
    return { name: response.name, compressed_name: compressed.name, headers: keys(headers), trailers: keys(trailers), error_trailers: errorTrailers };
  },

  // ---- health ----

  async health_check(r) {
    const results = [];
    for (const service of ['', SERVICE, 'zielsteuerung.nowhere.v1.Nothing']) {
      try {
        const { response } = await r.unary(HEALTH, 'Check', { service }, { deadlineMs: 10000 });
        results.push({ service, code: 0, status: response.status });
      } catch (error) {
        results.push({ service, code: error.code, status: null });
      }
    }
    return { checks: results };
  },

  async health_watch(r) {
    const { path, serialize, deserialize } = r.codec(HEALTH, 'Watch');
    const metadata = await r.auth();
    return new Promise((resolve, reject) => {
      const call = r.client.makeServerStreamRequest(path, serialize, deserialize, { service: '' }, metadata,
        { deadline: Date.now() + 10000 });
      call.once('data', (message) => {
        call.cancel();
        resolve({ first: message.status });
      });
      call.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) reject(error); });
    });
  },
};

// ---- reflection ----

function reflection(r, version, metadata) {
  const { path, serialize, deserialize } = r.codec(`grpc.reflection.${version}.ServerReflection`, 'ServerReflectionInfo');
  const call = r.client.makeBidiStreamRequest(path, serialize, (buffer) => {
    const Response = r.type(`grpc.reflection.${version}.ServerReflectionResponse`);
    return Response.decode(buffer); // raw: file descriptors stay bytes
  }, metadata, { deadline: Date.now() + 10000 });
  const pending = [];
  call.on('data', (response) => pending.shift().resolve(response));
  call.on('error', (error) => { while (pending.length) pending.shift().reject(error); });
  const ask = (request) => new Promise((resolve, reject) => {
    pending.push({ resolve, reject });
    call.write(request);
  }).then((response) => {
    if (response.error_response) throw new Error(`reflection error ${response.error_response.error_code}: ${response.error_response.error_message}`);
    return response;
  });
  return { ask, finish: () => call.end() };
}

async function reflectionList(r, version) {
  const { ask, finish } = reflection(r, version, await r.auth());
  const response = await ask({ list_services: '' });
  finish();
  return { services: response.list_services_response.service.map((s) => s.name) };
}

async function reflectionSymbol(r, version) {
  // file_containing_symbol, then every missing dependency by name; then a call through the reflected types.
  const { ask, finish } = reflection(r, version, await r.auth());
  const files = new Map();
  const add = (response) => {
    for (const raw of response.file_descriptor_response.file_descriptor_proto) {
      const proto = descriptor.FileDescriptorProto.decode(raw);
      if (!files.has(proto.name)) files.set(proto.name, proto);
    }
  };
  add(await ask({ file_containing_symbol: SERVICE }));
  const first = [...files.keys()];
  for (;;) {
    const missing = [...files.values()].flatMap((f) => f.dependency || []).filter((d) => !files.has(d));
    if (missing.length === 0) break;
    add(await ask({ file_by_filename: missing[0] }));
  }
  finish();

  const root = protobuf.Root.fromDescriptor({ file: [...files.values()] });
  const service = root.lookupService(SERVICE);
  const get = service.methods.GetParty;
  get.resolve();
  const metadata = await r.auth();
  const party = await new Promise((resolve, reject) => {
    r.client.makeUnaryRequest(`/${SERVICE}/GetParty`, (v) => Buffer.from(get.resolvedRequestType.encode(get.resolvedRequestType.fromObject(v)).finish()),
      (b) => get.resolvedResponseType.decode(b), { id: 'ba' }, metadata, { deadline: Date.now() + 30000 },
      (error, response) => (error ? reject(error) : resolve(response)));
  });
  return { files: first, methods: Object.keys(service.methods), reflected_call_name: party.name };
}

for (const version of ['v1', 'v1alpha']) {
  checks[`reflection_list_${version}`] = (r) => reflectionList(r, version);
  checks[`reflection_symbol_${version}`] = (r) => reflectionSymbol(r, version);
}

function importFile(r, kind = 'body') {
  const header = 'key,kind,name,ags,form,partner_agency,parent,verified,note\n';
  return Buffer.from(`${header}${r.importId},${kind},"Interop-Beirat Münster, Import",,,,,no,interop test\n`, 'utf8');
}

/**
 * Connects to --target and runs the checks in order (all, or those named by --check), printing one JSON line each;
 * makeStub(args, tokens) makes what the checks get. `scopes` names the roles (their client ids are arguments).
 */
async function runChecks(checks, scopes, makeStub) {
  const args = parseArgs(process.argv.slice(2), Object.keys(scopes));
  const clients = {};
  for (const role of Object.keys(scopes)) clients[role] = { clientId: args[role], secret: process.env[secretVariable(role)] || '' };
  const stub = makeStub(args, new Tokens(args.tokenEndpoint, clients, scopes));
  await new Promise((resolve, reject) => stub.client.waitForReady(Date.now() + 10000,
    (error) => (error ? reject(new Error(`cannot connect to ${args.target} within 10 s`)) : resolve())));
  for (const name of args.check.length ? args.check : Object.keys(checks)) {
    let result;
    try {
      result = { check: name, ...(await checks[name](stub)) };
    } catch (error) {
      result = { check: name, error: `${error.constructor.name}: ${error.message}` };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  stub.client.close();
}

/** Runs a client script's main; a failure outside the checks ends it with exit code 1. */
function runMain(main) {
  main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
}

module.exports = { Stub, runChecks, runMain };

if (require.main === module) {
  runMain(() => runChecks(checks, SCOPES, (args, tokens) => new Registry(args.descriptors, args.target, args.runId, tokens)));
}
