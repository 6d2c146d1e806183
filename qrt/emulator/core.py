"""The emulator's state, independent of HTTP: world, store, tokens, job runner, sessions, faults, request log.

:class:`Emulator` is what the ASGI app (``app.py``) serves and what ``running()`` (``server.py``) exposes to
tests. Start-up applies the crash policy: jobs found Running were cut off by a crash and become Failed (reason
code 1610); jobs found Queued are queued again.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qrt._filelock import LockTimeoutError, exclusive_lock
from qrt.emulator.faults import FaultConfig, FaultInjector, FaultRule
from qrt.emulator.iam import TokenIssuer
from qrt.emulator.runner import REASON_INTERRUPTED, Executor, JobRunner, execute_job
from qrt.emulator.sessions import SessionManager
from qrt.emulator.store import QUEUED, RUNNING, Store
from qrt.emulator.world import BACKEND_STATUSES, World, default_world
from qrt.errors import ConfigurationError

__all__ = ["BackendState", "Emulator", "RequestLog", "RequestRecord"]

log = logging.getLogger("qrt.emulator")

# Request headers the log keeps; Authorization is reduced to its scheme.
_LOGGED_HEADERS = (
    "service-crn",
    "ibm-api-version",
    "user-agent",
    "content-type",
    "accept",
    "x-qx-client-application",
    "parent-job-id",
)


@dataclass(frozen=True)
class RequestRecord:
    """One request the emulator received (never a token or API key)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    status: int | None = None
    time: float = 0.0

    @property
    def auth_scheme(self) -> str | None:
        """``Bearer``, ``apikey`` or ``None``: the scheme of the Authorization header."""
        return self.headers.get("authorization")


class RequestLog:
    """A bounded, thread-safe log of requests (most recent ``maxlen``)."""

    def __init__(self, maxlen: int = 10000) -> None:
        self._items: collections.deque[RequestRecord] = collections.deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def append(self, record: RequestRecord) -> None:
        """Add a record."""
        with self._lock:
            self._items.append(record)

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RequestRecord]:
        """The records, oldest first."""
        with self._lock:
            return list(self._items)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __getitem__(self, index: int) -> RequestRecord:
        with self._lock:
            return self._items[index]

    def matching(self, method: str | None = None, path: str | None = None) -> list[RequestRecord]:
        """Records with this method and/or exact path."""
        return [
            r
            for r in self.snapshot()
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]


def logged_headers(headers: Any) -> dict[str, str]:
    """The selected request headers for the log; Authorization becomes its scheme only."""
    kept = {name: headers[name] for name in _LOGGED_HEADERS if name in headers}
    auth = headers.get("authorization")
    if auth is not None:
        kept["authorization"] = auth.split(" ", 1)[0] if auth.strip() else ""
    return kept


@dataclass
class BackendState:
    """The service-side state of a backend, changeable at run time by tests."""

    status: str
    reason: str | None
    queue_length: int


class _MillisecondClock:
    """Epoch seconds at millisecond resolution, strictly increasing from call to call.

    Milliseconds are the resolution of the timestamps the API shows, so a time read from a response and sent
    back as a filter (``created_after=...``) compares exactly; strictly increasing keeps creation order
    unambiguous when two jobs arrive within one millisecond.
    """

    def __init__(self, source: Callable[[], float]) -> None:
        self._source = source
        self._last = 0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            ms = max(round(self._source() * 1000), self._last + 1)
            self._last = ms
        return ms / 1000


@dataclass
class _Counters:
    job_creations: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Emulator:
    """One emulated service: see the module docstring.

    ``db`` is a SQLite file or ``":memory:"``; ``token_ttl`` overrides the world's token lifetime; ``faults``
    adds to the world's faults; ``clock`` gives epoch seconds (tests may pass their own).
    """

    def __init__(
        self,
        world: World | None = None,
        *,
        db: str | Path = ":memory:",
        token_ttl: int | None = None,
        workers: int = 4,
        faults: FaultConfig | None = None,
        execute: Executor = execute_job,
        clock: Callable[[], float] = time.time,
        request_log_size: int = 10000,
    ) -> None:
        self.world = world if world is not None else default_world()
        self.clock: Callable[[], float] = _MillisecondClock(clock)
        # One emulator per database file: a second one would take the first one's running jobs for a crash's.
        self._db_lock = contextlib.ExitStack()
        if str(db) != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                self._db_lock.enter_context(exclusive_lock(f"{db}.lock", timeout=0))
            except LockTimeoutError:
                raise ConfigurationError(
                    f"Another emulator is using the database {db}. Stop it, or give this one another file "
                    "(--db FILE, or --db :memory:)."
                ) from None
        try:
            self.store = Store(db)
        except BaseException:
            self._db_lock.close()
            raise
        secret = self.store.meta_setdefault("token_secret", secrets.token_hex(32))
        self.issuer = TokenIssuer(bytes.fromhex(secret), token_ttl or self.world.token_ttl, clock=clock)
        self.requests = RequestLog(request_log_size)
        self._configured_faults = FaultConfig(
            latency=self.world.faults.latency + (faults.latency if faults else 0.0),
            rules=self.world.faults.rules + (faults.rules if faults else ()),
            seed=faults.seed if faults and faults.seed is not None else self.world.faults.seed,
        )
        # Faults stay off until the server is up, so start-up probes are never hit; see arm_faults().
        self.faults = FaultInjector()
        self._backend_lock = threading.Lock()
        self._backends = {
            name: BackendState(entry.status, entry.status_reason, entry.queue_length)
            for name, entry in self.world.backends.items()
        }
        self.sessions = SessionManager(self)
        self.runner = JobRunner(self, workers=workers, execute=execute)
        self._counters = _Counters()
        self._started = False
        self._cache_lock = threading.Lock()
        self._cache: dict[tuple[str, str], bytes] = {}

    def __repr__(self) -> str:
        return f"Emulator(world={self.world.source!r}, db={self.store.path!r})"

    # -- life cycle ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Apply the crash policy and start the job workers."""
        if self._started:
            return
        self._started = True
        now = self.clock()
        interrupted = [j.id for j in self.store.jobs_in_states([RUNNING])]
        if interrupted:
            self.store.fail_jobs(
                interrupted,
                now,
                "The emulator stopped while this job was running (it crashed or was killed); "
                "the job did not finish. Submit it again.",
                REASON_INTERRUPTED,
            )
            log.warning("marked %d job(s) interrupted by an earlier crash as Failed", len(interrupted))
        queued = [j.id for j in self.store.jobs_in_states([QUEUED])]
        self.runner.start(queued)

    def arm_faults(self) -> None:
        """Switch on the faults given at construction (the world's plus the ``faults`` argument)."""
        self.faults.load(self._configured_faults)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the workers (waiting up to ``timeout`` s) and close the store.

        Jobs still running after the wait go back to Queued: a clean shutdown is not a crash, and they run
        again when the emulator next starts on the same database.
        """
        if self.store.closed:
            return
        still_running = self.runner.stop(timeout) if self._started else []
        if still_running:
            requeued = self.store.requeue_running()
            log.warning("shut down with %d job(s) running; they are queued again", len(requeued))
        self.store.close()
        self._db_lock.close()

    # -- state used by the routes --------------------------------------------------------------------

    @property
    def job_creations(self) -> int:
        """How many jobs ``POST /v1/jobs`` created since this emulator started."""
        with self._counters.lock:
            return self._counters.job_creations

    def count_job_creation(self) -> None:
        """Count one created job."""
        with self._counters.lock:
            self._counters.job_creations += 1

    def backend_state(self, name: str) -> BackendState:
        """A copy of a backend's live state."""
        with self._backend_lock:
            state = self._backends[name]
            return BackendState(state.status, state.reason, state.queue_length)

    def backend_online(self, name: str) -> bool:
        """Whether the backend runs jobs now."""
        with self._backend_lock:
            state = self._backends.get(name)
            return state is not None and state.status == "online"

    def set_backend_status(
        self, name: str, status: str | None = None, *, queue_length: int | None = None, reason: str | None = None
    ) -> None:
        """Change a backend's status (``online``/``paused``/``offline``) or base queue length at run time."""
        if name not in self._backends:
            raise KeyError(f"no backend {name!r} in this world")
        if status is not None and status not in BACKEND_STATUSES:
            raise ValueError(f"status must be one of {', '.join(BACKEND_STATUSES)}")
        with self._backend_lock:
            state = self._backends[name]
            if status is not None:
                state.status = status
                state.reason = reason
            if queue_length is not None:
                state.queue_length = queue_length
        if status == "online":
            self.runner.release_held()

    def usage_period(self, ts: float | None = None) -> str:
        """The usage period (a calendar month, UTC) containing ``ts``: ``YYYY-MM``."""
        moment = datetime.fromtimestamp(self.clock() if ts is None else ts, UTC)
        return f"{moment.year:04d}-{moment.month:02d}"

    def usage_limit(self, crn: str) -> float | None:
        """The instance's effective usage limit in seconds: set through the API, else from the world."""
        overridden, value = self.store.instance_limit(crn)
        if overridden:
            return value
        instance = self.world.instance(crn)
        return None if instance is None else instance.usage_limit_seconds

    def cached(self, kind: str, name: str, build: Callable[[], bytes]) -> bytes:
        """A cached encoded document (configurations and properties are costly to build)."""
        key = (kind, name)
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        value = build()
        with self._cache_lock:
            self._cache.setdefault(key, value)
        return value

    def inject(self, rule: FaultRule) -> None:
        """Add a fault rule now."""
        self.faults.inject(rule)
