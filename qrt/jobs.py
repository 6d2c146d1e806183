"""Jobs: status mapping, job objects, paging and waiting.

Statuses use the official SDK's names: the API's ``Queued``, ``Running``, ``Completed``, ``Failed`` and
``Cancelled`` become ``QUEUED``, ``RUNNING``, ``DONE``, ``ERROR`` and ``CANCELLED`` (a cancellation for running too
long, reason code 1305, is ``ERROR``); any other value passes through upper-cased.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from qrt.errors import ConfigurationError, JobCancelledError, JobFailedError, JobTimeoutError, NotFoundError

if TYPE_CHECKING:
    from qiskit.providers import BackendV2

    from qrt_api import Client

__all__ = [
    "FINAL_STATUSES",
    "MAX_PAGE",
    "JobContext",
    "ProgressCallback",
    "RuntimeJob",
    "iter_job_pages",
    "poll_until_final",
    "status_from_api",
]

logger = logging.getLogger("qrt.jobs")

FINAL_STATUSES = frozenset({"DONE", "CANCELLED", "ERROR"})
MAX_PAGE = 200  # the API's largest /jobs page
RAN_TOO_LONG = 1305
_API_TO_STATUS = {"QUEUED": "QUEUED", "RUNNING": "RUNNING", "COMPLETED": "DONE", "FAILED": "ERROR",
                  "CANCELLED": "CANCELLED"}

ProgressCallback = Callable[[str, str, float], None]


def status_from_api(status: str, reason_code: int | None = None) -> str:
    """Map an API job status to the official SDK's status name."""
    upper = status.strip().upper()
    if upper.startswith("CANCELLED") and (reason_code == RAN_TOO_LONG or "RAN TOO LONG" in upper):
        return "ERROR"
    return _API_TO_STATUS.get(upper, upper)


class JobContext(Protocol):
    """What a job needs from its Service: the API client of an instance, and backend objects."""

    def api_for(self, crn: str) -> Client: ...

    def backend(self, name: str, instance: str | None = None) -> BackendV2: ...


def _utc(value: dt.datetime) -> dt.datetime:
    # Naive datetimes are local time, as in the official SDK.
    return value.astimezone(dt.UTC) if value.tzinfo else value.astimezone().astimezone(dt.UTC)


def _print_progress(job_id: str, status: str, elapsed: float) -> None:
    print(f"job {job_id}: {status} after {elapsed:.1f} s", file=sys.stderr, flush=True)


class RuntimeJob:
    """A Qiskit Runtime job. Safe to share between threads."""

    def __init__(self, context: JobContext, instance: str, data: Mapping[str, Any]) -> None:
        self._context = context
        self._instance = instance
        self._lock = threading.Lock()
        self._data: dict[str, Any] = dict(data)
        self._result_text: str | None = None
        self._inputs: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<RuntimeJob {self.job_id()!r} {self._status_of(self._data)}>"

    # -- attributes -----------------------------------------------------------------------------------------

    def job_id(self) -> str:
        return str(self._data["id"])

    @property
    def instance(self) -> str:
        """The CRN of the instance the job ran in."""
        return self._instance

    @property
    def primitive_id(self) -> str:
        program = self._data.get("program")
        return str(program.get("id")) if isinstance(program, Mapping) else str(self._data.get("program_id", ""))

    @property
    def session_id(self) -> str | None:
        value = self._data.get("session_id")
        return str(value) if value else None

    @property
    def tags(self) -> list[str]:
        return list(self._data.get("tags") or [])

    @property
    def creation_date(self) -> dt.datetime | None:
        created = self._data.get("created")
        if isinstance(created, dt.datetime):
            return created
        if isinstance(created, str):
            return dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        return None

    @property
    def backend_name(self) -> str | None:
        value = self._data.get("backend")
        return str(value) if value else None

    def backend(self) -> BackendV2:
        """The backend the job ran on."""
        name = self.backend_name
        if name is None:
            raise ConfigurationError(f"Job {self.job_id()} has no backend yet.")
        return self._context.backend(name, instance=self._instance)

    @property
    def inputs(self) -> dict[str, Any]:
        """The job's ``params`` as submitted, decoded from the wire format (fetched once)."""
        if self._inputs is None:
            from qrt import wire
            from qrt_api.api.jobs import get_job

            found = get_job.sync(self.job_id(), client=self._api(), exclude_params=False)
            params = found.to_dict().get("params", {}) if found is not None and hasattr(found, "to_dict") else {}
            self._inputs = wire.loads(json.dumps(params)) if params else {}
        return self._inputs

    # -- status ---------------------------------------------------------------------------------------------

    @staticmethod
    def _status_of(data: Mapping[str, Any]) -> str:
        state = data.get("state")
        if isinstance(state, Mapping) and state.get("status"):
            return status_from_api(str(state["status"]), state.get("reason_code"))
        return status_from_api(str(data.get("status") or "INITIALIZING"))

    def _api(self) -> Client:
        return self._context.api_for(self._instance)

    def refresh(self) -> None:
        """Fetch the job's details again."""
        from qrt_api.api.jobs import get_job

        found = get_job.sync(self.job_id(), client=self._api(), exclude_params=True)
        if found is not None and hasattr(found, "to_dict"):
            with self._lock:
                self._data.update(found.to_dict())

    def status(self) -> str:
        """The current status; a request unless the job already reached a final status."""
        if self._status_of(self._data) not in FINAL_STATUSES:
            self.refresh()
        return self._status_of(self._data)

    def done(self) -> bool:
        return self.status() == "DONE"

    def in_final_state(self) -> bool:
        return self.status() in FINAL_STATUSES

    def error_message(self) -> str | None:
        """The server's reason when the job failed or was cancelled, else None."""
        if self.status() not in {"ERROR", "CANCELLED"}:
            return None
        state = self._data.get("state")
        reason = state.get("reason") if isinstance(state, Mapping) else None
        return str(reason) if reason else f"Job {self.job_id()} ended {self.status()}."

    def wait_for_final_state(
        self,
        timeout: float | None = None,
        *,
        progress: bool | ProgressCallback = False,
        poll_interval: float = 0.2,
        max_poll_interval: float = 2.0,
    ) -> str:
        """Poll until the job is final; return its status.

        ``progress=True`` prints each status change to stderr; a callable receives ``(job_id, status, elapsed)``.
        Raises :class:`~qrt.errors.JobTimeoutError` after ``timeout`` seconds (the job itself goes on).
        """
        return poll_until_final(self.job_id(), self.status, timeout=timeout, progress=progress,
                                poll_interval=poll_interval, max_poll_interval=max_poll_interval)

    # -- results and actions --------------------------------------------------------------------------------

    def result_text(self, timeout: float | None = None) -> str:
        """The raw results body once the job is done (wire-format JSON)."""
        status = self.wait_for_final_state(timeout)
        if status == "CANCELLED":
            raise JobCancelledError(f"Job {self.job_id()} was cancelled; it has no result.", job_id=self.job_id())
        if status == "ERROR":
            state = self._data.get("state") if isinstance(self._data.get("state"), Mapping) else {}
            reason = state.get("reason") if state else None
            code = state.get("reason_code") if state else None
            raise JobFailedError(
                f"Job {self.job_id()} failed: {reason or 'no reason given'}"
                + (f" (code {code})" if code else "")
                + (f". {state.get('reason_solution')}" if state and state.get("reason_solution") else ""),
                job_id=self.job_id(),
                reason=str(reason) if reason else None,
                reason_code=int(code) if isinstance(code, int) else None,
            )
        if self._result_text is None:
            from qrt_api.api.jobs import get_job_results

            response = get_job_results.sync_detailed(self.job_id(), client=self._api())
            self._result_text = response.content.decode("utf-8")
        return self._result_text

    def result(self, timeout: float | None = None) -> Any:
        """Wait for the job and return its decoded result (a ``PrimitiveResult`` for Sampler and Estimator)."""
        from qrt import wire

        text = self.result_text(timeout)
        if not text.strip():
            return None
        if self.primitive_id in {"sampler", "estimator"}:
            return wire.result_from_json(text)
        return wire.loads(text)

    def cancel(self) -> None:
        """Cancel the job. A job already final raises :class:`~qrt.errors.ConflictError`."""
        from qrt_api.api.jobs import cancel_job

        cancel_job.sync_detailed(self.job_id(), client=self._api())
        self.refresh()

    def logs(self) -> str:
        """The job's log text ("" when it has none)."""
        from qrt_api.api.jobs import get_job_logs

        try:
            return get_job_logs.sync_detailed(self.job_id(), client=self._api()).content.decode("utf-8")
        except NotFoundError:
            return ""

    def metrics(self) -> dict[str, Any]:
        """Timestamps, usage and other metrics of the job."""
        from qrt_api.api.jobs import get_job_metrics

        found = get_job_metrics.sync(self.job_id(), client=self._api())
        return found.to_dict() if found is not None and hasattr(found, "to_dict") else {}

    def usage(self) -> float:
        """Quantum seconds charged for the job (0 while the charge is pending)."""
        usage = self.metrics().get("usage") or {}
        if usage.get("status") == "pending":
            return 0.0
        return float(usage.get("qpu_charge_time_seconds") or 0.0)

    def update_tags(self, new_tags: Sequence[str]) -> list[str]:
        """Replace the job's tags; returns them as the server now has them."""
        from qrt_api.api.jobs import replace_job_tags
        from qrt_api.models import JobTagsUpdate

        tags = _check_tags(new_tags, "new_tags")
        replace_job_tags.sync_detailed(self.job_id(), client=self._api(), body=JobTagsUpdate(tags=tags))
        self.refresh()
        return self.tags


def poll_until_final(
    job_id: str,
    status: Callable[[], str],
    *,
    timeout: float | None,
    progress: bool | ProgressCallback = False,
    poll_interval: float = 0.2,
    max_poll_interval: float = 2.0,
    sleep: Callable[[float], object] = time.sleep,
) -> str:
    """Call ``status()`` until it is final, waiting longer between calls (up to ``max_poll_interval``).

    Reports each change to ``progress`` (True: a line on stderr) and logs it at DEBUG. Raises
    :class:`~qrt.errors.JobTimeoutError` after ``timeout`` seconds. ``sleep`` may return early (a job finishing
    in this process wakes it).
    """
    report: ProgressCallback | None = _print_progress if progress is True else progress or None
    start = time.monotonic()
    interval = poll_interval
    last = None
    while True:
        current = status()
        elapsed = time.monotonic() - start
        if current != last:
            logger.debug("job %s: %s after %.1f s", job_id, current, elapsed)
            if report is not None:
                report(job_id, current, elapsed)
            last = current
        if current in FINAL_STATUSES:
            return current
        if timeout is not None and elapsed >= timeout:
            raise JobTimeoutError(
                f"Job {job_id} is still {current} after {timeout:g} s; it goes on running. Call "
                "result() or wait_for_final_state() again to keep waiting.",
                job_id=job_id,
            )
        sleep(interval if timeout is None else min(interval, max(0.0, timeout - elapsed)))
        interval = min(max_poll_interval, interval * 1.5)


def _check_tags(tags: object, what: str) -> list[str]:
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        raise ConfigurationError(f"{what} must be a list of strings, got {tags!r}.")
    return list(dict.fromkeys(tags))  # de-duplicated, order kept


def iter_job_pages(
    api: Client,
    *,
    limit: int | None,
    skip: int = 0,
    backend_name: str | None = None,
    pending: bool | None = None,
    program_id: str | None = None,
    job_tags: Sequence[str] | None = None,
    session_id: str | None = None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
    descending: bool = True,
    max_pages: int = 100_000,
) -> Iterator[dict[str, Any]]:
    """Yield job JSON objects page by page: ``limit`` jobs, or every job when ``limit`` is None.

    Pages are as large as the API allows (200), so N jobs cost ceil(N/200) requests. Stops on a short or empty page,
    at the server's count, or after ``max_pages``.
    """
    from qrt_api.api.jobs import list_jobs
    from qrt_api.types import UNSET

    if limit is not None and limit < 0:
        raise ConfigurationError(f"limit must be >= 0 or None, got {limit}.")
    if skip < 0:
        raise ConfigurationError(f"skip must be >= 0, got {skip}.")
    tags = _check_tags(job_tags, "job_tags") if job_tags is not None else None
    offset = skip
    remaining = limit
    for _ in range(max_pages):
        if remaining is not None and remaining <= 0:
            return
        size = MAX_PAGE if remaining is None else min(MAX_PAGE, remaining)
        page = list_jobs.sync(
            client=api,
            limit=size,
            offset=offset,
            pending=pending if pending is not None else UNSET,
            program=program_id or UNSET,
            backend=backend_name or UNSET,
            created_after=_utc(created_after) if created_after else UNSET,
            created_before=_utc(created_before) if created_before else UNSET,
            sort=UNSET if descending else "ASC",
            tags=tags if tags else UNSET,
            session_id=session_id or UNSET,
            exclude_params=True,
        )
        jobs = list(getattr(page, "jobs", None) or [])
        for job in jobs:
            yield job.to_dict()
        offset += len(jobs)
        if remaining is not None:
            remaining -= len(jobs)
        count = getattr(page, "count", None)
        if len(jobs) < size or (isinstance(count, int) and offset >= count):
            return
