"""Drafts a § 48b Nr. 4 agreement as MAGS NRW and signs it as Kreis Borken and MAGS NRW, from Debian's python grpcio.

Run by eng/examples/sign-agreement.sh (which builds the descriptor set and fetches the two tokens). No generated code:
the message classes come from the descriptor set, the request from tests/interop/data/borken-draft.json.
"""

import json
import os
import sys
import time

import grpc
from google.protobuf import json_format

from descriptors import message_classes

descriptors, target, draft_file = sys.argv[1:4]
tokens = {"mags-nrw": os.environ["MAGS_TOKEN"], "kt-05554": os.environ["BORKEN_TOKEN"]}

message, pool = message_classes(descriptors, "zielsteuerung.agreements.v1")
channel = grpc.insecure_channel(target)


def call(method, request, response, client):
    rpc = channel.unary_unary(f"/zielsteuerung.agreements.v1.Agreements/{method}",
                              request_serializer=lambda m: m.SerializeToString(), response_deserializer=message(response).FromString)
    return rpc(request, metadata=[("authorization", "Bearer " + tokens[client])])


with open(draft_file, encoding="utf-8") as f:
    fields = {k: v for k, v in json.load(f).items() if k != "//"}
fields["agreement_id"] = f"example-borken-{int(time.time())}"
draft = call("CreateDraft", json_format.ParseDict(fields, message("CreateDraftRequest")()), "Agreement", "mags-nrw")
print(f"drafted {draft.id} (version {draft.version}); parties: " + ", ".join(p.name for p in draft.parties))

signed = call("Sign", message("SignRequest")(agreement_id=draft.id, expected_version=draft.version, signatory="Dr. Kai Zwicker",
                                           signatory_role="Landrat", place="Borken", signed_on="2018-01-29"), "Agreement", "kt-05554")
print(f"signed by Kreis Borken; still to sign: {', '.join(signed.edition.awaiting_signature)}")
in_force = call("Sign", message("SignRequest")(agreement_id=draft.id, expected_version=signed.version, signatory="Dr. Edmund Heller",
                                             signatory_role="Staatssekretär", place="Düsseldorf", signed_on="2018-02-22"), "Agreement", "mags-nrw")
status = pool.FindEnumTypeByName("zielsteuerung.agreements.v1.AgreementStatus").values_by_number[in_force.edition.status].name
print(f"signed by MAGS NRW: {status} since {in_force.edition.in_force_on}")

rendered = call("RenderAgreement", message("RenderAgreementRequest")(agreement_id=draft.id), "RenderedAgreement", "kt-05554")
print(rendered.text)
