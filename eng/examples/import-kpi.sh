#!/usr/bin/env bash
# Imports generated KPI data into the running topology (eng/run.sh) with the command-line client and reads figures back:
# kpi-generate writes a delivery (CSV, docs/kpi-csv.md) for Kreis Borken 2016–2018, kpi-import streams it to the KPI
# ingestion service as BA Statistik (development token with kpi.deliver), then Debian's python grpcio reads K2 of
# December 2018 and the Jahresfortschrittswerte of 2018 back (token of Jobcenter Kreis Borken, kpi.read).
#   eng/examples/import-kpi.sh                # KPI=localhost:5111 by default; JOBCENTERS=05554 (comma list or "all")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target=${KPI:-localhost:5111}
jobcenters=${JOBCENTERS:-05554}
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null \
  || { echo "needs Debian's python3-grpcio and python3-protobuf: eng/install-prerequisites.sh --tests (or apt-get install python3-grpcio python3-protobuf)" >&2; exit 1; }
protoc="${NUGET_PACKAGES:-$HOME/.nuget/packages}/grpc.tools/2.85.0/tools/linux_x64/protoc"
[[ -x "$protoc" ]] || { echo "no protoc at $protoc: build once (eng/run.sh does) so that Grpc.Tools is restored" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$protoc" -I"$root/protos" --include_imports --descriptor_set_out="$work/kpi.pb" zielsteuerung/kpi/v1/kpi.proto

dotnet run --project "$root/services/Kpi/Kpi.DataGenerator" -c Release -- --jobcenters "$jobcenters" --from 2016-01 --to 2018-12 \
  --out "$work/delivery.csv"
echo "generated: $(grep -vc '^#' "$work/delivery.csv") lines in $work/delivery.csv"
KPI_TOKEN=$("$root/eng/dev-token.sh" ba-statistik kpi.deliver) \
  dotnet run --project "$root/services/Kpi/Kpi.Importer" -c Release -- "$work/delivery.csv" --server "http://$target" \
  --description "Beispiel: erzeugte Daten 2016–2018"
KPI_TOKEN=$("$root/eng/dev-token.sh" jc-05554 kpi.read) /usr/bin/python3 "$root/eng/examples/read-kpi.py" "$work/kpi.pb" "$target"
