"""Debian's python grpcio as a client of our party registry (zielsteuerung.parties.v1.PartyRegistry).

Runs named checks in order against --target and prints one JSON object per check: what it observed
({"check": name, ...}) or {"check": name, "error": "..."}. The C# tests (tests/Grpc.Interop.Tests) assert on it.
No code generation: message classes come from the descriptor set (protoc --descriptor_set_out --include_imports)
of parties.proto, agreements.proto, google/rpc, grpc.health.v1 and grpc.reflection; Debian has no
grpc_health/grpc_reflection. agreements_client.py uses this script's machinery (Tokens, Stub, parse_arguments,
run_checks) for the agreements service.

Every call but health and reflection needs an access token: the script gets its own from --token-endpoint
(OAuth 2.0 client credentials over urllib, the client authenticated with HTTP Basic) and sends it as the
metadata "authorization: Bearer <token>". The clients are named by --writer (parties.write), --reader (parties.read
only) and --admin (identity.admin only: a token for another service); their secrets come from the environment
(INTEROP_WRITER_SECRET, INTEROP_READER_SECRET, INTEROP_ADMIN_SECRET), never from the command line.

    INTEROP_WRITER_SECRET=… INTEROP_READER_SECRET=… INTEROP_ADMIN_SECRET=… \
    /usr/bin/python3 tests/interop/python/registry_client.py --descriptors interop.pb --target 127.0.0.1:PORT \
        --run-id ix-manual-1 --token-endpoint http://127.0.0.1:PORT/connect/token \
        --writer mags-nrw --reader jc-05554 --admin platform-admin [--check get_party]
"""

import argparse
import base64
import json
import os
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

SERVICE = "zielsteuerung.parties.v1.PartyRegistry"
HEALTH = "grpc.health.v1.Health"
STATUS_DETAILS_KEY = "grpc-status-details-bin"
P = "zielsteuerung.parties.v1."
FUTURE = "2090-01-01"  # test parties exist only from here: no present or past read of the reference data sees them
SECRET_VARIABLE = "INTEROP_%s_SECRET"  # the secret of a role's client: INTEROP_WRITER_SECRET, …
# The scopes each client asks for: only what its calls need; the admin's only scope is for the identity service.
SCOPES = {"writer": ("parties.read", "parties.write"), "reader": ("parties.read",), "admin": ("identity.admin",)}
NO_TOKEN = ()


class Tokens:
    """Access tokens from the identity service's token endpoint (client credentials), one per client, got once."""

    # The endpoint is on loopback: whatever proxy the environment names is not on the way to it.
    _opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __init__(self, endpoint, clients, scopes=SCOPES):
        self.endpoint = endpoint
        self.clients = clients  # role -> (client_id, secret)
        self.scopes = scopes  # role -> the scopes its token asks for
        self._responses = {}

    def response(self, role):
        """The token response (JSON) for a role's client; raises with the endpoint's error if it refuses."""
        if role not in self._responses:
            self._responses[role] = self._request(role)
        return self._responses[role]

    def bearer(self, role):
        """The call metadata that carries the role's token."""
        return (("authorization", "Bearer " + self.response(role)["access_token"]),)

    def _request(self, role):
        client_id, secret = self.clients[role]
        if not secret:
            raise RuntimeError(f"no secret for {client_id}: set {SECRET_VARIABLE % role.upper()}")
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": " ".join(self.scopes[role])})
        # RFC 6749 2.3.1: HTTP Basic with the form-encoded id and secret.
        basic = base64.b64encode(f"{urllib.parse.quote_plus(client_id)}:{urllib.parse.quote_plus(secret)}".encode()).decode()
        request = urllib.request.Request(self.endpoint, data=form.encode("ascii"), method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
            "Authorization": "Basic " + basic})
        try:
            with self._opener.open(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            try:
                body = json.loads(body)
                body = f"{body.get('error')}: {body.get('error_description')}"
            except ValueError:
                pass
            raise RuntimeError(f"the token endpoint refused {client_id} with HTTP {e.code}: {body}") from None


def jwt_part(token, index):
    """A part (0 header, 1 payload) of a JWT, decoded; the registry checks the signature, the peer only reads."""
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class Stub:
    """Message classes of the descriptor set and callables for the methods of a channel; calls go to `service`."""

    def __init__(self, descriptor_set_path, channel, service, run_id, tokens, role):
        with open(descriptor_set_path, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
        self.pool = descriptor_pool.DescriptorPool()
        for file in files:
            self.pool.Add(file)
        self._factory = message_factory.MessageFactory(self.pool)
        self.channel = channel
        self.service = service
        self.run_id = run_id
        self.tokens = tokens
        self.role = role

    @property
    def auth(self):
        """The metadata of every call unless a check says otherwise: the token of the stub's role."""
        return self.tokens.bearer(self.role)

    def message(self, full_name):
        # protobuf 3.21/4.21 (Debian 12) has no message_factory.GetMessageClass yet.
        return self._factory.GetPrototype(self.pool.FindMessageTypeByName(full_name))

    def method(self, service, name, kind="unary_unary"):
        method = self.pool.FindServiceByName(service).methods_by_name[name]
        return getattr(self.channel, kind)(
            f"/{service}/{name}",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=self.message(method.output_type.full_name).FromString)

    def call(self, rpc, /, _metadata=None, _request=None, **fields):
        """A call of the service with the role's token (or _metadata) and the request _request or made of the fields;
        returns the response or raises grpc.RpcError."""
        method = self.pool.FindServiceByName(self.service).methods_by_name[rpc]
        request = self.message(method.input_type.full_name)(**fields) if _request is None else _request
        return self.method(self.service, rpc)(request, timeout=30, metadata=self.auth if _metadata is None else _metadata)

    def failure(self, rpc, /, _metadata=None, _request=None, **fields):
        """The status of a call that must fail: code, message and the parsed grpc-status-details-bin."""
        try:
            self.call(rpc, _metadata, _request, **fields)
        except grpc.RpcError as e:
            return {"code": e.code().value[0], "details": e.details() or "", "status": self.status(e.trailing_metadata())}
        return {"code": 0}

    def status(self, trailers):
        raw = next((v for k, v in trailers or () if k == STATUS_DETAILS_KEY), None)
        if raw is None:
            return None
        status = self.message("google.rpc.Status").FromString(raw)
        details = []
        for any_ in status.details:
            detail = self.message(any_.type_url.split("/")[-1])()
            any_.Unpack(detail)
            details.append({"type_url": any_.type_url, "value": to_json(detail)})
        return {"code": status.code, "message": status.message, "details": details}


class Registry(Stub):
    """The party registry with the writer's token; the run's parties are the run id and "<run id>-imp"."""

    def __init__(self, descriptor_set_path, channel, run_id, tokens):
        super().__init__(descriptor_set_path, channel, SERVICE, run_id, tokens, "writer")
        self.party_id = run_id
        self.import_id = run_id + "-imp"


def to_json(message):
    """protobuf's JSON mapping with the proto field names: enums by name, 64-bit integers as strings, no defaults."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


# ---- access tokens: got by the peer itself ----

def check_access_token(r):
    tokens = {}
    for role in ("writer", "reader", "admin"):
        response = r.tokens.response(role)
        payload = jwt_part(response["access_token"], 1)
        audience = payload.get("aud", [])
        tokens[role] = {"token_type": response.get("token_type"), "expires_in": response.get("expires_in"),
                        "typ": jwt_part(response["access_token"], 0).get("typ"),
                        "client_id": payload.get("client_id", payload.get("sub")), "party": payload.get("party", ""),
                        "scope": payload.get("scope", ""), "aud": [audience] if isinstance(audience, str) else audience}
    return {"tokens": tokens}


# ---- every RPC of zielsteuerung.parties.v1 ----

def check_get_party(r):
    return {"as_of": {d: to_json(r.call("GetParty", id="mags-nrw", as_of=d)) for d in ("2012-01-01", "2020-01-01")}}


def check_get_party_by_ags(r):
    return {"party": to_json(r.call("GetPartyByAgs", ags="05554", kind=7, as_of="2016-01-01"))}


def check_search_parties(r):
    response = r.call("SearchParties", name_fragment="GÜTERSLOH", as_of="2016-01-01")
    return {"ids": [p.id for p in response.parties], "names": [p.name for p in response.parties]}


def check_list_parties(r):
    Filter = r.message(P + "PartyFilter")
    pages, token = [], ""
    while True:
        response = r.call("ListParties", filter=Filter(kind=7, state="DE-NW", form=2), as_of="2016-01-01",
                          page_size=7, page_token=token)
        pages.append([p.id for p in response.parties])
        token = response.next_page_token
        if not token or len(pages) > 20:
            break
    return {"pages": pages}


def check_list_group_members(r):
    Filter = r.message(P + "PartyFilter")
    response = r.call("ListGroupMembers", group=Filter(kind=7, state="DE-NW", form=2), as_of="2016-01-01")
    return {"as_of": response.as_of, "members": [to_json(m) for m in response.members]}


def check_register_party(r):
    party = r.call("RegisterParty", id=r.party_id, kind=8, name="Interop-Gremium Düsseldorf-Süd",
                   short_name="IGDS", valid_from=FUTURE)
    return {"party": to_json(party)}


def check_record_change(r):
    party = r.call("RecordChange", party_id=r.party_id, expected_version=1, effective_date="2091-01-01",
                   name="Interop-Gremium Köln-Mülheim", reason="Umbenennung")
    before = r.call("GetParty", id=r.party_id, as_of="2090-06-01")
    return {"party": to_json(party), "name_before": before.name}


def check_list_party_history(r):
    history = r.call("ListPartyHistory", id=r.party_id)
    return {"version": history.version,
            "changes": [{"version": c.version, "changed_fields": list(c.changed_fields), "reason": c.reason,
                         "recorded_by": c.recorded_by}
                        for c in history.changes],
            "periods": [{"field": p.field, "value": p.value, "valid_from": p.valid_from, "valid_to": p.valid_to}
                        for p in history.periods if p.field == "name"]}


def import_file(r, kind="body"):
    header = "key,kind,name,ags,form,partner_agency,parent,verified,note\n"
    return (header + f'{r.import_id},{kind},"Interop-Beirat Münster, Import",,,,,no,interop test\n').encode("utf-8")


def check_import_parties(r):
    first = r.call("ImportParties", content=import_file(r), valid_from=FUTURE)
    again = r.call("ImportParties", content=import_file(r), valid_from=FUTURE)
    return {"first": json_format.MessageToDict(first, preserving_proto_field_name=True, including_default_value_fields=True),
            "again": json_format.MessageToDict(again, preserving_proto_field_name=True, including_default_value_fields=True)}


# ---- errors: code, unicode message, google.rpc details ----

def check_error_invalid_argument(r):
    return r.failure("GetParty", id="jc-müller")


def check_error_not_found(r):
    return r.failure("GetParty", id=r.run_id + "-missing")


def check_error_already_exists(r):
    return r.failure("RegisterParty", id=r.party_id, kind=8, name="Doppelt", valid_from=FUTURE)


def check_error_failed_precondition(r):
    return r.failure("RecordChange", party_id=r.party_id, expected_version=2, effective_date="2089-01-01", name="Zu früh")


def check_error_aborted(r):
    return r.failure("RecordChange", party_id=r.party_id, expected_version=1, effective_date="2092-01-01", name="Veraltet")


def check_error_import_rejected(r):
    return r.failure("ImportParties", content=import_file(r, kind="gremium"), valid_from=FUTURE)


# ---- access: refusals with google.rpc.ErrorInfo (domain identity.zielsteuerung) ----

def check_auth_token_missing(r):
    return r.failure("GetParty", NO_TOKEN, id="ba")


def check_auth_token_malformed(r):
    return r.failure("GetParty", (("authorization", "Bearer not-a-jwt"),), id="ba")


def check_auth_missing_scope(r):
    reader = r.tokens.bearer("reader")
    refused = r.failure("RegisterParty", reader, id=r.run_id + "-ro", kind=8, name="Nur lesend", valid_from=FUTURE)
    # The same token reads: it is valid, only the scope is missing.
    return {**refused, "read_name": r.call("GetParty", reader, id="ba").name}


def check_auth_wrong_audience(r):
    return r.failure("GetParty", r.tokens.bearer("admin"), id="ba")


def check_open_without_token(r):
    """Health and reflection answer a caller that has no token (a load balancer, grpcurl)."""
    check = r.method(HEALTH, "Check")
    Request = r.message("grpc.health.v1.HealthCheckRequest")
    health = []
    for service in ("", SERVICE):
        try:
            health.append({"service": service, "code": 0,
                           "status": serving_status_name(r, check(Request(service=service), timeout=10).status)})
        except grpc.RpcError as e:
            health.append({"service": service, "code": e.code().value[0], "status": None})
    ask, finish = reflection(r, "v1", NO_TOKEN)
    services = [s.name for s in ask(list_services="").list_services_response.service]
    finish()
    return {"health": health, "reflection_services": services}


# ---- deadlines, metadata ----

def check_deadline(r):
    method = r.method(SERVICE, "ListParties")
    request = r.message(P + "ListPartiesRequest")(page_size=500, as_of="2016-01-01")
    generous = method.with_call(request, timeout=30, metadata=r.auth)[1].code().value[0]
    try:
        method(request, timeout=0.0002, metadata=r.auth)
        tiny = 0
    except grpc.RpcError as e:
        tiny = e.code().value[0]
    return {"generous_code": generous, "tiny_code": tiny}


def check_metadata(r):
    method = r.method(SERVICE, "GetParty")
    request = r.message(P + "GetPartyRequest")(id="ba")
    metadata = (*r.auth, ("x-interop-run", r.run_id), ("x-interop-trace-bin", bytes(range(256))))
    response, call = method.with_call(request, metadata=metadata, timeout=30)
    # grpc-encoding is request metadata too: a server that did not read it could not parse the gzip body.
    compressed = method(request, timeout=30, compression=grpc.Compression.Gzip, metadata=r.auth)
    return {"name": response.name, "compressed_name": compressed.name,
            "headers": [k for k, _ in call.initial_metadata() or ()],
            "trailers": [k for k, _ in call.trailing_metadata() or ()],
            "error_trailers": [k for k, _ in error_trailers(r)]}


def error_trailers(r):
    try:
        r.call("GetParty", id=r.run_id + "-missing")
    except grpc.RpcError as e:
        return e.trailing_metadata() or ()
    return ()


# ---- health ----

def serving_status_name(r, number):
    return r.message("grpc.health.v1.HealthCheckResponse").DESCRIPTOR.enum_types_by_name["ServingStatus"] \
        .values_by_number[number].name


def check_health_check(r):
    check = r.method(HEALTH, "Check")
    Request = r.message("grpc.health.v1.HealthCheckRequest")
    results = []
    for service in ("", SERVICE, "zielsteuerung.nowhere.v1.Nothing"):
        try:
            results.append({"service": service, "code": 0,
                            "status": serving_status_name(r, check(Request(service=service), timeout=10,
                                                                     metadata=r.auth).status)})
        except grpc.RpcError as e:
            results.append({"service": service, "code": e.code().value[0], "status": None})
    return {"checks": results}


def check_health_watch(r):
    watch = r.method(HEALTH, "Watch", "unary_stream")
    call = watch(r.message("grpc.health.v1.HealthCheckRequest")(service=""), timeout=10, metadata=r.auth)
    first = next(call)
    call.cancel()
    return {"first": serving_status_name(r, first.status)}


# ---- reflection ----

def reflection(r, version, metadata=None):
    package = f"grpc.reflection.{version}"
    info = r.method(f"{package}.ServerReflection", "ServerReflectionInfo", "stream_stream")
    Request = r.message(f"{package}.ServerReflectionRequest")
    requests = []
    lock = threading.Condition()

    def generate():
        while True:
            with lock:
                lock.wait_for(lambda: requests)
                request = requests.pop(0)
            if request is None:
                return
            yield request

    call = info(generate(), timeout=10, metadata=r.auth if metadata is None else metadata)

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


def check_reflection_list(r, version):
    ask, finish = reflection(r, version)
    services = [s.name for s in ask(list_services="").list_services_response.service]
    finish()
    return {"services": services}


def check_reflection_symbol(r, version):
    """file_containing_symbol, then every missing dependency by name; then a call through the reflected types."""
    ask, finish = reflection(r, version)
    files = {}

    def add(response):
        for raw in response.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files.setdefault(proto.name, proto)

    add(ask(file_containing_symbol=SERVICE))
    first = list(files)
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
    service = pool.FindServiceByName(SERVICE)
    factory = message_factory.MessageFactory(pool)
    get = service.methods_by_name["GetParty"]
    Request, Response = (factory.GetPrototype(get.input_type), factory.GetPrototype(get.output_type))
    party = r.channel.unary_unary(f"/{SERVICE}/GetParty", request_serializer=lambda m: m.SerializeToString(),
                                  response_deserializer=Response.FromString)(Request(id="ba"), timeout=30,
                                                                             metadata=r.auth)
    return {"files": first, "methods": [m.name for m in service.methods], "reflected_call_name": party.name}


CHECKS = {name[len("check_"):]: fn for name, fn in list(globals().items())
          if name.startswith("check_") and name not in ("check_reflection_list", "check_reflection_symbol")}
for _version in ("v1", "v1alpha"):
    CHECKS[f"reflection_list_{_version}"] = lambda r, v=_version: check_reflection_list(r, v)
    CHECKS[f"reflection_symbol_{_version}"] = lambda r, v=_version: check_reflection_symbol(r, v)


def parse_arguments(service, roles, checks):
    """The command line of a client script: where to call, the run id, a client id per role (role -> what it may
    do; its secret comes from the environment) and --check."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--target", required=True, help=f"host:port of the {service}'s gRPC endpoint")
    parser.add_argument("--run-id", required=True, help="unique per run: what the run creates is named after it")
    parser.add_argument("--token-endpoint", required=True, help="the identity service's /connect/token URL")
    for role, may in roles.items():
        parser.add_argument(f"--{role}", required=True, help=f"client id {may} (secret: {SECRET_VARIABLE % role.upper()})")
    parser.add_argument("--check", action="append", choices=sorted(checks), help="only these (default: all, in order)")
    return parser.parse_args()


def run_checks(args, checks, scopes, make_stub):
    """Connects to --target and runs the checks in order, printing one JSON line each; make_stub(channel, tokens)
    makes what the checks get."""
    with grpc.insecure_channel(args.target) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
        except grpc.FutureTimeoutError:
            sys.exit(f"cannot connect to {args.target} within 10 s")
        tokens = Tokens(args.token_endpoint, {role: (getattr(args, role), os.environ.get(SECRET_VARIABLE % role.upper(), ""))
                                              for role in scopes}, scopes)
        stub = make_stub(channel, tokens)
        for name in args.check or checks:
            try:
                result = {"check": name, **checks[name](stub)}
            except Exception as e:  # reported, and the next check still runs
                result = {"check": name, "error": f"{type(e).__name__}: {e}"}
            sys.stdout.write(json.dumps(result, ensure_ascii=False, default=lambda b: base64.b64encode(b).decode()) + "\n")
            sys.stdout.flush()


def main():
    args = parse_arguments("registry", {"writer": "with parties.write", "reader": "without parties.write",
                                        "admin": "with identity.admin"}, CHECKS)
    run_checks(args, CHECKS, SCOPES, lambda channel, tokens: Registry(args.descriptors, channel, args.run_id, tokens))


if __name__ == "__main__":
    main()
