'use strict';
// @grpc/grpc-js as the client: runs one named interop scenario against a server and prints what it observed.
//
// Usage: node echo-client.js --descriptors FILE --target HOST:PORT --scenario NAME [--test-id ID]
// Prints one JSON object on stdout (the C# tests assert on it) and exits 0; exits non-zero with a message on
// stderr when the scenario itself cannot run. Scenarios and output fields are the same as those of
// tests/interop/python/echo_client.py; see docs/grpc-interop.md.
const crypto = require('node:crypto');
const { parseArgs } = require('node:util');
const { grpc, load, messageType, metadataToJson, printJson, ECHO_SERVICE, STATUS_DETAILS_KEY, BAD_REQUEST_TYPE_URL } = require('./interop-common');

const UNICODE_MESSAGE = 'Zielwert überschritten — ✓';
const LARGE = 4_000_000;
const TOO_LARGE = 5_000_000; // above the 4 MiB every implementation receives by default
const HEALTH = 'grpc.health.v1.Health';

const pattern = size => { const b = Buffer.alloc(size); for (let i = 0; i < size; i++) b[i] = i % 251; return b; };

class Client {
  constructor(packageDefinition, target, testId, channelOptions = {}) {
    this.pd = packageDefinition;
    this.client = new grpc.Client(target, grpc.credentials.createInsecure(), channelOptions);
    this.testId = testId;
  }

  metadata(entries = []) {
    const md = new grpc.Metadata();
    md.set('x-test-id', this.testId);
    for (const [key, value] of entries) md.add(key, value);
    return md;
  }

  codec(requestType, responseType) {
    const req = messageType(this.pd, requestType), res = messageType(this.pd, responseType);
    return [value => req.serialize(value), buffer => res.deserialize(buffer)];
  }

  path(service, method) { return `/${service}/${method}`; }

  /** Collects headers, messages and the final status of a call (any kind) into the JSON result. */
  observe(call, responses) {
    const result = { code: -1, details: '', responses: [], headers: [], trailers: [], status_details: null };
    call.on('metadata', md => { result.headers = metadataToJson(md); });
    return new Promise(resolve => call.on('status', status => {
      result.code = status.code;
      result.details = status.details ?? '';
      result.trailers = metadataToJson(status.metadata);
      result.responses = responses.map(responseJson);
      result.status_details = this.statusDetails(status.metadata);
      resolve(result);
    }));
  }

  statusDetails(trailers) {
    const raw = trailers?.get(STATUS_DETAILS_KEY)?.[0];
    if (raw === undefined) return null;
    const status = messageType(this.pd, 'google.rpc.Status').deserialize(Buffer.from(raw));
    return {
      code: status.code, message: status.message,
      details: status.details.map(any => any.type_url !== BAD_REQUEST_TYPE_URL ? { type_url: any.type_url } : {
        type_url: any.type_url,
        field_violations: messageType(this.pd, 'google.rpc.BadRequest').deserialize(any.value).field_violations
          .map(v => ({ field: v.field, description: v.description })),
      }),
    };
  }

  unary(request, { metadata = [], deadlineMs, method = 'Unary', service = ECHO_SERVICE } = {}) {
    const responses = [];
    const options = deadlineMs ? { deadline: Date.now() + deadlineMs } : {};
    const call = this.client.makeUnaryRequest(this.path(service, method),
      ...this.codec('zielsteuerung.testing.v1.EchoRequest', 'zielsteuerung.testing.v1.EchoResponse'),
      request, this.metadata(metadata), options, (err, value) => { if (!err) responses.push(value); });
    return this.observe(call, responses);
  }

  serverStream(request, { cancelAfter } = {}) {
    const call = this.client.makeServerStreamRequest(this.path(ECHO_SERVICE, 'ServerStream'),
      ...this.codec('zielsteuerung.testing.v1.EchoRequest', 'zielsteuerung.testing.v1.EchoResponse'),
      request, this.metadata());
    const responses = [];
    call.on('data', r => { responses.push(r); if (responses.length === cancelAfter) call.cancel(); });
    call.on('error', () => {});
    return this.observe(call, responses);
  }

  clientStream(requests) {
    const responses = [];
    const call = this.client.makeClientStreamRequest(this.path(ECHO_SERVICE, 'ClientStream'),
      ...this.codec('zielsteuerung.testing.v1.EchoRequest', 'zielsteuerung.testing.v1.EchoResponse'),
      this.metadata(), {}, (err, value) => { if (!err) responses.push(value); });
    const observed = this.observe(call, responses);
    for (const r of requests) call.write(r);
    call.end();
    return observed;
  }

  /** Sends the next request only after the previous one's answer arrived. */
  duplexPingPong(requests) {
    const call = this.client.makeBidiStreamRequest(this.path(ECHO_SERVICE, 'DuplexStream'),
      ...this.codec('zielsteuerung.testing.v1.EchoRequest', 'zielsteuerung.testing.v1.EchoResponse'), this.metadata());
    const responses = [];
    const observed = this.observe(call, responses);
    let next = 0;
    const send = () => { if (next < requests.length) call.write(requests[next++]); else call.end(); };
    call.on('data', r => { responses.push(r); send(); });
    call.on('error', () => {});
    send();
    return observed;
  }

  /** A bidi call driven by request/answer turns (reflection). */
  turns(service, method, requestType, responseType) {
    const call = this.client.makeBidiStreamRequest(this.path(service, method), ...this.codec(requestType, responseType),
      this.metadata(), { deadline: Date.now() + 10_000 });
    const waiting = [];
    call.on('data', r => waiting.shift().resolve(r));
    call.on('error', e => { while (waiting.length) waiting.shift().reject(e); });
    return {
      ask: request => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); call.write(request); }),
      finish: () => new Promise(resolve => { call.on('status', resolve); call.end(); }),
    };
  }
}

function responseJson(r) {
  const payload = Buffer.from(r.payload ?? []);
  return {
    message: r.message, payload_len: payload.length, index: r.index,
    payload_sha256: crypto.createHash('sha256').update(payload).digest('hex'),
  };
}

const errorRequest = (code, message, field_violation = '') => ({ message: 'fehler', error: { code, message, field_violation } });

async function reflectionList(c, version) {
  const pkg = `grpc.reflection.${version}`;
  const t = c.turns(`${pkg}.ServerReflection`, 'ServerReflectionInfo', `${pkg}.ServerReflectionRequest`, `${pkg}.ServerReflectionResponse`);
  const response = checkReflection(await t.ask({ list_services: '' }));
  await t.finish();
  return { services: response.list_services_response.service.map(s => s.name) };
}

function checkReflection(response) {
  if (response.error_response) {
    throw new Error(`reflection error ${response.error_response.error_code}: ${response.error_response.error_message}`);
  }
  return response;
}

/** file_containing_symbol, then every missing dependency by file name, until the service resolves. */
async function reflectionSymbol(c, version) {
  const pkg = `grpc.reflection.${version}`;
  const t = c.turns(`${pkg}.ServerReflection`, 'ServerReflectionInfo', `${pkg}.ServerReflectionRequest`, `${pkg}.ServerReflectionResponse`);
  const FileDescriptorProto = require('protobufjs/ext/descriptor').FileDescriptorProto;
  const files = new Map();
  const add = response => {
    for (const raw of checkReflection(response).file_descriptor_response.file_descriptor_proto) {
      const proto = FileDescriptorProto.decode(raw);
      if (!files.has(proto.name)) files.set(proto.name, proto);
    }
  };
  add(await t.ask({ file_containing_symbol: ECHO_SERVICE }));
  const firstNames = [...files.keys()];
  for (;;) {
    const missing = [...files.values()].flatMap(f => f.dependency ?? []).filter(d => !files.has(d));
    if (!missing.length) break;
    add(await t.ask({ file_by_filename: missing[0] }));
  }
  await t.finish();
  const protobuf = require('protobufjs');
  const root = protobuf.Root.fromDescriptor({ file: [...files.values()] });
  const service = root.lookupService(ECHO_SERVICE);
  return {
    files: firstNames, methods: service.methodsArray.map(m => m.name),
    input: service.methods.Unary.resolvedRequestType.fullName.replace(/^\./, ''),
  };
}

const scenarios = {
  unary: c => c.unary({ message: 'hallo Welt', payload: pattern(1024) }),
  server_stream: c => c.serverStream({ message: 'strom', payload: Buffer.from([1, 2]), repeat: 3 }),
  client_stream: c => c.clientStream([
    { message: 'a', payload: Buffer.from([1]) }, { message: 'b', payload: Buffer.from([2, 3]) }, { message: 'c' }]),
  duplex: c => c.duplexPingPong(['eins', 'zwei', 'drei'].map(m => ({ message: m, payload: Buffer.from(m) }))),
  error: c => c.unary(errorRequest(9, UNICODE_MESSAGE)),
  error_details: c => c.unary(errorRequest(3, 'Ungültige Anfrage', 'darf nicht leer sein — ✗')),
  stream_error: c => c.serverStream({ ...errorRequest(10, 'abgebrochen nach 2 — ✓'), repeat: 2 }),
  deadline: async c => {
    const started = Date.now();
    const result = await c.unary({ message: 'zu spät', delay_ms: 5000 }, { deadlineMs: 500 });
    return { ...result, elapsed_ms: Date.now() - started };
  },
  cancel: c => c.serverStream({ message: 'endlos', repeat: 1000, delay_ms: 20 }, { cancelAfter: 2 }),
  metadata: c => c.unary({ message: 'metadaten', echo_metadata: true },
    { metadata: [['x-echo-text', 'wert 1'], ['x-echo-data-bin', Buffer.from([0, 1, 2, 250, 255])]] }),
  large_request: c => c.unary({ message: 'groß', payload: pattern(LARGE), response_size: 1 }),
  large_response: c => c.unary({ message: 'groß', response_size: LARGE }),
  too_large_request: c => c.unary({ message: 'zu groß', payload: Buffer.alloc(TOO_LARGE), response_size: 1 }),
  too_large_response: c => c.unary({ message: 'zu groß', response_size: TOO_LARGE }),
  compressed_request: (c, makeClient) => makeClient({ 'grpc.default_compression_algorithm': 2 /* gzip */ })
    .unary({ message: 'gzip', payload: Buffer.alloc(1_000_000, 0xcd), response_size: 1 }),
  compressed_response: c => c.unary({ message: 'gzip', response_size: 1_000_000 }),
  unimplemented: async c => ({
    codes: [(await c.unary({ message: '?' }, { method: 'Missing' })).code,
      (await c.unary({ message: '?' }, { service: 'zielsteuerung.testing.v1.Nope' })).code],
  }),
  health_check: async c => {
    const [ser, de] = c.codec('grpc.health.v1.HealthCheckRequest', 'grpc.health.v1.HealthCheckResponse');
    const checks = [];
    for (const service of ['', ECHO_SERVICE, 'no.such.Service']) {
      checks.push(await new Promise(resolve => c.client.makeUnaryRequest(c.path(HEALTH, 'Check'), ser, de, { service },
        c.metadata(), { deadline: Date.now() + 5000 },
        (err, r) => resolve(err ? { service, code: err.code, status: null } : { service, code: 0, status: r.status }))));
    }
    return { checks };
  },
  health_watch: c => new Promise((resolve, reject) => {
    const call = c.client.makeServerStreamRequest(c.path(HEALTH, 'Watch'),
      ...c.codec('grpc.health.v1.HealthCheckRequest', 'grpc.health.v1.HealthCheckResponse'), { service: '' },
      c.metadata(), { deadline: Date.now() + 10_000 });
    const statuses = [];
    call.on('data', r => { statuses.push(r.status); call.cancel(); });
    call.on('error', e => { if (e.code !== grpc.status.CANCELLED) reject(e); });
    call.on('status', s => resolve({ statuses, code: s.code }));
  }),
  reflection_list_v1: c => reflectionList(c, 'v1'),
  reflection_list_v1alpha: c => reflectionList(c, 'v1alpha'),
  reflection_symbol_v1: c => reflectionSymbol(c, 'v1'),
  reflection_symbol_v1alpha: c => reflectionSymbol(c, 'v1alpha'),
};

async function main() {
  const { values: args } = parseArgs({
    options: { descriptors: { type: 'string' }, target: { type: 'string' }, scenario: { type: 'string' }, 'test-id': { type: 'string', default: '' } },
  });
  if (!args.descriptors || !args.target || !scenarios[args.scenario]) {
    console.error(`usage: echo-client.js --descriptors FILE --target HOST:PORT --scenario (${Object.keys(scenarios).join('|')})`);
    process.exit(2);
  }
  const { packageDefinition } = load(args.descriptors);
  const makeClient = options => new Client(packageDefinition, args.target, args['test-id'], options);
  const client = makeClient({});
  await new Promise((resolve, reject) => client.client.waitForReady(Date.now() + 10_000,
    err => err ? reject(new Error(`cannot connect to ${args.target} within 10 s: ${err.message}`)) : resolve()));
  printJson(await scenarios[args.scenario](client, makeClient));
  process.exit(0);
}

main().catch(err => { console.error(err.stack ?? String(err)); process.exit(1); });
