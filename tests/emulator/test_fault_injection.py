"""Injected faults on a live emulator: error statuses with Retry-After, dropped connections, latency."""

from __future__ import annotations

import time

import httpx
import pytest

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

from .conftest import Runtime


@pytest.fixture(autouse=True)
def _no_faults_left(emu: RunningEmulator) -> None:
    emu.clear_faults()


def test_counted_503_with_retry_after_then_recovery(emu: RunningEmulator, api: Runtime) -> None:
    emu.inject("GET /api/v1/backends", status=503, times=2, retry_after=1)
    first, second, third = (api.get("/backends") for _ in range(3))
    assert [r.status_code for r in (first, second, third)] == [503, 503, 200]
    assert first.headers["retry-after"] == "1"
    assert first.json()["errors"][0]["code"] == "injected_fault"
    # Other routes were never affected.
    assert api.get("/backends/qrt_pavia/status").status_code == 200


def test_429_on_usage_uses_the_generic_error_shape(emu: RunningEmulator, api: Runtime) -> None:
    emu.inject("GET /api/v1/instances/usage", status=429, times=1, retry_after=0.5)
    response = api.get("/instances/usage")
    assert response.status_code == 429 and response.headers["retry-after"] == "0.5"
    assert isinstance(response.json()["errors"][0]["code"], int)


def test_dropped_connection_gives_no_response(emu: RunningEmulator) -> None:
    emu.inject("GET /api/v1/versions", drop=True, times=1)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{emu.runtime_url}/versions", timeout=5)
    assert httpx.get(f"{emu.runtime_url}/versions", timeout=5).status_code == 200
    dropped = [r for r in emu.requests.matching("GET", "/api/v1/versions") if r.status is None]
    assert dropped


def test_latency_delays_requests(emu: RunningEmulator) -> None:
    # A wide margin: the second request must not wait the latency, whatever else loads the machine.
    emu.inject("GET /api/v1/versions", latency=1.0, times=1)
    begin = time.monotonic()
    assert httpx.get(f"{emu.runtime_url}/versions").status_code == 200
    assert time.monotonic() - begin >= 1.0
    begin = time.monotonic()
    httpx.get(f"{emu.runtime_url}/versions")
    assert time.monotonic() - begin < 1.0


def test_iam_can_fail_too(emu: RunningEmulator) -> None:
    emu.inject("POST /identity/token", status=500, times=1)
    response = httpx.post(
        f"{emu.iam_url}/identity/token",
        data={"grant_type": "urn:ibm:params:oauth:grant-type:apikey", "apikey": emu.api_key},
    )
    assert response.status_code == 500


def test_faults_from_the_world_are_armed_after_start_up() -> None:
    world = {
        "backends": [{"name": "qrt_simulator"}],
        "accounts": [{"api_key": "fault-key-1", "instances": [{"name": "i"}]}],
        "faults": {"rules": [{"route": "GET /api/v1/versions", "status": 502, "probability": 1.0}]},
    }
    with running(world) as live:  # the start-up probe of /versions was not hit
        assert httpx.get(f"{live.runtime_url}/versions").status_code == 502
        live.clear_faults()
        assert httpx.get(f"{live.runtime_url}/versions").status_code == 200
    with running(faults=[{"route": "GET /api/v1/versions", "status": 503}]) as live:
        assert httpx.get(f"{live.runtime_url}/versions").status_code == 503
