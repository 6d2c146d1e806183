"""Shared helpers for the emulator tests: a module-scoped live emulator and a small runtime client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

GRANT = "urn:ibm:params:oauth:grant-type:apikey"


@pytest.fixture(scope="module")
def emu() -> Iterator[RunningEmulator]:
    """One emulator (default world, in-memory database) per test module."""
    with running() as live:
        yield live


class Runtime:
    """An httpx client for the runtime API of an emulator, as one account on one instance."""

    def __init__(self, emu: RunningEmulator, *, instance: str | None = None, api_key: str | None = None) -> None:
        self.emu = emu
        self.http = httpx.Client(base_url=emu.runtime_url, headers=emu.headers(instance, api_key), timeout=30)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.post(path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.put(path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.patch(path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.delete(path, **kwargs)

    def submit(
        self, params: dict[str, Any], *, program: str = "sampler", backend: str = "qrt_simulator", **extra: Any
    ) -> str:
        response = self.post("/jobs", json={"program_id": program, "backend": backend, "params": params, **extra})
        assert response.status_code == 200, response.text
        return str(response.json()["id"])

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(f"/jobs/{job_id}").json()
            if job["status"] in ("Completed", "Failed", "Cancelled"):
                return dict(job)
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")
            time.sleep(0.02)

    def close(self) -> None:
        self.http.close()


@pytest.fixture(scope="module")
def api(emu: RunningEmulator) -> Iterator[Runtime]:
    client = Runtime(emu)
    yield client
    client.close()


def bell_sampler_params(shots: int = 200, seed: int | None = 11) -> dict[str, Any]:
    """Wire params of a Sampler job measuring a Bell pair."""
    from qiskit import QuantumCircuit

    from qrt import wire

    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure_all()
    options: dict[str, Any] = {"default_shots": shots}
    if seed is not None:
        options["simulator"] = {"seed_simulator": seed}
    return wire.sampler_params([circuit], options=options)


def bell_zz_estimator_params(precision: float = 0.05) -> dict[str, Any]:
    """Wire params of an Estimator job measuring ZZ and XX on a Bell pair."""
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp

    from qrt import wire

    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    return wire.estimator_params(
        [(circuit, [SparsePauliOp("ZZ"), SparsePauliOp("XX"), SparsePauliOp("ZI")])],
        options={"default_precision": precision, "simulator": {"seed_simulator": 5}},
    )
