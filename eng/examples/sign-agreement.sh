#!/usr/bin/env bash
# Creates and signs an agreement on the running topology (eng/run.sh) from a gRPC client we did not write — Debian's
# python3-grpcio — with development tokens of MAGS NRW and Kreis Borken (eng/dev-token.sh), then prints its rendering.
#   eng/examples/sign-agreement.sh            # AGREEMENTS=localhost:5101 by default
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target=${AGREEMENTS:-localhost:5101}
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null \
  || { echo "needs Debian's python3-grpcio and python3-protobuf: eng/install-prerequisites.sh --tests (or apt-get install python3-grpcio python3-protobuf)" >&2; exit 1; }
protoc="${NUGET_PACKAGES:-$HOME/.nuget/packages}/grpc.tools/2.85.0/tools/linux_x64/protoc"
[[ -x "$protoc" ]] || { echo "no protoc at $protoc: build once (eng/run.sh does) so that Grpc.Tools is restored" >&2; exit 1; }
descriptors=$(mktemp --suffix=.pb); trap 'rm -f "$descriptors"' EXIT
"$protoc" -I"$root/protos" -I"$(dirname "$protoc")/../../build/native/include" --include_imports --descriptor_set_out="$descriptors" \
  zielsteuerung/agreements/v1/agreements.proto
MAGS_TOKEN=$("$root/eng/dev-token.sh" mags-nrw agreements.write agreements.sign agreements.read) \
BORKEN_TOKEN=$("$root/eng/dev-token.sh" kt-05554 agreements.sign agreements.read) \
  /usr/bin/python3 "$root/eng/examples/sign-agreement.py" "$descriptors" "$target" "$root/tests/interop/data/borken-draft.json"
