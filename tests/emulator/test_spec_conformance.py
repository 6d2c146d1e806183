"""Schemathesis against the live emulator with ``spec/qiskit-runtime.yaml``: no server error, and every
response (status, content type, body) conforms to the spec.

Each operation is exercised three ways, with a bounded number of examples: valid inputs on existing objects
(a real job, session, backend, account), valid inputs on random ids, and invalid inputs (server errors only).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, errors, given, settings

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

from .conftest import Runtime, bell_sampler_params

pytestmark = pytest.mark.slow

SPEC = Path(__file__).resolve().parents[2] / "spec" / "qiskit-runtime.yaml"
# Bounded for CI; raise it locally (QRT_EMULATOR_FUZZ_EXAMPLES=200) for a deeper search.
EXAMPLES = int(os.environ.get("QRT_EMULATOR_FUZZ_EXAMPLES", "12"))


def _operations() -> list[Any]:
    import schemathesis

    schema = schemathesis.openapi.from_path(SPEC)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[RunningEmulator, dict[str, str]]]:
    with running() as emu:
        client = Runtime(emu)
        job = client.wait(client.submit(bell_sampler_params(shots=10), backend="qrt_simulator", tags=["seed"]))
        failed = client.wait(client.submit({"pubs": "bad", "version": 2}))
        session = client.post("/sessions", json={"mode": "batch", "backend": "qrt_simulator"}).json()
        client.close()
        ids = {
            "/v1/jobs": job["id"],
            "/v1/jobs/failed": failed["id"],
            "/v1/sessions": session["id"],
            "/v1/backends": "qrt_lucca",
            "/v1/accounts": emu.world.default_account.id,
        }
        yield emu, ids


def _known_id(path: str, ids: dict[str, str]) -> str | None:
    for prefix, value in ids.items():
        if path.startswith(prefix + "/{id}"):
            return value
    return None


def _checks() -> list[Any]:
    from schemathesis import checks

    return [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
        checks.response_headers_conformance,
    ]


OPERATIONS = _operations()


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_operation_conforms_to_the_spec(operation: Any, live: tuple[RunningEmulator, dict[str, str]]) -> None:
    from schemathesis import GenerationMode, checks

    emu, ids = live
    base = f"{emu.base_url}/api"
    headers = emu.headers()
    known = _known_id(operation.path, ids)
    strategies = [("positive, random ids", operation.as_strategy(), _checks())]
    if known is not None:
        strategies.append(("positive, known id", operation.as_strategy(path_parameters={"id": known}), _checks()))
    strategies.append(("negative", operation.as_strategy(GenerationMode.NEGATIVE), [checks.not_a_server_error]))
    for label, strategy, selected in strategies:
        try:
            _exercise(strategy, selected, base, headers)
        except errors.Unsatisfiable:
            # An operation without parameters or body has no invalid input to generate.
            if label != "negative":
                raise


def _exercise(strategy: Any, selected: list[Any], base: str, headers: dict[str, str]) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case: Any) -> None:
        response = case.call(base_url=base, headers=headers, timeout=30)
        case.validate_response(response, checks=selected)

    run()


def test_results_of_a_failed_job_conform(live: tuple[RunningEmulator, dict[str, str]]) -> None:
    import httpx

    emu, ids = live
    response = httpx.get(f"{emu.runtime_url}/jobs/{ids['/v1/jobs/failed']}/results", headers=emu.headers())
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
