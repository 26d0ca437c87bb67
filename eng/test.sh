#!/usr/bin/env bash
# Runs every test of the solution: unit, interop (python grpcio, @grpc/grpc-js) and integration tests
# against real PostgreSQL, RabbitMQ and Redis. Installs what they need first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/eng/install-prerequisites.sh" --tests

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Zielsteuerung.Aspire.sln -c Release -nologo -clp:ErrorsOnly

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
set +e
dotnet test Zielsteuerung.Aspire.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$root/artifacts/test-output.log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies' trx files.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
