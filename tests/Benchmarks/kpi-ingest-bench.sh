#!/usr/bin/env bash
# The KPI ingest benchmark (docs/benchmarks.md): the first --rows rows (default 1,000,000) of the generated NRW history
# (2011–2025, both bases, published figures) imported by kpi-import through the gRPC stream into PostgreSQL, against
# psql's \copy of the same rows into the same table in the same run; and kpi-import's peak RSS. Starts the AppHost's
# topology itself (Aspire.Hosting.Testing).
#   nice -n -10 tests/Benchmarks/kpi-ingest-bench.sh [--rows 1000000] [--runs 3]
# Exit 1 when a target is missed (≤ 20 s; ratio ≥ 0.5; RSS ≤ 300 MiB). Needs psql (Debian's postgresql-client, which
# eng/install-prerequisites.sh installs with the server).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v psql >/dev/null || { echo "psql missing: apt-get install postgresql-client" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The topology runs the services' Release builds, as eng/run.sh does.
dotnet build "$root/AppHost/Zielsteuerung.AppHost" -c Release -nologo -clp:ErrorsOnly
dotnet build "$root/services/Kpi/Kpi.Importer" -c Release -nologo -clp:ErrorsOnly
dotnet build "$root/tests/Benchmarks/Kpi.Ingest.Benchmarks" -c Release -nologo -clp:ErrorsOnly
log=$(mktemp); trap 'rm -f "$log"' EXIT
status=0
dotnet run --project "$root/tests/Benchmarks/Kpi.Ingest.Benchmarks" -c Release --no-build -- "$@" >"$log" 2>&1 || status=$?
# The topology's own console lines (Aspire's resource logs) are left out; the benchmark's lines start at the margin.
grep -Ev '^(info|warn|fail|dbug|trce): |^      ' "$log" || true
exit "$status"
