"""Restarting on the same database: jobs, results, tokens survive; the crash and shutdown policies hold."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from qrt import wire
from qrt.emulator import running
from qrt.emulator.store import RUNNING, JobRecord, Store

from .conftest import Runtime, bell_sampler_params


def test_restart_loses_no_job_result_or_token(tmp_path: Path) -> None:
    db = tmp_path / "emulator.sqlite3"
    with running(db=db) as first:
        client = Runtime(first)
        done = client.wait(client.submit(bell_sampler_params(shots=50), tags=["kept"]))
        headers = first.headers()
        usage = client.get("/instances/usage").json()["usage_consumed_seconds"]
        client.close()
    with running(db=db) as second:
        # The token signed before the restart is still accepted: the signing secret lives in the database.
        job = httpx.get(f"{second.runtime_url}/jobs/{done['id']}", headers=headers).json()
        assert job["status"] == "Completed" and job["tags"] == ["kept"]
        text = httpx.get(f"{second.runtime_url}/jobs/{done['id']}/results", headers=headers).text
        assert sum(wire.result_from_json(text)[0].data.meas.get_counts().values()) == 50
        again = httpx.get(f"{second.runtime_url}/instances/usage", headers=headers).json()
        assert again["usage_consumed_seconds"] == usage


def test_jobs_running_at_a_crash_become_failed_and_queued_jobs_run(tmp_path: Path) -> None:
    db = tmp_path / "crashed.sqlite3"
    with running(db=db) as live:
        crn = live.instance
        account = live.world.default_account
    # Simulate a crash: one job left Running and one Queued, as a killed process would leave them.
    store = Store(db)
    for job_id, status in (("dcrashedrunning00000", RUNNING), ("dcrashedqueued000000", "Queued")):
        store.insert_job(
            JobRecord(
                id=job_id,
                instance=crn,
                account_id=account.id,
                user_id=account.iam_id,
                program_id="sampler",
                backend="qrt_simulator",
                status=status,
                created=time.time(),
                params='{"pubs": [], "version": 2}',
            )
        )
    store.close()
    with running(db=db) as restarted:
        client = Runtime(restarted)
        crashed = client.get("/jobs/dcrashedrunning00000").json()
        assert crashed["status"] == "Failed" and crashed["state"]["reason_code"] == 1610
        assert "stopped while this job was running" in crashed["state"]["reason"]
        assert client.wait("dcrashedqueued000000")["status"] == "Completed"
        client.close()


def test_clean_shutdown_is_bounded_and_requeues_a_running_job(tmp_path: Path) -> None:
    db = tmp_path / "shutdown.sqlite3"
    started = threading.Event()
    release = threading.Event()

    def stuck(job: JobRecord, device: Any, simulator: Any) -> Any:
        started.set()
        release.wait(30)
        raise RuntimeError("released")

    import qrt.emulator.server as server

    original = server._WORKER_STOP_TIMEOUT
    server._WORKER_STOP_TIMEOUT = 0.5  # keep the test fast; the default is 5 s
    try:
        begin = time.monotonic()
        with running(db=db, execute=stuck) as live:
            client = Runtime(live)
            job_id = client.submit({"pubs": [], "version": 2})
            assert started.wait(10)
            client.close()
        assert time.monotonic() - begin < 10
    finally:
        server._WORKER_STOP_TIMEOUT = original
        release.set()
    with running(db=db) as restarted:
        client = Runtime(restarted)
        assert client.wait(job_id)["status"] == "Completed"
        client.close()


def test_a_second_emulator_on_the_same_database_is_refused(tmp_path: Path) -> None:
    from qrt.emulator.core import Emulator
    from qrt.errors import ConfigurationError

    db = tmp_path / "shared.sqlite3"
    first = Emulator(db=db)
    try:
        with pytest.raises(ConfigurationError, match="Another emulator is using the database"):
            Emulator(db=db)
    finally:
        first.close()
    Emulator(db=db).close()  # free again once the first one closed
