#!/usr/bin/env bash
# Where the time of access control goes (docs/bench/identity.md), for diagnosis — not a benchmark of record.
#
#   tests/Benchmarks/auth-profile.sh [--requests N] [--rounds R] [--seconds S]
#
# Starts the topology as party-registry-bench.sh does, then:
#  1. GetParty against serve-auth (token), serve-open (no token) and serve-auth with PARTY_REGISTRY_BENCH_TOKEN_CACHE=
#     by-token (accepted tokens remembered by their text alone: what a token cache that hits would give), alternating,
#     h2load -c 4 -m 64 -n --requests per round, calls/s and server CPU per call, medians of --rounds;
#  2. perf profiles (perf record -g, 1999 Hz, --seconds s under h2load) of serve-auth and serve-open, and of the identity
#     service under wrk's token requests, with perf maps of the JIT-compiled code (DOTNET_PerfMapEnabled=1,
#     DOTNET_EnableWriteXorExecute=0); prints the share of each library and the top managed and native symbols.
set -euo pipefail

REQUESTS=100000 ROUNDS=3 SECONDS_PROFILE=8 PARTY=jc-05554
while [[ $# -gt 0 ]]; do
  case "$1" in
    --requests) REQUESTS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --seconds) SECONDS_PROFILE=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "$0")/bench-lib.sh"
for tool in h2load nghttp wrk perf; do command -v "$tool" >/dev/null || { echo "$tool missing (nghttp2-client, wrk, linux-perf)" >&2; exit 1; }; done
build PartyRegistry.Benchmarks
BENCH=(dotnet "$ROOT/tests/Benchmarks/PartyRegistry.Benchmarks/bin/Release/net10.0/PartyRegistry.Benchmarks.dll")
"${BENCH[@]}" request-file "$WORK/get-party.bin" "$PARTY"
GET_PATH=/zielsteuerung.parties.v1.PartyRegistry/GetParty
PROFILED=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)

echo "starting the topology…" >&2
PARTY_REGISTRY_BENCH_IDENTITY_ENV="$(IFS=';'; echo "${PROFILED[*]}")" start registry "${BENCH[@]}" host "$WORK/registry-env.json"
TOKEN=$(printed registry TOKEN)
BEARER=(-H "authorization: Bearer $TOKEN")
read -r TOKEN_URL TOKEN_FORM <<<"$(printed registry TOKEN_REQUEST)"
export TOKEN_FORM
IDENTITY_PID=$(pid_on "$(sed 's#.*://[^:]*:\([0-9]*\)/.*#\1#' <<<"$TOKEN_URL")")
DOTNET_gcServer=1 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start auth "${BENCH[@]}" serve-auth "$WORK/registry-env.json"
AUTH_PORT=$PORT AUTH_PID=${PIDS[-1]}
DOTNET_gcServer=1 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start open "${BENCH[@]}" serve-open "$WORK/registry-env.json"
OPEN_PORT=$PORT OPEN_PID=${PIDS[-1]}
DOTNET_gcServer=1 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 PARTY_REGISTRY_BENCH_TOKEN_CACHE=by-token start cached "${BENCH[@]}" serve-auth "$WORK/registry-env.json"
CACHED_PORT=$PORT CACHED_PID=${PIDS[-1]}

# load PORT [h2load args…] : h2load GetParty; prints calls/s
load() {
  local port=$1; shift
  local out
  out=$(h2load -c 4 -m 64 -t 1 -d "$WORK/get-party.bin" -H 'content-type: application/grpc' -H 'te: trailers' "$@" "http://127.0.0.1:$port$GET_PATH")
  grep -q '^status codes: [1-9][0-9]* 2xx, 0 3xx, 0 4xx, 0 5xx' <<<"$out" || { echo "h2load failures: $out" >&2; exit 1; }
  sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out" | cut -d. -f1
}
status() {
  nghttp -v -H ':method: POST' -H 'content-type: application/grpc' -H 'te: trailers' "${@:2}" -d "$WORK/get-party.bin" \
    "http://127.0.0.1:$1$GET_PATH" 2>&1 | tr -d '\000' | sed -n 's/.*grpc-status: \([0-9]*\)$/\1/p' | sed -n 1p
}
[[ "$(status "$AUTH_PORT" "${BEARER[@]}")" == 0 && "$(status "$AUTH_PORT")" == 16 && "$(status "$OPEN_PORT")" == 0 \
   && "$(status "$CACHED_PORT" "${BEARER[@]}")" == 0 && "$(status "$CACHED_PORT")" == 16 ]] \
  || { echo "a sample call did not answer the expected grpc-status" >&2; exit 1; }

echo "warming up…" >&2
for _ in 1 2 3; do
  load "$AUTH_PORT" -D 4 "${BEARER[@]}" >/dev/null
  load "$OPEN_PORT" -D 4 >/dev/null
  load "$CACHED_PORT" -D 4 "${BEARER[@]}" >/dev/null
done
AUTH=() AUTH_CPU=() OPEN=() OPEN_CPU=() CACHED=() CACHED_CPU=()
# measure NAME PORT PID [h2load args…]
measure() {
  local name=$1 port=$2 pid=$3; shift 3
  local before after calls
  before=$(cpu_ticks "$pid"); calls=$(load "$port" -n "$REQUESTS" "$@"); after=$(cpu_ticks "$pid")
  eval "$name+=(\"$calls\")"
  eval "${name}_CPU+=(\"$(( (after - before) * TICK_US / REQUESTS ))\")"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS…" >&2
  measure AUTH "$AUTH_PORT" "$AUTH_PID" "${BEARER[@]}"
  measure OPEN "$OPEN_PORT" "$OPEN_PID"
  measure CACHED "$CACHED_PORT" "$CACHED_PID" "${BEARER[@]}"
done

# profile NAME PID LOADGEN… : perf record of PID while LOADGEN runs; the report's libraries, the inclusive share of the
# frames that matter for access control and token issuance, and the top symbols by self time
profile() {
  local name=$1 pid=$2; shift 2
  kill -0 "$pid" 2>/dev/null || { echo "--- $name: process $pid is gone"; return; }
  "$@" >/dev/null 2>&1 &
  local loadgen=$!
  sleep 2
  perf record -F 1999 -g -p "$pid" -o "$WORK/$name.data" -- sleep "$SECONDS_PROFILE" >/dev/null 2>&1
  wait "$loadgen" || true
  echo "--- $name: CPU by library"
  perf report -i "$WORK/$name.data" --no-children --sort dso -g none -q 2>/dev/null | head -8 || true
  echo "--- $name: inclusive share of selected frames"
  perf report -i "$WORK/$name.data" --children --sort sym -g none -q 2>/dev/null \
    | grep -E "$FRAMES" | grep -v AsyncStateMachineBox | head -45 | cut -c1-200 || true
  echo "--- $name: inclusive share of cryptography and storage"
  perf report -i "$WORK/$name.data" --children --sort sym -g none -q 2>/dev/null \
    | grep -E "$CRYPTO" | grep -v AsyncStateMachineBox | head -20 | cut -c1-200 || true
  echo "--- $name: top symbols (self)"
  perf report -i "$WORK/$name.data" --no-children --sort sym -g none -q 2>/dev/null | head -25 | cut -c1-160 || true
}
FRAMES='HPack|Huffman|JwtBearerHandler|AuthenticationMiddleware|AuthorizationMiddleware|AuthenticationHandler|CachingJsonWebTokenHandler|TokenValidationParameters::Clone|AccessInterceptor|Caller::From|Activity::SetTag|PartyRegistryService::GetParty|HttpProtocol\+<ProcessRequests>|HostingApplication::CreateContext|Grpc.AspNetCore.Server.Internal.CallHandlers|OpenTelemetry|gc_heap|GCHeap::Alloc|Rfc2898|Pbkdf2|PKCS5|HMAC|sha256|SHA256|RSA|rsa_|BN_|bn_|OpenIddict[A-Za-z.]*Handler|EntityFrameworkCore|Npgsql|JsonWebTokenHandler::CreateToken|JsonSerializer|SignHash|RSAOpenSsl|ValidateClientSecret|VerifyHashedSecret|FindByClientId|SignIn|Interop\+Crypto'
CRYPTO='Pbkdf2|Rfc2898|SignHash|RsaSign|EvpPKey|ValidateClientSecret|VerifyHashedSecret|CreateToken|SignInAsync|ExecuteReaderAsync|NpgsqlDataReader|Huffman::Decode|CachingJsonWebTokenHandler::ValidateTokenAsync|JsonWebTokenHandler::ValidateTokenAsync'
PROFILE_SECONDS=$(( SECONDS_PROFILE + 4 ))
PROFILES=$(
  profile serve-auth "$AUTH_PID" h2load -c 4 -m 64 -t 1 -D "$PROFILE_SECONDS" -d "$WORK/get-party.bin" -H 'content-type: application/grpc' -H 'te: trailers' "${BEARER[@]}" "http://127.0.0.1:$AUTH_PORT$GET_PATH"
  profile serve-open "$OPEN_PID" h2load -c 4 -m 64 -t 1 -D "$PROFILE_SECONDS" -d "$WORK/get-party.bin" -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$OPEN_PORT$GET_PATH"
  wrk -t 1 -c 8 -d 10s -s "$ROOT/tests/Benchmarks/token-request.lua" "$TOKEN_URL" >/dev/null  # warm-up (tiered JIT)
  profile identity "$IDENTITY_PID" wrk -t 1 -c 8 -d "${PROFILE_SECONDS}s" -s "$ROOT/tests/Benchmarks/token-request.lua" "$TOKEN_URL"
)
stop cached; stop open; stop auth; stop registry

echo
echo "access control, diagnosis; h2load -c 4 -m 64 -t 1 -n $REQUESTS, medians of $ROUNDS rounds (auth: ${AUTH[*]}; open: ${OPEN[*]}; by-token cache: ${CACHED[*]})"
echo "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %10s %16s\n' "server" "calls/s" "server CPU/call"
printf '%-58s %10s %13s us\n' "serve-auth, GetParty with token" "$(median "${AUTH[@]}")" "$(median "${AUTH_CPU[@]}")"
printf '%-58s %10s %13s us\n' "serve-open, GetParty without token" "$(median "${OPEN[@]}")" "$(median "${OPEN_CPU[@]}")"
printf '%-58s %10s %13s us\n' "serve-auth with tokens remembered by text (diagnosis)" "$(median "${CACHED[@]}")" "$(median "${CACHED_CPU[@]}")"
echo
echo "$PROFILES"
