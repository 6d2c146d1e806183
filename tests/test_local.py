"""Local mode: ``Service(channel="local")``, its backends, Aer execution and the persistent local job store."""

from __future__ import annotations

import builtins
import datetime as dt
import math
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Gate, Parameter
from qiskit.primitives.containers import PrimitiveResult
from qiskit.quantum_info import SparsePauliOp
from qiskit.transpiler import generate_preset_pass_manager

import qrt
from qrt import devices, execution
from qrt.errors import (
    BackendNotFoundError,
    ConfigurationError,
    ConflictError,
    JobCancelledError,
    JobError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
)
from qrt.local import AER_SIMULATOR, STORE_ENV, LocalJob, LocalService, default_store_path


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never write to the user's cache: the default store goes to the test's directory."""
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "default-store.sqlite3"))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "jobs.sqlite3"


@pytest.fixture
def local(store: Path) -> Iterator[LocalService]:
    service = LocalService(store)
    yield service
    service.close()


def bell(measure: bool = True) -> QuantumCircuit:
    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


class _Gate:
    """Blocks local execution until opened, to hold jobs QUEUED or RUNNING."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        real = execution.run_sampler

        def blocked(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            assert self.open.wait(30), "the test never released the gate"
            return real(*args, **kwargs)

        monkeypatch.setattr(execution, "run_sampler", blocked)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Gate]:
    blocker = _Gate(monkeypatch)
    yield blocker
    blocker.open.set()


# -- construction touches nothing ------------------------------------------------------------------------


class _TrapEnviron(MutableMapping[str, str]):
    def __init__(self, real: MutableMapping[str, str]) -> None:
        self.real = real
        self.touched: list[str] = []

    def __getitem__(self, key: str) -> str:
        self.touched.append(key)
        return self.real[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.touched.append(key)
        self.real[key] = value

    def __delitem__(self, key: str) -> None:
        self.touched.append(key)
        del self.real[key]

    def __iter__(self) -> Iterator[str]:
        self.touched.append("<iter>")
        return iter(self.real)

    def __len__(self) -> int:
        return len(self.real)


@pytest.mark.parametrize("positional", [True, False])
def test_local_service_touches_no_file_environment_or_network(
    positional: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trap = _TrapEnviron(os.environ)
    touched: list[str] = []

    def refuse(what: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            touched.append(what)
            raise AssertionError(f"{what} called")

        return call

    qrt.Service(channel="local").backends()  # first imports (qiskit-aer reads its VERSION file) happen before
    monkeypatch.setattr(os, "environ", trap)
    monkeypatch.setattr(builtins, "open", refuse("open"))
    monkeypatch.setattr(os, "open", refuse("os.open"))
    monkeypatch.setattr(socket, "socket", refuse("socket"))
    monkeypatch.setattr(sqlite3, "connect", refuse("sqlite3.connect"))
    service = qrt.Service("local") if positional else qrt.Service(channel="local")
    names = [b.name for b in service.backends()]
    service.backend("qrt_pavia")
    service.least_busy()
    monkeypatch.undo()
    assert service.channel == "local"
    assert names[0] == AER_SIMULATOR
    assert trap.touched == [] and touched == []


def test_backends_are_aer_and_the_device_factory(local: LocalService) -> None:
    specs = devices.default_devices()
    backends = local.backends()
    assert [b.name for b in backends] == [AER_SIMULATOR, *(s.name for s in specs)]
    from qiskit_aer import AerSimulator

    assert isinstance(backends[0], AerSimulator) and backends[0].service is local
    for backend, spec in zip(backends[1:], specs, strict=True):
        reference = devices.build_backend(spec).target
        assert backend.service is local
        assert backend.num_qubits == spec.num_qubits
        assert set(backend.target.operation_names) == set(reference.operation_names)
        for name in reference.operation_names:
            for qargs, props in (reference[name] or {}).items():
                mine = backend.target[name][qargs]
                assert (mine is None) == (props is None)
                if props is not None:
                    assert mine.error == props.error and mine.duration == props.duration


def test_backend_filters(local: LocalService) -> None:
    assert [b.name for b in local.backends(min_num_qubits=20)] == [AER_SIMULATOR, "qrt_simulator", "qrt_verona"]
    dynamic = [b.name for b in local.backends(dynamic_circuits=True)]
    static = [b.name for b in local.backends(dynamic_circuits=False)]
    assert "qrt_pavia" in static and "qrt_pavia" not in dynamic and AER_SIMULATOR in dynamic
    assert sorted(dynamic + static) == sorted(b.name for b in local.backends())
    assert [b.name for b in local.backends(filters=lambda b: b.num_qubits == 12)] == ["qrt_lucca"]
    assert local.backends(name="nope") == []
    with pytest.raises(BackendNotFoundError, match="qrt_pavia"):
        local.backend("nope")
    assert local.backend().name == AER_SIMULATOR
    with pytest.raises(BackendNotFoundError):
        local.least_busy(min_num_qubits=10_000)


def test_least_busy_counts_pending_local_jobs(local: LocalService, gate: _Gate) -> None:
    assert local.least_busy().name == AER_SIMULATOR
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([bell()], shots=10)
    assert gate.entered.wait(30)
    assert local.least_busy().name == "qrt_simulator"
    gate.open.set()
    job.result(timeout=30)
    assert local.least_busy().name == AER_SIMULATOR


# -- results -------------------------------------------------------------------------------------------


def test_bell_on_the_ideal_simulator(local: LocalService) -> None:
    shots = 4000
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([bell()], shots=shots)
    assert isinstance(job, LocalJob)
    result = job.result(timeout=60)
    assert isinstance(result, PrimitiveResult) and result.metadata == {"version": 2}
    counts = result[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == shots
    assert abs(counts.get("00", 0) - shots / 2) <= 5 * math.sqrt(shots / 4)  # 5 sigma of Binomial(n, 1/2)
    assert result[0].metadata == {"shots": shots, "circuit_metadata": {}}
    assert job.status() == "DONE" and job.done() and job.in_final_state()


def test_zz_on_bell_is_one_within_precision(local: LocalService) -> None:
    precision = 0.02
    job = qrt.Estimator(mode=local.backend(AER_SIMULATOR)).run(
        [(bell(measure=False), [SparsePauliOp("ZZ"), SparsePauliOp("XX"), SparsePauliOp("ZI")])], precision=precision
    )
    pub = job.result(timeout=60)[0]
    zz, xx, zi = (float(v) for v in pub.data.evs)
    assert abs(zz - 1) <= 3 * precision and abs(xx - 1) <= 3 * precision and abs(zi) <= 5 * precision
    assert pub.metadata["target_precision"] == precision
    assert pub.metadata["shots"] == math.ceil(1 / precision**2)


def test_parametrized_circuits(local: LocalService) -> None:
    theta = Parameter("θ")
    circuit = QuantumCircuit(1)
    circuit.ry(theta, 0)
    measured = circuit.measure_all(inplace=False)
    backend = local.backend(AER_SIMULATOR)
    sampled = qrt.Sampler(mode=backend).run([(measured, [[0.0], [math.pi]])], shots=200).result(timeout=60)[0]
    bits = sampled.data.meas
    assert bits.shape == (2,)
    assert bits[0].get_counts() == {"0": 200} and bits[1].get_counts() == {"1": 200}
    angles = [0.0, math.pi / 3, math.pi / 2, math.pi]
    estimated = qrt.Estimator(mode=backend).run(
        [(circuit, SparsePauliOp("Z"), [[a] for a in angles])], precision=0.02
    ).result(timeout=60)[0]
    assert estimated.data.evs.shape == (4,)
    for angle, value in zip(angles, estimated.data.evs, strict=True):
        assert abs(value - math.cos(angle)) <= 0.08


def test_several_pubs_with_their_own_shots(local: LocalService) -> None:
    flipped = QuantumCircuit(1)
    flipped.x(0)
    flipped.measure_all()
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([(bell(), None, 30), flipped], shots=70)
    first, second = job.result(timeout=60)
    assert first.data.meas.num_shots == 30 and second.data.meas.num_shots == 70
    assert second.data.meas.get_counts() == {"1": 70}


def test_several_classical_registers(local: LocalService) -> None:
    qubits = QuantumRegister(3, "q")
    low, high = ClassicalRegister(1, "low"), ClassicalRegister(2, "high")
    circuit = QuantumCircuit(qubits, low, high)
    circuit.x(qubits[1])
    circuit.measure(qubits[0], low[0])
    circuit.measure(qubits[1], high[0])
    circuit.measure(qubits[2], high[1])
    data = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([circuit], shots=50).result(timeout=60)[0].data
    assert data.low.num_bits == 1 and data.high.num_bits == 2
    assert data.low.get_counts() == {"0": 50}
    assert data.high.get_counts() == {"01": 50}


def test_default_shots_and_seed_options(local: LocalService) -> None:
    backend = local.backend(AER_SIMULATOR)
    options = {"default_shots": 123, "simulator": {"seed_simulator": 99}}
    first = qrt.Sampler(mode=backend, options=options).run([bell()]).result(timeout=60)[0].data.meas
    second = qrt.Sampler(mode=backend, options=options).run([bell()]).result(timeout=60)[0].data.meas
    assert first.num_shots == 123 and first.get_counts() == second.get_counts()
    unseeded = qrt.Sampler(mode=backend).run([bell()]).result(timeout=60)[0]
    assert unseeded.data.meas.num_shots == execution.DEFAULT_SHOTS


def test_noisy_device_matches_the_factory_simulator(local: LocalService) -> None:
    backend = local.backend("qrt_pavia")
    isa = generate_preset_pass_manager(backend=backend, optimization_level=1, seed_transpiler=3).run(bell())
    options = {"default_shots": 400, "simulator": {"seed_simulator": 5}}
    counts = qrt.Sampler(mode=backend, options=options).run([isa]).result(timeout=60)[0].data.meas.get_counts()
    spec = next(s for s in devices.default_devices() if s.name == "qrt_pavia")
    reference = execution.run_sampler(devices.simulator_for(spec), [isa], options=options)
    assert counts == reference[0].data.meas.get_counts()
    assert set(counts) > {"00", "11"}  # noise gives some 01 and 10


# -- the job object ------------------------------------------------------------------------------------


def test_job_metadata_metrics_logs_and_tags(local: LocalService) -> None:
    sampler = qrt.Sampler(mode=local.backend(AER_SIMULATOR), options={"environment": {"job_tags": ["a", "b"]}})
    job = sampler.run([bell()], shots=10)
    job.wait_for_final_state(timeout=60)
    assert job.primitive_id == "sampler" and job.backend_name == AER_SIMULATOR
    assert job.backend().name == AER_SIMULATOR
    assert job.tags == ["a", "b"] and job.session_id is None and job.instance is None
    assert job.usage() == 0.0 and job.error_message() is None
    metrics = job.metrics()
    stamps = metrics["timestamps"]
    assert metrics["usage"] == {"qpu_charge_time_seconds": 0, "status": "complete"}
    assert stamps["created"] <= stamps["running"] <= stamps["finished"] and stamps["finished"].endswith("Z")
    assert abs((job.creation_date - dt.datetime.now(dt.UTC)).total_seconds()) < 60
    logs = job.logs()
    assert "queued" in logs and "started" in logs and "done" in logs
    assert job.update_tags(["c", "c", "d"]) == ["c", "d"]
    assert local.job(job.job_id()).tags == ["c", "d"]
    with pytest.raises(ConfigurationError):
        job.update_tags("c")
    assert job.result_text().startswith("{")


def test_failed_job(local: LocalService) -> None:
    circuit = QuantumCircuit(1)
    circuit.append(Gate("mystery", 1, []), [0])
    circuit.measure_all()
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([circuit], shots=10)
    with pytest.raises(JobFailedError) as failed:
        job.result(timeout=60)
    assert failed.value.job_id == job.job_id()
    assert job.status() == "ERROR" and "mystery" in (job.error_message() or "")
    assert local.job(job.job_id()).status() == "ERROR"


def test_cancel_a_queued_job(local: LocalService, gate: _Gate) -> None:
    backend = local.backend(AER_SIMULATOR)
    running = qrt.Sampler(mode=backend).run([bell()], shots=10)
    assert gate.entered.wait(30)
    queued = qrt.Sampler(mode=backend).run([bell()], shots=10)
    assert running.status() == "RUNNING" and queued.status() == "QUEUED"
    with pytest.raises(ConflictError):
        local.delete_job(queued.job_id())
    queued.cancel()
    assert queued.status() == "CANCELLED" and isinstance(queued, LocalJob) and queued.cancelled()
    with pytest.raises(JobCancelledError):
        queued.result(timeout=5)
    with pytest.raises(ConflictError):
        queued.cancel()
    gate.open.set()
    assert running.result(timeout=60)[0].data.meas.num_shots == 10


def test_cancel_while_running_discards_the_result(local: LocalService, gate: _Gate) -> None:
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([bell()], shots=10)
    assert gate.entered.wait(30)
    job.cancel()
    gate.open.set()
    with pytest.raises(JobCancelledError):
        job.result(timeout=30)
    local.close()  # waits for the worker to finish the simulation and the writer to record how it ended
    reopened = LocalService(local.store_path)
    try:
        assert reopened.job(job.job_id()).status() == "CANCELLED"  # the late result did not overwrite it
    finally:
        reopened.close()


def test_close_without_waiting_cancels_queued_jobs(store: Path, gate: _Gate) -> None:
    service = LocalService(store)
    backend = service.backend(AER_SIMULATOR)
    running = qrt.Sampler(mode=backend).run([bell()], shots=5)
    assert gate.entered.wait(30)
    queued = qrt.Sampler(mode=backend).run([bell()], shots=5)
    closer = threading.Thread(target=service.close, kwargs={"wait": False})
    closer.start()
    assert queued.wait_for_final_state(timeout=30) == "CANCELLED"
    gate.open.set()  # close() returns once the running job has finished
    closer.join(30)
    assert not closer.is_alive()
    with pytest.raises(ConfigurationError, match="closed"):
        qrt.Sampler(mode=backend).run([bell()])
    with LocalService(store) as other:
        assert other.job(running.job_id()).status() == "DONE"
        assert "closed" in (other.job(queued.job_id()).error_message() or "")


def test_wait_times_out(local: LocalService, gate: _Gate) -> None:
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR)).run([bell()], shots=10)
    start = time.monotonic()
    with pytest.raises(JobTimeoutError):
        job.result(timeout=0.2)
    assert time.monotonic() - start < 5
    gate.open.set()
    assert job.result(timeout=60)[0].data.meas.num_shots == 10


def test_private_results_stay_in_memory(store: Path, local: LocalService) -> None:
    options = {"environment": {"private": True}}
    job = qrt.Sampler(mode=local.backend(AER_SIMULATOR), options=options).run([bell()], shots=10)
    assert job.result(timeout=60)[0].data.meas.num_shots == 10
    assert job.wait_for_final_state(timeout=60) == "DONE"  # recorded for other readers of the store too
    other = LocalService(store)
    try:
        found = other.job(job.job_id())
        assert found.status() == "DONE" and found.private
        with pytest.raises(JobError, match="private"):
            found.result()
    finally:
        other.close()


# -- the store -----------------------------------------------------------------------------------------


def test_jobs_survive_a_new_service(store: Path) -> None:
    first = qrt.Service(channel="local")
    sampler = qrt.Sampler(mode=first.backend(AER_SIMULATOR), options={"simulator": {"seed_simulator": 1}})
    ids = [sampler.run([bell()], shots=20 + i).job_id() for i in range(3)]
    counts = [first.job(i).result(timeout=60)[0].data.meas.get_counts() for i in ids]
    estimate = qrt.Estimator(mode=first.backend("qrt_simulator")).run([(bell(False), SparsePauliOp("ZZ"))])
    estimate.result(timeout=60)
    assert estimate.wait_for_final_state(timeout=60) == "DONE"  # the store has every final row

    second = qrt.Service(channel="local")  # a new Service reads the same default store
    listed = second.jobs()
    assert isinstance(listed, list)
    assert [j.job_id() for j in listed] == [estimate.job_id(), *ids[::-1]]
    assert [second.job(i).result()[0].data.meas.get_counts() for i in ids] == counts
    assert second.job(estimate.job_id()).result()[0].data.evs == pytest.approx(1.0, abs=0.1)
    second.delete_job(ids[0])
    third = qrt.Service(channel="local")
    with pytest.raises(NotFoundError):
        third.job(ids[0])
    with pytest.raises(NotFoundError):
        third.delete_job(ids[0])
    assert [j.job_id() for j in third.jobs(limit=None)] == [estimate.job_id(), ids[2], ids[1]]


def test_jobs_filters_and_paging(local: LocalService) -> None:
    backend = local.backend(AER_SIMULATOR)
    tagged = qrt.Sampler(mode=backend, options={"environment": {"job_tags": ["x", "y"]}})
    plain = qrt.Sampler(mode=local.backend("qrt_simulator"))
    jobs = [tagged.run([bell()], shots=5), plain.run([bell()], shots=5), tagged.run([bell()], shots=5)]
    estimator = qrt.Estimator(mode=backend).run([(bell(False), SparsePauliOp("ZZ"))], precision=0.1)
    for job in [*jobs, estimator]:
        job.wait_for_final_state(timeout=60)
    ids = [j.job_id() for j in jobs]

    def listed(**kwargs: Any) -> list[str]:
        return [j.job_id() for j in local.jobs(limit=None, **kwargs)]

    assert listed(descending=False) == [*ids, estimator.job_id()]
    assert [j.job_id() for j in local.jobs(limit=2, skip=1)] == [ids[2], ids[1]]
    assert local.jobs(limit=0) == []
    assert listed(backend_name="qrt_simulator") == [ids[1]]
    assert listed(job_tags=["x"]) == [ids[2], ids[0]] == listed(job_tags=["x", "y"])
    assert listed(job_tags=["x", "z"]) == []
    assert listed(program_id="estimator") == [estimator.job_id()]
    assert listed(pending=True) == [] and len(listed(pending=False)) == 4
    created = local.job(ids[1]).creation_date
    assert listed(created_after=created, descending=False) == [ids[2], estimator.job_id()]
    assert listed(created_before=created) == [ids[0]]
    with pytest.raises(ConfigurationError):
        local.jobs(job_tags="x")
    with pytest.raises(ConfigurationError):
        local.jobs(limit=-1)


def test_old_finished_jobs_are_pruned_on_open(store: Path) -> None:
    with LocalService(store) as service:
        job = qrt.Sampler(mode=service.backend(AER_SIMULATOR)).run([bell()], shots=5)
        job.wait_for_final_state(timeout=60)
    old = time.time() - dt.timedelta(days=31).total_seconds()
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE jobs SET created_us = ?, running = ?, finished = ?", (int(old * 1e6), old, old))
    with LocalService(store, retention=None) as keeps:
        assert keeps.job(job.job_id()).status() == "DONE"
    with LocalService(store, retention=dt.timedelta(days=40)) as keeps:
        assert len(list(keeps.jobs())) == 1
    with LocalService(store) as prunes:
        assert prunes.jobs() == []
    with pytest.raises(ConfigurationError):
        LocalService(store, retention=dt.timedelta(0))


@pytest.mark.slow
def test_jobs_of_a_process_that_exited_become_errors(store: Path) -> None:
    script = (
        "import sys\n"
        "import qrt\n"
        "from qiskit import QuantumCircuit\n"
        "from qrt.local import LocalService\n"
        "circuit = QuantumCircuit(12)\n"
        "circuit.h(range(12))\n"
        "circuit.measure_all()\n"
        "service = LocalService(sys.argv[1])\n"
        "sampler = qrt.Sampler(mode=service.backend('aer_simulator'))\n"
        "print(' '.join(sampler.run([circuit], shots=100_000).job_id() for _ in range(3)))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "generated")])}
    done = subprocess.run([sys.executable, "-c", script, str(store)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    ids = done.stdout.split()
    assert len(ids) == 3  # the script exited without waiting for its jobs
    insert = "INSERT INTO jobs (id, program_id, backend, status, created_us, owner) VALUES (?, ?, ?, ?, ?, ?)"
    with sqlite3.connect(store) as conn:  # a pending job of a live process (this one) is left alone
        conn.execute(insert, ("alive", "sampler", AER_SIMULATOR, "QUEUED", time.time_ns() // 1000,
                              f"{socket.gethostname()}:{os.getpid()}"))
    with LocalService(store) as service:
        statuses = {service.job(i).status() for i in ids}
        assert statuses <= {"DONE", "ERROR"} and "ERROR" in statuses
        failed = next(service.job(i) for i in ids if service.job(i).status() == "ERROR")
        assert "exited before it finished" in (failed.error_message() or "")
        assert service.job("alive").status() == "QUEUED"


def test_store_file_is_private_and_errors_are_clear(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "jobs.sqlite3"
    with LocalService(path) as service:
        qrt.Sampler(mode=service.backend(AER_SIMULATOR)).run([bell()], shots=5).result(timeout=60)
        assert service.store_path == str(path)
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with LocalService(blocker / "jobs.sqlite3") as broken, pytest.raises(ConfigurationError, match=STORE_ENV):
        broken.jobs()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    with LocalService(garbage) as broken, pytest.raises(ConfigurationError, match="Cannot open"):
        broken.jobs()


def test_memory_store_and_closing(tmp_path: Path) -> None:
    service = LocalService(":memory:")
    job = qrt.Sampler(mode=service.backend(AER_SIMULATOR)).run([bell()], shots=5)
    assert job.result(timeout=60)[0].data.meas.num_shots == 5
    assert [j.job_id() for j in service.jobs()] == [job.job_id()]
    service.close()
    service.close()
    with pytest.raises(ConfigurationError, match="closed"):
        service.jobs()
    assert not list(tmp_path.glob("*.sqlite3"))


def test_default_store_path() -> None:
    assert default_store_path({STORE_ENV: "~/x.db"}) == Path("~/x.db").expanduser()
    if os.name != "nt":
        assert default_store_path({"XDG_CACHE_HOME": "/c"}) == Path("/c/qrt/local-jobs.sqlite3")
        assert default_store_path({}) == Path.home() / ".cache" / "qrt" / "local-jobs.sqlite3"


    with pytest.raises(ConfigurationError, match=STORE_ENV):
        default_store_path({STORE_ENV: "~no-such-user-qrt/x.db"})


@given(st.text(min_size=1).filter(lambda s: "\x00" not in s and not s.startswith("~")), st.text())
def test_store_env_always_wins(explicit: str, cache: str) -> None:
    environ = {STORE_ENV: explicit, "XDG_CACHE_HOME": cache, "LOCALAPPDATA": cache}
    assert default_store_path(environ) == Path(explicit).expanduser()
