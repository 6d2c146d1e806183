"""qrt's local Sampler against qiskit-aer's own SamplerV2 and the official SDK's local mode, on the same circuits.

    python benchmarks/local_sampler.py [--circuits 100] [--shots 1000] [--repeats 9] [--threads 1]

Each round times, in turn and on the same circuits (small random 3-4 qubit circuits, measured):

- ``aer``:      ``qiskit_aer.primitives.SamplerV2(seed=...).run(circuits).result()``, no job layer;
- ``qrt``:      ``qrt.Sampler(mode=Service(channel="local").backend("aer_simulator"))``: a local job, run on its
                worker thread, its result written to the local job store (a temporary SQLite file);
- ``official``: ``qiskit_ibm_runtime.SamplerV2(mode=AerSimulator())``, the official local mode.

Two shapes: one job with all circuits as pubs, and one job per circuit (submitted in a loop, then awaited).
The three are interleaved within each round, and the first round only warms up. Figures are the median and the
minimum over the rounds: on a shared machine the minimum is the steadier figure (the least disturbed run). The
target is qrt/aer <= 1.10.

``--threads`` sets ``OMP_NUM_THREADS`` for all three (default 1; 0 leaves it to Aer). On circuits this small Aer
gains nothing from more threads, and on a machine shared with other work its OpenMP threads make every timing
swing by a factor of two or more.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]


def circuits(count: int, seed: int) -> list[Any]:
    """``count`` small random circuits (3 or 4 qubits, depth ~10), measured."""
    import numpy as np
    from qiskit import QuantumCircuit

    rng = np.random.default_rng(seed)
    built = []
    for _ in range(count):
        width = int(rng.integers(3, 5))
        circuit = QuantumCircuit(width)
        for _ in range(10):
            kind = int(rng.integers(0, 3))
            a, b = (int(q) for q in rng.choice(width, size=2, replace=False))
            if kind == 0:
                circuit.h(a)
            elif kind == 1:
                circuit.rx(float(rng.uniform(0, np.pi)), a)
            else:
                circuit.cx(a, b)
        circuit.measure_all()
        built.append(circuit)
    return built


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--circuits", type=int, default=100)
    parser.add_argument("--shots", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    if args.threads > 0:
        os.environ["OMP_NUM_THREADS"] = str(args.threads)  # read by Aer's OpenMP runtime when it loads

    import qiskit
    import qiskit_aer
    import qiskit_ibm_runtime
    from qiskit_aer import AerSimulator
    from qiskit_aer.primitives import SamplerV2 as AerSamplerV2

    import qrt
    from qrt.local import LocalService

    warnings.simplefilter("ignore", DeprecationWarning)  # the official SamplerV2 is deprecated in 0.51
    work = circuits(args.circuits, seed=42)
    seed, shots = 1234, args.shots

    with tempfile.TemporaryDirectory() as tmp:
        local = LocalService(Path(tmp) / "jobs.sqlite3")
        ours = qrt.Sampler(mode=local.backend("aer_simulator"), options={"simulator": {"seed_simulator": seed}})
        aer = AerSamplerV2(seed=seed)
        official = qiskit_ibm_runtime.SamplerV2(mode=AerSimulator())
        official.options.simulator.seed_simulator = seed

        one_job: dict[str, Callable[[], object]] = {
            "aer": lambda: aer.run(work, shots=shots).result(),
            "qrt": lambda: ours.run(work, shots=shots).result(),
            "official": lambda: official.run(work, shots=shots).result(),
        }

        def per_circuit(sampler: Any, **result_kwargs: Any) -> Callable[[], object]:
            def run() -> object:
                jobs = [sampler.run([c], shots=shots) for c in work]
                return [job.result(**result_kwargs) for job in jobs]

            return run

        many_jobs: dict[str, Callable[[], object]] = {
            "aer": per_circuit(aer),
            "qrt": per_circuit(ours),
            "official": per_circuit(official),
        }

        figures: dict[str, dict[str, list[float]]] = {}
        for shape, runs in (("one job, all pubs", one_job), ("one job per circuit", many_jobs)):
            times: dict[str, list[float]] = {name: [] for name in runs}
            for round_index in range(args.repeats + 1):
                for name, run in runs.items():
                    elapsed = timed(run)
                    if round_index:  # the first round warms caches and imports
                        times[name].append(elapsed)
            figures[shape] = times
        local.close()

    print(f"qrt local Sampler benchmark: {args.circuits} circuits x {shots} shots, median of {args.repeats} rounds")
    print(f"python {platform.python_version()}, qiskit {qiskit.__version__}, qiskit-aer {qiskit_aer.__version__}, "
          f"qiskit-ibm-runtime {qiskit_ibm_runtime.__version__}, {os.cpu_count()} CPUs, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    print(f"command: python benchmarks/local_sampler.py --circuits {args.circuits} --shots {shots} "
          f"--repeats {args.repeats} --threads {args.threads}")
    for shape, times in figures.items():
        median = {name: statistics.median(values) for name, values in times.items()}
        least = {name: min(values) for name, values in times.items()}
        print(f"\n{shape}:            median       min       max")
        for name in times:
            print(f"  {name:<9} {median[name] * 1000:10.1f} ms {least[name] * 1000:7.1f} ms "
                  f"{max(times[name]) * 1000:7.1f} ms")
        print(f"  qrt/aer      {median['qrt'] / median['aer']:6.3f} {least['qrt'] / least['aer']:10.3f}   "
              "(median, min; target <= 1.10)")
        print(f"  qrt/official {median['qrt'] / median['official']:6.3f} {least['qrt'] / least['official']:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
