"""Shared helpers of the python grpcio peers: message classes from a descriptor set (no codegen)."""

import base64
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

ECHO_SERVICE = "zielsteuerung.testing.v1.Echo"
STATUS_DETAILS_KEY = "grpc-status-details-bin"
BAD_REQUEST_TYPE_URL = "type.googleapis.com/google.rpc.BadRequest"

CODES_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


class Messages:
    """Message classes of every file in a FileDescriptorSet (protoc --descriptor_set_out --include_imports)."""

    def __init__(self, descriptor_set_path):
        with open(descriptor_set_path, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
        self.pool = descriptor_pool.DescriptorPool()
        for file in files:
            self.pool.Add(file)
        self._factory = message_factory.MessageFactory(self.pool)

    def __getitem__(self, full_name):
        # protobuf 3.21 (Debian 12) has no message_factory.GetMessageClass yet.
        return self._factory.GetPrototype(self.pool.FindMessageTypeByName(full_name))


def metadata_to_json(metadata):
    """grpc metadata (key, str | bytes) pairs as JSON objects; binary values base64-encoded."""
    entries = []
    for key, value in metadata or ():
        if key.endswith("-bin"):
            entries.append({"key": key, "bin": base64.b64encode(value).decode("ascii")})
        else:
            entries.append({"key": key, "value": value})
    return entries


def print_json(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()
