#!/usr/bin/env bash
# Party registry benchmark (docs/bench/party-registry.md, docs/bench/identity.md): GetParty through gRPC with a warm
# cache and a valid bearer token, against the same registry with authentication switched off, against the grpc-dotnet
# unary echo measured in the same run with the same h2load parameters, and the echo against bare Kestrel.
#
#   tests/Benchmarks/party-registry-bench.sh [--check] [--requests N] [--clients C] [--streams M] [--rounds R]
#
# Builds tests/Benchmarks/PartyRegistry.Benchmarks (which builds the AppHost and the services) and
# tests/Benchmarks/Grpc.Benchmarks in Release. Starts the AppHost's topology (PostgreSQL, Redis, RabbitMQ, the identity
# service, the registry loading the NRW reference data) through Aspire.Hosting.Testing and takes an access token of the
# development client mags-nrw (scope parties.read) from the identity service. Servers, each checked with one call by
# nghttp for the right grpc-status (h2load counts HTTP 200s, not grpc-status):
#   registry  the registry as deployed, GetParty with the token
#   auth      PartyRegistry.Benchmarks "serve-auth": the registry hosted as its Program.cs does, in the deployed one's
#             environment (same databases, same identity service), GetParty with the token
#   open      "serve-open": the same with the access interceptor removed, GetParty without a token (the reference)
#   slim      "serve-bare": the registry's services and access control in a slim host without the rest of
#             ServiceDefaults (diagnosis), GetParty with the token
#   echo      grpc-dotnet's Echo/Unary (Grpc.Benchmarks "serve grpc-dotnet")
#   kestrel   bare Kestrel answering a pre-encoded response (Grpc.Benchmarks "serve kestrel", the transport's ceiling)
# After a warm-up (3 x 4 s per server) --rounds alternating rounds of h2load -n --requests; medians count (auth and
# open swap places every round). Server CPU per call is measured too (/proc/<pid>/stat), as the machine is shared. Then
# p99 of the deployed GetParty at half of its peak rate arriving steadily (h2load's timing script, calibrated), and of the
# echo at the same rate; and GetParty at that rate in h2load's --rps bursts (reported).
# With --check the exit code is 1 if a target is missed: GetParty with a token >= 80 % of the same without
# authentication, GetParty >= 70 % of echo, p99 <= 5 ms.
set -euo pipefail

CHECK=0 REQUESTS=100000 CLIENTS=4 STREAMS=64 ROUNDS=5 SECONDS_LATENCY=10 WARMUP_SECONDS=4 PARTY=jc-05554
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) CHECK=1 ;;
    --requests) REQUESTS=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --streams) STREAMS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/bench-lib.sh"
command -v h2load >/dev/null && command -v nghttp >/dev/null || { echo "h2load/nghttp missing: apt-get install nghttp2-client" >&2; exit 1; }

build PartyRegistry.Benchmarks Grpc.Benchmarks
REGISTRY=("dotnet" "$ROOT/tests/Benchmarks/PartyRegistry.Benchmarks/bin/Release/net10.0/PartyRegistry.Benchmarks.dll")
ECHO=("dotnet" "$ROOT/tests/Benchmarks/Grpc.Benchmarks/bin/Release/net10.0/Grpc.Benchmarks.dll")
"${REGISTRY[@]}" request-file "$WORK/get-party.bin" "$PARTY"
"${ECHO[@]}" request-file "$WORK/echo.bin"

# verify PORT BODY PATH STATUS TEXT [nghttp args…] : one call by hand; its answer must carry grpc-status STATUS and TEXT.
verify() {
  local port=$1 body=$2 path=$3 status=$4 text=$5; shift 5
  local out
  out=$(nghttp -v -H ':method: POST' -H 'content-type: application/grpc' -H 'te: trailers' "$@" \
        -d "$body" "http://127.0.0.1:$port$path" 2>&1 | tr -d '\000' || true)
  grep -q "grpc-status: $status\$" <<<"$out" && grep -q "$text" <<<"$out" \
    || { echo "a sample call to $path on port $port did not answer grpc-status $status with '$text':" >&2; tail -20 <<<"$out" >&2; exit 1; }
}

# rate PORT PATH BODY [h2load args…] : calls/s (fails on any non-2xx or error)
rate() {
  local port=$1 path=$2 body=$3; shift 3
  local out ok failed
  out=$(h2load -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' \
        "$@" "http://127.0.0.1:$port$path")
  ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' <<<"$out")
  failed=$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored.*/\1+\2/p' <<<"$out")
  if [[ "$failed" != "0+0" || "$ok" == "0" ]]; then echo "h2load failures: $out" >&2; exit 1; fi
  sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out" | cut -d. -f1
}
# measure NAME PORT PATH BODY PID [h2load args…] : appends calls/s to NAME and CPU microseconds per call to NAME_CPU
measure() {
  local name=$1 port=$2 path=$3 body=$4 pid=$5; shift 5
  local before after calls
  before=$(cpu_ticks "$pid")
  calls=$(rate "$port" "$path" "$body" -n "$REQUESTS" "$@")
  after=$(cpu_ticks "$pid")
  eval "$name+=(\"$calls\")"
  eval "${name}_CPU+=(\"$(( (after - before) * TICK_US / REQUESTS ))\")"
}

GET_PATH=/zielsteuerung.parties.v1.PartyRegistry/GetParty
ECHO_PATH=/zielsteuerung.benchmarks.v1.Echo/Unary

echo "starting PostgreSQL, Redis, RabbitMQ, the identity service and the party registry…" >&2
start registry "${REGISTRY[@]}" host "$WORK/registry-env.json"
REGISTRY_PORT=$PORT
REGISTRY_PID=$(pid_on "$REGISTRY_PORT")
TOKEN=$(printed registry TOKEN)
AUTHORITY=$(printed registry IDENTITY)
read -r DB_CS REDIS_CS RABBIT_CS <<<"$(printed registry CONNECTIONS)"
BEARER=(-H "authorization: Bearer $TOKEN")
# Each authenticated server: the call with the token answers, the same call without one is refused (UNAUTHENTICATED).
verify "$REGISTRY_PORT" "$WORK/get-party.bin" "$GET_PATH" 0 "Jobcenter Kreis Borken" "${BEARER[@]}"
verify "$REGISTRY_PORT" "$WORK/get-party.bin" "$GET_PATH" 16 ""
# The same registry code and host, in the deployed registry's environment, on ports of its own; with the server GC of
# the registry's runtimeconfig (this project's own has the workstation GC).
DOTNET_gcServer=1 start auth "${REGISTRY[@]}" serve-auth "$WORK/registry-env.json"
AUTH_PORT=$PORT
AUTH_PID=${PIDS[-1]}
verify "$AUTH_PORT" "$WORK/get-party.bin" "$GET_PATH" 0 "Jobcenter Kreis Borken" "${BEARER[@]}"
verify "$AUTH_PORT" "$WORK/get-party.bin" "$GET_PATH" 16 ""
DOTNET_gcServer=1 start open "${REGISTRY[@]}" serve-open "$WORK/registry-env.json"
OPEN_PORT=$PORT
OPEN_PID=${PIDS[-1]}
verify "$OPEN_PORT" "$WORK/get-party.bin" "$GET_PATH" 0 "Jobcenter Kreis Borken"
# The registry's code and access control in a slim host without the rest of ServiceDefaults (no telemetry, logging,
# health endpoints): shows what the platform's per-request pipeline costs on top of the registry's own work.
start bare "${REGISTRY[@]}" serve-bare "$DB_CS" "$REDIS_CS" "$RABBIT_CS" "$AUTHORITY"
BARE_PORT=$PORT
BARE_PID=${PIDS[-1]}
verify "$BARE_PORT" "$WORK/get-party.bin" "$GET_PATH" 0 "Jobcenter Kreis Borken" "${BEARER[@]}"
verify "$BARE_PORT" "$WORK/get-party.bin" "$GET_PATH" 16 ""
start echo "${ECHO[@]}" serve grpc-dotnet
ECHO_PORT=$PORT
ECHO_PID=${PIDS[-1]}
verify "$ECHO_PORT" "$WORK/echo.bin" "$ECHO_PATH" 0 "Zielvereinbarung 2026"
start kestrel "${ECHO[@]}" serve kestrel
KESTREL_PORT=$PORT
KESTREL_PID=${PIDS[-1]}
verify "$KESTREL_PORT" "$WORK/echo.bin" "$ECHO_PATH" 0 "Zielvereinbarung 2026"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warming up (cache and JIT)…" >&2
# Long enough for tiered JIT (tier 1 with PGO) to settle on a loaded machine: the first 100k calls of a fresh
# process run at a fraction of the final rate.
for _ in 1 2 3; do
  rate "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" "${BEARER[@]}" >/dev/null
  rate "$AUTH_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" "${BEARER[@]}" >/dev/null
  rate "$OPEN_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" >/dev/null
  rate "$BARE_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" "${BEARER[@]}" >/dev/null
  rate "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" -D "$WARMUP_SECONDS" >/dev/null
  rate "$KESTREL_PORT" "$ECHO_PATH" "$WORK/echo.bin" -D "$WARMUP_SECONDS" >/dev/null
done

GET=() GET_CPU=() AUTH=() AUTH_CPU=() OPEN=() OPEN_CPU=() BARE=() BARE_CPU=() ECHOES=() ECHOES_CPU=() KESTREL=() KESTREL_CPU=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS…" >&2
  measure GET "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" "$REGISTRY_PID" "${BEARER[@]}"
  measure ECHOES "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" "$ECHO_PID"
  if (( round % 2 )); then
    measure AUTH "$AUTH_PORT" "$GET_PATH" "$WORK/get-party.bin" "$AUTH_PID" "${BEARER[@]}"
    measure OPEN "$OPEN_PORT" "$GET_PATH" "$WORK/get-party.bin" "$OPEN_PID"
  else
    measure OPEN "$OPEN_PORT" "$GET_PATH" "$WORK/get-party.bin" "$OPEN_PID"
    measure AUTH "$AUTH_PORT" "$GET_PATH" "$WORK/get-party.bin" "$AUTH_PID" "${BEARER[@]}"
  fi
  measure BARE "$BARE_PORT" "$GET_PATH" "$WORK/get-party.bin" "$BARE_PID" "${BEARER[@]}"
  measure KESTREL "$KESTREL_PORT" "$ECHO_PATH" "$WORK/echo.bin" "$KESTREL_PID"
done
K=$(median "${KESTREL[@]}") K_CPU=$(median "${KESTREL_CPU[@]}")
B=$(median "${BARE[@]}") B_CPU=$(median "${BARE_CPU[@]}")
A=$(median "${AUTH[@]}") A_CPU=$(median "${AUTH_CPU[@]}")
O=$(median "${OPEN[@]}") O_CPU=$(median "${OPEN_CPU[@]}")
G=$(median "${GET[@]}") E=$(median "${ECHOES[@]}")
G_CPU=$(median "${GET_CPU[@]}") E_CPU=$(median "${ECHOES_CPU[@]}")

# percentile FILE P : the P-th percentile (0..1) of h2load's per-request latency log (column 3, microseconds), in ms
percentile() { awk '{print $3}' "$1" | sort -n | awk -v p="$2" '{a[NR]=$1} END {printf "%.2f", a[int(NR*p)]/1000}'; }
# timed PORT PATH BODY PER_SECOND SECONDS LOG [h2load args…] : a timing script of PER_SECOND calls/s over the $CLIENTS
# connections for SECONDS, latencies to LOG; prints the rate achieved. At most 2,000 entries per connection and second
# (h2load's loop keeps up with that), so at higher rates an entry has several calls: two or more every 0.5 ms.
timed() {
  local port=$1 path=$2 body=$3 per_second=$4 seconds=$5 log=$6; shift 6
  awk -v r="$per_second" -v c="$CLIENTS" -v d="$seconds" -v u="http://127.0.0.1:$port$path" \
    'BEGIN { k = int(r / c / 2000) + 2; e = r / c / k; for (i = 0; i < e * d; i++) { t = sprintf("%.3f", i * 1000 / e); for (j = 0; j < k; j++) print t "\t" u } }' >"$WORK/timing.txt"
  rm -f "$log"
  rate "$port" "$path" "$body" --timing-script-file "$WORK/timing.txt" --log-file "$log" "$@"
}
# steady PORT PATH BODY PER_SECOND LOG [h2load args…] : PER_SECOND calls/s arriving steadily for $SECONDS_LATENCY s;
# prints the rate achieved. h2load's --rps ticks at most every 10 ms and sends a tick's calls at once; its timing script
# times every call, but h2load runs at most one entry per connection and turn of its loop and falls behind the script,
# so 3-s runs (up to three) measure by how much and the script is scaled to the rate.
steady() {
  local port=$1 path=$2 body=$3 per_second=$4 log=$5; shift 5
  local scripted=$(( per_second * 13 / 10 )) achieved attempt
  for attempt in 1 2 3; do
    achieved=$(timed "$port" "$path" "$body" "$scripted" 3 "$log" "$@")
    awk -v r="$per_second" -v a="$achieved" 'BEGIN {exit !(a > 0.95 * r && a < 1.05 * r)}' && break
    scripted=$(awk -v s="$scripted" -v r="$per_second" -v a="$achieved" 'BEGIN {printf "%d", s * r / a}')
  done
  timed "$port" "$path" "$body" "$scripted" "$SECONDS_LATENCY" "$log" "$@"
}
HALF=$(( G / 2 ))
HALF_DONE=$(steady "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" "$HALF" "$WORK/latency.log" "${BEARER[@]}")
P99=$(percentile "$WORK/latency.log" 0.99) P50=$(percentile "$WORK/latency.log" 0.50)
# The same rate against the echo: what the machine and grpc-dotnet alone give at that load.
ECHO_DONE=$(steady "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" "$HALF" "$WORK/echo-latency.log")
ECHO_P99=$(percentile "$WORK/echo-latency.log" 0.99) ECHO_P50=$(percentile "$WORK/echo-latency.log" 0.50)
# As h2load's --rps sends that rate (bursts every 10 ms): reported.
rate "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$SECONDS_LATENCY" --rps $(( HALF / CLIENTS )) --log-file "$WORK/burst-latency.log" "${BEARER[@]}" >/dev/null
BURST_P99=$(percentile "$WORK/burst-latency.log" 0.99) BURST_P50=$(percentile "$WORK/burst-latency.log" 0.50)
stop kestrel
stop echo
stop bare
stop open
stop auth
stop registry
AUTH_RATIO=$(awk -v a="$A" -v b="$O" 'BEGIN {printf "%.2f", a/b}')
RATIO=$(awk -v a="$G" -v b="$E" 'BEGIN {printf "%.2f", a/b}')
CPU_RATIO=$(awk -v a="$E_CPU" -v b="$G_CPU" 'BEGIN {printf "%.2f", a/b}')
ECHO_RATIO=$(awk -v a="$E" -v b="$K" 'BEGIN {printf "%.2f", a/b}')

echo
echo "party registry GetParty (warm cache, bearer token) vs the same without authentication and vs grpc-dotnet unary echo; $(nproc) cores shared by servers, infrastructure and h2load"
echo "h2load -c $CLIENTS -m $STREAMS -t 1 -n $REQUESTS, medians of $ROUNDS alternating rounds (GetParty: ${GET[*]}; auth: ${AUTH[*]}; open: ${OPEN[*]}; echo: ${ECHOES[*]}; slim: ${BARE[*]}; kestrel: ${KESTREL[*]})"
echo "load average before: $LOAD_BEFORE"
printf '%-56s %12s %16s\n' "measurement" "calls/s" "server CPU/call"
printf '%-56s %12s %13s us\n' "GetParty $PARTY with token, the registry as deployed" "$G" "$G_CPU"
printf '%-56s %12s %13s us\n' "GetParty with token, serve-auth (same host, own port)" "$A" "$A_CPU"
printf '%-56s %12s %13s us\n' "GetParty without token, serve-open (no access check)" "$O" "$O_CPU"
printf '%-56s %12s %13s us\n' "GetParty with token, slim host without ServiceDefaults" "$B" "$B_CPU"
printf '%-56s %12s %13s us\n' "grpc-dotnet unary echo" "$E" "$E_CPU"
printf '%-56s %12s %13s us\n' "bare Kestrel, pre-encoded echo response" "$K" "$K_CPU"
printf '%-56s %12s %8s\n' "ratio with token / without authentication (calls/s)" "$AUTH_RATIO" ">= 0.80"
printf '%-56s %12s\n' "access control's CPU per call (auth - open)" "$(( A_CPU - O_CPU )) us"
printf '%-56s %12s %8s\n' "ratio GetParty as deployed / echo (calls/s)" "$RATIO" ">= 0.70"
printf '%-56s %12s\n' "ratio echo / bare Kestrel (calls/s)" "$ECHO_RATIO"
printf '%-56s %12s\n' "ratio echo CPU/call / GetParty CPU/call" "$CPU_RATIO"
echo "GetParty at half of peak, arriving steadily ($HALF_DONE of $HALF calls/s, ${SECONDS_LATENCY} s): p50 ${P50} ms, p99 ${P99} ms (target <= 5 ms)"
echo "echo at the same rate, for comparison ($ECHO_DONE calls/s): p50 ${ECHO_P50} ms, p99 ${ECHO_P99} ms"
echo "GetParty at the same rate in h2load's 10 ms bursts (--rps, reported): p50 ${BURST_P50} ms, p99 ${BURST_P99} ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if (( CHECK )); then
  awk -v a="$AUTH_RATIO" -v r="$RATIO" -v p="$P99" -v done="$HALF_DONE" -v half="$HALF" \
    'BEGIN {exit !(a >= 0.8 && r >= 0.7 && p <= 5 && done >= 0.95 * half)}' || { echo "FAILED: a target is missed" >&2; exit 1; }
fi
