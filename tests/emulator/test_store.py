"""The SQLite store: job life cycle, conditional transitions, filtering and paging, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.emulator.store import (
    CANCELLED,
    COMPLETED,
    FAILED,
    QUEUED,
    RUNNING,
    JobQuery,
    JobRecord,
    Store,
    StoreClosedError,
    new_id,
)
from qrt.errors import ConfigurationError


def _job(
    store: Store,
    *,
    created: float,
    instance: str = "crn:a",
    backend: str = "b1",
    program: str = "sampler",
    tags: tuple[str, ...] = (),
    session: str | None = None,
    status: str = QUEUED,
) -> JobRecord:
    return store.insert_job(
        JobRecord(
            id=new_id(),
            instance=instance,
            account_id="acct",
            user_id="user",
            program_id=program,
            backend=backend,
            status=status,
            created=created,
            params="{}",
            tags=tags,
            session_id=session,
        )
    )


def test_ids_look_like_service_ids() -> None:
    ids = {new_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 20 and i.isalnum() and i.islower() for i in ids)


def test_life_cycle_transitions_are_conditional() -> None:
    store = Store()
    job = _job(store, created=1.0)
    assert store.finish_job(job.id, status=COMPLETED, now=2.0) is False  # not running yet
    assert store.mark_running(job.id, 2.0) is True
    assert store.mark_running(job.id, 2.0) is False
    # A cancel wins over the worker's later finish: the result is discarded.
    assert store.cancel_job(job.id, 3.0) == RUNNING
    assert (
        store.finish_job(job.id, status=COMPLETED, now=4.0, result="{}", qpu_seconds=2.0, usage_period="2026-01")
        is False
    )
    final = store.job(job.id)
    assert final is not None and final.status == CANCELLED and final.finished == 3.0
    assert store.job_result(job.id) is None
    assert store.usage_seconds("crn:a", "2026-01") == 0.0
    assert store.cancel_job(job.id, 5.0) == CANCELLED  # reported, unchanged
    assert store.cancel_job("missing", 5.0) is None


def test_finishing_charges_usage_once_per_job() -> None:
    store = Store()
    for created in (1.0, 2.0):
        job = _job(store, created=created)
        store.mark_running(job.id, created)
        assert store.finish_job(
            job.id, status=COMPLETED, now=created + 1, result="r", qpu_seconds=3.0, usage_period="2026-05"
        )
    assert store.usage_seconds("crn:a", "2026-05") == 6.0
    assert store.usage_seconds("crn:a", "2026-06") == 0.0


def test_delete_only_final_jobs_and_tags_replace() -> None:
    store = Store()
    job = _job(store, created=1.0)
    assert store.delete_job(job.id) is False
    assert store.set_tags(job.id, ["x", "y"])
    assert store.job(job.id).tags == ("x", "y")  # type: ignore[union-attr]
    store.fail_jobs([job.id], 2.0, "bad", 1517)
    assert store.job(job.id).status == FAILED  # type: ignore[union-attr]
    assert store.delete_job(job.id) is True
    assert store.job(job.id) is None


STATUSES = (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED)
job_rows = st.lists(
    st.tuples(
        st.sampled_from(["b1", "b2"]),
        st.sampled_from(["sampler", "estimator"]),
        st.sets(st.sampled_from(["t1", "t2", "t3"])),
        st.sampled_from(STATUSES),
        st.sampled_from([None, "s1"]),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(
    rows=job_rows,
    pending=st.sampled_from([None, True, False]),
    backend=st.sampled_from([None, "b1", "b2"]),
    program=st.sampled_from([None, "sampler", "estimator"]),
    tags=st.sets(st.sampled_from(["t1", "t2"]), max_size=2),
    session=st.sampled_from([None, "s1"]),
    after=st.sampled_from([None, 3.0, 10.0]),
    ascending=st.booleans(),
    limit=st.integers(1, 10),
    offset=st.integers(0, 30),
)
def test_job_queries_match_a_plain_python_model(
    rows: list[tuple[str, str, set[str], str, str | None]],
    pending: bool | None,
    backend: str | None,
    program: str | None,
    tags: set[str],
    session: str | None,
    after: float | None,
    ascending: bool,
    limit: int,
    offset: int,
) -> None:
    store = Store()
    jobs = [
        _job(store, created=float(i), backend=b, program=p, tags=tuple(sorted(t)), status=s, session=sess)
        for i, (b, p, t, s, sess) in enumerate(rows)
    ]
    _job(store, created=0.5, instance="crn:other")  # never visible

    def keep(j: JobRecord) -> bool:
        return (
            (pending is None or (j.status in (QUEUED, RUNNING)) == pending)
            and (backend is None or j.backend == backend)
            and (program is None or j.program_id == program)
            and set(tags) <= set(j.tags)
            and (session is None or j.session_id == session)
            and (after is None or j.created > after)
        )

    expected = sorted((j for j in jobs if keep(j)), key=lambda j: j.created, reverse=not ascending)
    page, count = store.jobs(
        JobQuery(
            instance="crn:a",
            pending=pending,
            backend=backend,
            program=program,
            tags=tuple(tags),
            session_id=session,
            created_after=after,
            ascending=ascending,
            limit=limit,
            offset=offset,
        )
    )
    assert count == len(expected)
    assert [j.id for j in page] == [j.id for j in expected[offset : offset + limit]]


def test_file_store_persists_and_closed_store_refuses(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "emu.sqlite3"
    store = Store(path)
    job = _job(store, created=1.0)
    store.mark_running(job.id, 1.5)
    store.finish_job(job.id, status=COMPLETED, now=2.0, result="RESULT")
    assert store.meta_setdefault("k", "v1") == "v1"
    store.close()
    with pytest.raises(StoreClosedError):
        store.job(job.id)
    again = Store(path)
    assert again.job_result(job.id) == "RESULT"
    assert again.meta_setdefault("k", "v2") == "v1"
    again.close()


def test_foreign_database_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigurationError, match="cannot open the emulator database"):
        Store(path)


def test_emulator_clock_is_millisecond_and_strictly_increasing() -> None:
    from qrt.emulator.core import _MillisecondClock

    frozen = _MillisecondClock(lambda: 1000.0004)
    ticks = [frozen() for _ in range(5)]
    assert ticks == [1000.0, 1000.001, 1000.002, 1000.003, 1000.004]
    assert all(abs(t * 1000 - round(t * 1000)) < 1e-6 for t in ticks)


def test_a_new_database_is_private(tmp_path: Path) -> None:
    import stat

    path = tmp_path / "new" / "emulator.sqlite3"
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
