#!/usr/bin/env bash
# Party registry benchmark (docs/bench/party-registry.md): GetParty through gRPC with a warm cache, against the gRPC
# grpc-dotnet unary echo measured in the same run with the same h2load parameters, and the echo against bare Kestrel.
#
#   tests/Benchmarks/party-registry-bench.sh [--check] [--requests N] [--clients C] [--streams M] [--rounds R]
#
# Builds tests/Benchmarks/PartyRegistry.Benchmarks (which builds the registry) and tests/Benchmarks/Grpc.Benchmarks in
# Release. Starts PostgreSQL, Redis, RabbitMQ and the registry (loading the NRW reference data) through the AppHost's
# hosting API, warms the cache, then for --rounds rounds measures alternately h2load against
# /zielsteuerung.parties.v1.PartyRegistry/GetParty (a pre-encoded GetPartyRequest for jc-05554) and against the
# grpc-dotnet Echo/Unary server (Grpc.Benchmarks "serve grpc-dotnet"), against bare Kestrel answering a pre-encoded
# response (Grpc.Benchmarks "serve kestrel", the transport's ceiling), and, for diagnosis, against the same registry code in a
# slim host without ServiceDefaults (PartyRegistry.Benchmarks "serve-bare"); medians count. Server CPU per call is
# measured too (/proc/<pid>/stat), as the machine is shared. Then p99 of GetParty at half of its peak rate
# (h2load --rps --log-file), and of the echo at the same rate for comparison. With --check the exit code is 1 if a target is missed:
# GetParty >= 70 % of echo, p99 <= 5 ms.
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

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/party-registry-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v h2load >/dev/null || { echo "h2load missing: apt-get install nghttp2-client" >&2; exit 1; }

for project in PartyRegistry.Benchmarks Grpc.Benchmarks; do
  echo "building $project (Release)…" >&2
  dotnet build "$ROOT/tests/Benchmarks/$project/$project.csproj" -c Release -nodeReuse:false -v quiet -nologo >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; exit 1; }
done
REGISTRY=("dotnet" "$ROOT/tests/Benchmarks/PartyRegistry.Benchmarks/bin/Release/net10.0/PartyRegistry.Benchmarks.dll")
ECHO=("dotnet" "$ROOT/tests/Benchmarks/Grpc.Benchmarks/bin/Release/net10.0/Grpc.Benchmarks.dll")
"${REGISTRY[@]}" request-file "$WORK/get-party.bin" "$PARTY"
"${ECHO[@]}" request-file "$WORK/echo.bin"

# start NAME CMD… : runs a process whose stdin is a fifo we hold open until stop NAME; sets PORT from "PORT <n>".
start() {
  local name=$1; shift
  mkfifo "$WORK/$name.in"
  "$@" <"$WORK/$name.in" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  eval "exec {FIFO_$name}>\"$WORK/$name.in\""
  PORT=""
  for _ in $(seq 1 2400); do
    PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$WORK/$name.out")
    [[ -n "$PORT" ]] && break
    sleep 0.1
  done
  [[ -n "$PORT" ]] || { echo "$name did not start:" >&2; tail -30 "$WORK/$name.err" "$WORK/$name.out" >&2; exit 1; }
}
stop() {
  local fd_var="FIFO_$1"
  eval "exec ${!fd_var}>&-"
}

# h2load counts HTTP 200s only: check one call by hand for grpc-status 0 and the expected content.
verify() {
  local out
  out=$(nghttp -v -H ':method: POST' -H 'content-type: application/grpc' -H 'te: trailers' \
        -d "$2" "http://127.0.0.1:$1$3" 2>&1 | tr -d '\000' || true)
  grep -q 'grpc-status: 0' <<<"$out" && grep -q "$4" <<<"$out" \
    || { echo "a sample call to $3 did not answer grpc-status 0 with '$4':" >&2; tail -20 <<<"$out" >&2; exit 1; }
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
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# CPU time (user+system, clock ticks) a process used so far; the machine is shared, so CPU per call is measured too.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
# measure NAME PORT PATH BODY PID : appends calls/s to NAME and CPU microseconds per call to NAME_CPU
measure() {
  local before after calls
  before=$(cpu_ticks "$5")
  calls=$(rate "$2" "$3" "$4" -n "$REQUESTS")
  after=$(cpu_ticks "$5")
  eval "$1+=(\"$calls\")"
  eval "$1_CPU+=(\"$(( (after - before) * TICK_US / REQUESTS ))\")"
}

GET_PATH=/zielsteuerung.parties.v1.PartyRegistry/GetParty
ECHO_PATH=/zielsteuerung.benchmarks.v1.Echo/Unary

echo "starting PostgreSQL, Redis, RabbitMQ and the party registry…" >&2
start registry "${REGISTRY[@]}" host
REGISTRY_PORT=$PORT
REGISTRY_PID=$(ss -Hltnp "sport = :$REGISTRY_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
verify "$REGISTRY_PORT" "$WORK/get-party.bin" "$GET_PATH" "Jobcenter Kreis Borken"
# The same registry code in a slim host without ServiceDefaults (no telemetry, logging, health endpoints): shows
# what the platform's per-request pipeline costs on top of the registry's own work.
read -r _ DB_CS REDIS_CS RABBIT_CS < <(grep '^CONNECTIONS ' "$WORK/registry.out")
start bare "${REGISTRY[@]}" serve-bare "$DB_CS" "$REDIS_CS" "$RABBIT_CS"
BARE_PORT=$PORT
BARE_PID=${PIDS[-1]}
verify "$BARE_PORT" "$WORK/get-party.bin" "$GET_PATH" "Jobcenter Kreis Borken"
start echo "${ECHO[@]}" serve grpc-dotnet
ECHO_PORT=$PORT
ECHO_PID=${PIDS[-1]}
verify "$ECHO_PORT" "$WORK/echo.bin" "$ECHO_PATH" "Zielvereinbarung 2026"
start kestrel "${ECHO[@]}" serve kestrel
KESTREL_PORT=$PORT
KESTREL_PID=${PIDS[-1]}
verify "$KESTREL_PORT" "$WORK/echo.bin" "$ECHO_PATH" "Zielvereinbarung 2026"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warming up (cache and JIT)…" >&2
# Long enough for tiered JIT (tier 1 with PGO) to settle on a loaded machine: the first 100k calls of a fresh
# process run at a fraction of the final rate.
for _ in 1 2 3; do
  rate "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" >/dev/null
  rate "$BARE_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$WARMUP_SECONDS" >/dev/null
  rate "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" -D "$WARMUP_SECONDS" >/dev/null
  rate "$KESTREL_PORT" "$ECHO_PATH" "$WORK/echo.bin" -D "$WARMUP_SECONDS" >/dev/null
done

GET=() GET_CPU=() BARE=() BARE_CPU=() ECHOES=() ECHOES_CPU=() KESTREL=() KESTREL_CPU=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS…" >&2
  measure GET "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" "$REGISTRY_PID"
  measure ECHOES "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" "$ECHO_PID"
  measure BARE "$BARE_PORT" "$GET_PATH" "$WORK/get-party.bin" "$BARE_PID"
  measure KESTREL "$KESTREL_PORT" "$ECHO_PATH" "$WORK/echo.bin" "$KESTREL_PID"
done
K=$(median "${KESTREL[@]}") K_CPU=$(median "${KESTREL_CPU[@]}")
B=$(median "${BARE[@]}") B_CPU=$(median "${BARE_CPU[@]}")
G=$(median "${GET[@]}") E=$(median "${ECHOES[@]}")
G_CPU=$(median "${GET_CPU[@]}") E_CPU=$(median "${ECHOES_CPU[@]}")

# percentile FILE P : the P-th percentile (0..1) of h2load's per-request latency log (column 3, microseconds), in ms
percentile() { awk '{print $3}' "$1" | sort -n | awk -v p="$2" '{a[NR]=$1} END {printf "%.2f", a[int(NR*p)]/1000}'; }
HALF_PER_CLIENT=$(( G / 2 / CLIENTS ))
rate "$REGISTRY_PORT" "$GET_PATH" "$WORK/get-party.bin" -D "$SECONDS_LATENCY" --rps "$HALF_PER_CLIENT" --log-file "$WORK/latency.log" >/dev/null
P99=$(percentile "$WORK/latency.log" 0.99) P50=$(percentile "$WORK/latency.log" 0.50)
# The same rate against the echo: what the machine and grpc-dotnet alone give at that load.
rate "$ECHO_PORT" "$ECHO_PATH" "$WORK/echo.bin" -D "$SECONDS_LATENCY" --rps "$HALF_PER_CLIENT" --log-file "$WORK/echo-latency.log" >/dev/null
ECHO_P99=$(percentile "$WORK/echo-latency.log" 0.99) ECHO_P50=$(percentile "$WORK/echo-latency.log" 0.50)
stop kestrel
stop echo
stop bare
stop registry
RATIO=$(awk -v a="$G" -v b="$E" 'BEGIN {printf "%.2f", a/b}')
CPU_RATIO=$(awk -v a="$E_CPU" -v b="$G_CPU" 'BEGIN {printf "%.2f", a/b}')
ECHO_RATIO=$(awk -v a="$E" -v b="$K" 'BEGIN {printf "%.2f", a/b}')

echo
echo "party registry GetParty (warm cache) vs grpc-dotnet unary echo; $(nproc) cores shared by servers, infrastructure and h2load"
echo "h2load -c $CLIENTS -m $STREAMS -t 1 -n $REQUESTS, medians of $ROUNDS alternating rounds (GetParty: ${GET[*]}; echo: ${ECHOES[*]}; slim: ${BARE[*]}; kestrel: ${KESTREL[*]})"
echo "load average before: $LOAD_BEFORE"
printf '%-48s %12s %16s\n' "measurement" "calls/s" "server CPU/call"
printf '%-48s %12s %13s us\n' "GetParty $PARTY, warm cache" "$G" "$G_CPU"
printf '%-48s %12s %13s us\n' "GetParty, slim host without ServiceDefaults" "$B" "$B_CPU"
printf '%-48s %12s %13s us\n' "grpc-dotnet unary echo" "$E" "$E_CPU"
printf '%-48s %12s %13s us\n' "bare Kestrel, pre-encoded echo response" "$K" "$K_CPU"
printf '%-48s %12s %8s\n' "ratio GetParty / echo (calls/s)" "$RATIO" ">= 0.70"
printf '%-48s %12s\n' "ratio echo / bare Kestrel (calls/s)" "$ECHO_RATIO"
printf '%-48s %12s\n' "ratio echo CPU/call / GetParty CPU/call" "$CPU_RATIO"
echo "GetParty at $(( HALF_PER_CLIENT * CLIENTS )) calls/s (half of peak, h2load --rps $HALF_PER_CLIENT x $CLIENTS, ${SECONDS_LATENCY} s): p50 ${P50} ms, p99 ${P99} ms (target <= 5 ms)"
echo "echo at the same rate, for comparison:           p50 ${ECHO_P50} ms, p99 ${ECHO_P99} ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if (( CHECK )); then
  awk -v r="$RATIO" -v p="$P99" 'BEGIN {exit !(r >= 0.7 && p <= 5)}' || { echo "FAILED: a target is missed" >&2; exit 1; }
fi
