"""qrt.Service and the official QiskitRuntimeService on the same emulator world give the same answers."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from qrt import Service
from qrt.emulator import running

pytestmark = [pytest.mark.interop, pytest.mark.filterwarnings("ignore")]

HOPS = ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL", "QRT_RUNTIME_URL")


@pytest.fixture(scope="module")
def emu() -> Iterator[Any]:
    with running() as emulator:
        yield emulator


@pytest.fixture
def both(emu: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Service]:
    for key in ("QISKIT_IBM_TOKEN", "QISKIT_IBM_INSTANCE", "QISKIT_IBM_CHANNEL", "QISKIT_IBM_URL"):
        monkeypatch.delenv(key, raising=False)
    for key in HOPS:
        monkeypatch.setenv(key, emu.env[key])
    monkeypatch.setenv("QRT_TRUST_ENV", "false")
    from qiskit_ibm_runtime import QiskitRuntimeService

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        official = QiskitRuntimeService(
            channel="ibm_quantum_platform", token=emu.api_key, instance=emu.instance,
            url_resolver=lambda *args, **kwargs: emu.runtime_url,
        )
    return official, Service(token=emu.api_key, instance=emu.instance)


def test_same_instances_in_the_same_order(both: tuple[Any, Service]) -> None:
    official, ours = both
    assert official.instances() == ours.instances()


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"min_num_qubits": 12}, {"simulator": True}, {"simulator": False}, {"n_qubits": 5}, {"operational": True},
     {"name": "qrt_lucca"}],
)
def test_same_backend_names_for_the_same_filters(both: tuple[Any, Service], kwargs: dict[str, Any]) -> None:
    official, ours = both
    assert sorted(b.name for b in official.backends(**kwargs)) == sorted(b.name for b in ours.backends(**kwargs))


def test_same_least_busy_choice(both: tuple[Any, Service], emu: Any) -> None:
    official, ours = both
    assert official.least_busy().name == ours.least_busy().name
    assert official.least_busy(min_num_qubits=12).name == ours.least_busy(min_num_qubits=12).name


def test_same_job_pages(both: tuple[Any, Service], emu: Any) -> None:
    from qiskit import QuantumCircuit

    from qrt import wire
    from qrt_api.api.jobs import create_job
    from qrt_api.models import JobCreateRequest, JobParams

    official, ours = both
    circuit = QuantumCircuit(1)
    circuit.measure_all()
    params = wire.sampler_params([(circuit, None, 10)], options={})
    for _ in range(4):
        create_job.sync(client=ours.api, body=JobCreateRequest(program_id="sampler", backend="qrt_simulator",
                                                               params=JobParams.from_dict(params)))
    emu.wait_idle(60)
    for kwargs in ({"limit": 3}, {"limit": 2, "skip": 1}, {"limit": 3, "descending": False},
                   {"limit": 5, "backend_name": "qrt_simulator"}):
        theirs = [j.job_id() for j in official.jobs(**kwargs)]
        assert theirs == [j.job_id() for j in ours.jobs(**kwargs)]  # type: ignore[union-attr]
    job_id = ours.jobs(limit=1)[0].job_id()  # type: ignore[index]
    assert official.job(job_id).status() == ours.job(job_id).status() == "DONE"
    assert official.usage()["usage_remaining_seconds"] == ours.usage()["usage_remaining_seconds"]
