#!/usr/bin/env bash
# Identity benchmark (docs/bench/identity.md): token issuance of the identity service, POST /connect/token with client
# credentials of a development client (mags-nrw, scope parties.read), as deployed in the AppHost's topology.
#
#   tests/Benchmarks/identity-bench.sh [--check] [--connections C] [--seconds S] [--rounds R]
#
# Builds tests/Benchmarks/PartyRegistry.Benchmarks in Release; its "host" mode starts the topology (Aspire.Hosting.Testing)
# and prints the client-credentials request for the identity service's own port (not DCP's proxy). One request is
# checked by hand (200 with an access token), then wrk (HTTP/1.1, keep-alive, loopback) with --connections concurrent
# connections: a warm-up of 2 x 5 s, then --rounds rounds of --seconds s; only 200 answers carrying an access token
# count (token-request.lua). Per round: tokens/s, p50/p99 latency, and the CPU the identity process and PostgreSQL
# (postmaster and backends) used per token (/proc/<pid>/stat). Medians count. With --check the exit code is 1 if the
# target (>= 200 tokens/s) is missed.
set -euo pipefail

CHECK=0 CONNECTIONS=8 SECONDS_RUN=10 ROUNDS=3 WARMUP_SECONDS=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) CHECK=1 ;;
    --connections) CONNECTIONS=$2; shift ;;
    --seconds) SECONDS_RUN=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/bench-lib.sh"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl missing: apt-get install curl" >&2; exit 1; }

build PartyRegistry.Benchmarks
echo "starting PostgreSQL, Redis, RabbitMQ, the identity service and the party registry…" >&2
start topology dotnet "$ROOT/tests/Benchmarks/PartyRegistry.Benchmarks/bin/Release/net10.0/PartyRegistry.Benchmarks.dll" host
read -r TOKEN_URL TOKEN_FORM <<<"$(printed topology TOKEN_REQUEST)"
export TOKEN_FORM
IDENTITY_PID=$(pid_on "$(sed 's#.*://[^:]*:\([0-9]*\)/.*#\1#' <<<"$TOKEN_URL")")
read -r DB_CS _ <<<"$(printed topology CONNECTIONS)"
POSTGRES_PID=$(pid_on "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$DB_CS")")
[[ -n "$IDENTITY_PID" && -n "$POSTGRES_PID" ]] || { echo "no identity ($IDENTITY_PID) or PostgreSQL ($POSTGRES_PID) process found" >&2; exit 1; }

# wrk counts every answer: check one by hand for a real token.
SAMPLE=$(curl -s -w '\nHTTP %{http_code}' --data "$TOKEN_FORM" "$TOKEN_URL")
grep -q '"access_token"' <<<"$SAMPLE" && grep -q '^HTTP 200$' <<<"$SAMPLE" \
  || { echo "a sample token request to $TOKEN_URL did not answer 200 with an access token:" >&2; head -c 600 <<<"$SAMPLE" >&2; exit 1; }
REFUSED=$(curl -s -o /dev/null -w '%{http_code}' --data "${TOKEN_FORM/client_secret=/client_secret=wrong}" "$TOKEN_URL")
[[ "$REFUSED" == 400 || "$REFUSED" == 401 ]] || { echo "a wrong secret was answered $REFUSED" >&2; exit 1; }

# run SECONDS : wrk for SECONDS; sets OK (token answers), BAD (other answers and socket errors), P50/P99 (us), SPAN (us)
run() {
  local out
  out=$(wrk -t 1 -c "$CONNECTIONS" -d "${1}s" --timeout 10s -s "$ROOT/tests/Benchmarks/token-request.lua" "$TOKEN_URL")
  read -r OK BAD <<<"$(sed -n 's/^TOKENS //p' <<<"$out")"
  BAD=$(( BAD + $(sed -n 's/^ERRORS //p' <<<"$out") ))
  read -r P50 P99 <<<"$(sed -n 's/^LATENCY //p' <<<"$out")"
  SPAN=$(sed -n 's/^DURATION //p' <<<"$out")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warming up…" >&2
run "$WARMUP_SECONDS"; run "$WARMUP_SECONDS"
RATES=() P50S=() P99S=() CPU_IDENTITY=() CPU_POSTGRES=() FAILURES=0
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS…" >&2
  identity_before=$(cpu_ticks "$IDENTITY_PID") postgres_before=$(cpu_ticks_tree "$POSTGRES_PID")
  run "$SECONDS_RUN"
  identity_after=$(cpu_ticks "$IDENTITY_PID") postgres_after=$(cpu_ticks_tree "$POSTGRES_PID")
  (( OK > 0 )) || { echo "no token issued in round $round" >&2; exit 1; }
  FAILURES=$(( FAILURES + BAD ))
  RATES+=("$(( OK * 1000000 / SPAN ))")
  P50S+=("$P50") P99S+=("$P99")
  CPU_IDENTITY+=("$(( (identity_after - identity_before) * TICK_US / OK ))")
  CPU_POSTGRES+=("$(( (postgres_after - postgres_before) * TICK_US / OK ))")
done
stop topology
R=$(median "${RATES[@]}")
ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us/1000}'; }

echo
echo "identity service: POST /connect/token, client credentials (mags-nrw, scope parties.read); $(nproc) cores shared by the service, infrastructure and wrk"
echo "wrk -t 1 -c $CONNECTIONS -d ${SECONDS_RUN}s (HTTP/1.1 keep-alive), after 2 x ${WARMUP_SECONDS} s warm-up; medians of $ROUNDS rounds (tokens/s: ${RATES[*]}; p50 us: ${P50S[*]}; p99 us: ${P99S[*]})"
echo "load average before: $LOAD_BEFORE"
printf '%-44s %12s %8s\n' "tokens/s (200 with an access token)" "$R" ">= 200"
printf '%-44s %12s\n' "answers other than a token, errors" "$FAILURES"
printf '%-44s %9s ms\n' "latency p50" "$(ms "$(median "${P50S[@]}")")"
printf '%-44s %9s ms\n' "latency p99" "$(ms "$(median "${P99S[@]}")")"
printf '%-44s %9s ms\n' "identity process CPU per token" "$(ms "$(median "${CPU_IDENTITY[@]}")")"
printf '%-44s %9s ms\n' "PostgreSQL CPU per token" "$(ms "$(median "${CPU_POSTGRES[@]}")")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if (( CHECK )); then
  (( R >= 200 && FAILURES == 0 )) || { echo "FAILED: the target is missed" >&2; exit 1; }
fi
