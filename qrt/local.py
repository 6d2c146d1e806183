"""Local mode: primitives run on qiskit-aer in this process, and their jobs are kept in a local store.

``Service(channel="local")`` delegates here. Its backends are ``aer_simulator`` (ideal) and the simulated devices
of :func:`qrt.devices.default_devices`, built by the same factory the emulator uses, so a seeded job gives the
same bits locally and through the emulator. Jobs run asynchronously on one worker thread per
:class:`LocalService`, in submission order, and ``run()`` returns at once. A second thread records each finished
job in the store while the next one runs.

The job store is an SQLite file (by default ``$XDG_CACHE_HOME/qrt/local-jobs.sqlite3``, else
``~/.cache/qrt/local-jobs.sqlite3``; ``QRT_LOCAL_STORE`` or ``store_path=`` choose another). It holds each job's
metadata, log and result in the runtime wire format, so ``job()``, ``jobs()`` and ``delete_job()`` work from a new
Service or another process. Finished jobs older than the retention period (30 days by default) are deleted when
the store is opened. Nothing is read or created until the first job-related call: constructing the service and
listing backends touch no file and no environment variable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import queue
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from qrt.errors import (
    BackendNotFoundError,
    ConfigurationError,
    ConflictError,
    JobCancelledError,
    JobError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    SessionClosedError,
)
from qrt.jobs import ProgressCallback, poll_until_final

if TYPE_CHECKING:
    from qiskit.primitives.containers import PrimitiveResult
    from qiskit.providers import BackendV2

    from qrt.devices import DeviceSpec

__all__ = [
    "AER_SIMULATOR",
    "DEFAULT_RETENTION",
    "FINAL_STATUSES",
    "STORE_ENV",
    "LocalJob",
    "LocalService",
    "default_store_path",
]

logger = logging.getLogger("qrt.local")

AER_SIMULATOR: Final = "aer_simulator"
DEFAULT_RETENTION: Final = dt.timedelta(days=30)
STORE_ENV: Final = "QRT_LOCAL_STORE"
"""The environment variable naming the store file, read when the store is first opened."""

QUEUED, RUNNING, DONE, ERROR, CANCELLED = "QUEUED", "RUNNING", "DONE", "ERROR", "CANCELLED"
FINAL_STATUSES: Final = frozenset({DONE, ERROR, CANCELLED})
_PENDING: Final = (QUEUED, RUNNING)
_PAGE: Final = 200
_STORE_WAIT: Final = 30.0  # seconds a reader waits for a finished job's row to be written
_SCHEMA_VERSION: Final = 1
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    program_id TEXT NOT NULL,
    backend TEXT NOT NULL,
    status TEXT NOT NULL,
    created_us INTEGER NOT NULL,
    running REAL,
    finished REAL,
    tags TEXT NOT NULL DEFAULT '[]',
    session_id TEXT,
    reason TEXT,
    owner TEXT NOT NULL,
    private INTEGER NOT NULL DEFAULT 0,
    result TEXT,
    logs TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS jobs_by_created ON jobs (created_us);
CREATE INDEX IF NOT EXISTS jobs_by_session ON jobs (session_id);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    backend TEXT NOT NULL,
    max_time INTEGER,
    created REAL NOT NULL,
    activated REAL,
    closed REAL,
    accepting INTEGER NOT NULL DEFAULT 1,
    reason TEXT
);
"""
_JOB_COLUMNS: Final = (
    "id, program_id, backend, status, created_us, running, finished, tags, session_id, reason, owner, private"
)


def default_store_path(environ: Mapping[str, str] | None = None) -> Path:
    """The store file: ``QRT_LOCAL_STORE``, else the user cache directory's ``qrt/local-jobs.sqlite3``."""
    env = os.environ if environ is None else environ
    explicit = env.get(STORE_ENV)
    if explicit:
        try:
            return Path(explicit).expanduser()
        except RuntimeError as exc:  # "~someone" for a user that does not exist
            raise ConfigurationError(f"{STORE_ENV}={explicit!r} cannot be expanded: {exc}") from exc
    if os.name == "nt":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "qrt" / "Cache"
    else:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qrt"
    return base / "local-jobs.sqlite3"


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _log_line(ts: float, message: str) -> str:
    return f"{_iso(ts)} INFO {message}\n"


_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _epoch_us(value: dt.datetime) -> int:
    # Naive datetimes are local time, as for the remote service.
    aware = value if value.tzinfo else value.astimezone()
    return (aware - _EPOCH) // dt.timedelta(microseconds=1)


def _check_tags(tags: object, what: str) -> list[str]:
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        raise ConfigurationError(f"{what} must be a list of strings, got {tags!r}.")
    return list(dict.fromkeys(tags))


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _JobRow:
    id: str
    program_id: str
    backend: str
    status: str
    created_us: int  # microseconds since the epoch: exact, so datetime filters compare exactly
    running: float | None = None
    finished: float | None = None
    tags: tuple[str, ...] = ()
    session_id: str | None = None
    reason: str | None = None
    owner: str = ""
    private: bool = False


@dataclass(frozen=True)
class _SessionRow:
    id: str
    mode: str
    backend: str
    max_time: int | None
    created: float
    activated: float | None = None
    closed: float | None = None
    accepting: bool = True
    reason: str | None = None


def _job_row(row: Sequence[Any]) -> _JobRow:
    return _JobRow(
        id=row[0],
        program_id=row[1],
        backend=row[2],
        status=row[3],
        created_us=row[4],
        running=row[5],
        finished=row[6],
        tags=tuple(json.loads(row[7])),
        session_id=row[8],
        reason=row[9],
        owner=row[10],
        private=bool(row[11]),
    )


class _Store:
    """The SQLite job store: one connection, serialised by a lock; every state change is conditional."""

    def __init__(self, path: str, *, retention: dt.timedelta | None, owner: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            if path != ":memory:":
                file = Path(path)
                file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # Created 0600 before SQLite opens it: results may be confidential.
                os.close(os.open(file, os.O_CREAT | os.O_RDWR, 0o600))
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
            self._setup(retention, owner)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(
                f"Cannot open the local job store {path!r}: {exc}. Pass LocalService(store_path=...) or set "
                f"{STORE_ENV} to a writable file."
            ) from exc

    def _setup(self, retention: dt.timedelta | None, owner: str) -> None:
        conn = self._conn
        conn.execute("PRAGMA busy_timeout = 10000")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version not in (0, _SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version} is not one this qrt reads ({_SCHEMA_VERSION})")
        if self.path != ":memory:":
            with contextlib.suppress(sqlite3.OperationalError):  # some network file systems refuse WAL
                conn.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL never corrupts the file; a power cut may lose the last jobs' rows, not a crash.
            # It saves an fsync per job state change, most of a small job's overhead.
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        now = time.time()
        if retention is not None:
            cutoff = now - retention.total_seconds()
            marks = ", ".join("?" for _ in FINAL_STATUSES)
            conn.execute(
                f"DELETE FROM jobs WHERE status IN ({marks}) AND "
                "((finished IS NOT NULL AND finished < ?) OR (finished IS NULL AND created_us < ?))",
                [*sorted(FINAL_STATUSES), cutoff, int(cutoff * 1e6)],
            )
            conn.execute("DELETE FROM sessions WHERE closed IS NOT NULL AND closed < ?", (cutoff,))
        self._fail_orphans(owner, now)

    def _fail_orphans(self, owner: str, now: float) -> None:
        """Jobs left pending by a process of this host that has exited can never finish: mark them ERROR."""
        host = owner.rpartition(":")[0]
        rows = self._conn.execute(
            "SELECT id, owner FROM jobs WHERE status IN (?, ?) AND owner LIKE ?", (*_PENDING, f"{host}:%")
        ).fetchall()
        for job_id, job_owner in rows:
            pid_text = str(job_owner).rpartition(":")[2]
            if not pid_text.isdigit() or _process_alive(int(pid_text)):
                continue
            self._conn.execute(
                "UPDATE jobs SET status = ?, finished = ?, reason = ? WHERE id = ? AND status IN (?, ?)",
                (ERROR, now, f"The process that ran this job (pid {pid_text}) exited before it finished; a local job "
                 "runs in the process that submitted it, so wait for its result before exiting.", job_id,
                 *_PENDING),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            with self._lock:
                return self._conn.execute(sql, args)
        except sqlite3.ProgrammingError as exc:
            raise ConfigurationError("The local service was closed; create a new one.") from exc

    # -- jobs -------------------------------------------------------------------------------------------

    def insert_job(self, row: _JobRow) -> None:
        self._execute(
            f"INSERT INTO jobs ({_JOB_COLUMNS}, logs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.id, row.program_id, row.backend, row.status, row.created_us, row.running, row.finished,
             json.dumps(list(row.tags)), row.session_id, row.reason, row.owner, int(row.private),
             _log_line(row.created_us / 1e6, f"Job {row.id} queued on {row.backend} ({row.program_id}).")),
        )

    def job(self, job_id: str) -> _JobRow | None:
        found = self._execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if found is None else _job_row(found)

    def jobs(
        self,
        *,
        limit: int,
        offset: int,
        backend: str | None,
        pending: bool | None,
        program_id: str | None,
        tags: Sequence[str],
        session_id: str | None,
        created_after: int | None,
        created_before: int | None,
        descending: bool,
    ) -> list[_JobRow]:
        where: list[str] = []
        args: list[Any] = []
        if pending is not None:
            where.append(f"status {'IN' if pending else 'NOT IN'} (?, ?)")
            args += list(_PENDING)
        for column, value in (("backend", backend), ("program_id", program_id), ("session_id", session_id)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if created_after is not None:
            where.append("created_us > ?")
            args.append(created_after)
        if created_before is not None:
            where.append("created_us < ?")
            args.append(created_before)
        for tag in tags:
            where.append("EXISTS (SELECT 1 FROM json_each(jobs.tags) WHERE json_each.value = ?)")
            args.append(tag)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        order = "DESC" if descending else "ASC"
        rows = self._execute(
            f"SELECT {_JOB_COLUMNS} FROM jobs {clause} ORDER BY created_us {order}, seq {order} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [_job_row(r) for r in rows]

    def mark_running(self, job_id: str, now: float, backend: str) -> bool:
        cursor = self._execute(
            "UPDATE jobs SET status = ?, running = ?, logs = logs || ? WHERE id = ? AND status = ?",
            (RUNNING, now, _log_line(now, f"Job {job_id} started on {backend}."), job_id, QUEUED),
        )
        return cursor.rowcount == 1

    def finish(
        self,
        job_id: str,
        status: str,
        now: float,
        *,
        from_states: Sequence[str],
        result: str | None = None,
        reason: str | None = None,
        log: str = "",
    ) -> bool:
        marks = ", ".join("?" for _ in from_states)
        cursor = self._execute(
            f"UPDATE jobs SET status = ?, finished = ?, result = ?, reason = ?, logs = logs || ? "
            f"WHERE id = ? AND status IN ({marks})",
            (status, now, result, reason, _log_line(now, log) if log else "", job_id, *from_states),
        )
        return cursor.rowcount == 1

    def result_text(self, job_id: str) -> str | None:
        found = self._execute("SELECT result FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if found is None else found[0]

    def logs(self, job_id: str) -> str:
        found = self._execute("SELECT logs FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return "" if found is None else str(found[0])

    def set_tags(self, job_id: str, tags: Sequence[str]) -> None:
        self._execute("UPDATE jobs SET tags = ? WHERE id = ?", (json.dumps(list(tags)), job_id))

    def delete_job(self, job_id: str) -> bool:
        marks = ", ".join("?" for _ in FINAL_STATUSES)
        cursor = self._execute(f"DELETE FROM jobs WHERE id = ? AND status IN ({marks})",
                               (job_id, *sorted(FINAL_STATUSES)))
        return cursor.rowcount == 1

    def pending_counts(self) -> dict[str, int]:
        rows = self._execute("SELECT backend, COUNT(*) FROM jobs WHERE status IN (?, ?) GROUP BY backend",
                             _PENDING).fetchall()
        return {str(name): int(count) for name, count in rows}

    # -- sessions ---------------------------------------------------------------------------------------

    def insert_session(self, row: _SessionRow) -> None:
        self._execute(
            "INSERT INTO sessions (id, mode, backend, max_time, created) VALUES (?, ?, ?, ?, ?)",
            (row.id, row.mode, row.backend, row.max_time, row.created),
        )

    def session(self, session_id: str) -> _SessionRow | None:
        found = self._execute(
            "SELECT id, mode, backend, max_time, created, activated, closed, accepting, reason FROM sessions "
            "WHERE id = ?", (session_id,)
        ).fetchone()
        if found is None:
            return None
        return _SessionRow(id=found[0], mode=found[1], backend=found[2], max_time=found[3], created=found[4],
                           activated=found[5], closed=found[6], accepting=bool(found[7]), reason=found[8])

    def update_session(self, row: _SessionRow) -> None:
        self._execute(
            "UPDATE sessions SET activated = ?, closed = ?, accepting = ?, reason = ? WHERE id = ?",
            (row.activated, row.closed, int(row.accepting), row.reason, row.id),
        )

    def session_pending(self, session_id: str) -> bool:
        found = self._execute(
            "SELECT 1 FROM jobs WHERE session_id = ? AND status IN (?, ?) LIMIT 1", (session_id, *_PENDING)
        ).fetchone()
        return found is not None

    def cancel_session_jobs(self, session_id: str, now: float, reason: str) -> None:
        self._execute(
            "UPDATE jobs SET status = ?, finished = ?, reason = ?, logs = logs || ? "
            "WHERE session_id = ? AND status = ?",
            (CANCELLED, now, reason, _log_line(now, reason), session_id, QUEUED),
        )


# --------------------------------------------------------------------------------------------------
# Jobs
# --------------------------------------------------------------------------------------------------


@dataclass
class _Execution:
    """What this process knows of a job it runs: the backend object, and the result once done."""

    backend: Any
    done: threading.Event = field(default_factory=threading.Event)  # the result is out, or the job ended
    stored: threading.Event = field(default_factory=threading.Event)  # the store has the job's final row
    result: Any = None
    cancelled: bool = False


class _Worker:
    """One daemon thread running tasks in submission order.

    A daemon, so that a process exiting with jobs pending does not hang; those jobs are then left QUEUED or
    RUNNING in the store and marked ERROR when the store is next opened (see ``_Store._fail_orphans``).
    """

    def __init__(self, name: str) -> None:
        self._tasks: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, task: Callable[[], None]) -> None:
        self._tasks.put(task)

    def stop(self) -> None:
        """Run the tasks already submitted, then stop; returns when the thread has ended."""
        self._tasks.put(None)
        self._thread.join()

    def _loop(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            try:
                task()
            except Exception:  # a bug in a task must not stop the jobs queued after it
                logger.exception("the local worker failed")


class LocalJob:
    """A local job: the public API of :class:`qrt.jobs.RuntimeJob`, answered from this process and the store.

    Statuses are the official SDK's names: ``QUEUED``, ``RUNNING``, ``DONE``, ``ERROR``, ``CANCELLED``.
    """

    def __init__(self, service: LocalService, row: _JobRow, execution: _Execution | None = None) -> None:
        self._service = service
        self._row = row
        self._execution = execution
        self._result: Any = None

    def __repr__(self) -> str:
        return f"<LocalJob {self.job_id()!r} {self._row.status}>"

    # -- attributes -------------------------------------------------------------------------------------

    def job_id(self) -> str:
        return self._row.id

    @property
    def instance(self) -> None:
        """Local jobs belong to no instance."""
        return None

    @property
    def primitive_id(self) -> str:
        """``sampler`` or ``estimator``."""
        return self._row.program_id

    @property
    def session_id(self) -> str | None:
        """The local session or batch the job ran in, if any."""
        return self._row.session_id

    @property
    def tags(self) -> list[str]:
        return list(self._row.tags)

    @property
    def private(self) -> bool:
        """Whether the result was kept out of the store (``environment.private``)."""
        return self._row.private

    @property
    def creation_date(self) -> dt.datetime:
        return _EPOCH + dt.timedelta(microseconds=self._row.created_us)

    @property
    def backend_name(self) -> str:
        return self._row.backend

    def backend(self) -> BackendV2:
        """The backend the job ran on (the very object given, when this process submitted the job)."""
        if self._execution is not None:
            return self._execution.backend
        return self._service.backend(self._row.backend)

    # -- status -----------------------------------------------------------------------------------------

    def _settle(self) -> None:
        execution = self._execution
        if execution is not None and execution.done.is_set():
            execution.stored.wait(_STORE_WAIT)  # the final row is a moment behind the result

    def refresh(self) -> None:
        """Read the job's row from the store again."""
        self._settle()
        row = self._service._require_store().job(self._row.id)
        if row is None:
            raise NotFoundError(f"Local job {self._row.id} was deleted.", status_code=404)
        self._row = row

    def status(self) -> str:
        """The current status (read from the store unless already final)."""
        if self._execution is not None and self._execution.result is not None:
            return DONE
        if self._row.status not in FINAL_STATUSES:
            self.refresh()
        return self._row.status

    def done(self) -> bool:
        return self.status() == DONE

    def running(self) -> bool:
        return self.status() == RUNNING

    def cancelled(self) -> bool:
        return self.status() == CANCELLED

    def in_final_state(self) -> bool:
        return self.status() in FINAL_STATUSES

    def error_message(self) -> str | None:
        """Why the job failed or was cancelled; None otherwise."""
        if self.status() not in (ERROR, CANCELLED):
            return None
        return self._row.reason or f"Job {self.job_id()} ended {self._row.status}."

    def _wait_here(self, execution: _Execution, timeout: float | None) -> None:
        if not execution.done.wait(timeout):
            raise JobTimeoutError(
                f"Job {self.job_id()} is still {self.status()} after {timeout:g} s; it goes on running. Call "
                "result() or wait_for_final_state() again to keep waiting.",
                job_id=self.job_id(),
            )

    def wait_for_final_state(
        self,
        timeout: float | None = None,
        *,
        progress: bool | ProgressCallback = False,
        poll_interval: float = 0.02,
        max_poll_interval: float = 0.5,
    ) -> str:
        """Wait until the job's final state is in the store (for every reader); return the status.

        ``result()`` can return a moment earlier: the process that runs a job has its result before the store does.

        ``progress=True`` prints each status change to stderr; a callable receives ``(job_id, status, elapsed)``.
        Raises :class:`~qrt.errors.JobTimeoutError` after ``timeout`` seconds (the job goes on).
        """
        if not progress and self._execution is not None:
            # This process runs the job: wait for it without polling the store.
            self._wait_here(self._execution, timeout)
            self.refresh()  # waits for the final row, so every reader of the store now sees the final state
            return self._row.status
        execution = self._execution
        # A job this process runs wakes the wait as soon as it finishes; others are polled in the store.
        sleep = execution.done.wait if execution is not None else time.sleep
        return poll_until_final(self.job_id(), self.status, timeout=timeout, progress=progress,
                                poll_interval=poll_interval, max_poll_interval=max_poll_interval, sleep=sleep)

    # -- results and actions ----------------------------------------------------------------------------

    def _raise_unless_done(self, status: str) -> None:
        if status == CANCELLED:
            raise JobCancelledError(
                f"Job {self.job_id()} was cancelled ({self._row.reason or 'no reason given'}); it has no result.",
                job_id=self.job_id(),
            )
        if status == ERROR:
            raise JobFailedError(
                f"Job {self.job_id()} failed: {self._row.reason or 'no reason given'}",
                job_id=self.job_id(),
                reason=self._row.reason,
            )

    def result(self, timeout: float | None = None) -> PrimitiveResult[Any]:
        """Wait for the job and return its ``PrimitiveResult``.

        Raises :class:`~qrt.errors.JobFailedError`, :class:`~qrt.errors.JobCancelledError` or
        :class:`~qrt.errors.JobTimeoutError`.
        """
        execution = self._execution
        if execution is not None:
            self._wait_here(execution, timeout)
            if execution.result is not None:
                return execution.result
        status = self.wait_for_final_state(timeout)
        self._raise_unless_done(status)
        if self._result is None:
            from qrt import wire

            text = self._service._require_store().result_text(self.job_id())
            if text is None:
                why = ("it was private: its result was kept only by the process that ran it" if self._row.private
                       else self._row.reason or "no result was stored")
                raise JobError(f"Job {self.job_id()} has no stored result: {why}.", job_id=self.job_id())
            self._result = wire.result_from_json(text)
        return self._result

    def result_text(self, timeout: float | None = None) -> str:
        """The result in the runtime wire format (what ``GET /v1/jobs/{id}/results`` returns remotely)."""
        from qrt import wire

        result = self.result(timeout)
        self._settle()
        text = self._service._require_store().result_text(self.job_id())
        return text if text is not None else wire.result_to_json(result)

    def cancel(self) -> None:
        """Cancel the job: a queued job never runs; a running one finishes, but its result is discarded.

        A job already final raises :class:`~qrt.errors.ConflictError`, as remotely.
        """
        self._service._cancel(self.job_id())
        self.refresh()

    def logs(self) -> str:
        """The job's log lines (queued, started, finished)."""
        self._settle()
        return self._service._require_store().logs(self.job_id())

    def metrics(self) -> dict[str, Any]:
        """Timestamps (ISO 8601 UTC) and usage, in the shape of the service's job metrics."""
        self.refresh()
        row = self._row
        final = row.status in FINAL_STATUSES
        return {
            "timestamps": {
                "created": _iso(row.created_us / 1e6),
                "running": _iso(row.running),
                "finished": _iso(row.finished),
            },
            "usage": {"qpu_charge_time_seconds": 0, "status": "complete" if final else "pending"},
        }

    def usage(self) -> float:
        """Quantum seconds charged: always 0 locally."""
        return 0.0

    def update_tags(self, new_tags: Sequence[str]) -> list[str]:
        """Replace the job's tags; returns them as stored."""
        tags = _check_tags(new_tags, "new_tags")
        self._service._require_store().set_tags(self.job_id(), tags)
        self.refresh()
        return self.tags


# --------------------------------------------------------------------------------------------------
# Backends
# --------------------------------------------------------------------------------------------------


@functools.cache
def _backend_classes() -> tuple[type[Any], type[Any]]:
    """Local backends: the device factory's backend and ``AerSimulator``, each knowing its LocalService."""
    from qiskit_aer import AerSimulator

    from qrt.devices import device_backend_class

    class LocalDeviceBackend(device_backend_class()):  # type: ignore[misc]
        """A simulated device of local mode; jobs of ``Sampler(mode=backend)`` go to ``backend.service``."""

        def __init__(self, spec: DeviceSpec, target: Any, service: LocalService) -> None:
            super().__init__(spec, target)
            self._local_service = service

        @property
        def service(self) -> LocalService:
            return self._local_service

    class LocalAerSimulator(AerSimulator):  # type: ignore[misc]
        """The ideal ``AerSimulator`` of local mode; jobs of ``Sampler(mode=backend)`` go to ``backend.service``."""

        def __init__(self, service: LocalService | None = None, **backend_options: Any) -> None:
            super().__init__(**backend_options)
            self._local_service = service

        @property
        def service(self) -> LocalService | None:
            return self._local_service

    LocalDeviceBackend.__module__ = LocalAerSimulator.__module__ = __name__
    return LocalDeviceBackend, LocalAerSimulator


def _device_spec(backend: Any) -> DeviceSpec | None:
    from qrt.devices import DeviceSpec

    spec = getattr(backend, "spec", None)
    return spec if isinstance(spec, DeviceSpec) else None


# --------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------


class LocalService:
    """Local simulators and the local job store. Safe to share between threads.

    ``store_path``: the SQLite file (``":memory:"`` keeps jobs for this object only); default
    :func:`default_store_path`. ``retention``: finished jobs older than this are deleted when the store opens
    (None keeps them forever).
    """

    def __init__(
        self,
        store_path: str | os.PathLike[str] | None = None,
        *,
        retention: dt.timedelta | None = DEFAULT_RETENTION,
    ) -> None:
        if retention is not None and (not isinstance(retention, dt.timedelta) or retention <= dt.timedelta(0)):
            raise ConfigurationError(f"retention must be a positive datetime.timedelta or None, got {retention!r}.")
        self._store_path = None if store_path is None else os.fspath(store_path)
        self._retention = retention
        self._owner = f"{socket.gethostname()}:{os.getpid()}"
        self._lock = threading.RLock()
        self._store: _Store | None = None
        self._worker: _Worker | None = None  # runs jobs, in order
        self._writer: _Worker | None = None  # records finished jobs, in order, while the next one runs
        self._live: dict[str, _Execution] = {}
        self._closed = False

    def __repr__(self) -> str:
        where = self._store.path if self._store is not None else self._store_path
        return f"<LocalService store={where!r}>" if where else "<LocalService>"

    @property
    def channel(self) -> str:
        return "local"

    @property
    def is_local(self) -> bool:
        return True

    @property
    def store_path(self) -> str:
        """The store file (resolved now if not given; this reads ``QRT_LOCAL_STORE``)."""
        if self._store is not None:
            return self._store.path
        return self._store_path or str(default_store_path())

    def _require_store(self) -> _Store:
        with self._lock:
            if self._store is None:
                if self._closed:
                    raise ConfigurationError("The local service was closed; create a new one.")
                self._store = _Store(self.store_path, retention=self._retention, owner=self._owner)
            return self._store  # once closed, its calls raise ConfigurationError

    def close(self, *, wait: bool = True) -> None:
        """Close the service: run the queued jobs first (``wait``) or cancel them, then close the store.

        A job running when ``wait=False`` still finishes; close returns after it.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker, writer, store = self._worker, self._writer, self._store
        if worker is not None:
            if not wait and store is not None:
                for job_id, execution in list(self._live.items()):
                    if store.finish(job_id, CANCELLED, time.time(), from_states=(QUEUED,),
                                    reason="The local service was closed before the job ran.",
                                    log="Cancelled: the local service was closed."):
                        execution.cancelled = True
                        execution.done.set()
                        execution.stored.set()
            worker.stop()
        if writer is not None:
            writer.stop()
        if store is not None:
            store.close()

    def __enter__(self) -> LocalService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backends ---------------------------------------------------------------------------------------

    def _names(self) -> list[str]:
        from qrt.devices import default_devices

        return [AER_SIMULATOR, *(spec.name for spec in default_devices())]

    def _build(self, name: str) -> BackendV2:
        from qrt.devices import build_backend, default_devices

        device_cls, aer_cls = _backend_classes()
        if name == AER_SIMULATOR:
            return aer_cls(service=self)
        spec = next(s for s in default_devices() if s.name == name)
        return device_cls(spec, build_backend(spec).target, self)

    def backends(
        self,
        name: str | None = None,
        min_num_qubits: int | None = None,
        dynamic_circuits: bool | None = None,
        filters: Callable[[BackendV2], bool] | None = None,
    ) -> list[BackendV2]:
        """``aer_simulator`` and the simulated devices, filtered; new backend objects on every call.

        ``dynamic_circuits`` keeps backends that do (True) or do not (False) support control flow.
        """
        from qrt.devices import default_devices

        specs = {spec.name: spec for spec in default_devices()}
        chosen = []
        for backend_name in self._names():
            if name is not None and backend_name != name:
                continue
            if dynamic_circuits is not None:
                dynamic = True if backend_name == AER_SIMULATOR else specs[backend_name].dynamic_circuits
                if dynamic != dynamic_circuits:
                    continue
            backend = self._build(backend_name)
            if min_num_qubits and backend.num_qubits < min_num_qubits:
                continue
            if filters is not None and not filters(backend):
                continue
            chosen.append(backend)
        return chosen

    def backend(self, name: str | None = None) -> BackendV2:
        """The backend called ``name`` (default: the first listed, ``aer_simulator``)."""
        found = self.backends(name=name)
        if not found:
            raise BackendNotFoundError(
                f"No local backend named {name!r}. Local backends: {', '.join(self._names())}."
            )
        return found[0]

    def least_busy(
        self, min_num_qubits: int | None = None, filters: Callable[[BackendV2], bool] | None = None
    ) -> BackendV2:
        """The matching backend with the fewest pending local jobs (the first listed on a tie)."""
        candidates = self.backends(min_num_qubits=min_num_qubits, filters=filters)
        if not candidates:
            raise BackendNotFoundError("No local backend matches the criteria.")
        with self._lock:
            store = self._store  # counted only if already open: choosing a backend touches no file
        if store is not None:
            self._settle()
        pending = store.pending_counts() if store is not None else {}
        return min(candidates, key=lambda b: pending.get(b.name, 0))

    # -- jobs -------------------------------------------------------------------------------------------

    def _settle(self, job_id: str | None = None) -> None:
        """Wait for the final rows of this service's finished jobs (of ``job_id`` only, if given)."""
        live = [self._live.get(job_id)] if job_id is not None else list(self._live.values())
        for execution in live:
            if execution is not None and execution.done.is_set():
                execution.stored.wait(_STORE_WAIT)

    def job(self, job_id: str) -> LocalJob:
        """The local job ``job_id``; :class:`~qrt.errors.NotFoundError` if the store has none."""
        self._settle(job_id)
        row = self._require_store().job(job_id)
        if row is None:
            raise NotFoundError(
                f"Local job {job_id!r} was not found in {self.store_path}; it may have been deleted or pruned "
                "after the retention period.",
                status_code=404,
            )
        return LocalJob(self, row, self._live.get(job_id))

    def jobs(
        self,
        limit: int | None = 10,
        skip: int = 0,
        backend_name: str | None = None,
        pending: bool | None = None,
        program_id: str | None = None,
        job_tags: Sequence[str] | None = None,
        session_id: str | None = None,
        created_after: dt.datetime | None = None,
        created_before: dt.datetime | None = None,
        descending: bool = True,
    ) -> list[LocalJob] | Iterator[LocalJob]:
        """Local jobs, newest first unless ``descending=False``; the filters are those of ``Service.jobs``.

        With a ``limit``, a list; with ``limit=None``, a lazy iterator over every match. ``job_tags`` keeps jobs
        carrying all the tags given.
        """
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise ConfigurationError(f"limit must be a non-negative integer or None, got {limit!r}.")
        if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
            raise ConfigurationError(f"skip must be a non-negative integer, got {skip!r}.")
        tags = _check_tags(job_tags, "job_tags") if job_tags is not None else []
        store = self._require_store()
        self._settle()
        query: dict[str, Any] = {
            "backend": backend_name,
            "pending": pending,
            "program_id": program_id,
            "tags": tags,
            "session_id": session_id,
            "created_after": _epoch_us(created_after) if created_after else None,
            "created_before": _epoch_us(created_before) if created_before else None,
            "descending": descending,
        }

        def pages() -> Iterator[LocalJob]:
            offset = skip
            remaining = limit
            while remaining is None or remaining > 0:
                size = _PAGE if remaining is None else min(_PAGE, remaining)
                rows = store.jobs(limit=size, offset=offset, **query)
                for row in rows:
                    yield LocalJob(self, row, self._live.get(row.id))
                if len(rows) < size:
                    return
                offset += len(rows)
                if remaining is not None:
                    remaining -= len(rows)

        return pages() if limit is None else list(pages())

    def delete_job(self, job_id: str) -> None:
        """Delete a finished job and its result; a pending one raises :class:`~qrt.errors.ConflictError`."""
        store = self._require_store()
        self._settle(job_id)
        row = store.job(job_id)
        if row is None:
            raise NotFoundError(f"Local job {job_id!r} was not found in {self.store_path}.", status_code=404)
        if not store.delete_job(job_id):
            raise ConflictError(
                f"Local job {job_id} is {row.status}; cancel it or wait for it to finish before deleting it.",
                status_code=409,
            )

    def _cancel(self, job_id: str) -> None:
        store = self._require_store()
        row = store.job(job_id)
        if row is None:
            raise NotFoundError(f"Local job {job_id!r} was not found in {self.store_path}.", status_code=404)
        execution = self._live.get(job_id)
        with self._lock:  # against the worker publishing the result at the same moment
            done = execution is not None and execution.result is not None
            if done or not store.finish(job_id, CANCELLED, time.time(), from_states=_PENDING,
                                        reason="Cancelled by the user.", log=f"Job {job_id} cancelled by the user."):
                raise ConflictError(
                    f"Local job {job_id} is already {DONE if done else row.status}; it cannot be cancelled.",
                    status_code=409,
                )
            if execution is not None:
                execution.cancelled = True  # the worker skips it, or drops its result
                execution.done.set()
                execution.stored.set()  # the CANCELLED row is final

    # -- running ----------------------------------------------------------------------------------------

    def submit(
        self,
        program_id: Literal["sampler", "estimator"],
        backend: BackendV2,
        pubs: Sequence[Any],
        *,
        options: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        tags: Sequence[str] = (),
        private: bool = False,
    ) -> LocalJob:
        """Queue coerced pubs on ``backend`` and return the job at once (used by Sampler and Estimator).

        ``options`` is the primitive's options dict; see :mod:`qrt.execution` for those honoured.
        """
        if program_id not in ("sampler", "estimator"):
            raise ConfigurationError(f"program_id must be 'sampler' or 'estimator', got {program_id!r}.")
        if self._closed:
            raise ConfigurationError("The local service was closed; create a new one.")
        meas_type = (options or {}).get("execution", {}).get("meas_type")
        if meas_type not in (None, "classified"):
            raise ConfigurationError(
                f"execution.meas_type={meas_type!r} cannot be simulated locally: local jobs give classified bits "
                "only. Leave it unset or use 'classified'."
            )
        store = self._require_store()
        created_us = time.time_ns() // 1000
        if session_id is not None:
            self._admit(session_id, backend.name, created_us / 1e6)
        row = _JobRow(
            id=uuid.uuid4().hex,
            program_id=program_id,
            backend=backend.name,
            status=QUEUED,
            created_us=created_us,
            tags=tuple(_check_tags(list(tags), "tags")),
            session_id=session_id,
            owner=self._owner,
            private=private,
        )
        store.insert_job(row)
        execution = _Execution(backend)
        with self._lock:
            if self._closed:
                raise ConfigurationError("The local service was closed; create a new one.")
            if self._worker is None:
                self._worker, self._writer = _Worker("qrt-local-worker"), _Worker("qrt-local-writer")
            self._live[row.id] = execution
            pubs, options = list(pubs), dict(options or {})
            self._worker.submit(lambda: self._run(row, backend, pubs, options, execution))
        return LocalJob(self, row, execution)

    def _engine(self, backend: Any) -> Any:
        """The simulator a backend's jobs run on: the device factory's Aer simulator for its devices."""
        from qrt.devices import simulator_for

        spec = _device_spec(backend)
        return simulator_for(spec) if spec is not None else backend

    def _run(
        self, row: _JobRow, backend: Any, pubs: list[Any], options: dict[str, Any], execution: _Execution
    ) -> None:
        """Run one job on the worker thread; the writer thread then records how it ended."""
        from qrt import execution as engine_runs

        store = self._require_store()
        handed_off = False
        try:
            if row.session_id is not None:
                self._check_session_time(row.session_id)
            if not store.mark_running(row.id, time.time(), row.backend):
                return  # cancelled before it started (by the user, or its session ended)
            if row.session_id is not None:
                self._session_job_started(row.session_id)
            started = time.perf_counter()
            status, reason = DONE, None
            try:
                engine = self._engine(backend)
                spec = _device_spec(backend)
                limit = spec.resolved_max_shots if spec is not None else None  # the device's advertised limit
                if row.program_id == "sampler":
                    result: Any = engine_runs.run_sampler(engine, pubs, options=options, max_shots=limit)
                else:
                    result = engine_runs.run_estimator(engine, pubs, options=options, max_shots=limit)
            except Exception as exc:
                logger.debug("local job %s failed", row.id, exc_info=True)
                status, result, reason = ERROR, None, f"{type(exc).__name__}: {exc}"
            elapsed, finished = time.perf_counter() - started, time.time()
            if status == DONE:
                # The caller gets its result now; encoding and storing it follow on the writer thread, while
                # the next job runs (``stored`` tells readers of the store when the row is final).
                with self._lock:
                    if not execution.cancelled:
                        execution.result = result
                        execution.done.set()
            assert self._writer is not None
            outcome = (status, result, reason, elapsed, finished, len(pubs))
            self._writer.submit(lambda: self._record(row, execution, *outcome))
            handed_off = True
        finally:
            if not handed_off:
                self._live.pop(row.id, None)
                execution.done.set()
                execution.stored.set()

    def _record(
        self,
        row: _JobRow,
        execution: _Execution,
        status: str,
        result: Any,
        reason: str | None,
        elapsed: float,
        finished: float,
        num_pubs: int,
    ) -> None:
        """Write a finished job's row (and its result in the wire format) on the writer thread."""
        from qrt import wire

        try:
            text = None
            if status == DONE and not row.private:
                try:
                    text = wire.result_to_json(result)
                except Exception as exc:  # the job did run: keep it DONE, say why there is no stored result
                    logger.warning("local job %s: the result could not be stored", row.id, exc_info=True)
                    reason = f"The result could not be stored: {type(exc).__name__}: {exc}"
            log = (f"Job {row.id} done: {num_pubs} pub(s) in {elapsed * 1000:.1f} ms." if status == DONE
                   else f"Job {row.id} failed: {reason}")
            # Conditional on RUNNING: a cancel that won the race keeps the job CANCELLED.
            self._require_store().finish(row.id, status, finished, from_states=(RUNNING,), result=text,
                                         reason=reason, log=log)
            if row.session_id is not None:
                self._session_job_ended(row.session_id)
        finally:
            self._live.pop(row.id, None)
            execution.done.set()
            execution.stored.set()

    # -- sessions (used by qrt.Session and qrt.Batch) ---------------------------------------------------

    def open_session(self, mode: Literal["dedicated", "batch"], backend_name: str, max_time: int | None) -> str:
        """Open a local session or batch on ``backend_name``; returns its id."""
        row = _SessionRow(id=uuid.uuid4().hex, mode=mode, backend=backend_name, max_time=max_time,
                          created=time.time())
        self._require_store().insert_session(row)
        return row.id

    def _session(self, session_id: str) -> _SessionRow:
        row = self._require_store().session(session_id)
        if row is None:
            raise NotFoundError(f"Local session {session_id!r} was not found in {self.store_path}.", status_code=404)
        return row

    def _expire(self, row: _SessionRow, now: float) -> _SessionRow:
        if row.closed is None and row.activated is not None and row.max_time is not None \
                and now >= row.activated + row.max_time:
            row = replace(row, closed=now, accepting=False, reason="max_time reached")
            store = self._require_store()
            store.update_session(row)
            store.cancel_session_jobs(row.id, now, f"The session reached its max_time of {row.max_time} s.")
        return row

    def _admit(self, session_id: str, backend_name: str, now: float) -> None:
        with self._lock:
            row = self._expire(self._session(session_id), now)
            if row.closed is not None or not row.accepting:
                raise SessionClosedError(
                    f"Session {session_id} is closed ({row.reason or 'closed by the user'}) and accepts no new jobs; "
                    "open a new Session or Batch.",
                    session_id=session_id,
                )
            if row.backend != backend_name:
                raise ConfigurationError(
                    f"Session {session_id} runs on {row.backend}; a job of it cannot use {backend_name}."
                )

    def _check_session_time(self, session_id: str) -> None:
        with self._lock:
            self._expire(self._session(session_id), time.time())  # past max_time, this cancels the queued jobs

    def _session_job_started(self, session_id: str) -> None:
        with self._lock:
            row = self._session(session_id)
            if row.activated is None:
                self._require_store().update_session(replace(row, activated=time.time()))

    def _session_job_ended(self, session_id: str) -> None:
        with self._lock:
            store = self._require_store()
            row = store.session(session_id)
            if row is not None and row.closed is None and not row.accepting and not store.session_pending(session_id):
                store.update_session(replace(row, closed=time.time(), reason=row.reason or "closed by the user"))

    def close_session(self, session_id: str) -> None:
        """Stop accepting jobs; the session closes when its queued jobs have run."""
        with self._lock:
            store = self._require_store()
            row = self._session(session_id)
            if row.closed is not None:
                return
            closed = None if store.session_pending(session_id) else time.time()
            store.update_session(replace(row, accepting=False, closed=closed, reason="closed by the user"))

    def cancel_session(self, session_id: str) -> None:
        """Close at once and cancel the session's queued jobs (a running one finishes)."""
        now = time.time()
        with self._lock:
            store = self._require_store()
            row = self._session(session_id)
            if row.closed is None:
                store.update_session(replace(row, accepting=False, closed=now, reason="cancelled by the user"))
            store.cancel_session_jobs(session_id, now, "The session was cancelled.")

    def session_details(self, session_id: str) -> dict[str, Any]:
        """The session's state in the shape of the service's session details."""
        with self._lock:
            row = self._expire(self._session(session_id), time.time())
            pending = self._require_store().session_pending(session_id)
        if row.closed is not None or (not row.accepting and not pending):
            state, status = "closed", "Closed"
        elif not row.accepting:
            state, status = "active", "In progress, not accepting new jobs"
        elif row.activated is None:
            state, status = "open", "Pending"
        elif not pending:
            # Active once, nothing queued or running now: the service calls this inactive ("Pending").
            state, status = "inactive", "Pending"
        else:
            state, status = "active", "In progress, accepting new jobs"
        return {
            "id": row.id,
            "backend_name": row.backend,
            "mode": row.mode,
            "state": state,
            "status": status,
            "state_reason": row.reason,
            "accepting_jobs": row.accepting and row.closed is None,
            "max_ttl": row.max_time,
            "started_at": _iso(row.created),
            "activated_at": _iso(row.activated),
            "closed_at": _iso(row.closed),
        }
