"""Emulator throughput: requests per second for small GETs on loopback, and how many jobs run at once.

Starts ``qrt emulator`` in a child process (so the load generator does not share its interpreter), then:

1. drives small authenticated GETs (``/api/v1/backends/{name}/status``) and unauthenticated ones
   (``/api/v1/versions``) from several keep-alive clients for a fixed time, and prints requests per second
   and latency percentiles;
2. submits a batch of sampler jobs sized to run about a second each and reads their ``running``/``finished``
   timestamps back from ``/metrics``, printing the largest number of jobs that overlapped in time.

Targets on the 2-core development machine: at least 200 requests/s, at least 4 jobs at once.

    python benchmarks/emulator_throughput.py [--duration 5] [--clients 4] [--jobs 8] [--workers 4]
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
GRANT = "urn:ibm:params:oauth:grant-type:apikey"


def start_emulator(workers: int) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")])}
    code = "import sys; from qrt.emulator.cli import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "--port",
            "0",
            "--db",
            ":memory:",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    banner = [lines.get(timeout=60) for _ in range(7)]
    exports = dict(line.removeprefix("export ").split("=", 1) for line in banner[1:])
    return process, exports


def token(env: dict[str, str]) -> str:
    response = httpx.post(
        f"{env['IAM_URL']}/identity/token", data={"grant_type": GRANT, "apikey": env["QISKIT_IBM_TOKEN"]}
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def drive(url: str, headers: dict[str, str], clients: int, duration: float) -> tuple[int, int, list[float]]:
    """GET ``url`` from ``clients`` threads for ``duration`` seconds; return (ok, errors, latencies)."""
    latencies: list[float] = []
    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def client() -> None:
        mine: list[float] = []
        ok = errors = 0
        with httpx.Client(headers=headers, timeout=10) as http:
            while time.monotonic() < stop:
                begin = time.perf_counter()
                response = http.get(url)
                mine.append(time.perf_counter() - begin)
                if response.status_code == 200:
                    ok += 1
                else:
                    errors += 1
        with lock:
            latencies.extend(mine)
            counts["ok"] += ok
            counts["errors"] += errors

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts["ok"], counts["errors"], latencies


def report(name: str, ok: int, errors: int, latencies: list[float], duration: float) -> None:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000 if ordered else float("nan")
    p99 = ordered[int(len(ordered) * 0.99)] * 1000 if ordered else float("nan")
    print(f"{name:<48} {ok / duration:8.1f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   errors {errors}")


def heavy_sampler_params(shots: int) -> dict[str, Any]:
    """A 16-qubit random circuit: about a second of Aer time per job on this machine."""
    from qiskit.circuit.random import random_circuit

    from qrt import wire

    circuit = random_circuit(16, 24, measure=True, seed=7)
    from qiskit import transpile

    circuit = transpile(circuit, basis_gates=["cx", "rz", "sx", "x", "h"], seed_transpiler=1)
    return wire.sampler_params([circuit], options={"default_shots": shots, "simulator": {"seed_simulator": 1}})


def parse(ts: str) -> float:
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


def concurrency(env: dict[str, str], headers: dict[str, str], jobs: int, shots: int) -> None:
    params = heavy_sampler_params(shots)
    runtime = env["QRT_RUNTIME_URL"]
    with httpx.Client(headers=headers, timeout=60) as http:
        ids = []
        begin = time.monotonic()
        for _ in range(jobs):
            response = http.post(
                f"{runtime}/jobs", json={"program_id": "sampler", "backend": "qrt_simulator", "params": params}
            )
            response.raise_for_status()
            ids.append(response.json()["id"])
        deadline = time.monotonic() + 300
        intervals = []
        for job_id in ids:
            while True:
                job = http.get(f"{runtime}/jobs/{job_id}").json()
                if job["status"] in ("Completed", "Failed", "Cancelled"):
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"job {job_id} did not finish in time")
                time.sleep(0.05)
            if job["status"] != "Completed":
                raise SystemExit(f"job {job_id} ended {job['status']}: {job['state']}")
            stamps = http.get(f"{runtime}/jobs/{job_id}/metrics").json()["timestamps"]
            intervals.append((parse(stamps["running"]), parse(stamps["finished"])))
        wall = time.monotonic() - begin
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    running = peak = 0
    for _, delta in events:
        running += delta
        peak = max(peak, running)
    mean_run = statistics.mean(end - start for start, end in intervals)
    print(
        f"{jobs} sampler jobs ({shots} shots, 16 qubits): wall {wall:.2f} s, mean run {mean_run:.2f} s, "
        f"peak jobs running at once: {peak}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per GET benchmark")
    parser.add_argument("--clients", type=int, default=4, help="concurrent keep-alive clients")
    parser.add_argument("--jobs", type=int, default=8, help="jobs for the concurrency benchmark")
    parser.add_argument("--shots", type=int, default=20000, help="shots per job")
    parser.add_argument("--workers", type=int, default=4, help="emulator job workers")
    args = parser.parse_args(argv)
    process, env = start_emulator(args.workers)
    try:
        headers = {
            "Authorization": f"Bearer {token(env)}",
            "Service-CRN": env["QISKIT_IBM_INSTANCE"],
            "IBM-API-Version": "2026-04-15",
        }
        runtime = env["QRT_RUNTIME_URL"]
        print(f"emulator at {runtime}; {args.clients} clients, {args.duration:g} s each; {os.cpu_count()} CPUs")
        for name, url, hdrs in (
            ("GET /api/v1/versions (no auth)", f"{runtime}/versions", {}),
            ("GET /api/v1/backends/qrt_pavia/status", f"{runtime}/backends/qrt_pavia/status", headers),
            ("GET /api/v1/backends", f"{runtime}/backends", headers),
        ):
            drive(url, hdrs, 1, 0.5)  # warm-up
            ok, errors, latencies = drive(url, hdrs, args.clients, args.duration)
            report(name, ok, errors, latencies, args.duration)
        concurrency(env, headers, args.jobs, args.shots)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
