#!/usr/bin/python3
"""Start-to-all-healthy of the real AppHost, cold (empty state directory) and warm (same directory again),
against RabbitMQ's own start measured in the same run with the same recipe (the floor), plus the AppHost's RSS.

    /usr/bin/python3 tests/Benchmarks/AppHost.Benchmarks/apphost-startup.py [--runs 3] [--no-build]

Prints a markdown report (used for docs/bench/apphost.md). Everything binds 127.0.0.1 on free ports and is stopped.
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

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
APPHOST_PROJECT = os.path.join(REPO, "AppHost", "Zielsteuerung.AppHost")
APPHOST_DLL = os.path.join(APPHOST_PROJECT, "bin", "Debug", "net10.0", "Zielsteuerung.AppHost.dll")


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
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def apphost(state_dir):
    """Seconds from launching the AppHost to 'all resources healthy', per-resource healthy times, RSS, stop time."""
    started = time.monotonic()
    process = subprocess.Popen(["dotnet", APPHOST_DLL, "--state-dir", state_dir, "--no-live"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    healthy_at = {}
    all_healthy = threading.Event()
    lines = []

    def read():
        for line in process.stdout:
            lines.append(line.rstrip())
            parts = line.split()
            if len(parts) >= 4 and parts[2] == "Running" and parts[3] == "(healthy)":
                healthy_at.setdefault(parts[1], time.monotonic() - started)
            if "all resources healthy" in line:
                all_healthy.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not all_healthy.wait(timeout=300):
            raise RuntimeError("AppHost did not become healthy:\n" + "\n".join(lines[-30:]))
        total = time.monotonic() - started
        rss_healthy = rss_kib(process.pid)
        time.sleep(10)
        rss_steady = rss_kib(process.pid)
        stop_started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        return total, healthy_at, rss_healthy, rss_steady, time.monotonic() - stop_started
    finally:
        if process.poll() is None:
            process.kill()
        reader.join(timeout=5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["dotnet", "build", APPHOST_PROJECT, "-nodeReuse:false", "-v", "q", "-nologo"], check=True,
                       stdout=subprocess.DEVNULL)

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
        print(f"run {run + 1}: rabbitmq cold {rabbit_cold:.1f} s, AppHost cold {cold[0]:.1f} s; "
              f"rabbitmq warm {rabbit_warm:.1f} s, AppHost warm {warm[0]:.1f} s; "
              f"RSS {cold[3] / 1024:.0f}/{warm[3] / 1024:.0f} MiB", file=sys.stderr)

    def med(values):
        return statistics.median(values)

    load = os.getloadavg()
    print(f"Runs: {args.runs} (median shown); load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores.\n")
    print("| | RabbitMQ alone | AppHost start → all healthy | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| cold (empty state dir) | {med([r[0] for r in rows]):.1f} s | {med([r[1][0] for r in rows]):.1f} s "
          f"| {med([r[1][0] / r[0] for r in rows]):.2f} | ≤ 15 s |")
    print(f"| warm (same state dir) | {med([r[2] for r in rows]):.1f} s | {med([r[3][0] for r in rows]):.1f} s "
          f"| {med([r[3][0] / r[2] for r in rows]):.2f} | ≤ 10 s |")
    print()
    print("| AppHost RSS (VmRSS) | at all-healthy | 10 s later | target |")
    print("|---|---|---|---|")
    print(f"| cold | {med([r[1][2] for r in rows]) / 1024:.0f} MiB | {med([r[1][3] for r in rows]) / 1024:.0f} MiB | ≤ 100 MB |")
    print(f"| warm | {med([r[3][2] for r in rows]) / 1024:.0f} MiB | {med([r[3][3] for r in rows]) / 1024:.0f} MiB | ≤ 100 MB |")
    print()
    print(f"Graceful stop (SIGTERM → AppHost exited, reverse dependency order): median {med([r[1][4] for r in rows] + [r[3][4] for r in rows]):.1f} s.\n")
    names = sorted({n for r in rows for n in list(r[1][1]) + list(r[3][1])}, key=lambda n: med([r[1][1].get(n, 0) for r in rows]))
    print("Seconds from AppHost launch until each resource was healthy (median):\n")
    print("| resource | cold | warm |")
    print("|---|---|---|")
    for name in names:
        cold_times = [r[1][1][name] for r in rows if name in r[1][1]]
        warm_times = [r[3][1][name] for r in rows if name in r[3][1]]
        print(f"| {name} | {med(cold_times):.1f} | {med(warm_times):.1f} |")


if __name__ == "__main__":
    main()
