"""The official SDK (qiskit-ibm-runtime, dev extra) against the emulator: an independent check that the
emulator, and so our spec, speaks the service's language on every hop.

The SDK reaches the emulator through ``IAM_URL``, ``GLOBAL_SEARCH_URL``, ``GLOBAL_CATALOG_URL`` and a
``url_resolver`` returning the emulator's runtime URL.
"""

from __future__ import annotations

import importlib
import math
import os
import warnings
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def emu() -> Iterator[RunningEmulator]:
    with running() as live:
        env = {k: v for k, v in live.env.items() if k in ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL")}
        clean = {k: v for k, v in os.environ.items() if not k.startswith("QISKIT_IBM_")}
        with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
            yield live


@pytest.fixture(scope="module")
def sdk() -> SimpleNamespace:
    # Imported on first use, so that `-m "not interop"` runs skip the SDK's slow import.
    runtime = importlib.import_module("qiskit_ibm_runtime")
    return SimpleNamespace(
        Service=runtime.QiskitRuntimeService,
        SamplerV2=runtime.SamplerV2,
        EstimatorV2=runtime.EstimatorV2,
        Batch=runtime.Batch,
        exceptions=importlib.import_module("qiskit_ibm_runtime.exceptions"),
    )


def _service(emu: RunningEmulator, sdk: SimpleNamespace, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sdk.Service(
            channel="ibm_quantum_platform",
            token=kwargs.pop("token", emu.api_key),
            url_resolver=lambda *args, **kw: emu.runtime_url,
            **kwargs,
        )


@pytest.fixture(scope="module")
def service(emu: RunningEmulator, sdk: SimpleNamespace) -> Any:
    return _service(emu, sdk, instance=emu.instance)


def _bell(measure: bool = True) -> Any:
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


# -- construction and instances ------------------------------------------------------------------------------


def test_construction_with_a_crn_lists_the_accounts_instances(emu: RunningEmulator, service: Any) -> None:
    assert service.active_instance() == emu.instance
    instances = service.instances()
    expected = [i for i in emu.world.default_account.instances if i.has_allocation]
    assert [i["crn"] for i in instances] == [i.crn for i in expected]
    assert [(i["plan"], i["pricing_type"]) for i in instances] == [
        ("open", "free"),
        ("trial", "trial"),
        ("pay-as-you-go", "paygo"),
        ("premium", "subscription"),
    ]
    assert instances[1]["tags"] == ["team-a"]


def test_construction_with_an_instance_name(emu: RunningEmulator, sdk: SimpleNamespace) -> None:
    service = _service(emu, sdk, instance="trial-us")
    assert service.active_instance() == emu.world.default_account.instances[1].crn
    with pytest.raises(sdk.exceptions.IBMInputValueError, match="not a valid instance name"):
        _service(emu, sdk, instance="no-such-instance")


def test_auto_selection_orders_by_pricing_and_filters(emu: RunningEmulator, sdk: SimpleNamespace) -> None:
    names = {i.crn: i.name for i in emu.world.default_account.instances}
    auto = _service(emu, sdk, instance="auto")
    # The official SDK leaves the lowest-priority instance active after activating them all.
    assert names[auto.active_instance()] == "premium-eu"
    backends = [b.name for b in auto.backends()]
    assert backends[:3] == ["qrt_simulator", "qrt_pavia", "qrt_lucca"]  # open-us (free) first
    assert {"qrt_siena", "qrt_verona"} <= set(backends)
    assert names[_service(emu, sdk, instance="auto", region="eu-de").active_instance()] == "premium-eu"
    tagged = _service(emu, sdk, instance="auto", tags=["TEAM-A"])
    assert names[tagged.active_instance()] == "paygo-us"
    preferred = _service(emu, sdk, instance="auto", plans_preference=["premium", "open"])
    assert names[preferred.active_instance()] == "open-us"
    with pytest.raises(sdk.exceptions.IBMInputValueError, match="No matching instances"):
        _service(emu, sdk, instance="auto", region="eu-de", plans_preference=["open"])


def test_a_key_of_another_account_cannot_use_the_instance(emu: RunningEmulator, sdk: SimpleNamespace) -> None:
    with pytest.raises(sdk.exceptions.IBMInputValueError, match="does not have access"):
        _service(emu, sdk, token="other-api-key", instance=emu.instance)
    with pytest.raises(Exception, match="Unable to retrieve instances"):
        _service(emu, sdk, token="wrong-api-key", instance=emu.instance)


# -- backends -------------------------------------------------------------------------------------------------


def test_backends_with_filters(service: Any) -> None:
    assert [b.name for b in service.backends()] == ["qrt_simulator", "qrt_pavia", "qrt_lucca"]
    assert [b.name for b in service.backends(min_num_qubits=10)] == ["qrt_simulator", "qrt_lucca"]
    assert [b.name for b in service.backends(simulator=True)] == ["qrt_simulator"]
    assert [b.name for b in service.backends(dynamic_circuits=True)] == ["qrt_simulator", "qrt_lucca"]
    assert [b.name for b in service.backends(operational=True, name="qrt_pavia")] == ["qrt_pavia"]
    assert [b.name for b in service.backends(filters=lambda b: b.num_qubits == 5)] == ["qrt_pavia"]


def test_least_busy(emu: RunningEmulator, sdk: SimpleNamespace, service: Any) -> None:
    assert service.least_busy().name == "qrt_simulator"
    assert service.least_busy(min_num_qubits=10, simulator=False).name == "qrt_lucca"
    paygo = _service(emu, sdk, instance="paygo-us")
    # qrt_ferrara (paused, empty queue) is never chosen; of the 16+ qubit devices qrt_siena has the shorter queue.
    assert paygo.least_busy(simulator=False).name == "qrt_siena"
    assert paygo.least_busy(min_num_qubits=20, simulator=False).name == "qrt_verona"


def test_backend_target_drives_the_transpiler(service: Any) -> None:
    from qiskit import transpile

    backend = service.backend("qrt_lucca")
    target = backend.target
    assert target.num_qubits == 12 and {"cz", "rz", "sx", "x", "measure"} <= set(target.operation_names)
    assert backend.properties() is not None and backend.status().operational
    isa = transpile(_bell(), backend=backend, seed_transpiler=3)
    for instruction in isa.data:
        qubits = tuple(isa.find_bit(q).index for q in instruction.qubits)
        if instruction.operation.name != "barrier":
            assert target.instruction_supported(instruction.operation.name, qubits)


# -- primitives -----------------------------------------------------------------------------------------------


def test_sampler_bell_on_the_ideal_simulator(emu: RunningEmulator, sdk: SimpleNamespace, service: Any) -> None:
    from qiskit import transpile

    backend = service.backend("qrt_simulator")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        sampler = sdk.SamplerV2(mode=backend)
    job = sampler.run([transpile(_bell(), backend=backend)], shots=1000)
    result = job.result()
    counts = result[0].data.meas.get_counts()
    assert set(counts) == {"00", "11"} and sum(counts.values()) == 1000
    assert abs(counts["00"] - 500) <= 5 * math.sqrt(1000 * 0.25)
    assert job.status() == "DONE"
    fetched = service.job(job.job_id())
    assert fetched.status() == "DONE" and fetched.backend().name == "qrt_simulator"
    assert fetched.result()[0].data.meas.get_counts() == counts
    assert fetched.inputs["pubs"][0][0].num_qubits == 2
    assert job.usage() >= 1 and job.metrics()["usage"]["status"] == "complete"
    assert "completed" in job.logs()


def test_estimator_zz_on_bell_is_one(sdk: SimpleNamespace, service: Any) -> None:
    from qiskit import transpile
    from qiskit.quantum_info import SparsePauliOp

    backend = service.backend("qrt_simulator")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        estimator = sdk.EstimatorV2(mode=backend)
    estimator.options.default_precision = 0.02
    result = estimator.run([(transpile(_bell(measure=False), backend=backend), SparsePauliOp("ZZ"))]).result()
    assert abs(float(result[0].data.evs) - 1) <= 3 * 0.02


def test_failed_job_surfaces_the_reason(sdk: SimpleNamespace, service: Any) -> None:
    backend = service.backend("qrt_pavia")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler = sdk.SamplerV2(mode=backend)
        sampler.options.simulator.seed_simulator = 1
        # Skip the SDK's own ISA check to see the server-side failure.
        job = service._run(
            program_id="sampler", inputs={"pubs": [(_bell(),)], "version": 2}, options={"backend": backend}
        )
    with pytest.raises(Exception, match="unknown instruction"):
        job.result()
    assert job.status() == "ERROR"


def test_batch_session(sdk: SimpleNamespace, service: Any) -> None:
    from qiskit import transpile

    # The SDK opens sessions only on devices, not on simulators.
    backend = service.backend("qrt_lucca")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with sdk.Batch(backend=backend) as batch:
            sampler = sdk.SamplerV2(mode=batch)
            jobs = [sampler.run([transpile(_bell(), backend=backend)], shots=50) for _ in range(2)]
            assert all(sum(j.result()[0].data.meas.get_counts().values()) == 50 for j in jobs)
            assert batch.session_id and all(j.session_id == batch.session_id for j in jobs)
            assert batch.details()["mode"] == "batch"
        assert batch.status() == "Closed"


def test_cancel_and_conflict(emu: RunningEmulator, sdk: SimpleNamespace, service: Any) -> None:
    from qiskit import transpile

    backend = service.backend("qrt_pavia")
    emu.set_backend_status("qrt_pavia", "paused")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            job = sdk.SamplerV2(mode=backend).run([transpile(_bell(), backend=backend)], shots=10)
        assert job.status() == "QUEUED"
        job.cancel()
        assert job.status() == "CANCELLED"
        with pytest.raises(sdk.exceptions.RuntimeInvalidStateError):
            job.cancel()
    finally:
        emu.set_backend_status("qrt_pavia", "online")


# -- listing and usage ----------------------------------------------------------------------------------------


def test_jobs_paging_and_usage(emu: RunningEmulator, sdk: SimpleNamespace) -> None:
    from qiskit import transpile

    service = _service(emu, sdk, instance="trial-us")
    backend = service.backend("qrt_simulator")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler = sdk.SamplerV2(mode=backend)
        circuit = transpile(_bell(), backend=backend)
        ids = [sampler.run([circuit], shots=10).job_id() for _ in range(23)]
    assert emu.wait_idle(60)
    all_jobs = service.jobs(limit=None)
    assert [j.job_id() for j in all_jobs] == ids[::-1]
    page = service.jobs(limit=5, skip=2)
    assert [j.job_id() for j in page] == ids[::-1][2:7]
    assert [j.job_id() for j in service.jobs(limit=3, descending=False)] == ids[:3]
    assert len(service.jobs(limit=None, pending=False, backend_name="qrt_simulator")) == 23
    assert service.jobs(pending=True) == []
    usage = service.usage()
    assert usage["usage_consumed_seconds"] >= 23
    assert usage["usage_remaining_seconds"] == max(usage["usage_limit_seconds"] - usage["usage_consumed_seconds"], 0)
