"""Debian's python grpcio as a client of our agreements service (zielsteuerung.agreements.v1.Agreements).

The same machinery as registry_client.py (message classes from the descriptor set, tokens from --token-endpoint,
one JSON line per check; see there): a § 48b Nr. 4 draft of MAGS NRW with Kreis Borken (../data/borken-draft.json)
is drafted, read, signed by both parties, listed, rendered and its revisions listed; then the refusals with their
google.rpc details. What a run creates is named "<run id>-…". The clients are named by --drafter (mags-nrw:
agreements.write and .sign), --signer (kt-05554: agreements.sign) and --outsider (kt-05978: a party of other
agreements); their secrets come from INTEROP_DRAFTER_SECRET, INTEROP_SIGNER_SECRET and INTEROP_OUTSIDER_SECRET.

    INTEROP_DRAFTER_SECRET=… INTEROP_SIGNER_SECRET=… INTEROP_OUTSIDER_SECRET=… \
    /usr/bin/python3 tests/interop/python/agreements_client.py --descriptors interop.pb --target 127.0.0.1:PORT \
        --run-id ix-manual-1 --token-endpoint http://127.0.0.1:PORT/connect/token \
        --drafter mags-nrw --signer kt-05554 --outsider kt-05978 [--check create_draft]
"""

import copy
import json
import os

from google.protobuf import json_format

from registry_client import NO_TOKEN, Stub, parse_arguments, run_checks, to_json

SERVICE = "zielsteuerung.agreements.v1.Agreements"
A = "zielsteuerung.agreements.v1."
# The scopes each client asks for: only what its calls need.
SCOPES = {"drafter": ("agreements.read", "agreements.write", "agreements.sign"),
          "signer": ("agreements.read", "agreements.sign"), "outsider": ("agreements.read", "agreements.sign")}
DRAFT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "borken-draft.json")
# Entered in this order: the Kreis signed last, so the agreement is in force on its date, not the ministry's.
SIGNATURES = {"signer": {"signatory": "Dr. Kai Zwicker", "signatory_role": "Landrat", "place": "Borken", "signed_on": "2018-02-22"},
              "drafter": {"signatory": "Dr. Edmund Heller", "signatory_role": "Staatssekretär", "place": "Düsseldorf",
                          "signed_on": "2018-02-19"}}


class Agreements(Stub):
    """The agreements service, with the drafter's token unless a check says otherwise."""

    def __init__(self, descriptor_set_path, channel, run_id, tokens):
        super().__init__(descriptor_set_path, channel, SERVICE, run_id, tokens, "drafter")
        with open(DRAFT_FILE, encoding="utf-8") as f:
            self._draft = json.load(f)
        self._draft.pop("//")
        self.agreement_id = run_id + "-borken"

    def draft(self, suffix, value=None, **fields):
        """The CreateDraftRequest of the draft file for "<run id>-<suffix>", with fields (and a target value) replaced."""
        fields = {**copy.deepcopy(self._draft), "agreement_id": f"{self.run_id}-{suffix}", **fields}
        if value is not None:
            fields["content"]["goals"][0]["targets"][0]["value"] = value
        return json_format.ParseDict(fields, self.message(A + "CreateDraftRequest")())

    def create(self, suffix, **fields):
        return self.call("CreateDraft", _request=self.draft(suffix, **fields))

    def sign(self, role, agreement_id, expected_version):
        return self.call("Sign", self.tokens.bearer(role), agreement_id=agreement_id, expected_version=expected_version, **SIGNATURES[role])


# ---- the main calls: draft, read, sign, list, render, audit trail ----

def check_create_draft(a):
    return {"agreement": to_json(a.create("borken"))}


def check_get_agreement(a):
    # A party of the agreement other than the one that drafted it reads it.
    return {"agreement": to_json(a.call("GetAgreement", a.tokens.bearer("signer"), agreement_id=a.agreement_id))}


def check_sign(a):
    first = a.sign("signer", a.agreement_id, 1)
    last = a.sign("drafter", a.agreement_id, first.version)
    return {"first": to_json(first), "last": to_json(last)}


def check_list_agreements(a):
    created = [a.create(suffix).id for suffix in ("list-1", "list-2", "list-3")]
    other_year = a.create("list-2017", year=2017, dated_on="2017-01-16").id
    pages, token = [], ""
    while len(pages) < 50:
        response = a.call("ListAgreements", year=2018, page_size=2, page_token=token)
        pages.append([to_json(s) for s in response.agreements])
        token = response.next_page_token
        if not token:
            break
    of_2017 = a.call("ListAgreements", year=2017, page_size=200)
    return {"created": created, "other_year": other_year, "pages": pages, "last_token": token,
            "ids_2017": [s.id for s in of_2017.agreements]}


def check_render_agreement(a):
    rendered = a.call("RenderAgreement", a.tokens.bearer("signer"), agreement_id=a.agreement_id, format=1)  # RENDER_FORMAT_MARKDOWN
    return {"media_type": rendered.media_type, "edition": rendered.edition, "text": rendered.text}


def check_list_revisions(a):
    return {"revisions": [to_json(r) for r in a.call("ListRevisions", agreement_id=a.agreement_id).revisions]}


# ---- refusals: code, message, google.rpc details ----

def check_auth_token_missing(a):
    return a.failure("GetAgreement", NO_TOKEN, agreement_id=a.agreement_id)


def check_error_permission_denied(a):
    # Kreis Unna signs the Borken agreement: its token is valid and has agreements.sign, its party is not one of it.
    denied = a.create("denied")
    return a.failure("Sign", a.tokens.bearer("outsider"), agreement_id=denied.id, expected_version=denied.version,
                     **SIGNATURES["signer"])


def check_error_failed_precondition(a):
    twice = a.create("twice")
    signed = a.sign("signer", twice.id, twice.version)
    return a.failure("Sign", a.tokens.bearer("signer"), agreement_id=twice.id, expected_version=signed.version,
                     **{**SIGNATURES["signer"], "signed_on": "2018-02-23"})


def check_error_aborted(a):
    stale = a.create("stale")
    a.sign("signer", stale.id, stale.version)
    return a.failure("Sign", a.tokens.bearer("drafter"), agreement_id=stale.id, expected_version=stale.version, **SIGNATURES["drafter"])


def check_error_not_found(a):
    return a.failure("GetAgreement", agreement_id=a.run_id + "-missing")


def check_error_invalid_argument(a):
    return a.failure("CreateDraft", _request=a.draft("malformed", value="2,5"))  # a German decimal comma


CHECKS = {name[len("check_"):]: fn for name, fn in list(globals().items()) if name.startswith("check_")}


def main():
    args = parse_arguments("agreements service", {"drafter": "of the drafting party (mags-nrw)",
                                                  "signer": "of the other signatory (kt-05554)",
                                                  "outsider": "of a party not in the agreement (kt-05978)"}, CHECKS)
    run_checks(args, CHECKS, SCOPES, lambda channel, tokens: Agreements(args.descriptors, channel, args.run_id, tokens))


if __name__ == "__main__":
    main()
