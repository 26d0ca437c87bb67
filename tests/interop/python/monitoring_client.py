"""Debian's python grpcio as a client of our monitoring service (zielsteuerung.monitoring.v1.Monitoring).

The same machinery as registry_client.py (message classes from the descriptor set, tokens from --token-endpoint,
one JSON line per check; see there). The run puts its own agreement in force, as the systems of the parties would:
BA Statistik's client delivers Kreis Borken's figures (jobcenter 05554; the node peer has Kreis Unna, so both run at
once against one topology) with kpi_client.py's client stream, MAGS NRW drafts the agreement of
../data/monitoring-draft.json with agreements_client.py's machinery, Kreis Borken and MAGS NRW sign it. Then the
jobcenter reads the attainment the service computed, lists its targets by status page by page, watches the status
changes (the server stream) while a revision of March is delivered, and the refusals with their google.rpc details.

The data (as in tests/Monitoring.Tests): 5,000 ELB and 100 integrations every month from 2016-12 to 2018-03, so K2's
JFW in March 2018 is 6 % as a year before; a revision of March 2018 (70 integrations) takes it to 5.4 %, -10 %.

The monitoring service is --target; the agreements and KPI services are --agreements-target and --kpi-target. The
clients are named by --reader (the jobcenter: monitoring.read), --drafter (mags-nrw), --signer (the Kreis) and
--deliverer (ba-statistik); their secrets come from INTEROP_READER_SECRET, INTEROP_DRAFTER_SECRET, … .

    INTEROP_READER_SECRET=… INTEROP_DRAFTER_SECRET=… INTEROP_SIGNER_SECRET=… INTEROP_DELIVERER_SECRET=… \
    /usr/bin/python3 tests/interop/python/monitoring_client.py --descriptors interop.pb --target 127.0.0.1:PORT \
        --agreements-target 127.0.0.1:PORT --kpi-target 127.0.0.1:PORT --run-id ix-manual-1 \
        --token-endpoint http://127.0.0.1:PORT/connect/token \
        --reader jc-05554 --drafter mags-nrw --signer kt-05554 --deliverer ba-statistik [--check attainment]
"""

import argparse
import json
import os
import time

import grpc
from google.protobuf import json_format

from agreements_client import Agreements
from kpi_client import Kpi, months, row
from registry_client import NO_TOKEN, SECRET_VARIABLE, Stub, run_checks, to_json

SERVICE = "zielsteuerung.monitoring.v1.Monitoring"
M = "zielsteuerung.monitoring.v1."
# The scopes each client asks for: only what its calls need.
SCOPES = {"reader": ("monitoring.read",), "drafter": ("agreements.read", "agreements.write", "agreements.sign"),
          "signer": ("agreements.read", "agreements.sign"), "deliverer": ("kpi.read", "kpi.deliver")}
DRAFT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "monitoring-draft.json")
# The run's jobcenter (a zkT: § 48b Nr. 4 with its municipal carrier).
JOBCENTER, CARRIER, LEGAL_BASIS = "05554", "kt-05554", "LEGAL_BASIS_SGB2_48B_NR4"
WAIT_SECONDS = 60


class Monitoring(Stub):
    """The monitoring service with the jobcenter's token; the agreements and KPI services for the run's agreement."""

    def __init__(self, args, channel, tokens):
        super().__init__(args.descriptors, channel, SERVICE, args.run_id, tokens, "reader")
        self.agreements = Agreements(args.descriptors, grpc.insecure_channel(args.agreements_target), args.run_id, tokens)
        self.kpi = Kpi(args.descriptors, grpc.insecure_channel(args.kpi_target), args.run_id, tokens)
        self.agreement_id = args.run_id + "-monitored"
        self.history = None  # the report of the delivery the agreement's attainment is computed from

    def request(self, rpc, fields):
        method = self.pool.FindServiceByName(SERVICE).methods_by_name[rpc]
        return json_format.ParseDict(fields, self.message(method.input_type.full_name)())

    def attainment(self, agreement_id=None):
        return self.call("GetAgreementAttainment", agreement_id=agreement_id or self.agreement_id)

    def deliver(self, rows, description):
        return self.kpi.deliver([rows], mode="DELIVERY_MODE_ALL_OR_NOTHING", description=f"interop {self.run_id}: {description}")


def draft(m):
    """The CreateDraftRequest of the draft file for the run's jobcenter and its carrier."""
    with open(DRAFT_FILE, encoding="utf-8") as f:
        fields = json.load(f)
    fields.pop("//")
    for goal in fields["content"]["goals"]:
        for target in goal["targets"]:
            target["scope"] = {"jobcenter_id": "jc-" + JOBCENTER}
    fields.update(agreement_id=m.agreement_id, legal_basis=LEGAL_BASIS, parties=[
        {"party_id": "mags-nrw", "role": "PARTY_ROLE_SIGNATORY", "represented_by": {"role": "Staatssekretär", "name": "Dr. Edmund Heller"}},
        {"party_id": CARRIER, "role": "PARTY_ROLE_SIGNATORY", "represented_by": {"role": "Landrat", "name": "Landrat"}},
        {"party_id": "jc-" + JOBCENTER, "role": "PARTY_ROLE_CONCERNED"}])
    return json_format.ParseDict(fields, m.agreements.message("zielsteuerung.agreements.v1.CreateDraftRequest")())


# ---- the agreement in force, as the parties' systems put it there ----

def check_in_force(m):
    # 5,000 ELB and 100 integrations a month from 2016-12 to 2018-03: K2 (JFW) 2·m % in both years.
    rows = [row(JOBCENTER, month, code, value) for month in months("2016-12", 16)
            for code, value in (("elb_stock", "5000"), ("integrations", "100"))]
    m.history = m.deliver(rows, "2016-12 … 2018-03")
    agreements = m.agreements
    created = agreements.call("CreateDraft", _request=draft(m))
    signed = agreements.call("Sign", agreements.tokens.bearer("signer"), agreement_id=created.id, expected_version=created.version,
                             signatory="Landrat", signatory_role="Landrat", place="Kreishaus", signed_on="2018-01-29")
    in_force = agreements.call("Sign", agreements.tokens.bearer("drafter"), agreement_id=created.id, expected_version=signed.version,
                               signatory="Dr. Edmund Heller", signatory_role="Staatssekretär", place="Düsseldorf", signed_on="2018-02-22")
    return {"history": to_json(m.history), "agreement": to_json(in_force)}


# ---- reads: the cached overview, the list ----

def check_attainment(m):
    # The service computes when the agreement's AgreementInForce reaches it: read until every line is there and
    # computed from the delivery.
    deadline, polls = time.monotonic() + WAIT_SECONDS, 0
    while True:
        polls += 1
        try:
            overview = m.attainment()
            if len(overview.targets) == 3 and all(m.history.delivery_id in t.computed_from.kpi_deliveries
                                                  for t in overview.targets if t.kind == 1):  # TARGET_KIND_QUANTITATIVE
                return {"attainment": to_json(overview), "polls": polls}
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.NOT_FOUND:
                raise
        if time.monotonic() > deadline:
            raise TimeoutError(f"the attainment of {m.agreement_id} was not computed within {WAIT_SECONDS} s")
        time.sleep(0.2)


def check_list_targets(m):
    on_or_off = ["TARGET_STATUS_ON_TRACK", "TARGET_STATUS_OFF_TRACK"]
    pages, token = [], ""
    while len(pages) < 10:
        response = m.call("ListTargets", _request=m.request("ListTargets", {
            "agreement_id": m.agreement_id, "statuses": on_or_off, "page_size": 1, "page_token": token}))
        pages.append([to_json(t) for t in response.targets])
        token = response.next_page_token
        if not token:
            break
    qualitative = m.call("ListTargets", _request=m.request("ListTargets", {
        "agreement_id": m.agreement_id, "statuses": ["TARGET_STATUS_NOT_ASSESSABLE"], "year": 2018}))
    return {"pages": pages, "last_token": token, "not_assessable": [to_json(t) for t in qualitative.targets]}


# ---- the watch: a server stream ----

def check_watch(m):
    watch = m.method(SERVICE, "WatchStatusChanges", "unary_stream")
    call = watch(m.request("WatchStatusChanges", {"agreement_id": m.agreement_id}), timeout=WAIT_SECONDS, metadata=m.auth)
    try:
        first = next(call)
        # Subscribed: every change after its position follows. Now the revision of March.
        revision = m.deliver([row(JOBCENTER, "2018-03", "integrations", "70")], "Korrektur 2018-03")
        changes = []
        for message in call:
            changes.append(to_json(message))
            if message.WhichOneof("kind") == "change" and message.change.cause == f"kpi delivery {revision.delivery_id}":
                break
    finally:
        call.cancel()
    return {"first": to_json(first), "revision": to_json(revision), "messages": changes}


# ---- refusals: code, message, google.rpc details ----

def check_error_not_found(m):
    return m.failure("GetAgreementAttainment", agreement_id=m.run_id + "-missing")


def check_error_invalid_page_token(m):
    return m.failure("ListTargets", page_token="not-a-token")


def check_auth_token_missing(m):
    return m.failure("ListTargets", NO_TOKEN, agreement_id=m.agreement_id)


CHECKS = {name[len("check_"):]: fn for name, fn in list(globals().items()) if name.startswith("check_")}


def parse_arguments():
    """registry_client.py's command line, and where the agreements and KPI services are."""
    parser = argparse.ArgumentParser()
    for name in ("descriptors", "target", "agreements-target", "kpi-target", "run-id", "token-endpoint"):
        parser.add_argument("--" + name, required=True)
    for role in SCOPES:
        parser.add_argument(f"--{role}", required=True, help=f"client id (secret: {SECRET_VARIABLE % role.upper()})")
    parser.add_argument("--check", action="append", choices=sorted(CHECKS), help="only these (default: all, in order)")
    return parser.parse_args()


def main():
    args = parse_arguments()
    run_checks(args, CHECKS, SCOPES, lambda channel, tokens: Monitoring(args, channel, tokens))


if __name__ == "__main__":
    main()
