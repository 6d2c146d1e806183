"""Jobs over HTTP: running sampler and estimator on Aer, failures, cancel, delete, tags, logs, metrics,
paging and filters of ``GET /jobs``, usage accounting and limits."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from qrt import wire
from qrt.emulator import running
from qrt.emulator.server import RunningEmulator
from qrt.emulator.store import JobRecord

from .conftest import Runtime, bell_sampler_params, bell_zz_estimator_params


def test_bell_sampler_job_runs_and_returns_a_primitive_result(emu: RunningEmulator, api: Runtime) -> None:
    created_before = emu.job_creations
    job_id = api.submit(bell_sampler_params(shots=400), tags=["bell"])
    assert emu.job_creations == created_before + 1
    job = api.wait(job_id)
    assert job["status"] == "Completed" and job["state"]["status"] == "Completed"
    assert job["program"]["id"] == "sampler" and job["backend"] == "qrt_simulator"
    assert job["tags"] == ["bell"] and job["usage"]["status"] == "complete"
    results = api.get(f"/jobs/{job_id}/results")
    assert results.status_code == 200
    result = wire.result_from_json(results.text)
    counts = result[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == 400
    # Binomial bound: |n00 - 200| within 5 standard deviations (10 for p=1/2, n=400).
    assert abs(counts.get("00", 0) - 200) <= 5 * math.sqrt(400 * 0.25)


def test_seed_simulator_makes_results_reproducible(api: Runtime) -> None:
    first = api.wait(api.submit(bell_sampler_params(shots=100, seed=42)))
    second = api.wait(api.submit(bell_sampler_params(shots=100, seed=42)))
    bits = [wire.result_from_json(api.get(f"/jobs/{j['id']}/results").text)[0].data.meas for j in (first, second)]
    assert bits[0].get_bitstrings() == bits[1].get_bitstrings()


def test_estimator_zz_on_bell_is_one_within_precision(api: Runtime) -> None:
    job = api.wait(api.submit(bell_zz_estimator_params(precision=0.05), program="estimator"))
    assert job["status"] == "Completed", job["state"]
    result = wire.result_from_json(api.get(f"/jobs/{job['id']}/results").text)
    zz, xx, zi = result[0].data.evs
    assert abs(zz - 1) <= 3 * 0.05 and abs(xx - 1) <= 3 * 0.05 and abs(zi) <= 3 * 0.05
    assert result[0].metadata["target_precision"] == pytest.approx(0.05)


def test_noisy_device_runs_isa_circuits(api: Runtime) -> None:
    from qiskit import QuantumCircuit, transpile

    from qrt.target import build_target

    target = build_target(
        api.get("/backends/qrt_pavia/configuration").json(), api.get("/backends/qrt_pavia/properties").json()
    )
    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure_all()
    isa = transpile(circuit, target=target, seed_transpiler=1)
    job = api.wait(api.submit(wire.sampler_params([isa], shots=300), backend="qrt_pavia"))
    assert job["status"] == "Completed", job["state"]
    counts = wire.result_from_json(api.get(f"/jobs/{job['id']}/results").text)[0].data.meas.get_counts()
    assert counts.get("00", 0) + counts.get("11", 0) > 240  # mostly correlated, some noise allowed


def test_circuits_outside_the_target_fail_with_the_simulators_reason(api: Runtime) -> None:
    job = api.wait(api.submit(bell_sampler_params(shots=10), backend="qrt_pavia"))
    assert job["status"] == "Failed" and job["state"]["reason_code"] == 1500
    assert "h" in job["state"]["reason"]


@pytest.mark.parametrize(
    "params",
    [
        {"pubs": "not a list", "version": 2},
        {"pubs": [["not a circuit"]], "version": 2},
        {"pubs": [], "version": 7},
        {"version": 2},
    ],
)
def test_bad_params_fail_the_job_with_a_reason(api: Runtime, params: dict[str, Any]) -> None:
    job = api.wait(api.submit(params))
    assert job["status"] == "Failed"
    assert job["state"]["reason"] and job["state"]["reason_code"] == 1517
    results = api.get(f"/jobs/{job['id']}/results")
    assert results.status_code == 200 and "Invalid sampler params" in results.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"program_id": "circuit-runner", "backend": "qrt_simulator", "params": {}}, 404),
        ({"program_id": "sampler", "backend": "qrt_verona", "params": {}}, 404),
        ({"program_id": "sampler", "params": {}}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator"}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator", "params": []}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator", "params": {}, "tags": ["x"] * 9}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator", "params": {}, "cost": 10801}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator", "params": {}, "log_level": "loud"}, 400),
        ({"program_id": "sampler", "backend": "qrt_simulator", "params": {}, "session_id": "s" * 37}, 400),
    ],
)
def test_invalid_job_requests_are_rejected_synchronously(api: Runtime, body: dict[str, Any], status: int) -> None:
    response = api.post("/jobs", json=body)
    assert response.status_code == status
    assert response.json()["errors"][0]["message"]


def test_malformed_json_and_nan_are_400(api: Runtime) -> None:
    assert api.post("/jobs", content=b"{nope", headers={"Content-Type": "application/json"}).status_code == 400
    nan = b'{"program_id": "sampler", "backend": "qrt_simulator", "params": {"x": NaN}}'
    assert api.post("/jobs", content=nan, headers={"Content-Type": "application/json"}).status_code == 400


@pytest.fixture
def held(emu: RunningEmulator) -> Iterator[str]:
    """Pause qrt_pavia so its jobs stay Queued; yields the backend name."""
    emu.set_backend_status("qrt_pavia", "paused")
    try:
        yield "qrt_pavia"
    finally:
        emu.set_backend_status("qrt_pavia", "online")


def test_paused_backend_holds_jobs_until_online(emu: RunningEmulator, api: Runtime, held: str) -> None:
    job_id = api.submit({"pubs": [], "version": 2}, backend=held)
    assert emu.wait_idle(10)  # the runner has nothing it could run: a job it failed to hold would be done now
    assert api.get(f"/jobs/{job_id}").json()["status"] == "Queued"
    assert api.get(f"/jobs/{job_id}/results").status_code == 204
    queue = next(d for d in api.get("/backends").json()["devices"] if d["name"] == held)["queue_length"]
    assert queue == 4 + 1
    emu.set_backend_status(held, "online")
    assert api.wait(job_id)["status"] == "Completed"


def test_cancel_queued_then_409_once_final_and_delete_rules(api: Runtime, held: str) -> None:
    job_id = api.submit(bell_sampler_params(shots=20), backend=held)
    assert api.delete(f"/jobs/{job_id}").status_code == 409  # not final yet
    assert api.post(f"/jobs/{job_id}/cancel").status_code == 204
    job = api.get(f"/jobs/{job_id}").json()
    assert job["status"] == "Cancelled" and job["state"]["reason"]
    assert api.post(f"/jobs/{job_id}/cancel").status_code == 409
    assert "cancelled" in api.get(f"/jobs/{job_id}/logs").text.lower()
    assert api.delete(f"/jobs/{job_id}").status_code == 204
    assert api.get(f"/jobs/{job_id}").status_code == 404
    assert api.post("/jobs/nope/cancel").status_code == 404
    assert api.delete("/jobs/nope").status_code == 404


def test_cancel_while_running_discards_the_result() -> None:
    release = threading.Event()
    started = threading.Event()

    def slow(job: JobRecord, device: Any, simulator: Any) -> Any:
        from qrt.emulator.runner import execute_job

        started.set()
        release.wait(10)
        return execute_job(job, device, simulator)

    with running(execute=slow) as live:
        client = Runtime(live)
        job_id = client.submit(bell_sampler_params(shots=10))
        assert started.wait(10)
        assert client.get(f"/jobs/{job_id}").json()["status"] == "Running"
        assert client.post(f"/jobs/{job_id}/cancel").status_code == 204
        release.set()
        assert live.wait_idle(10)
        job = client.get(f"/jobs/{job_id}").json()
        assert job["status"] == "Cancelled"
        assert client.get(f"/jobs/{job_id}/results").status_code == 204
        assert client.get("/instances/usage").json()["usage_consumed_seconds"] == 0
        client.close()


def test_tags_logs_metrics_and_params(api: Runtime) -> None:
    job = api.wait(api.submit(bell_sampler_params(shots=10), tags=["a"]))
    job_id = job["id"]
    assert "params" in api.get(f"/jobs/{job_id}").json()
    assert "params" not in api.get(f"/jobs/{job_id}", params={"exclude_params": "true"}).json()
    assert api.put(f"/jobs/{job_id}/tags", json={"tags": ["x", "yz"]}).status_code == 204
    assert api.get(f"/jobs/{job_id}").json()["tags"] == ["x", "yz"]
    assert api.put(f"/jobs/{job_id}/tags", json={"tags": "x"}).status_code == 400
    assert api.put(f"/jobs/{job_id}/tags", json={"tags": []}).status_code == 204
    assert api.get(f"/jobs/{job_id}").json()["tags"] == []
    logs = api.get(f"/jobs/{job_id}/logs")
    assert logs.status_code == 200 and "started" in logs.text and "completed" in logs.text
    metrics = api.get(f"/jobs/{job_id}/metrics").json()
    stamps = metrics["timestamps"]
    assert stamps["created"] <= stamps["running"] <= stamps["finished"]
    assert metrics["usage"] == {"qpu_charge_time_seconds": 1.0, "status": "complete"}
    assert metrics["circuits_execution_time_ns"] > 0
    assert api.get(f"/jobs/{job_id}/interim_results").status_code == 404
    assert api.get(f"/jobs/{job_id}/transpiled_circuits").status_code == 404


def test_private_job_results_are_read_once(api: Runtime) -> None:
    job = api.wait(api.submit(bell_sampler_params(shots=10), private=True))
    assert "params" not in api.get(f"/jobs/{job['id']}").json()
    assert api.get(f"/jobs/{job['id']}/results").status_code == 200
    assert api.get(f"/jobs/{job['id']}/results").status_code == 404


def test_tag_search(api: Runtime) -> None:
    api.wait(api.submit(bell_sampler_params(shots=10), tags=["experiment-alpha", "other"]))
    found = api.get("/tags", params={"type": "job", "search": "ALPHA"}).json()["tags"]
    assert found == ["experiment-alpha"]
    assert api.get("/tags", params={"type": "job", "search": "al"}).status_code == 400
    assert api.get("/tags", params={"type": "session", "search": "alpha"}).status_code == 400


def test_jobs_paging_filters_and_sorting() -> None:
    with running() as live:
        client = Runtime(live)
        ids = [client.submit({"pubs": [], "version": 2}, tags=[f"n{i}", "all"]) for i in range(7)]
        assert live.wait_idle(30)
        page = client.get("/jobs", params={"limit": 3}).json()
        assert page["count"] == 7 and page["limit"] == 3 and page["offset"] == 0
        assert [j["id"] for j in page["jobs"]] == ids[::-1][:3]
        assert all("params" not in j for j in page["jobs"])
        second = client.get("/jobs", params={"limit": 3, "offset": 3}).json()
        assert [j["id"] for j in second["jobs"]] == ids[::-1][3:6]
        ascending = client.get("/jobs", params={"sort": "ASC", "limit": 2}).json()
        assert [j["id"] for j in ascending["jobs"]] == ids[:2]
        # Out-of-range values fall back to the defaults instead of failing.
        fallback = client.get("/jobs", params={"limit": 500, "offset": -3}).json()
        assert fallback["limit"] == 200 and fallback["offset"] == 0 and len(fallback["jobs"]) == 7
        tagged = client.get("/jobs", params=[("tags", "n2"), ("tags", "all")]).json()
        assert [j["id"] for j in tagged["jobs"]] == [ids[2]]
        assert client.get("/jobs", params={"pending": "true"}).json()["count"] == 0
        assert client.get("/jobs", params={"pending": "false"}).json()["count"] == 7
        assert client.get("/jobs", params={"program": "estimator"}).json()["count"] == 0
        assert client.get("/jobs", params={"backend": "qrt_simulator"}).json()["count"] == 7
        middle = client.get(f"/jobs/{ids[3]}").json()["created"]
        after = client.get("/jobs", params={"created_after": middle}).json()
        assert {j["id"] for j in after["jobs"]} == set(ids[4:])
        before = client.get("/jobs", params={"created_before": middle}).json()
        assert {j["id"] for j in before["jobs"]} == set(ids[:3])
        assert client.get("/jobs", params={"sort": "sideways"}).status_code == 400
        assert client.get("/jobs", params={"created_after": "tomorrow"}).status_code == 400
        with_params = client.get("/jobs", params={"exclude_params": "false", "limit": 1}).json()
        assert "params" in with_params["jobs"][0]
        # Another instance of the same account sees none of them.
        trial = Runtime(live, instance=live.world.default_account.instances[1].crn)
        assert trial.get("/jobs").json()["count"] == 0
        assert trial.get(f"/jobs/{ids[0]}").status_code == 404
        trial.close()
        client.close()


def test_usage_is_charged_per_completed_job_and_the_limit_blocks_new_jobs() -> None:
    world = {
        "backends": [{"name": "qrt_simulator"}],
        "accounts": [
            {
                "api_key": "limited-key-1",
                "instances": [{"name": "tiny", "usage_limit_seconds": 2, "usage_allocation_seconds": 10}],
            }
        ],
    }
    with running(world) as live:
        client = Runtime(live)
        usage = client.get("/instances/usage").json()
        assert usage["usage_consumed_seconds"] == 0 and usage["usage_limit_reached"] is False
        assert usage["usage_limit_seconds"] == 2 and usage["usage_allocation_seconds"] == 10
        for _ in range(2):
            assert client.wait(client.submit(bell_sampler_params(shots=10)))["status"] == "Completed"
        usage = client.get("/instances/usage").json()
        assert usage["usage_consumed_seconds"] >= 2 and usage["usage_limit_reached"] is True
        blocked = client.post(
            "/jobs", json={"program_id": "sampler", "backend": "qrt_simulator", "params": bell_sampler_params(shots=10)}
        )
        assert blocked.status_code == 409 and "usage limit" in blocked.json()["errors"][0]["message"]
        # Raising the limit through the API lets jobs in again; the allocation caps it.
        assert client.put("/instances/configuration", json={"instance_limit": 20}).status_code == 409
        assert client.put("/instances/configuration", json={"instance_limit": 10}).status_code == 204
        assert client.get("/instances/configuration").json() == {"instance_limit": 10}
        instance = client.get("/instance").json()
        assert instance["instance_limit_seconds"] == "10" and instance["usage_allocation_seconds"] == "10"
        assert (
            client.post(
                "/jobs",
                json={"program_id": "sampler", "backend": "qrt_simulator", "params": {"pubs": [], "version": 2}},
            ).status_code
            == 200
        )
        assert client.put("/instances/configuration", json={"instance_limit": None}).status_code == 204
        assert client.get("/instances/usage").json()["usage_limit_seconds"] is None
        client.close()


def test_shots_beyond_the_backends_max_shots_fail_the_job(api: Runtime) -> None:
    limit = api.get("/backends/qrt_pavia/configuration").json()["max_shots"]
    job = api.wait(api.submit(bell_sampler_params(shots=limit + 1), backend="qrt_pavia"))
    assert job["status"] == "Failed"
    assert job["state"]["reason_code"] == 1517 and f"max_shots ({limit})" in job["state"]["reason"]
