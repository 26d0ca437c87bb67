'use strict';
// Shared helpers of the @grpc/grpc-js peers: services and message types from a descriptor set (protoc
// --descriptor_set_out --include_imports), loaded by @grpc/proto-loader.
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const ECHO_SERVICE = 'zielsteuerung.testing.v1.Echo';
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const BAD_REQUEST_TYPE_URL = 'type.googleapis.com/google.rpc.BadRequest';
const LOADER_OPTIONS = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

function load(descriptorSetPath) {
  const packageDefinition = protoLoader.loadFileDescriptorSetFromBuffer(fs.readFileSync(descriptorSetPath), LOADER_OPTIONS);
  return { packageDefinition, proto: grpc.loadPackageDefinition(packageDefinition) };
}

/** Message type (serialize/deserialize) of a fully-qualified name, e.g. google.rpc.Status. */
function messageType(packageDefinition, fullName) {
  const type = packageDefinition[fullName];
  if (!type || !type.type) throw new Error(`no message type ${fullName} in the descriptor set`);
  return type;
}

/** grpc-js Metadata as JSON entries; binary values base64-encoded. */
function metadataToJson(metadata) {
  const entries = [];
  if (!metadata) return entries;
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) {
      entries.push(key.endsWith('-bin') ? { key, bin: Buffer.from(value).toString('base64') } : { key, value });
    }
  }
  return entries;
}

function printJson(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

module.exports = { grpc, load, messageType, metadataToJson, printJson, ECHO_SERVICE, STATUS_DETAILS_KEY, BAD_REQUEST_TYPE_URL };
