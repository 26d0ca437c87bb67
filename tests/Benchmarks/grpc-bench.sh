#!/usr/bin/env bash
# gRPC unary-echo benchmark of our runtime (docs/bench/grpc.md).
#
#   tests/Benchmarks/grpc-bench.sh [--check] [--rounds R] [--seconds S] [--clients C] [--streams M] [--callers N]
#
# Builds tests/Benchmarks/Grpc.Benchmarks in Release (server GC) and starts, each on a free loopback port:
# bare Kestrel answering a pre-encoded gRPC response (the transport's ceiling), our server, and Debian's python
# grpcio (sync and asyncio servers; the faster counts); only the one being measured gets load. h2load
# (nghttp2-client) is the load for all servers, with the same parameters; our GrpcChannel client is measured
# against our server next to h2load (and, for reference, bare HttpClient posting the pre-encoded request: the
# ceiling of any HttpClient-based client). The servers are measured alternately for --rounds rounds (after a
# warm-up) and medians count, as the 2 cores are shared with other work (on a busy machine run it under
# `nice -n -10`). Latency: p99 at half of the peak rate, from h2load --rps with --log-file (server) and from
# our client's open-loop mode --rps (client). With --check the exit code is 1 if a ratio misses its target
# (server >= 80 % of Kestrel and >= 5x python; client >= 50 % of h2load).
set -euo pipefail

CHECK=0 CLIENTS=4 STREAMS=64 CALLERS=64 ROUNDS=5 SECONDS_PER_RUN=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) CHECK=1 ;;
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    --callers) CALLERS=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --streams) STREAMS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROJECT=$ROOT/tests/Benchmarks/Grpc.Benchmarks
PYTHON=/usr/bin/python3
WORK=$(mktemp -d /tmp/grpc-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v h2load >/dev/null || { echo "h2load missing: run eng/install-prerequisites.sh --tests (apt-get install nghttp2-client)" >&2; exit 1; }
"$PYTHON" -c 'import grpc' 2>/dev/null || { echo "python3-grpcio missing: run eng/install-prerequisites.sh --tests" >&2; exit 1; }

echo "building $PROJECT (Release)…" >&2
dotnet build "$PROJECT/Grpc.Benchmarks.csproj" -c Release -nodeReuse:false -v quiet -nologo >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; exit 1; }
BENCH=("dotnet" "$PROJECT/bin/Release/net10.0/Grpc.Benchmarks.dll")
"${BENCH[@]}" request-file "$WORK/request.bin"
"${BENCH[@]}" descriptors "$WORK/echo.pb"
URL_PATH=/zielsteuerung.testing.v1.Echo/Unary
declare -A PORTS SERVER_PIDS

# start NAME CMD… : runs a server whose stdin is a fifo we hold open; sets PORT. Closing the fifo stops it
# (the server sees EOF only if no other child inherited the fifo's write end: each child closes the others').
FIFO_FDS=()
start() {
  local name=$1; shift
  mkfifo "$WORK/$name.in"
  (
    for fd in "${FIFO_FDS[@]}"; do eval "exec $fd>&-"; done
    exec "$@"
  ) <"$WORK/$name.in" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  eval "exec {FIFO_$name}>\"$WORK/$name.in\""
  local fd_var="FIFO_$name"
  FIFO_FDS+=("${!fd_var}")
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$WORK/$name.out")
    [[ -n "$PORT" ]] && break
    sleep 0.1
  done
  [[ -n "$PORT" ]] || { echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  PORTS[$name]=$PORT
  SERVER_PIDS[$name]=$!
  verify "$name"
}

stop() {
  local fd_var="FIFO_$1"
  eval "exec ${!fd_var}>&-"
  wait "${SERVER_PIDS[$1]}" 2>/dev/null || true
}

# h2load counts HTTP 200s only: check one call by hand for grpc-status 0 and the echoed message.
verify() {
  local out
  out=$(nghttp -v -H ':method: POST' -H 'content-type: application/grpc' -H 'te: trailers' \
        -d "$WORK/request.bin" "http://127.0.0.1:$PORT$URL_PATH" 2>&1 | tr -d '\0' || true)
  if ! grep -q 'grpc-status: 0' <<<"$out" || ! grep -q 'Zielvereinbarung 2026' <<<"$out"; then
    echo "$1: a sample call did not return grpc-status 0 with the echoed message:" >&2
    echo "$out" | tail -20 >&2
    exit 1
  fi
}

# h2load_rate [extra h2load args…] : calls/s of a run against $PORT (fails on any non-2xx or error)
h2load_rate() {
  local out
  out=$(h2load -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$WORK/request.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' "$@" "http://127.0.0.1:$PORT$URL_PATH")
  local ok failed
  ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' <<<"$out")
  failed=$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored.*/\1+\2/p' <<<"$out")
  if [[ "$failed" != "0+0" || "$ok" == "0" ]]; then echo "h2load failures: $out" >&2; exit 1; fi
  sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out" | cut -d. -f1
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
json() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"; }

for server in kestrel ours; do start "$server" "${BENCH[@]}" serve "$server"; done
for mode in sync aio; do
  start "py_$mode" "$PYTHON" "$ROOT/tests/Benchmarks/python_grpc_server.py" --descriptors "$WORK/echo.pb" --mode "$mode"
done
echo "warming up (JIT tiering)…" >&2
for server in kestrel ours py_sync py_aio; do PORT=${PORTS[$server]}; h2load_rate -D 3 >/dev/null; done

# Alternate the servers round by round, so that load from elsewhere on the machine hits all of them alike.
KESTREL=() OURS=() CLIENT=() RAW=() PY_SYNC=() PY_AIO=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS…" >&2
  PORT=${PORTS[kestrel]}; KESTREL+=("$(h2load_rate -D "$SECONDS_PER_RUN")")
  PORT=${PORTS[ours]}; OURS+=("$(h2load_rate -D "$SECONDS_PER_RUN")")
  client=$("${BENCH[@]}" client "http://127.0.0.1:$PORT" --concurrency "$CALLERS" --seconds "$SECONDS_PER_RUN" --warmup 1)
  CLIENT+=("$(json "$client" calls_per_second | cut -d. -f1)")
  raw=$("${BENCH[@]}" client "http://127.0.0.1:$PORT" --concurrency "$CALLERS" --seconds "$SECONDS_PER_RUN" --warmup 1 --raw)
  RAW+=("$(json "$raw" calls_per_second | cut -d. -f1)")
  PORT=${PORTS[py_sync]}; PY_SYNC+=("$(h2load_rate -D "$SECONDS_PER_RUN")")
  PORT=${PORTS[py_aio]}; PY_AIO+=("$(h2load_rate -D "$SECONDS_PER_RUN")")
done

# p99 latency at half of the peak rate (the medians above).
PORT=${PORTS[ours]}
PEAK=$(median "${OURS[@]}")
HALF_PER_CLIENT=$(( PEAK / 2 / CLIENTS ))
h2load_rate -D "$SECONDS_PER_RUN" --rps "$HALF_PER_CLIENT" --log-file "$WORK/latency.log" >/dev/null
SERVER_P99=$(awk '{print $3}' "$WORK/latency.log" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]/1000}')
SERVER_HALF_RATE=$(( HALF_PER_CLIENT * CLIENTS ))
CLIENT_HALF_RATE=$(( $(median "${CLIENT[@]}") / 2 ))
client=$("${BENCH[@]}" client "http://127.0.0.1:$PORT" --rps "$CLIENT_HALF_RATE" --concurrency "$CALLERS" --seconds "$SECONDS_PER_RUN" --warmup 1)
CLIENT_P99=$(json "$client" p99_ms)

for server in kestrel ours py_sync py_aio; do stop "$server"; done
OURS_STATS=$(grep STATS "$WORK/ours.out" || true) KESTREL_STATS=$(grep STATS "$WORK/kestrel.out" || true)

declare -A PY=([sync]=$(median "${PY_SYNC[@]}") [aio]=$(median "${PY_AIO[@]}"))
if (( PY[sync] > PY[aio] )); then PY_MODE=sync; else PY_MODE=aio; fi
PYTHON_RATE=${PY[$PY_MODE]}

K=$(median "${KESTREL[@]}") O=$(median "${OURS[@]}") C=$(median "${CLIENT[@]}") H=$O
# Each ratio is the median of its per-round ratios: the two figures of a round were measured seconds apart.
round_ratios() { local -n num=$1 den=$2; for i in "${!num[@]}"; do ratio "${num[$i]}" "${den[$i]}"; echo; done; }
PY_BEST=PY_SYNC; [[ $PY_MODE == aio ]] && PY_BEST=PY_AIO
R_KESTREL=$(median $(round_ratios OURS KESTREL)) R_PYTHON=$(median $(round_ratios OURS "$PY_BEST"))
R_CLIENT=$(median $(round_ratios CLIENT OURS))

echo
echo "gRPC unary echo, $(nproc) cores shared by server and load generator; h2load -c $CLIENTS -m $STREAMS -t 1, medians of $ROUNDS rounds"
printf '%-52s %12s\n' "measurement" "calls/s"
printf '%-52s %12s\n' "bare Kestrel, pre-encoded response (h2load)" "$K"
printf '%-52s %12s\n' "our server (h2load)" "$O"
printf '%-52s %12s\n' "python grpcio $PY_MODE server (h2load, sync ${PY[sync]} / aio ${PY[aio]})" "$PYTHON_RATE"
printf '%-52s %12s\n' "our client, $CALLERS callers -> our server" "$C"
printf '%-52s %12s\n' "(bare HttpClient, pre-encoded request, same callers)" "$(median "${RAW[@]}")"
echo "rounds: kestrel ${KESTREL[*]} | ours ${OURS[*]} | our client ${CLIENT[*]} | bare HttpClient ${RAW[*]} | python sync ${PY_SYNC[*]} | aio ${PY_AIO[*]}"
echo
printf '%-52s %8s %8s\n' "ratio (median of the rounds' ratios)" "value" "target"
printf '%-52s %8s %8s\n' "our server / bare Kestrel" "$R_KESTREL" ">= 0.80"
printf '%-52s %8s %8s\n' "our server / python grpcio" "$R_PYTHON" ">= 5"
printf '%-52s %8s %8s\n' "our client / h2load" "$R_CLIENT" ">= 0.50"
echo
echo "p99 latency at half of peak:"
echo "  our server at $SERVER_HALF_RATE calls/s (h2load --rps $HALF_PER_CLIENT x $CLIENTS clients): ${SERVER_P99} ms"
echo "  our client at $CLIENT_HALF_RATE calls/s (open loop, latency from scheduled start): ${CLIENT_P99} ms"
echo
echo "allocations: ours: ${OURS_STATS#STATS }"
echo "             bare Kestrel: ${KESTREL_STATS#STATS }"

if (( CHECK )); then
  awk -v k="$R_KESTREL" -v p="$R_PYTHON" -v c="$R_CLIENT" 'BEGIN {exit !(k >= 0.8 && p >= 5 && c >= 0.5)}' \
    || { echo "FAILED: a ratio is below its target" >&2; exit 1; }
fi
