# Shared by party-registry-bench.sh and identity-bench.sh (source it; bash). Sets ROOT, WORK (a temporary directory
# removed on exit, with every process started through `start`) and TICK_US.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/zielsteuerung-bench.XXXXXX)
PIDS=() FIFO_FDS=()
cleanup() {
  local fd
  for fd in "${FIFO_FDS[@]}"; do eval "exec $fd>&-" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# build PROJECT… : dotnet build of tests/Benchmarks/<PROJECT> in Release, the log shown only on failure.
build() {
  for project in "$@"; do
    echo "building $project (Release)…" >&2
    dotnet build "$ROOT/tests/Benchmarks/$project/$project.csproj" -c Release -nodeReuse:false -v quiet -nologo >"$WORK/build.log" 2>&1 \
      || { cat "$WORK/build.log" >&2; exit 1; }
  done
}

# start NAME CMD… : runs a process whose stdin is a fifo we hold open until stop NAME (closing it stops the process);
# sets PORT from "PORT <n>", the last line the process prints once it serves (its other lines are in $WORK/NAME.out).
# The process does not inherit the write ends of the other processes' fifos, so that each stops on its own.
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
  PORT=""
  for _ in $(seq 1 2400); do
    PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$WORK/$name.out")
    [[ -n "$PORT" ]] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$PORT" ]] || { echo "$name did not start:" >&2; tail -n 30 "$WORK/$name.err" "$WORK/$name.out" >&2; exit 1; }
}
stop() {
  local fd_var="FIFO_$1"
  eval "exec ${!fd_var}>&-"
}
# printed NAME KEY : the rest of the line "KEY …" that process NAME printed
printed() { sed -n "s/^$2 //p" "$WORK/$1.out" | sed -n 1p; }
# pid_on PORT : the process listening on a TCP port of this machine (a service of the topology, not DCP's proxy)
pid_on() { ss -Hltnp "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | sed -n 1p; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# CPU time (user+system, clock ticks) a process used so far; the machine is shared, so CPU per call is measured too.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# cpu_ticks_tree PID : the same for a process and its children (PostgreSQL's postmaster and its backends)
cpu_ticks_tree() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
