#!/usr/bin/python3
"""Topology start with DCP: from `dotnet run` of the AppHost to every resource healthy, cold (empty state directory)
and warm (the same directory again), against RabbitMQ's own start measured in the same run with the same recipe (the
floor); and the memory of the AppHost, DCP and the dashboard once all is up.

    /usr/bin/python3 tests/Benchmarks/AppHost.Benchmarks/apphost-startup.py [--runs 3] [--no-build]

"All healthy" is the party registry answering /health with 200 through its endpoint (localhost:5080): Aspire starts it
only once PostgreSQL, the database, RabbitMQ and Redis are healthy (WaitFor), and its /health checks all of them.
Prints a markdown report (docs/bench/apphost.md). The servers bind 127.0.0.1; everything is stopped at the end.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
APPHOST_PROJECT = os.path.join(REPO, "AppHost", "Zielsteuerung.AppHost")
REGISTRY_HEALTH = "http://localhost:5080/health"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def amqp_ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"AMQP\x00\x00\x09\x01")
            return s.recv(1) == b"\x01"
    except OSError:
        return False


def tcp_ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def rabbitmq_alone(directory):
    """The AppHost's recipe, by hand: epmd, then the broker; seconds from launching the broker to AMQP answering."""
    for sub in ("home", "mnesia", "log"):
        os.makedirs(os.path.join(directory, sub), exist_ok=True)
    with open(os.path.join(directory, "rabbitmq.conf"), "w") as f:
        f.write("# benchmark\n")
    with open(os.path.join(directory, "enabled_plugins"), "w") as f:
        f.write("[].\n")
    epmd_port, amqp_port, dist_port = free_port(), free_port(), free_port()
    epmd = subprocess.Popen(["epmd", "-port", str(epmd_port), "-address", "127.0.0.1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not tcp_ready(epmd_port):
        time.sleep(0.02)
    env = dict(os.environ,
               HOME=os.path.join(directory, "home"), RABBITMQ_CONF_ENV_FILE="/dev/null",
               RABBITMQ_NODENAME="rabbitmq@localhost", RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
               RABBITMQ_NODE_PORT=str(amqp_port), RABBITMQ_DIST_PORT=str(dist_port),
               ERL_EPMD_PORT=str(epmd_port), ERL_EPMD_ADDRESS="127.0.0.1",
               RABBITMQ_CONFIG_FILE=os.path.join(directory, "rabbitmq.conf"),
               RABBITMQ_ENABLED_PLUGINS_FILE=os.path.join(directory, "enabled_plugins"),
               RABBITMQ_MNESIA_BASE=os.path.join(directory, "mnesia"), RABBITMQ_LOG_BASE=os.path.join(directory, "log"),
               RABBITMQ_PID_FILE=os.path.join(directory, "rabbitmq.pid"), RABBITMQ_LOGS="-", RABBITMQ_ALLOW_INPUT="1",
               RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-noinput -kernel inet_dist_use_interface {127,0,0,1}")
    started = time.monotonic()
    broker = subprocess.Popen(["/usr/lib/rabbitmq/bin/rabbitmq-server"], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not amqp_ready(amqp_port):
            if broker.poll() is not None:
                raise RuntimeError("rabbitmq-server exited during start")
            time.sleep(0.05)
        return time.monotonic() - started
    finally:
        broker.send_signal(signal.SIGTERM)
        broker.wait(timeout=60)
        epmd.terminate()
        epmd.wait(timeout=10)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def processes():
    """pid -> (parent pid, command line) of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        table[int(entry)] = (int(stat[stat.rindex(")") + 2:].split()[1]), command)
    return table


def platform_memory(dotnet_run_pid):
    """RSS in MiB of the AppHost, of DCP (its API server, controllers and process monitors) and of the dashboard."""
    table = processes()
    apphost = [p for p, (parent, cmd) in table.items() if parent == dotnet_run_pid and "Zielsteuerung.AppHost" in cmd]
    if not apphost:
        return None
    apphost_pid = apphost[0]
    family = {p for p, (_, cmd) in table.items() if f"--monitor {apphost_pid}" in cmd} | {apphost_pid}
    grown = True
    while grown:
        children = {p for p, (parent, _) in table.items() if parent in family} - family
        family |= children
        grown = bool(children)
    sums = {"AppHost": 0, "DCP": 0, "dashboard": 0}
    for pid in family:
        cmd = table[pid][1]
        kind = "AppHost" if pid == apphost_pid else "DCP" if "/dcp " in cmd or cmd.startswith("dcp ") else "dashboard" if "Aspire.Dashboard" in cmd else None
        if kind:
            sums[kind] += rss_kib(pid)
    return {k: v / 1024 for k, v in sums.items()}


def registry_healthy():
    try:
        with urllib.request.urlopen(REGISTRY_HEALTH, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def apphost(state_dir):
    """Seconds from `dotnet run` to the dashboard's login URL and to all healthy, the platform's memory, stop time."""
    started = time.monotonic()
    process = subprocess.Popen(["dotnet", "run", "--project", APPHOST_PROJECT, "-c", "Release", "--no-build", "--",
                                f"--Servers:StateDirectory={state_dir}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1, start_new_session=True)
    lines = []
    dashboard = threading.Event()
    dashboard_at = []

    def read():
        for line in process.stdout:
            lines.append(line.rstrip())
            if "Login to the dashboard at" in line and not dashboard.is_set():
                dashboard_at.append(time.monotonic() - started)
                dashboard.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while not registry_healthy():
            if process.poll() is not None or time.monotonic() - started > 300:
                raise RuntimeError("the topology did not become healthy:\n" + "\n".join(lines[-30:]))
            time.sleep(0.1)
        total = time.monotonic() - started
        time.sleep(5)
        memory = platform_memory(process.pid)
        stop_started = time.monotonic()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=120)
        return total, (dashboard_at or [float("nan")])[0], memory, time.monotonic() - stop_started
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        reader.join(timeout=5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["dotnet", "build", APPHOST_PROJECT, "-c", "Release", "-nodeReuse:false", "-v", "q", "-nologo"], check=True,
                       stdout=subprocess.DEVNULL)
    if registry_healthy():
        sys.exit("something already answers on localhost:5080 (a running AppHost?): stop it first")

    rows = []
    for run in range(args.runs):
        rabbit_dir = tempfile.mkdtemp(prefix="bench-rabbitmq-")
        state_dir = os.path.join(tempfile.gettempdir(), f"bench-apphost-{os.getpid()}-{run}")
        os.makedirs(state_dir, mode=0o755)
        try:
            rabbit_cold = rabbitmq_alone(rabbit_dir)
            cold = apphost(state_dir)
            rabbit_warm = rabbitmq_alone(rabbit_dir)
            warm = apphost(state_dir)
        finally:
            shutil.rmtree(rabbit_dir, ignore_errors=True)
            shutil.rmtree(state_dir, ignore_errors=True)
        rows.append((rabbit_cold, cold, rabbit_warm, warm))
        print(f"run {run + 1}: rabbitmq cold {rabbit_cold:.1f} s, topology cold {cold[0]:.1f} s; "
              f"rabbitmq warm {rabbit_warm:.1f} s, topology warm {warm[0]:.1f} s", file=sys.stderr)

    def med(values):
        return statistics.median(values)

    load = os.getloadavg()
    print(f"Runs: {args.runs} (median shown); load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores.\n")
    print("| | RabbitMQ alone | `dotnet run` → dashboard URL | `dotnet run` → all healthy | ratio to RabbitMQ | target |")
    print("|---|---|---|---|---|---|")
    print(f"| cold (empty state dir) | {med([r[0] for r in rows]):.1f} s | {med([r[1][1] for r in rows]):.1f} s | {med([r[1][0] for r in rows]):.1f} s "
          f"| {med([r[1][0] / r[0] for r in rows]):.2f} | ≤ 15 s |")
    print(f"| warm (same state dir) | {med([r[2] for r in rows]):.1f} s | {med([r[3][1] for r in rows]):.1f} s | {med([r[3][0] for r in rows]):.1f} s "
          f"| {med([r[3][0] / r[2] for r in rows]):.2f} | ≤ 10 s |")
    print()
    print("| memory (VmRSS, 5 s after all healthy, warm runs) | MiB |")
    print("|---|---|")
    for kind in ("AppHost", "DCP", "dashboard"):
        print(f"| {kind} | {med([r[3][2][kind] for r in rows]):.0f} |")
    print(f"| AppHost + DCP | {med([r[3][2]['AppHost'] + r[3][2]['DCP'] for r in rows]):.0f} |")
    print()
    print(f"Graceful stop (SIGTERM to `dotnet run` and the AppHost → exited): median {med([r[1][3] for r in rows] + [r[3][3] for r in rows]):.1f} s.")


if __name__ == "__main__":
    main()
