"""Sampler, Estimator, Session and Batch: options, ISA checks, local execution and jobs through the emulator."""

from __future__ import annotations

import itertools
import math
import os
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter
from qiskit.quantum_info import SparsePauliOp
from qiskit.transpiler import generate_preset_pass_manager

import qrt
from qrt import execution
from qrt.backends import RuntimeBackend
from qrt.emulator import running
from qrt.emulator.server import RunningEmulator
from qrt.errors import CircuitNotISAError, ConfigurationError, SessionClosedError
from qrt.jobs import RuntimeJob
from qrt.local import AER_SIMULATOR, STORE_ENV, LocalJob, LocalService
from qrt.primitives import (
    EstimatorOptions,
    SamplerOptions,
    SimulatorOptions,
    check_isa,
    parse_max_time,
)


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "store.sqlite3"))


@pytest.fixture
def local(tmp_path: Path) -> Iterator[LocalService]:
    service = LocalService(tmp_path / "local.sqlite3")
    yield service
    service.close()


def bell(measure: bool = True) -> QuantumCircuit:
    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


def isa_for(backend: Any, circuit: QuantumCircuit) -> QuantumCircuit:
    return generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=7).run(circuit)


# -- options -------------------------------------------------------------------------------------------


def test_options_assignment_validation_and_dict() -> None:
    options = SamplerOptions()
    assert options.to_dict() == {}
    options.default_shots = 100
    options.simulator.seed_simulator = 3
    options.environment.job_tags = ["a"]
    options.execution.meas_type = "classified"
    assert options.to_dict() == {
        "default_shots": 100,
        "simulator": {"seed_simulator": 3},
        "environment": {"job_tags": ["a"]},
        "execution": {"meas_type": "classified"},
    }
    options.simulator = {"noise_model": None, "seed_simulator": 4}  # type: ignore[assignment]  # replaces it
    assert isinstance(options.simulator, SimulatorOptions) and options.simulator.seed_simulator == 4
    options.update(simulator={"basis_gates": ["x"]}, default_shots=None)  # update merges sections
    assert options.to_dict() == {
        "simulator": {"seed_simulator": 4, "basis_gates": ["x"]},
        "environment": {"job_tags": ["a"]},
        "execution": {"meas_type": "classified"},
    }


@pytest.mark.parametrize(
    ("assign", "message"),
    [
        (lambda o: setattr(o, "default_shot", 1), "valid options: .*default_shots"),
        (lambda o: setattr(o, "default_shots", 0), "default_shots must be a positive integer"),
        (lambda o: setattr(o, "default_shots", True), "default_shots"),
        (lambda o: setattr(o.simulator, "seed_simulator", -1), "simulator.seed_simulator"),
        (lambda o: setattr(o.simulator, "seed", 1), "simulator options have no option 'seed'"),
        (lambda o: setattr(o.execution, "meas_type", "iq"), "execution.meas_type must be one of"),
        (lambda o: setattr(o.environment, "log_level", "LOUD"), "environment.log_level"),
        (lambda o: setattr(o.environment, "job_tags", "tag"), "list of strings"),
        (lambda o: setattr(o, "simulator", 3), "SimulatorOptions or a mapping"),
        (lambda o: o.update(twirling={"strategy": "sometimes"}), "twirling.strategy"),
        (lambda o: setattr(o, "max_execution_time", 1.5), "max_execution_time"),
    ],
)
def test_bad_options_are_refused_clearly(assign: Any, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        assign(SamplerOptions())


def test_estimator_options() -> None:
    options = EstimatorOptions(default_precision=0.01, resilience_level=1)
    options.resilience.zne_mitigation = True
    options.resilience.zne.noise_factors = [1, 3]
    options.environment.log_level = "info"
    assert options.to_dict() == {
        "default_precision": 0.01,
        "resilience_level": 1,
        "environment": {"log_level": "INFO"},
        "resilience": {"zne_mitigation": True, "zne": {"noise_factors": [1, 3]}},
    }
    with pytest.raises(ConfigurationError, match="resilience_level"):
        options.resilience_level = 3
    with pytest.raises(ConfigurationError, match="meas_type"):
        options.execution.meas_type = "classified"


_option_values = st.fixed_dictionaries(
    {},
    optional={
        "default_shots": st.integers(1, 10**6),
        "simulator": st.fixed_dictionaries({}, optional={"seed_simulator": st.integers(0, 2**31)}),
        "environment": st.fixed_dictionaries(
            {}, optional={"job_tags": st.lists(st.text(max_size=5), max_size=3), "private": st.booleans()}
        ),
        "twirling": st.fixed_dictionaries(
            {}, optional={"enable_gates": st.booleans(), "num_randomizations": st.integers(1, 100) | st.just("auto")}
        ),
        "max_execution_time": st.integers(1, 10_000),
    },
)


@given(_option_values)
def test_options_round_trip_through_their_dict(values: dict[str, Any]) -> None:
    options = SamplerOptions()
    options.update(**values)
    expected = {k: v for k, v in values.items() if v != {}}
    assert options.to_dict() == expected
    again = SamplerOptions()
    again.update(**options.to_dict())
    assert again == options


# -- max_time ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(None, None), (90, 90), ("1h 30m", 5400), ("2h 10m 20s", 7820), ("1d", 86400), (" 45S ", 45), ("1h2m", 3720)],
)
def test_max_time(value: Any, seconds: int | None) -> None:
    assert parse_max_time(value) == seconds


@pytest.mark.parametrize("value", ["", "1x", "1h garbage", "h", "90", 0, -5, "0s", True, 1.5, [60]])
def test_bad_max_time(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_time"):
        parse_max_time(value)


@given(st.lists(st.tuples(st.integers(0, 1000), st.sampled_from("dhms")), min_size=1, max_size=6))
def test_max_time_sums_its_parts(parts: list[tuple[int, str]]) -> None:
    total = sum(n * {"d": 86400, "h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    text = " ".join(f"{n}{u}" for n, u in parts)
    if total == 0:
        with pytest.raises(ConfigurationError):
            parse_max_time(text)
    else:
        assert parse_max_time(text) == total


# -- ISA checks ----------------------------------------------------------------------------------------


def test_isa_check_refuses_untranspiled_circuits_on_devices(local: LocalService) -> None:
    device = local.backend("qrt_pavia")
    with pytest.raises(CircuitNotISAError, match=r"pub 0: the instruction h on qubit \(0,\)") as refused:
        qrt.Sampler(mode=device).run([bell()])
    assert "generate_preset_pass_manager" in str(refused.value)
    assert refused.value.instruction == "h" and refused.value.qubits == (0,)
    check_isa([isa_for(device, bell())], device)
    check_isa([bell()], local.backend(AER_SIMULATOR))  # simulators take anything
    check_isa([bell()], local.backend("qrt_simulator"))
    wide = QuantumCircuit(6)
    with pytest.raises(CircuitNotISAError, match="6 qubits but qrt_pavia has 5"):
        check_isa([wide], device)
    # A two-qubit gate between uncoupled qubits (0 and 2 on a line).
    uncoupled = QuantumCircuit(5)
    uncoupled.cx(0, 2)
    with pytest.raises(CircuitNotISAError, match=r"cx on qubits \(0, 2\)"):
        check_isa([isa_for(device, bell()), uncoupled], device)


def test_isa_check_looks_inside_control_flow_and_at_rzz_angles(local: LocalService) -> None:
    device = local.backend("qrt_siena")  # dynamic circuits and fractional gates
    circuit = QuantumCircuit(2, 1)
    circuit.measure(0, 0)
    with circuit.if_test((circuit.clbits[0], 1)):
        circuit.h(1)
    with pytest.raises(CircuitNotISAError, match="instruction h on qubit"):
        check_isa([circuit], device)
    inside = QuantumCircuit(2, 1)
    inside.measure(0, 0)
    with inside.if_test((inside.clbits[0], 1)):
        inside.x(1)
    check_isa([inside], device)
    pair = next(q for q in device.target["rzz"] if q is not None)
    good, bad = QuantumCircuit(device.num_qubits), QuantumCircuit(device.num_qubits)
    good.rzz(0.5, *pair)
    bad.rzz(2.0, *pair)
    check_isa([good], device)
    with pytest.raises(CircuitNotISAError, match=r"rzz angle 2.0"):
        check_isa([bad], device)
    theta = Parameter("t")
    symbolic = QuantumCircuit(device.num_qubits)
    symbolic.rzz(theta, *pair)
    check_isa([symbolic], device)


# -- modes and inputs ----------------------------------------------------------------------------------


def test_mode_must_be_a_backend_session_or_batch(local: LocalService) -> None:
    with pytest.raises(ConfigurationError, match="mode is required"):
        qrt.Sampler()
    with pytest.raises(ConfigurationError, match=r"service.backend\('qrt_pavia'\)"):
        qrt.Sampler(mode="qrt_pavia")
    with pytest.raises(ConfigurationError, match="BackendV2"):
        qrt.Estimator(mode=42)
    sampler = qrt.Sampler(mode=local.backend(AER_SIMULATOR))
    with pytest.raises(ConfigurationError, match=r"run\(\[circuit\]\)"):
        sampler.run(bell())
    with pytest.raises(ConfigurationError, match="at least one pub"):
        sampler.run([])
    with pytest.raises(ConfigurationError, match="shots"):
        sampler.run([bell()], shots=0)
    with pytest.raises(ConfigurationError, match="pub 1"):
        sampler.run([bell(), (bell(), [1.0])])
    with pytest.raises(ConfigurationError, match="precision"):
        qrt.Estimator(mode=local.backend(AER_SIMULATOR)).run([(bell(False), "ZZ")], precision=-1)
    with pytest.raises(ConfigurationError, match="options must be a mapping"):
        qrt.Sampler(mode=local.backend(AER_SIMULATOR), options=3)  # type: ignore[arg-type]


def test_options_given_as_object_or_mapping(local: LocalService) -> None:
    backend = local.backend(AER_SIMULATOR)
    given_options = SamplerOptions(default_shots=33)
    sampler = qrt.Sampler(mode=backend, options=given_options)
    given_options.default_shots = 44  # the primitive keeps its own copy
    assert sampler.options.default_shots == 33
    assert sampler.run([bell()]).result(timeout=60)[0].data.meas.num_shots == 33
    assert sampler.backend() is backend and sampler.mode is backend and sampler.is_local


def test_any_qiskit_backend_runs_locally(tmp_path: Path) -> None:
    from qiskit.providers.basic_provider import BasicSimulator

    job = qrt.Sampler(mode=BasicSimulator()).run([bell()], shots=64)
    assert isinstance(job, LocalJob)
    counts = job.result(timeout=60)[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == 64
    assert (tmp_path / "store.sqlite3").exists()  # the default store (QRT_LOCAL_STORE here)


def test_options_without_local_effect_warn(local: LocalService) -> None:
    sampler = qrt.Sampler(mode=local.backend(AER_SIMULATOR))
    sampler.options.twirling.enable_gates = True
    sampler.options.environment.job_tags = ["kept"]  # honoured locally: no warning
    with pytest.warns(UserWarning, match=r"Options twirling.enable_gates have no effect in local mode") as caught:
        job = sampler.run([bell()], shots=5)
    assert caught[0].filename == __file__  # points at the caller
    assert job.result(timeout=60)[0].data.meas.num_shots == 5 and job.tags == ["kept"]
    estimator = qrt.Estimator(mode=local.backend(AER_SIMULATOR), options={"resilience_level": 2})
    with pytest.warns(UserWarning, match="resilience_level"):
        estimator.run([(bell(False), "ZZ")])
    quiet = qrt.Sampler(mode=local.backend(AER_SIMULATOR), options={"default_shots": 5})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet.run([bell()]).result(timeout=60)
    kerneled = qrt.Sampler(mode=local.backend(AER_SIMULATOR), options={"execution": {"meas_type": "kerneled"}})
    with pytest.raises(ConfigurationError, match="classified bits only"):
        kerneled.run([bell()])


def test_estimator_default_shots_sets_precision(local: LocalService) -> None:
    estimator = qrt.Estimator(mode=local.backend(AER_SIMULATOR), options={"default_shots": 400})
    metadata = estimator.run([(bell(False), "ZZ")]).result(timeout=60)[0].metadata
    assert metadata["target_precision"] == pytest.approx(0.05) and metadata["shots"] == 400


# -- local sessions and batches ------------------------------------------------------------------------


def test_local_session_runs_jobs_in_order(local: LocalService) -> None:
    backend = local.backend(AER_SIMULATOR)
    with qrt.Session(backend, max_time="1h") as session:
        assert session.session_id is not None and session.is_local and session.max_time == 3600
        assert session.status() == "Pending" and session.mode == "dedicated"
        sampler = qrt.Sampler(mode=session)
        jobs = [sampler.run([bell()], shots=10 + i) for i in range(4)]
        assert all(job.session_id == session.session_id for job in jobs)
    assert session.status() in ("In progress, not accepting new jobs", "Closed")
    with pytest.raises(SessionClosedError):
        sampler.run([bell()])
    for job in jobs:
        job.wait_for_final_state(timeout=60)
    stamps = [job.metrics()["timestamps"] for job in jobs]
    assert all(earlier["finished"] <= later["running"] for earlier, later in itertools.pairwise(stamps))
    assert session.status() == "Closed"
    assert [j.job_id() for j in local.jobs(session_id=session.session_id, descending=False)] == [
        j.job_id() for j in jobs
    ]
    details = session.details()
    assert details is not None and details["backend_name"] == AER_SIMULATOR and details["max_ttl"] == 3600


def test_local_batch_and_session_lifecycle(local: LocalService) -> None:
    backend = local.backend(AER_SIMULATOR)
    batch = qrt.Batch(backend)
    assert batch.session_id is None and batch.status() is None and batch.details() is None
    job = qrt.Estimator(mode=batch).run([(bell(False), "ZZ")], precision=0.1)  # opens with the first job
    assert batch.session_id is not None and batch.mode == "batch" and job.session_id == batch.session_id
    job.result(timeout=60)
    job.wait_for_final_state(timeout=60)  # until the store has the final row, as every reader sees it
    assert batch.status() == "Pending"  # idle: inactive, as the service (and the emulator) reports it
    assert batch.details()["state"] == "inactive"
    again = qrt.Session.from_id(batch.session_id, local)
    assert isinstance(again, qrt.Batch) and again.backend() == AER_SIMULATOR
    batch.cancel()
    assert batch.status() == "Closed"
    with pytest.raises(SessionClosedError):
        qrt.Sampler(mode=again).run([bell()])
    with pytest.raises(ConfigurationError, match="max_time"):
        qrt.Session(backend, max_time="soon")


def test_local_session_max_time_cancels_queued_jobs(local: LocalService, monkeypatch: pytest.MonkeyPatch) -> None:
    real = execution.run_sampler

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(execution, "run_sampler", slow)
    with qrt.Session(local.backend(AER_SIMULATOR), max_time=1) as session:
        sampler = qrt.Sampler(mode=session)
        first, second = sampler.run([bell()], shots=5), sampler.run([bell()], shots=5)
        assert first.result(timeout=60)[0].data.meas.num_shots == 5
        assert second.wait_for_final_state(timeout=60) == "CANCELLED"
        assert "max_time" in (second.error_message() or "")
        with pytest.raises(SessionClosedError, match="max_time"):
            sampler.run([bell()])


# -- through the emulator ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def emu() -> Iterator[RunningEmulator]:
    with running() as live:
        env = {k: v for k, v in live.env.items() if not k.startswith("QISKIT_IBM_")}
        with mock.patch.dict(os.environ, {**env, "QRT_TRUST_ENV": "false"}):
            yield live


@pytest.fixture(scope="module")
def service(emu: RunningEmulator) -> Iterator[qrt.Service]:
    with qrt.Service(channel="ibm_quantum_platform", token=emu.api_key, instance=emu.instance) as remote:
        yield remote


def test_remote_sampler_and_estimator(service: qrt.Service) -> None:
    backend = service.backend("qrt_simulator")
    sampler = qrt.Sampler(mode=backend, options={"environment": {"job_tags": ["t1"], "log_level": "debug"}})
    assert not sampler.is_local
    job = sampler.run([bell(), (bell(), None, 40)], shots=300)
    assert isinstance(job, RuntimeJob)
    result = job.result(timeout=60)
    assert result.metadata == {"version": 2}
    first, second = result
    counts = first.data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == 300
    assert abs(counts.get("00", 0) - 150) <= 5 * math.sqrt(300 / 4)
    assert second.data.meas.num_shots == 40
    assert job.status() == "DONE" and job.tags == ["t1"] and job.backend().name == "qrt_simulator"
    assert service.job(job.job_id()).result()[0].data.meas.get_counts() == counts

    precision = 0.02
    estimate = qrt.Estimator(mode=backend).run([(bell(False), [SparsePauliOp("ZZ"), SparsePauliOp("ZI")])],
                                               precision=precision).result(timeout=60)[0]
    assert abs(float(estimate.data.evs[0]) - 1) <= 3 * precision
    assert abs(float(estimate.data.evs[1])) <= 5 * precision
    assert estimate.metadata["target_precision"] == precision


def test_same_seed_same_counts_locally_and_through_the_emulator(service: qrt.Service, local: LocalService) -> None:
    options = {"default_shots": 500, "simulator": {"seed_simulator": 2024}}
    remote_backend = service.backend("qrt_pavia")
    local_backend = local.backend("qrt_pavia")
    remote_isa, local_isa = isa_for(remote_backend, bell()), isa_for(local_backend, bell())
    remote = qrt.Sampler(mode=remote_backend, options=options).run([remote_isa]).result(timeout=60)
    mine = qrt.Sampler(mode=local_backend, options=options).run([local_isa]).result(timeout=60)
    remote_counts = remote[0].data.meas.get_counts()
    assert remote_counts == mine[0].data.meas.get_counts()
    assert len(remote_counts) == 4  # noisy: all four outcomes
    estimator_options = {"default_precision": 0.05, "simulator": {"seed_simulator": 11}}
    observable = SparsePauliOp("ZZ").apply_layout(isa_for(remote_backend, bell(False)).layout)
    remote_ev = qrt.Estimator(mode=remote_backend, options=estimator_options).run(
        [(isa_for(remote_backend, bell(False)), observable)]).result(timeout=60)[0].data.evs
    local_ev = qrt.Estimator(mode=local_backend, options=estimator_options).run(
        [(isa_for(local_backend, bell(False)), observable)]).result(timeout=60)[0].data.evs
    assert float(remote_ev) == float(local_ev)


def test_remote_isa_circuits_are_refused_before_submission(emu: RunningEmulator, service: qrt.Service) -> None:
    before = emu.job_creations
    with pytest.raises(CircuitNotISAError):
        qrt.Sampler(mode=service.backend("qrt_lucca")).run([bell()])
    assert emu.job_creations == before


def test_remote_job_body(emu: RunningEmulator, service: qrt.Service) -> None:
    import json

    backend = service.backend("qrt_simulator")
    options = {"max_execution_time": 120, "environment": {"job_tags": ["a", "b"], "log_level": "info",
                                                          "private": True}}
    job = qrt.Sampler(mode=backend, options=options).run([bell()], shots=5)
    job.wait_for_final_state(timeout=60)
    stored = emu.emulator.store.job(job.job_id())  # what the server received
    assert stored is not None
    assert stored.program_id == "sampler" and stored.backend == "qrt_simulator"
    assert stored.tags == ("a", "b") and (stored.log_level or "").lower() == "info" and stored.cost == 120
    assert stored.private is True
    params = json.loads(stored.params)
    assert params["version"] == 2 and params["support_qiskit"] is True
    assert "environment" not in params["options"] and "max_execution_time" not in params["options"]
    assert params["pubs"][0][2] == 5


def test_remote_session_and_batch(emu: RunningEmulator, service: qrt.Service) -> None:
    backend = service.backend("qrt_lucca")
    assert isinstance(backend, RuntimeBackend)
    with qrt.Session(backend, max_time="10m") as session:
        assert session.session_id is not None and not session.is_local
        assert session.service is service
        assert session.status() == "Pending"
        sampler = qrt.Sampler(mode=session)
        jobs = [sampler.run([isa_for(backend, bell())], shots=20) for _ in range(2)]
        assert all(sum(j.result(timeout=60)[0].data.meas.get_counts().values()) == 20 for j in jobs)
        assert all(j.session_id == session.session_id for j in jobs)
        details = session.details()
        assert details is not None and details["mode"] == "dedicated" and details["max_ttl"] == 600
    assert session.status() == "Closed"
    with pytest.raises(SessionClosedError):
        sampler.run([isa_for(backend, bell())])
    assert [j.job_id() for j in service.jobs(session_id=session.session_id, descending=False)] == [
        j.job_id() for j in jobs
    ]

    batch = qrt.Batch(backend)
    job = qrt.Sampler(mode=batch).run([isa_for(backend, bell())], shots=5)
    assert batch.session_id is not None and batch.details()["mode"] == "batch"  # type: ignore[index]
    again = qrt.Session.from_id(batch.session_id, service)
    assert isinstance(again, qrt.Batch) and again.backend() == "qrt_lucca"
    job.wait_for_final_state(timeout=60)
    batch.cancel()
    assert batch.status() == "Closed"
    batch.close()  # closing a cancelled session is harmless


@settings(max_examples=5, deadline=None)
@given(shots=st.integers(1, 50), seed=st.integers(0, 1000))
def test_local_shots_and_seed_property(shots: int, seed: int) -> None:
    service = LocalService(":memory:")
    try:
        sampler = qrt.Sampler(mode=service.backend(AER_SIMULATOR), options={"simulator": {"seed_simulator": seed}})
        first = sampler.run([bell()], shots=shots).result(timeout=60)[0].data.meas
        second = sampler.run([bell()], shots=shots).result(timeout=60)[0].data.meas
        assert first.num_shots == shots and first.get_counts() == second.get_counts()
        assert set(first.get_counts()) <= {"00", "11"}
    finally:
        service.close()


def test_plain_backends_share_one_local_service() -> None:
    """Primitives on backends that carry no service must not make a new one (threads, store) each time."""
    import threading

    from qiskit.providers.basic_provider import BasicSimulator

    qrt.Sampler(mode=BasicSimulator()).run([bell()], shots=8).result(timeout=60)
    before = threading.active_count()
    for _ in range(10):
        qrt.Sampler(mode=BasicSimulator()).run([bell()], shots=8).result(timeout=60)
    assert threading.active_count() <= before + 1
