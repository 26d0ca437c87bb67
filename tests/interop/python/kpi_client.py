"""Debian's python grpcio as a client of our KPI ingestion service (zielsteuerung.kpi.v1.Kpi).

The same machinery as registry_client.py (message classes from the descriptor set, tokens from --token-endpoint,
one JSON line per check; see there), here with grpcio's client stream for the upload `Deliver`: a header, then the
rows in chunks. BA Statistik's client delivers for the run's own two jobcenters (python: Kreis Olpe 05966 and
Siegen-Wittgenstein 05970; the node peer has others, so both run at once against one topology) in 2016-12 … 2018-12:
a partial delivery with every kind of bad row, an all-or-nothing one with one bad row, one sent again, then the
reports, series, computed K2 and its Jahresfortschrittswerte, a revision read as of a moment before it, the
catalogue, and the refusals with their google.rpc details. A delivery that must be new carries a value made of the
run id (the content hash covers the mode and the rows, not the description). The clients are named by --deliverer
(ba-statistik: kpi.deliver and kpi.read) and --reader (jc-05554: kpi.read only); their secrets come from
INTEROP_DELIVERER_SECRET and INTEROP_READER_SECRET.

    INTEROP_DELIVERER_SECRET=… INTEROP_READER_SECRET=… \
    /usr/bin/python3 tests/interop/python/kpi_client.py --descriptors interop.pb --target 127.0.0.1:PORT \
        --run-id ix-manual-1 --token-endpoint http://127.0.0.1:PORT/connect/token \
        --deliverer ba-statistik --reader jc-05554 [--check deliver_partial]
"""

import datetime
import hashlib
import time

import grpc
from google.protobuf import json_format

from registry_client import NO_TOKEN, Stub, jwt_part, parse_arguments, run_checks, to_json

SERVICE = "zielsteuerung.kpi.v1.Kpi"
K = "zielsteuerung.kpi.v1."
# The scopes each client asks for: only what its calls need.
SCOPES = {"deliverer": ("kpi.read", "kpi.deliver"), "reader": ("kpi.read",)}
# The run's jobcenters: computed figures, steering values and the revision on the first; the deliveries on the second.
FIRST, SECOND = "05966", "05970"


def months(first, count):
    """The months from `first` (yyyy-MM) on, `count` of them."""
    year, month = int(first[:4]), int(first[5:])
    for _ in range(count):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def row(jobcenter, month, code, value, **fields):
    """A DeliveryRow as a dict of the JSON mapping: total, final basis unless fields say otherwise."""
    return {"jobcenter": jobcenter, "month": month, "code": code, "value": value, "sex": "SEX_TOTAL",
            "basis": "DATA_BASIS_FINAL", **fields}


def run_value(run_id):
    """100 … 999, made of the run id: a row with it makes a delivery's content new in every run."""
    return str(int.from_bytes(hashlib.sha256(run_id.encode("utf-8")).digest()[:4], "big") % 900 + 100)


def just_after(delivered_at):
    """One millisecond after a report's delivered_at (RFC 3339, milliseconds, UTC)."""
    moment = datetime.datetime.strptime(delivered_at, "%Y-%m-%dT%H:%M:%S.%fZ") + datetime.timedelta(milliseconds=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Kpi(Stub):
    """The KPI ingestion service: deliveries with BA Statistik's token, reads with the reader's unless a check says otherwise."""

    def __init__(self, descriptor_set_path, channel, run_id, tokens):
        super().__init__(descriptor_set_path, channel, SERVICE, run_id, tokens, "reader")
        self.salt = run_value(run_id)
        self.partial = None  # the report of deliver_partial, for get_delivery and list_deliveries

    def request(self, rpc, fields):
        """The request message of an RPC, parsed from the JSON mapping (nested messages, oneofs, enums by name)."""
        method = self.pool.FindServiceByName(SERVICE).methods_by_name[rpc]
        return json_format.ParseDict(fields, self.message(method.input_type.full_name)())

    def read(self, rpc, metadata=None, **fields):
        return self.call(rpc, metadata, self.request(rpc, fields))

    def stream(self, messages, metadata):
        """Deliver, a client stream: the DeliverRequests (dicts) are sent one by one as grpcio pulls them."""
        Request = self.message(K + "DeliverRequest")
        requests = (json_format.ParseDict(m, Request()) for m in messages)
        return self.method(SERVICE, "Deliver", "stream_unary")(requests, timeout=30, metadata=metadata)

    def deliver(self, chunks, mode="DELIVERY_MODE_PARTIAL", key="", description="", metadata=None):
        """A delivery as BA Statistik sends it: the header, then one message per chunk of rows."""
        header = {"header": {"idempotency_key": key, "mode": mode, "source_name": "kpi_client.py",
                             "description": description or f"interop {self.run_id}"}}
        return self.stream([header] + [{"chunk": {"rows": rows}} for rows in chunks],
                           self.tokens.bearer("deliverer") if metadata is None else metadata)

    def deliver_failure(self, messages, metadata):
        """The status of a delivery that must fail: code, message and the parsed grpc-status-details-bin."""
        try:
            self.stream(messages, metadata)
        except grpc.RpcError as e:
            return {"code": e.code().value[0], "details": e.details() or "", "status": self.status(e.trailing_metadata())}
        return {"code": 0}

    def series(self, jobcenter, code, first, last, **fields):
        return self.read("GetSeries", subject={"jobcenter_id": "jc-" + jobcenter}, code=code, from_month=first,
                         to_month=last, **fields)

    def value(self, jobcenter, code, month, **fields):
        return self.read("GetValue", subject={"jobcenter_id": "jc-" + jobcenter}, code=code, month=month, **fields)


def check_access_token(k):
    tokens = {}
    for role in SCOPES:
        response = k.tokens.response(role)
        payload = jwt_part(response["access_token"], 1)
        audience = payload.get("aud", [])
        tokens[role] = {"token_type": response.get("token_type"), "typ": jwt_part(response["access_token"], 0).get("typ"),
                        "client_id": payload.get("client_id", payload.get("sub")), "party": payload.get("party", ""),
                        "scope": payload.get("scope", ""), "aud": [audience] if isinstance(audience, str) else audience}
    return {"tokens": tokens}


# ---- deliveries: the client stream ----

def check_deliver_partial(k):
    # Row numbers are left 0: the service counts the rows' positions across the three chunks.
    chunks = [
        [row(SECOND, "2017-01", "elb_intakes", "400"),                                      # 1 valid
         row("05999", "2017-01", "elb_stock", "100"),                                       # 2 no such jobcenter
         row(SECOND, "2099-01", "elb_stock", "100")],                                       # 3 not ended yet
        [row(SECOND, "2017-01", "integrations", "-4"),                                      # 4 negative count
         row(SECOND, "2017-01", "elb_stok", "100"),                                         # 5 unknown code
         row(SECOND, "2017-01", "K3E2", "12.5", numerator="400", denominator="3000")],      # 6 400 / 3000 = 13.3 %
        [row(SECOND, "2017-01", "elb_intakes", "401"),                                      # 7 the key of row 1 again
         row(SECOND, "2017-01", "K3E2", "13.3", numerator="400", denominator="3000"),       # 8 valid
         row(SECOND, "2017-02", "elb_intakes", k.salt)],                                    # 9 valid, new in every run
    ]
    k.partial = k.deliver(chunks, key=k.run_id + "-partial", description=f"interop {k.run_id}: partial")
    return {"report": to_json(k.partial), "chunks": len(chunks)}


def check_deliver_all_or_nothing(k):
    rows = [row(SECOND, m, "lzb_stock", "3000") for m in months("2018-01", 3)] + [row(SECOND, "2018-04", "lzb_stock", "-1")]
    report = k.deliver([rows], mode="DELIVERY_MODE_ALL_OR_NOTHING", key=k.run_id + "-all-or-nothing")
    return {"report": to_json(report), "value": to_json(k.value(SECOND, "lzb_stock", "2018-02"))}


def check_deliver_again(k):
    rows = [row(SECOND, "2018-05", "elb_exits", k.salt)] + [row(SECOND, m, "elb_exits", "250") for m in months("2018-06", 2)]
    key = k.run_id + "-again"
    first = k.deliver([rows], key=key)
    by_key = k.deliver([rows], key=key, description="sent again with its key")
    by_content = k.deliver([rows], description="sent again without a key")
    return {"sent": [r["value"] for r in rows], "first": to_json(first), "by_key": to_json(by_key),
            "by_content": to_json(by_content), "series": to_json(k.series(SECOND, "elb_exits", "2018-05", "2018-07"))}


# ---- reports ----

def check_get_delivery(k):
    pages, token = [], ""
    while len(pages) < 20:
        page = k.read("GetDelivery", delivery_id=k.partial.delivery_id, errors_page_size=2, errors_page_token=token)
        pages.append({"errors": [to_json(e) for e in page.errors], "next_errors_page_token": page.next_errors_page_token})
        token = page.next_errors_page_token
        if not token:
            break
    return {"delivery_id": k.partial.delivery_id, "report": to_json(page), "pages": pages}


def check_list_deliveries(k):
    pages, token, found = [], "", None
    while len(pages) < 20 and found is None:
        response = k.read("ListDeliveries", page_size=5, page_token=token)
        pages.append([d.sequence for d in response.deliveries])
        found = next((d for d in response.deliveries if d.delivery_id == k.partial.delivery_id), None)
        token = response.next_page_token
        if not token:
            break
    return {"delivery_id": k.partial.delivery_id, "listed": to_json(found) if found else None,
            "sequences": [str(s) for page in pages for s in page]}


# ---- reads: series, computed figures, steering values, revisions ----

def k2_rows():
    # 100 integrations a month in 2017 and 2018, 5000 ELB every month from 2016-12: K2 = 1200 / 5000 = 24 % in both years.
    return [row(FIRST, m, "integrations", "100") for m in months("2017-01", 24)] + \
           [row(FIRST, m, "elb_stock", "5000") for m in months("2016-12", 25)]


def check_series_and_value(k):
    rows = k2_rows()
    report = k.deliver([rows[:20], rows[20:]], description=f"interop {k.run_id}: K2 inputs")
    return {"report": to_json(report), "series": to_json(k.series(FIRST, "integrations", "2018-01", "2018-12")),
            "k2": to_json(k.value(FIRST, "K2", "2018-12"))}


def check_steering_values(k):
    steering = k.read("GetSteeringValues", subject={"jobcenter_id": "jc-" + FIRST}, code="K2", measure="STEERING_MEASURE_JFW", year=2018)
    return {"steering": to_json(steering), "k2": to_json(k.value(FIRST, "K2", "2018-12"))}


def check_revision_as_of(k):
    first = k.deliver([[row(FIRST, "2018-06", "lzb_stock", "3100")]], description=f"interop {k.run_id}: lzb_stock 2018-06")
    time.sleep(0.05)  # the revision's delivered_at is later than one millisecond after the first's
    revision = k.deliver([[row(FIRST, "2018-06", "lzb_stock", "3150")]], description=f"interop {k.run_id}: Korrektur 2018-06")
    between = just_after(first.delivered_at)
    return {"first": to_json(first), "revision": to_json(revision), "as_of": between,
            "before": to_json(k.value(FIRST, "lzb_stock", "2018-06", as_of=between)),
            "now": to_json(k.value(FIRST, "lzb_stock", "2018-06")),
            "before_series": to_json(k.series(FIRST, "lzb_stock", "2018-06", "2018-06", as_of=between)),
            "now_series": to_json(k.series(FIRST, "lzb_stock", "2018-06", "2018-06"))}


def check_catalogue(k):
    catalogue = k.read("GetCatalogue")
    return {"figures": [f.id for f in catalogue.figures], "quantities": [q.code for q in catalogue.quantities],
            "k1e3": to_json(next(f for f in catalogue.figures if f.id == "K1E3"))}


# ---- refusals: code, message, google.rpc details ----

def refused_delivery(k):
    return [{"header": {"description": f"interop {k.run_id}: refused"}},
            {"chunk": {"rows": [row(SECOND, "2017-03", "elb_stock", "1")]}}]


def check_auth_missing_scope(k):
    # jc-05554 has kpi.read, not kpi.deliver; the same token reads.
    refused = k.deliver_failure(refused_delivery(k), k.tokens.bearer("reader"))
    return {**refused, "read_figures": len(k.read("GetCatalogue").figures),
            "value_after": to_json(k.value(SECOND, "elb_stock", "2017-03"))}


def check_auth_token_missing(k):
    return k.deliver_failure(refused_delivery(k), NO_TOKEN)


def check_error_header_missing(k):
    return k.deliver_failure(refused_delivery(k)[1:], k.tokens.bearer("deliverer"))


def check_error_not_found(k):
    return k.failure("GetDelivery", _request=k.request("GetDelivery", {"delivery_id": "dlv-999999999"}))


def check_error_invalid_month(k):
    return k.failure("GetSeries", _request=k.request("GetSeries", {
        "subject": {"jobcenter_id": "jc-" + FIRST}, "code": "integrations", "from_month": "2018-13", "to_month": "2018-12"}))


CHECKS = {name[len("check_"):]: fn for name, fn in list(globals().items()) if name.startswith("check_")}


def main():
    args = parse_arguments("KPI ingestion service", {"deliverer": "of BA Statistik (ba-statistik: kpi.deliver)",
                                                     "reader": "with kpi.read only (jc-05554)"}, CHECKS)
    run_checks(args, CHECKS, SCOPES, lambda channel, tokens: Kpi(args.descriptors, channel, args.run_id, tokens))


if __name__ == "__main__":
    main()
