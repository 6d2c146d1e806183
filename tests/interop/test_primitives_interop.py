"""qrt's primitives and the official SDK (qiskit-ibm-runtime) on the same jobs.

A job qrt submits is read by the official SDK and one the SDK submits is read by qrt, through the emulator, with
equal results; and qrt's local mode gives the official local mode's result structure (and, seeded, its bits).
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp
from qiskit.transpiler import generate_preset_pass_manager

import qrt
from qrt.emulator import running
from qrt.emulator.server import RunningEmulator
from qrt.local import AER_SIMULATOR, STORE_ENV, LocalService

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def emu() -> Iterator[RunningEmulator]:
    with running() as live:
        hops = {k: v for k, v in live.env.items() if k in ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL")}
        clean = {k: v for k, v in os.environ.items() if not k.startswith("QISKIT_IBM_")}
        env = {**clean, **hops, "QRT_RUNTIME_URL": live.runtime_url, "QRT_TRUST_ENV": "false"}
        with mock.patch.dict(os.environ, env, clear=True):
            yield live


@pytest.fixture(scope="module")
def sdk() -> SimpleNamespace:
    runtime = importlib.import_module("qiskit_ibm_runtime")
    return SimpleNamespace(Service=runtime.QiskitRuntimeService, SamplerV2=runtime.SamplerV2,
                           EstimatorV2=runtime.EstimatorV2)


@pytest.fixture(scope="module")
def official(emu: RunningEmulator, sdk: SimpleNamespace) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sdk.Service(channel="ibm_quantum_platform", token=emu.api_key, instance=emu.instance,
                           url_resolver=lambda *args, **kwargs: emu.runtime_url)


@pytest.fixture(scope="module")
def service(emu: RunningEmulator) -> Iterator[qrt.Service]:
    with qrt.Service(channel="ibm_quantum_platform", token=emu.api_key, instance=emu.instance) as ours:
        yield ours


@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalService]:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "default.sqlite3"))
    with LocalService(tmp_path / "local.sqlite3") as ours:
        yield ours


def bell(measure: bool = True) -> QuantumCircuit:
    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


def _quiet(make: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the SDK deprecates SamplerV2/EstimatorV2 on construction
        return make(*args, **kwargs)


def _assert_same_sampler_results(first: Any, second: Any) -> None:
    assert type(first) is type(second) and first.metadata == second.metadata and len(first) == len(second)
    for mine, theirs in zip(first, second, strict=True):
        assert type(mine) is type(theirs) and mine.metadata == theirs.metadata
        assert sorted(mine.data.keys()) == sorted(theirs.data.keys())
        for name in mine.data:
            assert np.array_equal(mine.data[name].array, theirs.data[name].array)
            assert mine.data[name].num_bits == theirs.data[name].num_bits


def test_a_qrt_job_is_read_by_the_official_sdk(service: qrt.Service, official: Any) -> None:
    backend = service.backend("qrt_lucca")
    isa = generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=2).run(bell())
    sampler = qrt.Sampler(mode=backend, options={"default_shots": 200, "simulator": {"seed_simulator": 8}})
    job = sampler.run([isa, (isa, None, 50)])
    ours = job.result(timeout=60)
    theirs = official.job(job.job_id())
    assert theirs.status() == "DONE"
    _assert_same_sampler_results(ours, theirs.result())

    unmeasured = generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=2).run(
        bell(False)
    )
    observables = [SparsePauliOp(p).apply_layout(unmeasured.layout) for p in ("ZZ", "XX")]
    estimate = qrt.Estimator(mode=backend).run([(unmeasured, observables)], precision=0.05)
    mine = estimate.result(timeout=60)
    read = official.job(estimate.job_id()).result()
    assert np.array_equal(mine[0].data.evs, read[0].data.evs) and np.array_equal(mine[0].data.stds, read[0].data.stds)
    assert mine[0].metadata == read[0].metadata and mine.metadata == read.metadata


def test_an_official_job_is_read_by_qrt(service: qrt.Service, official: Any, sdk: SimpleNamespace) -> None:
    backend = official.backend("qrt_pavia")
    isa = generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=3).run(bell())
    sampler = _quiet(sdk.SamplerV2, mode=backend)
    sampler.options.simulator.seed_simulator = 21
    job = sampler.run([isa], shots=300)
    theirs = job.result()
    mine = service.job(job.job_id())
    assert mine.status() == "DONE" and mine.primitive_id == "sampler"
    _assert_same_sampler_results(mine.result(timeout=60), theirs)

    estimator = _quiet(sdk.EstimatorV2, mode=backend)
    estimator.options.default_precision = 0.05
    unmeasured = generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=3).run(
        bell(False)
    )
    estimate = estimator.run([(unmeasured, SparsePauliOp("ZZ").apply_layout(unmeasured.layout))])
    read = service.job(estimate.job_id()).result(timeout=60)
    assert np.array_equal(read[0].data.evs, estimate.result()[0].data.evs)


def test_local_results_have_the_official_local_shape_and_bits(local: LocalService, sdk: SimpleNamespace) -> None:
    from qiskit_aer import AerSimulator

    seed = 77
    official_sampler = _quiet(sdk.SamplerV2, mode=AerSimulator())
    official_sampler.options.simulator.seed_simulator = seed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # different shots across pubs, deprecated in 0.48
        theirs = official_sampler.run([bell(), (bell(), None, 64)], shots=256).result()
    ours = qrt.Sampler(mode=local.backend(AER_SIMULATOR), options={"simulator": {"seed_simulator": seed}}).run(
        [bell(), (bell(), None, 64)], shots=256
    ).result(timeout=60)
    _assert_same_sampler_results(ours, theirs)

    official_estimator = _quiet(sdk.EstimatorV2, mode=AerSimulator())
    official_estimator.options.simulator.seed_simulator = seed
    official_estimator.options.default_precision = 0.05
    pubs = [(bell(False), [SparsePauliOp("ZZ"), SparsePauliOp("XI")])]
    theirs_ev = official_estimator.run(pubs).result()
    ours_ev = qrt.Estimator(
        mode=local.backend(AER_SIMULATOR), options={"simulator": {"seed_simulator": seed}, "default_precision": 0.05}
    ).run(pubs).result(timeout=60)
    assert type(ours_ev[0]) is type(theirs_ev[0]) and ours_ev.metadata == theirs_ev.metadata
    assert ours_ev[0].metadata == theirs_ev[0].metadata
    assert np.allclose(ours_ev[0].data.evs, theirs_ev[0].data.evs)
