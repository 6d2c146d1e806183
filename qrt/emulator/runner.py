"""The job runner: a bounded pool of worker threads that execute queued jobs on Aer.

Each worker takes a job id, moves the job Queued -> Running, decodes the primitive params, runs them on the
backend's simulator (noisy for devices, ideal for simulators; Aer releases the GIL while it simulates) and
stores the result text, the usage charge and log lines. A job whose backend is paused or offline waits until
the backend comes back online. A job cancelled while it runs keeps its Cancelled state: the worker's final
write is conditional on the job still being Running, so the late result is discarded.
"""

from __future__ import annotations

import json
import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qrt.emulator.store import COMPLETED, FAILED, QUEUED, JobRecord, StoreClosedError
from qrt.errors import ConfigurationError

if TYPE_CHECKING:
    from qrt.devices import DeviceSpec
    from qrt.emulator.core import Emulator

__all__ = ["JobRunner", "Outcome", "execute_job"]

log = logging.getLogger("qrt.emulator")

# Reason codes the emulator reports in `state.reason_code` (the service's own codes are not public).
REASON_INVALID_PARAMS = 1517
REASON_EXECUTION_ERROR = 1500
REASON_INTERRUPTED = 1610


@dataclass(frozen=True)
class Outcome:
    """What executing one job produced."""

    status: str
    result: str | None
    reason: str | None = None
    reason_code: int | None = None
    qpu_seconds: float | None = None
    circuits_ns: int | None = None
    summary: str = ""


SimulatorCache = Callable[["DeviceSpec"], Any]
Executor = Callable[[JobRecord, "DeviceSpec", SimulatorCache], Outcome]


def _failed(reason: str, code: int) -> Outcome:
    return Outcome(FAILED, f"Job failed: {reason}", reason=reason, reason_code=code)


def execute_job(job: JobRecord, device: DeviceSpec, simulator: SimulatorCache) -> Outcome:
    """Run one sampler or estimator job; every error becomes a Failed outcome with a reason."""
    from qrt import execution, wire

    try:
        params = json.loads(job.params)
    except ValueError as exc:
        return _failed(f"The job params are not valid JSON: {exc}", REASON_INVALID_PARAMS)
    if not isinstance(params, dict):
        return _failed("The job params must be a JSON object.", REASON_INVALID_PARAMS)
    try:
        if job.program_id == "sampler":
            pubs, options = wire.parse_sampler_params(params)
        else:
            pubs, options = wire.parse_estimator_params(params)
    except Exception as exc:  # any decoding problem is the submitter's, never the server's
        return _failed(f"Invalid {job.program_id} params: {_describe(exc)}", REASON_INVALID_PARAMS)
    try:
        backend = simulator(device)
    except Exception as exc:
        log.exception("building the simulator for %s failed", device.name)
        return _failed(f"The backend {device.name} could not be simulated: {_describe(exc)}", REASON_EXECUTION_ERROR)
    started = time.perf_counter_ns()
    limit = device.resolved_max_shots
    try:
        if job.program_id == "sampler":
            result = execution.run_sampler(backend, pubs, options=options, max_shots=limit)
        else:
            result = execution.run_estimator(backend, pubs, options=options, max_shots=limit)
        text = wire.result_to_json(result)
    except ConfigurationError as exc:  # options or shots the submitter chose
        return _failed(f"Invalid {job.program_id} params: {exc}", REASON_INVALID_PARAMS)
    except Exception as exc:
        return _failed(f"Execution failed: {_describe(exc)}", REASON_EXECUTION_ERROR)
    elapsed_ns = time.perf_counter_ns() - started
    # The charge is the measured execution time rounded up to whole seconds, at least one second.
    charge = float(max(1, math.ceil(elapsed_ns / 1e9)))
    return Outcome(
        COMPLETED,
        text,
        qpu_seconds=charge,
        circuits_ns=elapsed_ns,
        summary=f"{len(pubs)} pub(s) in {elapsed_ns / 1e6:.1f} ms",
    )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or repr(exc)
    if len(text) > 2000:
        text = text[:2000] + "..."
    return f"{type(exc).__name__}: {text}"


class JobRunner:
    """Worker threads that execute the emulator's jobs; see the module docstring."""

    def __init__(self, emulator: Emulator, *, workers: int = 4, execute: Executor = execute_job) -> None:
        if workers < 1:
            raise ValueError("the job runner needs at least one worker")
        self._emu = emulator
        self._workers = workers
        self._execute = execute
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._held: list[str] = []
        self._running: set[str] = set()
        self._stopping = False
        self.peak_concurrency = 0

    @property
    def workers(self) -> int:
        """The number of worker threads."""
        return self._workers

    @property
    def running_jobs(self) -> frozenset[str]:
        """Ids of the jobs executing right now."""
        with self._lock:
            return frozenset(self._running)

    def start(self, queued: list[str]) -> None:
        """Start the workers and queue ``queued`` (ids of jobs found Queued at start-up)."""
        for job_id in queued:
            self._queue.put(job_id)
        for index in range(self._workers):
            thread = threading.Thread(target=self._work, name=f"qrt-emulator-worker-{index}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, job_id: str) -> None:
        """Queue a new job."""
        self._queue.put(job_id)

    def release_held(self) -> None:
        """Re-queue jobs that waited for their backend (after a backend status change)."""
        with self._lock:
            held, self._held = self._held, []
        for job_id in held:
            self._queue.put(job_id)

    def stop(self, timeout: float) -> list[str]:
        """Stop taking jobs and wait up to ``timeout`` seconds for the workers; return ids still running."""
        self._stopping = True
        for _ in self._threads:
            self._queue.put(None)
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            return sorted(self._running)

    def idle(self) -> bool:
        """Whether nothing is queued (except jobs held by paused backends) or running."""
        with self._lock:
            return not self._running and self._queue.unfinished_tasks == 0

    def wait_idle(self, timeout: float) -> bool:
        """Wait until :meth:`idle` (True) or ``timeout`` seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    # -- workers -------------------------------------------------------------------------------------

    @staticmethod
    def _simulator(device: DeviceSpec) -> Any:
        # simulator_for caches one simulator per spec; it is safe to share between threads.
        from qrt.devices import simulator_for

        return simulator_for(device)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                if job_id is None:
                    return
                if self._stopping:
                    continue
                self._run_one(job_id)
            except StoreClosedError:
                return
            except Exception:
                log.exception("the emulator worker failed on job %s", job_id)
            finally:
                self._queue.task_done()

    def _run_one(self, job_id: str) -> None:
        emu = self._emu
        store = emu.store
        job = store.job(job_id)
        if job is None or job.status != QUEUED:
            return
        entry = emu.world.backends.get(job.backend)
        if entry is None:
            store.fail_jobs(
                [job_id], emu.clock(), f"The backend {job.backend} no longer exists.", REASON_EXECUTION_ERROR
            )
            return
        if not emu.backend_online(job.backend):
            with self._lock:
                self._held.append(job_id)
            # The backend may have come online between the check and the append, after release_held() ran:
            # look again, so the job is not held forever.
            if emu.backend_online(job.backend):
                self.release_held()
            return
        now = emu.clock()
        with emu.sessions.guard(job):
            if job.session_id is not None:
                # Reading the session closes it, cancelling its queued jobs (this one too), once max_ttl passed.
                emu.sessions.get(job.session_id)
            if not store.mark_running(job_id, now):
                return
            emu.sessions.job_started(job, now)
        with self._lock:
            self._running.add(job_id)
            self.peak_concurrency = max(self.peak_concurrency, len(self._running))
        try:
            store.append_log(job_id, log_line(now, f"Job {job_id} started on {job.backend} ({job.program_id})."))
            log.info("job %s running on %s", job_id, job.backend)
            try:
                outcome = self._execute(job, entry.device, self._simulator)
            except Exception as exc:  # an executor bug must still end the job
                log.exception("job %s crashed the executor", job_id)
                outcome = _failed(f"Internal emulator error: {_describe(exc)}", REASON_EXECUTION_ERROR)
            done = emu.clock()
            with emu.sessions.guard(job):
                finished = store.finish_job(
                    job_id,
                    status=outcome.status,
                    now=done,
                    result=outcome.result,
                    reason=outcome.reason,
                    reason_code=outcome.reason_code,
                    qpu_seconds=outcome.qpu_seconds if outcome.status == COMPLETED else None,
                    circuits_ns=outcome.circuits_ns,
                    usage_period=emu.usage_period(done),
                )
                emu.sessions.job_finished(job, done)
            if finished:
                detail = outcome.summary if outcome.status == COMPLETED else (outcome.reason or "")
                store.append_log(job_id, log_line(done, f"Job {job_id} {outcome.status.lower()}. {detail}"))
                log.info("job %s %s", job_id, outcome.status.lower())
            else:
                store.append_log(job_id, log_line(done, f"Job {job_id} was cancelled; its result is discarded."))
        finally:
            with self._lock:
                self._running.discard(job_id)


def log_line(ts: float, message: str) -> str:
    """One job-log line: ``<ISO time> INFO <message>``."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts % 1 * 1000):03d}Z"
    return f"{stamp} INFO {message}"
