"""Sessions and batches, workloads paging, account and analytics routes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

from .conftest import Runtime

EMPTY = {"pubs": [], "version": 2}


@pytest.fixture
def held(emu: RunningEmulator) -> Iterator[str]:
    emu.set_backend_status("qrt_pavia", "paused")
    try:
        yield "qrt_pavia"
    finally:
        emu.set_backend_status("qrt_pavia", "online")


def _open(api: Runtime, mode: str = "batch", **body: object) -> dict[str, object]:
    response = api.post("/sessions", json={"mode": mode, **body})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_session_life_cycle_with_a_graceful_close(api: Runtime) -> None:
    session = _open(api, "dedicated", backend="qrt_simulator", max_ttl=600)
    assert session["state"] == "open" and session["accepting_jobs"] is True
    assert session["mode"] == "dedicated" and session["backend_name"] == "qrt_simulator"
    assert session["max_ttl"] == 600 and session["interactive_ttl"] == 60
    sid = session["id"]
    job = api.wait(api.submit(EMPTY, session_id=sid))
    assert job["session_id"] == sid and job["status"] == "Completed"
    details = api.get(f"/sessions/{sid}").json()
    assert details["state"] == "inactive" and details["activated_at"] and details["last_job_completed"]
    assert [t["status"] for t in details["timestamps"]][:2] == ["open", "active"]
    assert api.get("/jobs", params={"session_id": sid}).json()["count"] == 1
    assert api.patch(f"/sessions/{sid}", json={"accepting_jobs": False}).status_code == 204
    closed = api.get(f"/sessions/{sid}").json()
    assert closed["state"] == "closed" and closed["accepting_jobs"] is False and closed["closed_at"]
    refused = api.post(
        "/jobs", json={"program_id": "sampler", "backend": "qrt_simulator", "params": EMPTY, "session_id": sid}
    )
    assert refused.status_code == 409
    assert api.patch(f"/sessions/{sid}", json={"accepting_jobs": True}).status_code == 409


def test_graceful_close_lets_queued_jobs_run(emu: RunningEmulator, api: Runtime, held: str) -> None:
    sid = str(_open(api)["id"])
    first = api.submit(EMPTY, backend=held, session_id=sid)
    assert api.get(f"/sessions/{sid}").json()["backend_name"] == held
    assert api.patch(f"/sessions/{sid}", json={"accepting_jobs": False}).status_code == 204
    assert api.get(f"/sessions/{sid}").json()["state"] != "closed"  # a job is still queued
    emu.set_backend_status(held, "online")
    assert api.wait(first)["status"] == "Completed"
    assert api.get(f"/sessions/{sid}").json()["state"] == "closed"


def test_cancelling_a_session_cancels_its_queued_jobs(api: Runtime, held: str) -> None:
    sid = str(_open(api, backend=held)["id"])
    jobs = [api.submit(EMPTY, backend=held, session_id=sid) for _ in range(2)]
    assert api.delete(f"/sessions/{sid}/close").status_code == 204
    assert [api.get(f"/jobs/{j}").json()["status"] for j in jobs] == ["Cancelled", "Cancelled"]
    assert api.get(f"/sessions/{sid}").json()["state"] == "closed"
    assert api.delete(f"/sessions/{sid}/close").status_code == 204  # idempotent


def test_session_errors(emu: RunningEmulator, api: Runtime) -> None:
    assert api.post("/sessions", json={"mode": "exclusive"}).status_code == 400
    assert api.post("/sessions", json={"mode": "batch", "backend": "qrt_verona"}).status_code == 404
    assert api.post("/sessions", json={"mode": "batch", "max_ttl": 0}).status_code == 400
    assert api.post("/sessions", json={"mode": "batch", "instance": "crn:v1:x"}).status_code == 400
    assert api.get("/sessions/nope").status_code == 404
    assert api.patch("/sessions/nope", json={"accepting_jobs": False}).status_code == 404
    assert api.delete("/sessions/nope/close").status_code == 404
    sid = str(_open(api, backend="qrt_simulator")["id"])
    assert api.patch(f"/sessions/{sid}", json={"accepting": False}).status_code == 400
    mismatch = api.post(
        "/jobs", json={"program_id": "sampler", "backend": "qrt_lucca", "params": EMPTY, "session_id": sid}
    )
    assert mismatch.status_code == 400
    unknown = api.post(
        "/jobs", json={"program_id": "sampler", "backend": "qrt_lucca", "params": EMPTY, "session_id": "missing"}
    )
    assert unknown.status_code == 404
    other = Runtime(emu, instance=emu.world.default_account.instances[1].crn)
    assert other.get(f"/sessions/{sid}").status_code == 404
    other.close()


def test_max_ttl_closes_the_session() -> None:
    with running() as live:
        api = Runtime(live)
        sid = str(_open(api, max_ttl=1)["id"])
        api.wait(api.submit(EMPTY, session_id=sid))
        import time

        time.sleep(1.1)
        details = api.get(f"/sessions/{sid}").json()
        assert details["state"] == "closed" and details["state_reason"] == "max TTL reached"
        api.close()


def _cursor(link: dict[str, str] | None, name: str) -> str | None:
    if link is None:
        return None
    return parse_qs(urlsplit(link["href"]).query)[name][0]


def test_workloads_cursor_paging_both_ways() -> None:
    with running() as live:
        api = Runtime(live)
        jobs = [api.submit(EMPTY, tags=[f"w{i}"]) for i in range(5)]
        sid = str(_open(api, backend="qrt_simulator")["id"])
        session_job = api.submit(EMPTY, session_id=sid)
        assert live.wait_idle(30)
        expected = [sid, *jobs[::-1]]  # newest first; the session job is inside its session
        seen: list[str] = []
        pages = []
        params: dict[str, object] = {"limit": 2}
        for _ in range(10):
            page = api.get("/workloads", params=params).json()
            pages.append(page)
            assert page["total_count"] == 6 and page["limit"] == 2
            seen += [w["id"] for w in page["workloads"]]
            cursor = _cursor(page["next"], "next")
            if cursor is None:
                break
            params = {"limit": 2, "next": cursor}
        assert seen == expected and session_job not in seen
        assert pages[0]["previous"] is None and pages[-1]["next"] is None
        back = api.get("/workloads", params={"limit": 2, "previous": _cursor(pages[-1]["previous"], "previous")})
        assert [w["id"] for w in back.json()["workloads"]] == expected[2:4]
        oldest_first = api.get("/workloads", params={"sort": "createdAt", "limit": 50}).json()["workloads"]
        assert [w["id"] for w in oldest_first] == expected[::-1]
        batch = api.get("/workloads", params={"mode": "batch"}).json()["workloads"]
        assert [w["id"] for w in batch] == [sid] and batch[0]["accepting_jobs"] is True
        done = api.get("/workloads", params=[("status", "completed"), ("mode", "job")]).json()
        assert done["total_count"] == 5
        assert api.get("/workloads", params={"search": "w3"}).json()["workloads"][0]["id"] == jobs[3]
        assert api.get("/workloads", params={"limit": 51}).status_code == 400
        bad = api.get("/workloads", params={"next": "garbage!"})
        assert bad.status_code == 400 and isinstance(bad.json()["errors"][0]["code"], int)
        api.close()


def test_account_and_analytics(emu: RunningEmulator, api: Runtime) -> None:
    api.wait(api.submit(EMPTY))
    account = emu.world.default_account
    plans = api.get(f"/accounts/{account.id}").json()["plans"]
    assert {p["plan_id"] for p in plans} == {i.plan.id for i in account.instances}
    assert api.get(f"/accounts/{emu.world.accounts[1].id}").status_code == 403
    assert api.get(f"/accounts/{account.id}", params={"plan_id": "nope"}).status_code == 404
    filters = api.get("/analytics/filters").json()
    assert {i["id"] for i in filters["instances"]} == {i.crn for i in account.instances}
    usage = api.get("/analytics/usage", params={"instance": emu.instance}).json()
    assert usage["jobs"] >= 1 and usage["usage"] >= 1000  # milliseconds
    grouped = api.get("/analytics/usage_grouped", params={"group_by": "backend"}).json()["data"]
    assert {g["key"] for g in grouped} >= {"qrt_simulator"}
    by_date = api.get("/analytics/usage_grouped_by_date", params={"group_by": "instance"}).json()
    assert by_date["data"] and by_date["data"][0]["key"] == emu.instance
    assert api.get("/analytics/usage_grouped", params={"group_by": "colour"}).status_code == 400
    foreign = api.get("/analytics/usage", params={"instance": emu.world.accounts[1].instances[0].crn})
    assert foreign.status_code == 403


@settings(max_examples=60, deadline=None)
@given(
    created=st.lists(st.integers(0, 6), max_size=30),
    limit=st.integers(1, 7),
    descending=st.booleans(),
)
def test_cursor_pages_cover_every_key_once_and_previous_goes_back(
    created: list[int], limit: int, descending: bool
) -> None:
    from qrt.emulator.runtime_workloads import page_bounds

    keys = sorted(((float(c), f"id{i:02d}") for i, c in enumerate(created)), reverse=descending)
    pages: list[tuple[int, int]] = []
    bounds = page_bounds(keys, limit, descending=descending)
    for _ in range(len(keys) + 2):
        pages.append(bounds)
        first, last = bounds
        if last >= len(keys) or last == first:
            break
        bounds = page_bounds(keys, limit, after=keys[last - 1], descending=descending)
    assert [k for first, last in pages for k in keys[first:last]] == keys
    for earlier, later in itertools.pairwise(pages):
        assert page_bounds(keys, limit, before=keys[later[0]], descending=descending) == earlier


def test_max_ttl_cancels_queued_jobs_without_anyone_reading_the_session() -> None:
    import time

    from qrt.emulator.runner import execute_job

    from .conftest import Runtime

    def slow(job: object, device: object, simulator: object) -> object:
        time.sleep(1.5)
        return execute_job(job, device, simulator)  # type: ignore[arg-type]

    with running(workers=1, execute=slow) as live:  # type: ignore[arg-type]
        api = Runtime(live)
        sid = str(_open(api, "dedicated", max_ttl=1)["id"])
        first = api.submit(EMPTY, session_id=sid)
        second = api.submit(EMPTY, session_id=sid)
        assert live.wait_idle(20)  # nobody reads the session meanwhile
        statuses = [api.get(f"/jobs/{j}").json()["status"] for j in (first, second)]
        api.close()
    assert statuses == ["Completed", "Cancelled"]
