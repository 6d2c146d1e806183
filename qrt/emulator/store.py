"""The emulator's embedded SQLite store: jobs (with params, results and logs), sessions, usage and settings.

One connection shared by the event loop and the job workers, guarded by a lock; file databases use WAL so a
crash loses no committed write. Job state changes are conditional updates (``... WHERE status = 'Running'``),
so a cancel racing a finishing worker has exactly one winner.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qrt.errors import ConfigurationError

__all__ = ["FINAL_STATES", "JobRecord", "SessionRecord", "Store"]

QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED = "Queued", "Running", "Completed", "Failed", "Cancelled"
FINAL_STATES = frozenset({COMPLETED, FAILED, CANCELLED})
PENDING_STATES = (QUEUED, RUNNING)

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    instance TEXT NOT NULL,
    account_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    program_id TEXT NOT NULL,
    backend TEXT NOT NULL,
    session_id TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    reason_code INTEGER,
    reason_solution TEXT,
    created REAL NOT NULL,
    running REAL,
    finished REAL,
    params TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    log_level TEXT,
    runtime TEXT,
    private INTEGER NOT NULL DEFAULT 0,
    cost INTEGER,
    calibration_id TEXT,
    qpu_seconds REAL,
    caller TEXT,
    circuits_ns INTEGER,
    result TEXT,
    logs TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS jobs_by_instance ON jobs (instance, created);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status);
CREATE INDEX IF NOT EXISTS jobs_by_session ON jobs (session_id);
CREATE TABLE IF NOT EXISTS sessions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    instance TEXT NOT NULL,
    account_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    backend TEXT,
    mode TEXT NOT NULL,
    state TEXT NOT NULL,
    state_reason TEXT,
    accepting_jobs INTEGER NOT NULL,
    max_ttl INTEGER,
    interactive_ttl INTEGER,
    created REAL NOT NULL,
    activated_at REAL,
    closed_at REAL,
    last_job_started REAL,
    last_job_completed REAL,
    timestamps TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS sessions_by_instance ON sessions (instance, created);
CREATE TABLE IF NOT EXISTS usage (
    instance TEXT NOT NULL,
    period TEXT NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (instance, period)
);
CREATE TABLE IF NOT EXISTS instance_limits (instance TEXT PRIMARY KEY, limit_seconds REAL);
"""

_JOB_COLUMNS = (
    "seq, id, instance, account_id, user_id, program_id, backend, session_id, status, reason, reason_code, "
    "reason_solution, created, running, finished, params, tags, log_level, runtime, private, cost, "
    "calibration_id, qpu_seconds, caller, circuits_ns"
)
_SESSION_COLUMNS = (
    "id, instance, account_id, user_id, backend, mode, state, state_reason, accepting_jobs, max_ttl, "
    "interactive_ttl, created, activated_at, closed_at, last_job_started, last_job_completed, timestamps"
)


@dataclass(frozen=True)
class JobRecord:
    """One job row, without its (possibly large) result and logs."""

    id: str
    instance: str
    account_id: str
    user_id: str
    program_id: str
    backend: str
    status: str
    created: float
    params: str
    session_id: str | None = None
    reason: str | None = None
    reason_code: int | None = None
    reason_solution: str | None = None
    running: float | None = None
    finished: float | None = None
    tags: tuple[str, ...] = ()
    log_level: str | None = None
    runtime: str | None = None
    private: bool = False
    cost: int | None = None
    calibration_id: str | None = None
    qpu_seconds: float | None = None
    caller: str | None = None
    circuits_ns: int | None = None
    seq: int = 0

    @property
    def final(self) -> bool:
        """Whether the job reached Completed, Failed or Cancelled."""
        return self.status in FINAL_STATES


@dataclass(frozen=True)
class SessionRecord:
    """One session (or batch) row."""

    id: str
    instance: str
    account_id: str
    user_id: str
    mode: str
    state: str
    accepting_jobs: bool
    created: float
    backend: str | None = None
    state_reason: str | None = None
    max_ttl: int | None = None
    interactive_ttl: int | None = None
    activated_at: float | None = None
    closed_at: float | None = None
    last_job_started: float | None = None
    last_job_completed: float | None = None
    timestamps: tuple[tuple[str, float], ...] = field(default=())


@dataclass(frozen=True)
class JobQuery:
    """Filters of ``GET /jobs`` (all optional) and its paging."""

    instance: str
    pending: bool | None = None
    program: str | None = None
    backend: str | None = None
    session_id: str | None = None
    created_after: float | None = None
    created_before: float | None = None
    tags: tuple[str, ...] = ()
    ascending: bool = False
    limit: int = 200
    offset: int = 0


def new_id() -> str:
    """A fresh job or session id: 20 lowercase letters and digits, like the service's."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "d" + "".join(secrets.choice(alphabet) for _ in range(19))


class Store:
    """The SQLite store. ``path`` is a file name or ``":memory:"``."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            # The database holds the token-signing secret and every job: private to this user.
            Path(self.path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
            except OSError as exc:
                raise ConfigurationError(f"cannot open the emulator database {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        try:
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30.0
            )
            self._conn.row_factory = sqlite3.Row
            self._migrate()
        except sqlite3.Error as exc:
            raise ConfigurationError(f"cannot open the emulator database {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        # Pragmas and executescript manage their own transactions, so this runs outside _write().
        with self._read() as conn:
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                raise ConfigurationError(
                    f"emulator database {self.path} has schema version {version}; this qrt reads version "
                    f"{_SCHEMA_VERSION}. Use another --db file."
                )
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

    # -- plumbing ------------------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise StoreClosedError("the emulator store is closed")
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise StoreClosedError("the emulator store is closed")
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._conn is None

    def close(self) -> None:
        """Close the connection; later calls raise :class:`StoreClosedError`."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- meta ----------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        """A stored setting."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def meta_setdefault(self, key: str, value: str) -> str:
        """Store ``value`` under ``key`` unless a value is there; return the stored value."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0])

    # -- jobs ----------------------------------------------------------------------------------------

    def insert_job(self, job: JobRecord) -> JobRecord:
        """Insert a new job; returns it with its sequence number."""
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO jobs (id, instance, account_id, user_id, program_id, backend, session_id, status,"
                " created, params, tags, log_level, runtime, private, cost, calibration_id, caller)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job.id,
                    job.instance,
                    job.account_id,
                    job.user_id,
                    job.program_id,
                    job.backend,
                    job.session_id,
                    job.status,
                    job.created,
                    job.params,
                    json.dumps(list(job.tags)),
                    job.log_level,
                    job.runtime,
                    int(job.private),
                    job.cost,
                    job.calibration_id,
                    job.caller,
                ),
            )
        return _replace(job, seq=int(cursor.lastrowid or 0))

    def job(self, job_id: str) -> JobRecord | None:
        """The job with this id."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def jobs(self, query: JobQuery) -> tuple[list[JobRecord], int]:
        """One page of jobs matching ``query`` and the total number of matches."""
        where: list[str] = ["instance = ?"]
        args: list[Any] = [query.instance]
        if query.pending is True:
            where.append("status IN (?, ?)")
            args += list(PENDING_STATES)
        elif query.pending is False:
            where.append("status NOT IN (?, ?)")
            args += list(PENDING_STATES)
        for column, value in (
            ("program_id", query.program),
            ("backend", query.backend),
            ("session_id", query.session_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if query.created_after is not None:
            where.append("created > ?")
            args.append(query.created_after)
        if query.created_before is not None:
            where.append("created < ?")
            args.append(query.created_before)
        for tag in query.tags:
            where.append("EXISTS (SELECT 1 FROM json_each(jobs.tags) WHERE json_each.value = ?)")
            args.append(tag)
        clause = " AND ".join(where)
        order = "ASC" if query.ascending else "DESC"
        with self._read() as conn:
            count = conn.execute(f"SELECT COUNT(*) FROM jobs WHERE {clause}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE {clause} ORDER BY created {order}, seq {order}"
                " LIMIT ? OFFSET ?",
                [*args, query.limit, query.offset],
            ).fetchall()
        return [_job(r) for r in rows], int(count)

    def all_jobs(self, instance: str) -> list[JobRecord]:
        """Every job of an instance, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE instance = ? ORDER BY created, seq", (instance,)
            ).fetchall()
        return [_job(r) for r in rows]

    def jobs_in_states(self, states: Sequence[str]) -> list[JobRecord]:
        """Jobs in any of ``states``, oldest first (used at start-up and by the runner)."""
        marks = ", ".join("?" for _ in states)
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE status IN ({marks}) ORDER BY created, seq", list(states)
            ).fetchall()
        return [_job(r) for r in rows]

    def pending_counts(self) -> dict[str, int]:
        """Queued plus running jobs per backend."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT backend, COUNT(*) FROM jobs WHERE status IN (?, ?) GROUP BY backend", PENDING_STATES
            ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def mark_running(self, job_id: str, now: float) -> bool:
        """Queued -> Running; False when the job is no longer queued."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET status = ?, running = ? WHERE id = ? AND status = ?",
                (RUNNING, now, job_id, QUEUED),
            )
        return cursor.rowcount == 1

    def finish_job(
        self,
        job_id: str,
        *,
        status: str,
        now: float,
        result: str | None = None,
        reason: str | None = None,
        reason_code: int | None = None,
        reason_solution: str | None = None,
        qpu_seconds: float | None = None,
        circuits_ns: int | None = None,
        usage_period: str | None = None,
    ) -> bool:
        """Running -> a final state, with its result or reason; charges usage in the same transaction.

        False (and nothing written) when the job is no longer running, e.g. it was cancelled meanwhile.
        """
        with self._write() as conn:
            row = conn.execute("SELECT instance FROM jobs WHERE id = ? AND status = ?", (job_id, RUNNING)).fetchone()
            if row is None:
                return False
            conn.execute(
                "UPDATE jobs SET status = ?, finished = ?, result = ?, reason = ?, reason_code = ?,"
                " reason_solution = ?, qpu_seconds = ?, circuits_ns = ? WHERE id = ?",
                (status, now, result, reason, reason_code, reason_solution, qpu_seconds, circuits_ns, job_id),
            )
            if qpu_seconds and usage_period:
                conn.execute(
                    "INSERT INTO usage (instance, period, seconds) VALUES (?, ?, ?)"
                    " ON CONFLICT (instance, period) DO UPDATE SET seconds = seconds + excluded.seconds",
                    (row[0], usage_period, qpu_seconds),
                )
        return True

    def cancel_job(self, job_id: str, now: float, reason: str | None = None) -> str | None:
        """Cancel a queued or running job; returns the state it had (``None`` if it does not exist).

        A final job is left as it is; the caller tells by the returned state.
        """
        with self._write() as conn:
            row = conn.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            status = str(row[0])
            if status in PENDING_STATES:
                conn.execute(
                    "UPDATE jobs SET status = ?, finished = ?, reason = ? WHERE id = ?",
                    (CANCELLED, now, reason, job_id),
                )
        return status

    def fail_jobs(self, job_ids: Iterable[str], now: float, reason: str, reason_code: int) -> int:
        """Mark jobs Failed (those still pending); returns how many changed."""
        changed = 0
        with self._write() as conn:
            for job_id in job_ids:
                cursor = conn.execute(
                    "UPDATE jobs SET status = ?, finished = ?, reason = ?, reason_code = ?"
                    " WHERE id = ? AND status IN (?, ?)",
                    (FAILED, now, reason, reason_code, job_id, *PENDING_STATES),
                )
                changed += cursor.rowcount
        return changed

    def requeue_running(self) -> list[str]:
        """Put jobs left Running back to Queued (after a clean shutdown cut them short)."""
        with self._write() as conn:
            rows = conn.execute("SELECT id FROM jobs WHERE status = ?", (RUNNING,)).fetchall()
            conn.execute("UPDATE jobs SET status = ?, running = NULL WHERE status = ?", (QUEUED, RUNNING))
        return [str(r[0]) for r in rows]

    def delete_job(self, job_id: str) -> bool:
        """Delete a final job; False if it is missing or not final."""
        with self._write() as conn:
            cursor = conn.execute(
                "DELETE FROM jobs WHERE id = ? AND status IN (?, ?, ?)", (job_id, *sorted(FINAL_STATES))
            )
        return cursor.rowcount == 1

    def set_tags(self, job_id: str, tags: Sequence[str]) -> bool:
        """Replace a job's tags."""
        with self._write() as conn:
            cursor = conn.execute("UPDATE jobs SET tags = ? WHERE id = ?", (json.dumps(list(tags)), job_id))
        return cursor.rowcount == 1

    def job_result(self, job_id: str) -> str | None:
        """The stored result (or error) text of a job."""
        with self._read() as conn:
            row = conn.execute("SELECT result FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def drop_result(self, job_id: str) -> None:
        """Forget a job's result and params (private jobs are read once)."""
        with self._write() as conn:
            conn.execute("UPDATE jobs SET result = NULL, params = '{}' WHERE id = ?", (job_id,))

    def append_log(self, job_id: str, line: str) -> None:
        """Add one line to a job's log."""
        with self._write() as conn:
            conn.execute("UPDATE jobs SET logs = logs || ? WHERE id = ?", (line.rstrip("\n") + "\n", job_id))

    def job_logs(self, job_id: str) -> str | None:
        """A job's log text."""
        with self._read() as conn:
            row = conn.execute("SELECT logs FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else str(row[0])

    def job_tags(self, instance: str) -> list[str]:
        """Every distinct tag used on the instance's jobs."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT DISTINCT json_each.value FROM jobs, json_each(jobs.tags) WHERE jobs.instance = ?",
                (instance,),
            ).fetchall()
        return sorted(str(r[0]) for r in rows)

    def session_job_states(self, session_id: str) -> list[str]:
        """States of the jobs of a session."""
        with self._read() as conn:
            rows = conn.execute("SELECT status FROM jobs WHERE session_id = ?", (session_id,)).fetchall()
        return [str(r[0]) for r in rows]

    def cancel_session_jobs(self, session_id: str, now: float, reason: str) -> list[str]:
        """Cancel a session's queued jobs; returns their ids."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT id FROM jobs WHERE session_id = ? AND status = ?", (session_id, QUEUED)
            ).fetchall()
            conn.execute(
                "UPDATE jobs SET status = ?, finished = ?, reason = ? WHERE session_id = ? AND status = ?",
                (CANCELLED, now, reason, session_id, QUEUED),
            )
        return [str(r[0]) for r in rows]

    # -- sessions ------------------------------------------------------------------------------------

    def insert_session(self, session: SessionRecord) -> None:
        """Insert a new session."""
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES ({', '.join('?' * 17)})",
                _session_values(session),
            )

    def session(self, session_id: str) -> SessionRecord | None:
        """The session with this id."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return None if row is None else _session(row)

    def sessions(self, instance: str) -> list[SessionRecord]:
        """Every session of an instance, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE instance = ? ORDER BY created, seq", (instance,)
            ).fetchall()
        return [_session(r) for r in rows]

    def update_session(self, session: SessionRecord) -> None:
        """Write back a changed session."""
        with self._write() as conn:
            conn.execute(
                f"UPDATE sessions SET ({_SESSION_COLUMNS}) = ({', '.join('?' * 17)}) WHERE id = ?",
                (*_session_values(session), session.id),
            )

    # -- usage and limits ----------------------------------------------------------------------------

    def usage_seconds(self, instance: str, period: str) -> float:
        """Usage consumed by an instance in a period (``YYYY-MM``)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT seconds FROM usage WHERE instance = ? AND period = ?", (instance, period)
            ).fetchone()
        return 0.0 if row is None else float(row[0])

    def instance_limit(self, instance: str) -> tuple[bool, float | None]:
        """``(True, limit)`` when a limit was set through the API (``None`` = removed), else ``(False, None)``."""
        with self._read() as conn:
            row = conn.execute("SELECT limit_seconds FROM instance_limits WHERE instance = ?", (instance,)).fetchone()
        if row is None:
            return False, None
        return True, None if row[0] is None else float(row[0])

    def set_instance_limit(self, instance: str, limit: float | None) -> None:
        """Record an instance limit set through the API (``None`` removes the limit)."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO instance_limits (instance, limit_seconds) VALUES (?, ?)"
                " ON CONFLICT (instance) DO UPDATE SET limit_seconds = excluded.limit_seconds",
                (instance, limit),
            )


class StoreClosedError(RuntimeError):
    """The store was used after :meth:`Store.close`."""


def _job(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        seq=row["seq"],
        id=row["id"],
        instance=row["instance"],
        account_id=row["account_id"],
        user_id=row["user_id"],
        program_id=row["program_id"],
        backend=row["backend"],
        session_id=row["session_id"],
        status=row["status"],
        reason=row["reason"],
        reason_code=row["reason_code"],
        reason_solution=row["reason_solution"],
        created=row["created"],
        running=row["running"],
        finished=row["finished"],
        params=row["params"],
        tags=tuple(json.loads(row["tags"])),
        log_level=row["log_level"],
        runtime=row["runtime"],
        private=bool(row["private"]),
        cost=row["cost"],
        calibration_id=row["calibration_id"],
        qpu_seconds=row["qpu_seconds"],
        caller=row["caller"],
        circuits_ns=row["circuits_ns"],
    )


def _session(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        instance=row["instance"],
        account_id=row["account_id"],
        user_id=row["user_id"],
        backend=row["backend"],
        mode=row["mode"],
        state=row["state"],
        state_reason=row["state_reason"],
        accepting_jobs=bool(row["accepting_jobs"]),
        max_ttl=row["max_ttl"],
        interactive_ttl=row["interactive_ttl"],
        created=row["created"],
        activated_at=row["activated_at"],
        closed_at=row["closed_at"],
        last_job_started=row["last_job_started"],
        last_job_completed=row["last_job_completed"],
        timestamps=tuple((str(s), float(t)) for s, t in json.loads(row["timestamps"])),
    )


def _session_values(s: SessionRecord) -> tuple[Any, ...]:
    return (
        s.id,
        s.instance,
        s.account_id,
        s.user_id,
        s.backend,
        s.mode,
        s.state,
        s.state_reason,
        int(s.accepting_jobs),
        s.max_ttl,
        s.interactive_ttl,
        s.created,
        s.activated_at,
        s.closed_at,
        s.last_job_started,
        s.last_job_completed,
        json.dumps([list(t) for t in s.timestamps]),
    )


def _replace(job: JobRecord, **changes: Any) -> JobRecord:
    import dataclasses

    return dataclasses.replace(job, **changes)
