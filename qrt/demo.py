"""``qrt demo``: the whole client, end to end, offline and with no setup.

It starts the emulator in this process on a free loopback port (the packaged default world), saves an account into
a temporary account file, builds a :class:`qrt.Service` from it, lists instances and backends, runs a Bell-circuit
Sampler job and an Estimator job through the emulator, then runs the same circuit with ``channel="local"``. The
emulator's URLs, the local job store and the account file live only for the demo: the user's account file, cache
and environment are left as they were.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

_ACCOUNT = "qrt-demo"


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore the previous values."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _counts_line(counts: Mapping[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "  ".join(f"{bits}: {n}" for bits, n in ordered)


def _seconds_between(timestamps: Mapping[str, Any], start: str, end: str) -> float | None:
    import datetime as dt

    first, last = timestamps.get(start), timestamps.get(end)
    if not first or not last:
        return None
    parse = dt.datetime.fromisoformat
    return (parse(str(last).replace("Z", "+00:00")) - parse(str(first).replace("Z", "+00:00"))).total_seconds()


def _metrics_line(job: Any) -> str:
    metrics = job.metrics()
    stamps = metrics.get("timestamps") or {}
    queued = _seconds_between(stamps, "created", "running")
    ran = _seconds_between(stamps, "running", "finished")
    usage = (metrics.get("usage") or {}).get("qpu_charge_time_seconds", 0)
    parts = []
    if queued is not None:
        parts.append(f"queued {queued:.2f} s")
    if ran is not None:
        parts.append(f"ran {ran:.2f} s")
    parts.append(f"usage {usage:g} s")
    return ", ".join(parts)


def _bell(measure: bool) -> Any:
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2, name="bell")
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


def _run(shots: int, seed: int, out: Any) -> None:
    from qiskit.quantum_info import SparsePauliOp
    from qiskit.transpiler import generate_preset_pass_manager

    import qrt
    from qrt.emulator import running
    from qrt.instances import region_of

    def say(line: str = "") -> None:
        print(line, file=out, flush=True)

    with running() as emu, tempfile.TemporaryDirectory(prefix="qrt-demo-") as tmp:
        say(f"Emulator: {emu.base_url} (default world, in this process)")
        env = {
            "IAM_URL": emu.iam_url,
            "GLOBAL_SEARCH_URL": emu.search_url,
            "GLOBAL_CATALOG_URL": emu.catalog_url,
            "QRT_RUNTIME_URL": emu.runtime_url,
            "QRT_TRUST_ENV": "false",  # never send loopback traffic through the user's proxy
            "QRT_LOCAL_STORE": str(Path(tmp) / "local-jobs.sqlite3"),
        }
        account_file = Path(tmp) / "qiskit-ibm.json"
        with _environment(env):
            qrt.Service.save_account(
                token=emu.api_key, instance=emu.instance, filename=account_file, name=_ACCOUNT, set_as_default=True
            )
            say(f"Account:  saved as {_ACCOUNT!r} in a temporary account file")
            service = qrt.Service(filename=account_file, name=_ACCOUNT)

            say()
            instances = service.instances()
            say(f"Instances ({len(instances)}):")
            for item in instances:
                tags = f"  tags: {', '.join(item['tags'])}" if item["tags"] else ""
                active = "  <- active" if item["crn"] == service.active_instance() else ""
                say(f"  {item['name']:<15} {item['plan']:<14} {region_of(item['crn']) or '':<8}{tags}{active}")

            say()
            backends = service.backends()
            say(f"Backends of the active instance ({len(backends)}):")
            for backend in backends:
                kind = "simulator" if backend.simulator else "device"
                say(f"  {backend.name:<14} {backend.num_qubits:>3} qubits  {kind:<9}  queue "
                    f"{backend.entry.get('queue_length', 0)}")
            least = service.least_busy()
            device = service.least_busy(filters=lambda b: not b.simulator)
            say(f"Least busy: {least.name}; least busy device: {device.name}")

            say()
            transpile = generate_preset_pass_manager(backend=device, optimization_level=1, seed_transpiler=seed)
            isa = transpile.run(_bell(measure=True))
            ops = ", ".join(f"{n} {name}" for name, n in isa.count_ops().items())
            say(f"Bell circuit transpiled for {device.name}: {ops}")

            options = {"default_shots": shots, "simulator": {"seed_simulator": seed}}
            sampler = qrt.Sampler(mode=device, options=options)
            job = sampler.run([isa])
            result = job.result()
            remote_counts = result[0].data.meas.get_counts()
            say(f"Sampler job {job.job_id()}: {job.status()}, {result[0].metadata['shots']} shots")
            say(f"  counts   {_counts_line(remote_counts)}")
            say(f"  metrics  {_metrics_line(job)}")

            unmeasured = transpile.run(_bell(measure=False))
            observables = [SparsePauliOp(label).apply_layout(unmeasured.layout) for label in ("ZZ", "XX", "ZI")]
            estimator = qrt.Estimator(mode=device, options={"simulator": {"seed_simulator": seed}})
            estimate_job = estimator.run([(unmeasured, observables)])
            estimate = estimate_job.result()[0]
            say(f"Estimator job {estimate_job.job_id()}: {estimate_job.status()}, "
                f"precision {estimate.metadata['target_precision']:g}")
            values = "  ".join(
                f"<{label}> = {ev:+.3f} ± {std:.3f}"
                for label, ev, std in zip(("ZZ", "XX", "ZI"), estimate.data.evs, estimate.data.stds, strict=True)
            )
            say(f"  values   {values}")
            say(f"  metrics  {_metrics_line(estimate_job)}")
            service.close()

            say()
            local = qrt.Service(channel="local")
            names = ", ".join(b.name for b in local.backends())
            say(f"Local mode, Service(channel='local'): {names}")
            local_device = local.backend(device.name)
            local_isa = generate_preset_pass_manager(
                backend=local_device, optimization_level=1, seed_transpiler=seed
            ).run(_bell(measure=True))
            local_job = qrt.Sampler(mode=local_device, options=options).run([local_isa])
            local_counts = local_job.result()[0].data.meas.get_counts()
            same = "yes" if local_counts == remote_counts else "no"
            say(f"Sampler on local {local_device.name}: {local_job.status()}")
            say(f"  counts   {_counts_line(local_counts)}")
            say(f"  identical to the emulator's counts (same device, same seed): {same}")
            ideal = local.backend("aer_simulator")
            ideal_job = qrt.Sampler(mode=ideal, options=options).run([_bell(measure=True)])
            say(f"Sampler on aer_simulator (ideal): {_counts_line(ideal_job.result()[0].data.meas.get_counts())}")
            say(f"Local jobs in the store: {len(list(local.jobs(limit=None)))}")
            local_device.service.close()  # the store lives in the temporary directory


def main(argv: Sequence[str]) -> int:
    """Run the demo; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="qrt demo",
        description="Run qrt end to end offline: an in-process emulator, Sampler and Estimator jobs, local mode.",
    )
    parser.add_argument("--shots", type=int, default=1000, help="Sampler shots (default 1000)")
    parser.add_argument("--seed", type=int, default=1234, help="simulator and transpiler seed (default 1234)")
    args = parser.parse_args(list(argv))
    if args.shots <= 0:
        parser.error("--shots must be positive")
    if args.seed < 0:
        parser.error("--seed must be non-negative")
    import sys

    started = time.monotonic()
    _run(args.shots, args.seed, sys.stdout)
    print(f"\nDone in {time.monotonic() - started:.1f} s.", flush=True)
    return 0
