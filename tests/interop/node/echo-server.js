'use strict';
// zielsteuerung.testing.v1.Echo served by @grpc/grpc-js, as tests/Grpc.TestContracts/echo.proto describes it,
// with grpc-health-check (grpc.health.v1) and @grpc/reflection (v1 + v1alpha) next to it.
//
// Usage: node echo-server.js --descriptors FILE [--port 0]
// Prints JSON lines on stdout: first {"event":"ready","port":P} once it accepts calls, then
// {"event":"cancelled","test_id":…,"method":…} whenever a call ends (client cancellation, deadline) while its
// handler still runs (test id = request header x-test-id). Stops on SIGTERM or when stdin closes.
// grpc-js servers cannot compress responses (see server-interceptors.js), so there is no compressed listener.
const { parseArgs } = require('node:util');
const { HealthImplementation } = require('grpc-health-check');
const { ReflectionService } = require('@grpc/reflection');
const { grpc, load, messageType, printJson, ECHO_SERVICE, STATUS_DETAILS_KEY, BAD_REQUEST_TYPE_URL } = require('./interop-common');

const { values: args } = parseArgs({ options: { descriptors: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!args.descriptors) { console.error('--descriptors is required'); process.exit(2); }

const { packageDefinition, proto } = load(args.descriptors);
const Status = messageType(packageDefinition, 'google.rpc.Status');
const BadRequest = messageType(packageDefinition, 'google.rpc.BadRequest');

/** Per-call state: cancellation (reported once as an event) and the echoed metadata. */
class Call {
  constructor(call, method) {
    this.call = call;
    this.finished = false;
    this.headersSent = false;
    this.trailers = new grpc.Metadata();
    const testId = call.metadata.get('x-test-id')[0] ?? '';
    call.on('cancelled', () => {
      if (!this.finished) printJson({ event: 'cancelled', test_id: String(testId), method });
    });
  }

  get active() { return !this.call.cancelled; }

  /** Resolves after delayMs, early when the call is cancelled; true if the call is still active. */
  wait(delayMs) {
    if (!delayMs || !this.active) return Promise.resolve(this.active);
    return new Promise(resolve => {
      const done = () => { clearTimeout(timer); this.call.off('cancelled', done); resolve(this.active); };
      const timer = setTimeout(done, delayMs);
      this.call.on('cancelled', done);
    });
  }

  /** Echoes x-echo-* request headers as response headers and, renamed, as trailers (once per call). */
  applyMetadata(request) {
    if (this.headersSent || !request.echo_metadata) return;
    this.headersSent = true;
    const headers = new grpc.Metadata();
    for (const [key, values] of Object.entries(this.call.metadata.toJSON())) {
      if (!key.startsWith('x-echo-')) continue;
      for (const value of values) {
        headers.add(key, value);
        this.trailers.add('x-echo-trailer-' + key.slice('x-echo-'.length), value);
      }
    }
    this.call.sendMetadata(headers);
  }

  /** The status object grpc-js sends for an ErrorToRaise. */
  error(error) {
    this.finished = true;
    const metadata = this.trailers.clone();
    if (error.field_violation) {
      const badRequest = BadRequest.serialize({ field_violations: [{ field: 'message', description: error.field_violation }] });
      metadata.set(STATUS_DETAILS_KEY, Status.serialize({
        code: error.code, message: error.message, details: [{ type_url: BAD_REQUEST_TYPE_URL, value: badRequest }],
      }));
    }
    return { code: error.code, details: error.message, metadata };
  }
}

/** The request's ErrorToRaise, unless absent or code 0. */
const errorOf = request => (request.error && request.error.code !== 0 ? request.error : null);

function response(request, index) {
  const payload = request.response_size > 0 ? Buffer.alloc(request.response_size, 0xab) : request.payload;
  return { message: request.message, payload, index };
}

/** Runs handler(request) for each request strictly in arrival order; resolves after the stream ended. */
function eachRequest(call, handler) {
  return new Promise((resolve, reject) => {
    let chain = Promise.resolve();
    call.on('data', request => { chain = chain.then(() => handler(request)); });
    call.on('end', () => chain.then(resolve, reject));
    call.on('error', reject);
    call.on('cancelled', () => resolve());
  });
}

const echo = {
  async unary(call, callback) {
    const c = new Call(call, 'Unary');
    c.applyMetadata(call.request);
    if (!await c.wait(call.request.delay_ms)) return;
    if (errorOf(call.request)) return callback(c.error(call.request.error));
    c.finished = true;
    callback(null, response(call.request, 0), c.trailers);
  },

  async serverStream(call) {
    const c = new Call(call, 'ServerStream');
    c.applyMetadata(call.request);
    for (let index = 0; index < call.request.repeat; index++) {
      if (!await c.wait(call.request.delay_ms)) return;
      call.write(response(call.request, index));
    }
    if (errorOf(call.request)) return call.emit('error', c.error(call.request.error));
    c.finished = true;
    call.end(c.trailers);
  },

  async clientStream(call, callback) {
    const c = new Call(call, 'ClientStream');
    const messages = [], payloads = [];
    let error = null;
    await eachRequest(call, async request => {
      c.applyMetadata(request);
      messages.push(request.message);
      payloads.push(request.payload);
      error = error ?? errorOf(request);
    });
    if (!c.active) return;
    if (error) return callback(c.error(error));
    c.finished = true;
    callback(null, { message: messages.join(','), payload: Buffer.concat(payloads), index: messages.length }, c.trailers);
  },

  async duplexStream(call) {
    const c = new Call(call, 'DuplexStream');
    let index = 0, failed = false;
    await eachRequest(call, async request => {
      if (failed) return;
      c.applyMetadata(request);
      if (errorOf(request)) { failed = true; call.emit('error', c.error(request.error)); return; }
      if (!await c.wait(request.delay_ms)) return;
      call.write(response(request, index++));
    });
    if (!c.active || failed) return;
    c.finished = true;
    call.end(c.trailers);
  },
};

// Default message limits (receive 4 MiB, send unlimited), as a real deployment would have them.
const server = new grpc.Server();
server.addService(proto.zielsteuerung.testing.v1.Echo.service, echo);
new HealthImplementation({ '': 'SERVING', [ECHO_SERVICE]: 'SERVING' }).addToServer(server);
new ReflectionService(packageDefinition).addToServer(server);

server.bindAsync(`127.0.0.1:${args.port}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) { console.error(`cannot bind 127.0.0.1:${args.port}: ${err.message}`); process.exit(1); }
  printJson({ event: 'ready', port, pid: process.pid });
});

const stop = () => server.tryShutdown(() => process.exit(0));
process.on('SIGTERM', stop);
// The test host closes our stdin when it goes away, so no peer outlives a crashed test run.
process.stdin.on('end', stop).resume();
