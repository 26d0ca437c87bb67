"""python grpcio as the client: runs one named interop scenario against a server and prints what it observed.

Usage: echo_client.py --descriptors FILE --target HOST:PORT --scenario NAME [--test-id ID]

Prints one JSON object on stdout (the C# tests assert on it) and exits 0; exits non-zero with a message on
stderr when the scenario itself cannot run. Scenarios and output fields are the same as those of
tests/interop/node/echo_client.js; see docs/grpc-interop.md.
"""

import argparse
import hashlib
import sys
import threading
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool

from interop_common import (BAD_REQUEST_TYPE_URL, ECHO_SERVICE, STATUS_DETAILS_KEY, Messages, metadata_to_json,
                            print_json)

UNICODE_MESSAGE = "Zielwert überschritten — ✓"
LARGE = 4_000_000
TOO_LARGE = 5_000_000  # above the 4 MiB every implementation receives by default


def pattern(size):
    return bytes(i % 251 for i in range(size))


class Client:
    def __init__(self, messages, channel, test_id):
        self.m = messages
        self.channel = channel
        self.Request = messages["zielsteuerung.testing.v1.EchoRequest"]
        self.Response = messages["zielsteuerung.testing.v1.EchoResponse"]
        self.metadata = [("x-test-id", test_id)]

    def method(self, kind, name, request_type="zielsteuerung.testing.v1.EchoRequest",
               response_type="zielsteuerung.testing.v1.EchoResponse", service=ECHO_SERVICE):
        factory = getattr(self.channel, kind)
        return factory(f"/{service}/{name}", request_serializer=self.m[request_type].SerializeToString,
                       response_deserializer=self.m[response_type].FromString)

    # -- result shaping ---------------------------------------------------------------------------------

    @staticmethod
    def response_json(response):
        return {"message": response.message, "payload_len": len(response.payload),
                "payload_sha256": hashlib.sha256(response.payload).hexdigest(), "index": response.index}

    def status_details(self, trailers):
        raw = dict(trailers or ()).get(STATUS_DETAILS_KEY)
        if raw is None:
            return None
        status = self.m["google.rpc.Status"].FromString(raw)
        details = []
        for any_ in status.details:
            detail = {"type_url": any_.type_url}
            if any_.type_url == BAD_REQUEST_TYPE_URL:
                bad_request = self.m["google.rpc.BadRequest"].FromString(any_.value)
                detail["field_violations"] = [{"field": v.field, "description": v.description}
                                              for v in bad_request.field_violations]
            details.append(detail)
        return {"code": status.code, "message": status.message, "details": details}

    def result(self, call, responses):
        return {"code": call.code().value[0], "details": call.details() or "",
                "responses": [self.response_json(r) for r in responses],
                "headers": metadata_to_json(call.initial_metadata()),
                "trailers": metadata_to_json(call.trailing_metadata()),
                "status_details": self.status_details(call.trailing_metadata())}

    # -- calls ----------------------------------------------------------------------------------------------

    def unary(self, request, metadata=(), **kwargs):
        try:
            response, call = self.method("unary_unary", "Unary").with_call(
                request, metadata=self.metadata + list(metadata), **kwargs)
            return self.result(call, [response])
        except grpc.RpcError as error:
            return self.result(error, [])

    def server_stream(self, request, cancel_after=None, **kwargs):
        call = self.method("unary_stream", "ServerStream")(request, metadata=self.metadata, **kwargs)
        responses = []
        try:
            for response in call:
                responses.append(response)
                if cancel_after is not None and len(responses) == cancel_after:
                    call.cancel()
        except grpc.RpcError:
            pass
        return self.result(call, responses)

    def client_stream(self, requests, **kwargs):
        try:
            response, call = self.method("stream_unary", "ClientStream").with_call(
                iter(requests), metadata=self.metadata, **kwargs)
            return self.result(call, [response])
        except grpc.RpcError as error:
            return self.result(error, [])

    def duplex_ping_pong(self, requests):
        """Sends the next request only after the previous one's answer arrived."""
        answered = threading.Semaphore(0)

        def generate():
            for request in requests:
                yield request
                answered.acquire()

        call = self.method("stream_stream", "DuplexStream")(generate(), metadata=self.metadata)
        responses = []
        try:
            for response in call:
                responses.append(response)
                answered.release()
        except grpc.RpcError:
            pass
        return self.result(call, responses)


# -- scenarios ---------------------------------------------------------------------------------------------

def scenario_unary(c):
    return c.unary(c.Request(message="hallo Welt", payload=pattern(1024)))


def scenario_server_stream(c):
    return c.server_stream(c.Request(message="strom", payload=b"\x01\x02", repeat=3))


def scenario_client_stream(c):
    return c.client_stream([c.Request(message="a", payload=b"\x01"), c.Request(message="b", payload=b"\x02\x03"),
                            c.Request(message="c")])


def scenario_duplex(c):
    return c.duplex_ping_pong([c.Request(message=m, payload=m.encode()) for m in ("eins", "zwei", "drei")])


def error_request(c, code, message, field_violation=""):
    request = c.Request(message="fehler")
    request.error.code = code
    request.error.message = message
    request.error.field_violation = field_violation
    return request


def scenario_error(c):
    return c.unary(error_request(c, 9, UNICODE_MESSAGE))


def scenario_error_details(c):
    return c.unary(error_request(c, 3, "Ungültige Anfrage", "darf nicht leer sein — ✗"))


def scenario_stream_error(c):
    request = error_request(c, 10, "abgebrochen nach 2 — ✓")
    request.repeat = 2
    return c.server_stream(request)


def scenario_deadline(c):
    started = time.monotonic()
    result = c.unary(c.Request(message="zu spät", delay_ms=5000), timeout=0.5)
    result["elapsed_ms"] = int((time.monotonic() - started) * 1000)
    return result


def scenario_cancel(c):
    return c.server_stream(c.Request(message="endlos", repeat=1000, delay_ms=20), cancel_after=2)


def scenario_metadata(c):
    return c.unary(c.Request(message="metadaten", echo_metadata=True),
                   metadata=[("x-echo-text", "wert 1"), ("x-echo-data-bin", bytes([0, 1, 2, 250, 255]))])


def scenario_large_request(c):
    return c.unary(c.Request(message="groß", payload=pattern(LARGE), response_size=1))


def scenario_large_response(c):
    return c.unary(c.Request(message="groß", response_size=LARGE))


def scenario_too_large_request(c):
    return c.unary(c.Request(message="zu groß", payload=bytes(TOO_LARGE), response_size=1))


def scenario_too_large_response(c):
    return c.unary(c.Request(message="zu groß", response_size=TOO_LARGE))


def scenario_compressed_request(c):
    return c.unary(c.Request(message="gzip", payload=b"\xcd" * 1_000_000, response_size=1),
                   compression=grpc.Compression.Gzip)


def scenario_compressed_response(c):
    return c.unary(c.Request(message="gzip", response_size=1_000_000))


def scenario_unimplemented(c):
    codes = []
    for service, method in ((ECHO_SERVICE, "Missing"), ("zielsteuerung.testing.v1.Nope", "Unary")):
        try:
            c.method("unary_unary", method, service=service)(c.Request(message="?"), metadata=c.metadata)
            codes.append(0)
        except grpc.RpcError as error:
            codes.append(error.code().value[0])
    return {"codes": codes}


HEALTH = "grpc.health.v1.Health"


def scenario_health_check(c):
    check = c.method("unary_unary", "Check", "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse",
                     service=HEALTH)
    Request = c.m["grpc.health.v1.HealthCheckRequest"]
    enum = c.m["grpc.health.v1.HealthCheckResponse"].DESCRIPTOR.enum_types_by_name["ServingStatus"]
    results = []
    for service in ("", ECHO_SERVICE, "no.such.Service"):
        try:
            response = check(Request(service=service), metadata=c.metadata, timeout=5)
            results.append({"service": service, "code": 0,
                            "status": enum.values_by_number[response.status].name})
        except grpc.RpcError as error:
            results.append({"service": service, "code": error.code().value[0], "status": None})
    return {"checks": results}


def scenario_health_watch(c):
    watch = c.method("unary_stream", "Watch", "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse",
                     service=HEALTH)
    enum = c.m["grpc.health.v1.HealthCheckResponse"].DESCRIPTOR.enum_types_by_name["ServingStatus"]
    call = watch(c.m["grpc.health.v1.HealthCheckRequest"](service=""), metadata=c.metadata, timeout=10)
    first = next(call)
    call.cancel()
    return {"statuses": [enum.values_by_number[first.status].name], "code": call.code().value[0]}


def reflection(c, version):
    package = f"grpc.reflection.{version}"
    info = c.method("stream_stream", "ServerReflectionInfo", f"{package}.ServerReflectionRequest",
                    f"{package}.ServerReflectionResponse", service=f"{package}.ServerReflection")
    Request = c.m[f"{package}.ServerReflectionRequest"]
    requests, responses = [], []
    lock = threading.Condition()

    def generate():
        while True:
            with lock:
                lock.wait_for(lambda: requests)
                request = requests.pop(0)
            if request is None:
                return
            yield request

    call = info(generate(), metadata=c.metadata, timeout=10)

    def ask(**fields):
        with lock:
            requests.append(Request(**fields))
            lock.notify_all()
        response = next(call)
        if response.HasField("error_response"):
            raise RuntimeError(f"reflection error {response.error_response.error_code}: "
                               f"{response.error_response.error_message}")
        return response

    def finish():
        with lock:
            requests.append(None)
            lock.notify_all()
        for _ in call:
            pass

    return ask, finish


def scenario_reflection_list(c, version):
    ask, finish = reflection(c, version)
    services = [s.name for s in ask(list_services="").list_services_response.service]
    finish()
    return {"services": services}


def scenario_reflection_symbol(c, version):
    """file_containing_symbol, then every missing dependency by file name, until a pool can be built."""
    ask, finish = reflection(c, version)
    files = {}

    def add(response):
        for raw in response.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files.setdefault(proto.name, proto)

    add(ask(file_containing_symbol=ECHO_SERVICE))
    first_names = list(files)
    while missing := [d for f in list(files.values()) for d in f.dependency if d not in files]:
        add(ask(file_by_filename=missing[0]))
    finish()

    pool = descriptor_pool.DescriptorPool()
    added = set()
    while len(added) < len(files):
        for name, proto in files.items():
            if name not in added and all(d in added for d in proto.dependency):
                pool.Add(proto)
                added.add(name)
    service = pool.FindServiceByName(ECHO_SERVICE)
    return {"files": first_names, "methods": [m.name for m in service.methods],
            "input": service.methods_by_name["Unary"].input_type.full_name}


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items() if name.startswith("scenario_")}
for _version in ("v1", "v1alpha"):
    SCENARIOS[f"reflection_list_{_version}"] = lambda c, v=_version: scenario_reflection_list(c, v)
    SCENARIOS[f"reflection_symbol_{_version}"] = lambda c, v=_version: scenario_reflection_symbol(c, v)
del SCENARIOS["reflection_list"], SCENARIOS["reflection_symbol"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--test-id", default="")
    args = parser.parse_args()

    messages = Messages(args.descriptors)
    with grpc.insecure_channel(args.target) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
        except grpc.FutureTimeoutError:
            sys.exit(f"cannot connect to {args.target} within 10 s")
        print_json(SCENARIOS[args.scenario](Client(messages, channel, args.test_id)))


if __name__ == "__main__":
    main()
