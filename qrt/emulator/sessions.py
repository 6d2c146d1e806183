"""Sessions and batches: their life cycle and how jobs join them.

States: ``open`` (created, no job started yet) -> ``active`` (a job of it is queued or running) ->
``inactive`` (nothing pending, still accepting jobs) -> ``closed``. ``PATCH accepting_jobs=false`` closes
gracefully (queued jobs still run, the session closes when the last one ends); ``DELETE .../close`` closes at
once and cancels queued jobs. A session also closes, cancelling its queued jobs, once ``max_ttl`` seconds have
passed since its first job started.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from qrt.emulator.common import ApiProblem
from qrt.emulator.store import PENDING_STATES, JobRecord, SessionRecord, new_id

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["DEFAULT_MAX_TTL", "SessionManager"]

DEFAULT_MAX_TTL = 28800
DEDICATED_INTERACTIVE_TTL = 60


class SessionManager:
    """Reads and changes sessions; one lock makes every read-modify-write atomic."""

    def __init__(self, emulator: Emulator) -> None:
        self._emu = emulator
        self._lock = threading.RLock()

    @contextmanager
    def guard(self, job: JobRecord) -> Iterator[None]:
        """Hold the session lock while a session's job changes state and the session follows.

        Readers of the session take the same lock, so a client that sees the job final also sees the session
        updated.
        """
        if job.session_id is None:
            yield
            return
        with self._lock:
            yield

    def create(
        self, *, instance: str, account_id: str, user_id: str, mode: str, backend: str | None, max_ttl: int
    ) -> SessionRecord:
        """Open a new session or batch."""
        now = self._emu.clock()
        session = SessionRecord(
            id=new_id(),
            instance=instance,
            account_id=account_id,
            user_id=user_id,
            mode=mode,
            state="open",
            accepting_jobs=True,
            created=now,
            backend=backend,
            max_ttl=max_ttl,
            interactive_ttl=DEDICATED_INTERACTIVE_TTL if mode == "dedicated" else None,
            timestamps=(("open", now),),
        )
        self._emu.store.insert_session(session)
        return session

    def get(self, session_id: str) -> SessionRecord | None:
        """The session, after closing it if its ``max_ttl`` has passed."""
        with self._lock:
            session = self._emu.store.session(session_id)
            if session is None:
                return None
            return self._expire(session)

    def _expire(self, session: SessionRecord) -> SessionRecord:
        if session.state == "closed" or session.activated_at is None or session.max_ttl is None:
            return session
        now = self._emu.clock()
        if now < session.activated_at + session.max_ttl:
            return session
        self._emu.store.cancel_session_jobs(session.id, now, "The session reached its maximum time to live.")
        return self._save(
            session, state="closed", accepting_jobs=False, closed_at=now, state_reason="max TTL reached", now=now
        )

    def _save(self, session: SessionRecord, *, now: float, **changes: object) -> SessionRecord:
        state = changes.get("state", session.state)
        timestamps = session.timestamps
        if state != session.state:
            timestamps = (*timestamps, (str(state), now))
        updated = dataclasses.replace(session, timestamps=timestamps, **changes)  # type: ignore[arg-type]
        self._emu.store.update_session(updated)
        return updated

    def admit(self, session_id: str, instance: str, backend: str) -> SessionRecord:
        """Check that a new job on ``backend`` may join the session; bind the session's backend if unset."""
        with self._lock:
            session = self.get(session_id)
            if session is None or session.instance != instance:
                raise ApiProblem(404, f"Session {session_id} was not found in this instance.", code="session_not_found")
            if session.state == "closed" or not session.accepting_jobs:
                raise ApiProblem(
                    409,
                    f"Session {session_id} is closed and accepts no new jobs. Open a new session.",
                    code="session_closed",
                )
            if session.backend is not None and session.backend != backend:
                raise ApiProblem(
                    400,
                    f"Session {session_id} runs on backend {session.backend}; a job of it cannot use {backend}.",
                    code="session_backend_mismatch",
                )
            if session.backend is None:
                session = self._save(session, backend=backend, now=self._emu.clock())
            return session

    def job_started(self, job: JobRecord, now: float) -> None:
        """A job of the session started running."""
        if job.session_id is None:
            return
        with self._lock:
            session = self._emu.store.session(job.session_id)
            if session is None or session.state == "closed":
                return
            changes: dict[str, object] = {"last_job_started": now, "state": "active"}
            if session.activated_at is None:
                changes["activated_at"] = now
            self._save(session, now=now, **changes)

    def job_finished(self, job: JobRecord, now: float) -> None:
        """A job of the session ended; the session goes inactive, or closes if it stopped accepting jobs."""
        if job.session_id is None:
            return
        with self._lock:
            session = self._emu.store.session(job.session_id)
            if session is None or session.state == "closed":
                return
            pending = any(s in PENDING_STATES for s in self._emu.store.session_job_states(session.id))
            changes: dict[str, object] = {"last_job_completed": now}
            if not pending:
                if session.accepting_jobs:
                    changes["state"] = "inactive"
                else:
                    changes.update(state="closed", closed_at=now, state_reason="closed by the user")
            self._save(session, now=now, **changes)

    def set_accepting(self, session_id: str, instance: str, accepting: bool) -> None:
        """``PATCH``: stop (or resume) taking jobs."""
        with self._lock:
            session = self._owned(session_id, instance)
            now = self._emu.clock()
            if session.state == "closed":
                if accepting:
                    # The session's state does not allow this: a conflict.
                    raise ApiProblem(
                        409, f"Session {session_id} is closed and cannot accept jobs again.", code="session_closed"
                    )
                return
            if accepting:
                self._save(session, accepting_jobs=True, now=now)
                return
            pending = any(s in PENDING_STATES for s in self._emu.store.session_job_states(session.id))
            if pending:
                self._save(session, accepting_jobs=False, now=now)
            else:
                self._save(
                    session,
                    accepting_jobs=False,
                    state="closed",
                    closed_at=now,
                    state_reason="closed by the user",
                    now=now,
                )

    def close_now(self, session_id: str, instance: str) -> None:
        """``DELETE .../close``: close at once and cancel the queued jobs (running ones finish)."""
        with self._lock:
            session = self._owned(session_id, instance)
            if session.state == "closed":
                return
            now = self._emu.clock()
            self._emu.store.cancel_session_jobs(session.id, now, "The session was cancelled.")
            self._save(
                session,
                accepting_jobs=False,
                state="closed",
                closed_at=now,
                state_reason="cancelled by the user",
                now=now,
            )

    def _owned(self, session_id: str, instance: str) -> SessionRecord:
        session = self.get(session_id)
        if session is None or session.instance != instance:
            raise ApiProblem(404, f"Session {session_id} was not found in this instance.", code="session_not_found")
        return session
