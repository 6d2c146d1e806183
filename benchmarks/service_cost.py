"""What qrt.Service costs, side by side with the official QiskitRuntimeService on the same emulator.

Prints figures (not a test): import time and modules loaded, HTTP requests per operation counted from the
emulator's request log, IAM exchanges, and wall time. Run: ``python benchmarks/service_cost.py [--jobs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

IMPORT_PROBE = """
import sys, time
t = time.perf_counter()
import {module}
elapsed = time.perf_counter() - t
heavy = [m for m in ("qiskit", "qiskit_aer", "qrt_api.api", "numpy") if m in sys.modules]
print(elapsed, ",".join(heavy))
"""


def import_cost(module: str, runs: int = 5) -> tuple[float, str]:
    """Median wall time of ``import module`` in a fresh interpreter, and which heavy modules it loaded."""
    times = []
    heavy = ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORT_PROBE.format(module=module)], check=True,
                             capture_output=True, text=True).stdout.split()
        times.append(float(out[0]))
        heavy = out[1] if len(out) > 1 else "-"
    return statistics.median(times), heavy


def count(emu: Any, action: Callable[[], Any]) -> tuple[dict[str, int], float]:
    emu.requests.clear()
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    kinds = {"iam": 0, "search": 0, "catalog": 0, "runtime": 0}
    for record in emu.requests:
        if record.path == "/identity/token":
            kinds["iam"] += 1
        elif record.path.startswith("/v3/resources/search"):
            kinds["search"] += 1
        elif record.path.startswith("/catalog/"):
            kinds["catalog"] += 1
        elif record.path.startswith("/api/v1/"):
            kinds["runtime"] += 1
    return kinds, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=450, help="jobs to page through with jobs(limit=None)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    qrt_import, qrt_heavy = import_cost("qrt")
    official_import, official_heavy = import_cost("qiskit_ibm_runtime")
    print(f"import qrt:                {qrt_import * 1000:7.1f} ms   heavy modules loaded: {qrt_heavy or '-'}")
    print(f"import qiskit_ibm_runtime: {official_import * 1000:7.1f} ms   heavy modules loaded: {official_heavy}")
    print(f"import ratio (qrt / official): {qrt_import / official_import:.3f}")
    print()

    from qiskit import QuantumCircuit
    from qiskit_ibm_runtime import QiskitRuntimeService

    from qrt import Service, wire
    from qrt.emulator import running
    from qrt_api.api.jobs import create_job
    from qrt_api.models import JobCreateRequest, JobParams

    with running(workers=2) as emu:
        for key in ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL", "QRT_RUNTIME_URL"):
            os.environ[key] = emu.env[key]
        os.environ["QRT_TRUST_ENV"] = "false"
        for key in ("QISKIT_IBM_TOKEN", "QISKIT_IBM_INSTANCE"):
            os.environ.pop(key, None)

        def official() -> Any:
            return QiskitRuntimeService(channel="ibm_quantum_platform", token=emu.api_key, instance=emu.instance,
                                        url_resolver=lambda *a, **k: emu.runtime_url)

        def ours() -> Any:
            return Service(token=emu.api_key, instance=emu.instance)

        rows: list[tuple[str, dict[str, int], float, dict[str, int], float]] = []
        holder: dict[str, Any] = {}

        def construct(which: str, factory: Callable[[], Any]) -> Callable[[], None]:
            def run() -> None:
                holder[which] = factory()
            return run

        q, qt = count(emu, construct("qrt", ours))
        o, ot = count(emu, construct("official", official))
        rows.append(("construct with a CRN", q, qt, o, ot))
        svc, off = holder["qrt"], holder["official"]
        for label, ours_call, theirs_call in [
            ("backends()", lambda: svc.backends(), lambda: off.backends()),
            ("backends() again", lambda: svc.backends(), lambda: off.backends()),
            ("least_busy()", lambda: svc.least_busy(), lambda: off.least_busy()),
            ("backends(simulator=True)", lambda: svc.backends(simulator=True), lambda: off.backends(simulator=True)),
            ("backend(name).target", lambda: svc.backend("qrt_lucca").target,
             lambda: off.backend("qrt_lucca").target),
            ("usage()", lambda: svc.usage(), lambda: off.usage()),
        ]:
            q, qt = count(emu, ours_call)
            o, ot = count(emu, theirs_call)
            rows.append((label, q, qt, o, ot))

        circuit = QuantumCircuit(1)
        circuit.measure_all()
        body = JobCreateRequest(program_id="sampler", backend="qrt_simulator",
                                params=JobParams.from_dict(wire.sampler_params([(circuit, None, 1)], options={})))
        for _ in range(args.jobs):
            create_job.sync(client=svc.api, body=body)
        emu.wait_idle(120)
        q, qt = count(emu, lambda: list(svc.jobs(limit=None)))
        o, ot = count(emu, lambda: off.jobs(limit=None))
        rows.append((f"jobs(limit=None) over >= {args.jobs} jobs", q, qt, o, ot))

        print(f"{'operation':38} {'qrt requests':>30} {'s':>6}   {'official requests':>30} {'s':>6}")
        for label, q, qt, o, ot in rows:
            print(f"{label:38} {json.dumps(q):>30} {qt:6.2f}   {json.dumps(o):>30} {ot:6.2f}")
        print()
        print(f"IAM exchanges so far: qrt {svc._auth.exchanges}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
