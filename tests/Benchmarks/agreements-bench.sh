#!/usr/bin/env bash
# The agreements benchmark (docs/bench/agreements.md): full agreements created and signed by both parties per second,
# and GetAgreement's latency at half of its peak. Starts the AppHost's topology itself (Aspire.Hosting.Testing).
#   nice -n -10 tests/Benchmarks/agreements-bench.sh [--rounds 5] [--seconds 10] [--workers 16] [--check]
# --check: exit 1 when a target is missed (>= 300 agreements/s; p99 <= 5 ms). Needs h2load (apt-get install nghttp2-client).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v h2load >/dev/null || { echo "h2load missing: apt-get install nghttp2-client" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The topology runs the services' Release builds, as eng/run.sh does.
dotnet build "$root/AppHost/Zielsteuerung.AppHost" -c Release -nologo -clp:ErrorsOnly
dotnet build "$root/tests/Benchmarks/Agreements.Benchmarks" -c Release -nologo -clp:ErrorsOnly
log=$(mktemp); trap 'rm -f "$log"' EXIT
status=0
dotnet run --project "$root/tests/Benchmarks/Agreements.Benchmarks" -c Release --no-build -- "$@" >"$log" 2>&1 || status=$?
# The topology's own console lines (Aspire's resource logs) are left out; the benchmark's lines start at the margin.
grep -Ev '^(info|warn|fail|dbug|trce): |^      ' "$log" || true
exit "$status"
