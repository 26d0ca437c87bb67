"""zielsteuerung.testing.v1.Echo served by python grpcio, as tests/Grpc.TestContracts/echo.proto describes it.

Usage: echo_server.py --descriptors FILE [--port 0]

Prints JSON lines on stdout: first {"event": "ready", "port": P, "compressed_port": Q} once both listeners
accept calls (Q answers with gzip-compressed messages), then {"event": "cancelled", "test_id": ...,
"method": ...} whenever a call ends (client cancellation, deadline) while its handler still runs. The
test id is the request header x-test-id. Stops on SIGTERM or when stdin closes.
"""

import argparse
import os
import signal
import sys
import threading
from concurrent import futures

import grpc

from interop_common import (BAD_REQUEST_TYPE_URL, CODES_BY_NUMBER, ECHO_SERVICE, STATUS_DETAILS_KEY,
                            Messages, print_json)

_print_lock = threading.Lock()


def emit(obj):
    with _print_lock:
        print_json(obj)


class EchoServicer:
    def __init__(self, messages):
        self.Response = messages["zielsteuerung.testing.v1.EchoResponse"]
        self.Status = messages["google.rpc.Status"]
        self.BadRequest = messages["google.rpc.BadRequest"]

    # -- per-call plumbing ------------------------------------------------------------------------------

    class _Call:
        """Observes the end of a call so that waits stop and cancellation is reported."""

        def __init__(self, context, method):
            self.context = context
            self.method = method
            self.ended = threading.Event()
            self.finished = False
            self.headers_sent = False
            self.trailers = []
            self.test_id = dict(context.invocation_metadata()).get("x-test-id", "")
            context.add_callback(self._on_end)

        def _on_end(self):
            self.ended.set()
            if not self.finished:
                emit({"event": "cancelled", "test_id": self.test_id, "method": self.method})

        def wait(self, delay_ms):
            """Waits delay_ms; False when the call ended meanwhile (cancelled or deadline exceeded)."""
            if delay_ms > 0:
                self.ended.wait(delay_ms / 1000.0)
            return self.context.is_active()

        def apply_metadata(self, request):
            """Echoes x-echo-* request headers as response headers and, renamed, as trailers (once per call)."""
            if self.headers_sent or not request.echo_metadata:
                return
            self.headers_sent = True
            echoed = [(k, v) for k, v in self.context.invocation_metadata() if k.startswith("x-echo-")]
            self.context.send_initial_metadata(echoed)
            self.trailers = [("x-echo-trailer-" + k[len("x-echo-"):], v) for k, v in echoed]
            self.context.set_trailing_metadata(self.trailers)

    @staticmethod
    def _error(request):
        return request.error if request.HasField("error") and request.error.code != 0 else None

    def _response(self, request, index):
        payload = b"\xab" * request.response_size if request.response_size > 0 else request.payload
        return self.Response(message=request.message, payload=payload, index=index)

    def _raise(self, call, error):
        trailers = list(call.trailers)
        if error.field_violation:
            bad_request = self.BadRequest()
            violation = bad_request.field_violations.add()
            violation.field = "message"
            violation.description = error.field_violation
            status = self.Status(code=error.code, message=error.message)
            detail = status.details.add()
            detail.type_url = BAD_REQUEST_TYPE_URL
            detail.value = bad_request.SerializeToString()
            trailers.append((STATUS_DETAILS_KEY, status.SerializeToString()))
        call.context.set_trailing_metadata(trailers)
        call.finished = True
        call.context.abort(CODES_BY_NUMBER[error.code], error.message)

    # -- the four methods -----------------------------------------------------------------------------------

    def Unary(self, request, context):
        call = self._Call(context, "Unary")
        call.apply_metadata(request)
        if not call.wait(request.delay_ms):
            return self.Response()
        if self._error(request):
            self._raise(call, request.error)
        call.finished = True
        return self._response(request, 0)

    def ServerStream(self, request, context):
        call = self._Call(context, "ServerStream")
        call.apply_metadata(request)
        for index in range(request.repeat):
            if not call.wait(request.delay_ms):
                return
            yield self._response(request, index)
        if self._error(request):
            self._raise(call, request.error)
        call.finished = True

    def ClientStream(self, request_iterator, context):
        call = self._Call(context, "ClientStream")
        messages, payloads, error = [], [], None
        for request in request_iterator:
            call.apply_metadata(request)
            messages.append(request.message)
            payloads.append(request.payload)
            if error is None:
                error = self._error(request)
        if not context.is_active():
            return self.Response()
        if error is not None:
            self._raise(call, error)
        call.finished = True
        return self.Response(message=",".join(messages), payload=b"".join(payloads), index=len(messages))

    def DuplexStream(self, request_iterator, context):
        call = self._Call(context, "DuplexStream")
        index = 0
        for request in request_iterator:
            call.apply_metadata(request)
            if self._error(request):
                self._raise(call, request.error)
            if not call.wait(request.delay_ms):
                return
            yield self._response(request, index)
            index += 1
        call.finished = True


def build_server(messages, servicer, compression):
    Request = messages["zielsteuerung.testing.v1.EchoRequest"]
    codec = dict(request_deserializer=Request.FromString, response_serializer=servicer.Response.SerializeToString)
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(servicer.Unary, **codec),
        "ServerStream": grpc.unary_stream_rpc_method_handler(servicer.ServerStream, **codec),
        "ClientStream": grpc.stream_unary_rpc_method_handler(servicer.ClientStream, **codec),
        "DuplexStream": grpc.stream_stream_rpc_method_handler(servicer.DuplexStream, **codec),
    }
    # Default message limits (receive 4 MiB, send unlimited), as a real deployment would have them.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32), compression=compression)
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(ECHO_SERVICE, handlers),))
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    messages = Messages(args.descriptors)
    servicer = EchoServicer(messages)
    plain = build_server(messages, servicer, None)
    compressed = build_server(messages, servicer, grpc.Compression.Gzip)
    port = plain.add_insecure_port(f"127.0.0.1:{args.port}")
    compressed_port = compressed.add_insecure_port("127.0.0.1:0")
    if port == 0 or compressed_port == 0:
        sys.exit(f"cannot bind 127.0.0.1:{args.port}")
    plain.start()
    compressed.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    # The test host closes our stdin when it goes away, so no peer outlives a crashed test run.
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    emit({"event": "ready", "port": port, "compressed_port": compressed_port, "pid": os.getpid()})
    stop.wait()
    plain.stop(0)
    compressed.stop(0)


if __name__ == "__main__":
    main()
