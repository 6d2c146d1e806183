"""Runtime routes for jobs (``/api/v1/jobs...``) and job tags (``/api/v1/tags``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from qrt.emulator.common import (
    ApiProblem,
    Caller,
    iso,
    json_body,
    json_response,
    parse_bool,
    parse_datetime,
    parse_int,
)
from qrt.emulator.identity import authenticate
from qrt.emulator.runner import log_line
from qrt.emulator.store import COMPLETED, FAILED, FINAL_STATES, QUEUED, JobQuery, JobRecord, new_id

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["job_json"]

PROGRAMS = ("sampler", "estimator")
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
MAX_COST = 10800
MAX_TAGS = 8
MAX_TAG_LENGTH = 86
DEFAULT_LIMIT = 200
_MAX_OFFSET = 2**62


def job_json(job: JobRecord, *, with_params: bool) -> dict[str, Any]:
    """A job as ``GET /v1/jobs/{id}`` answers it."""
    final = job.status in FINAL_STATES
    body: dict[str, Any] = {
        "id": job.id,
        "backend": job.backend,
        "program": {"id": job.program_id},
        "created": iso(job.created),
        "status": job.status,
        "state": {
            "status": job.status,
            "reason": job.reason,
            "reason_code": job.reason_code,
            "reason_solution": job.reason_solution,
        },
        "tags": list(job.tags),
        "session_id": job.session_id,
        "user_id": job.user_id,
        "private": job.private,
        "cost": job.cost if job.cost is not None else MAX_COST,
        "usage": {"qpu_charge_time_seconds": job.qpu_seconds or 0, "status": "complete" if final else "pending"},
        "estimated_running_time_seconds": None,
        "calibration_id": job.calibration_id,
    }
    if job.runtime is not None:
        body["runtime"] = job.runtime
    if with_params and not job.private:
        body["params"] = json.loads(job.params)
    return body


def _own_job(emu: Emulator, caller: Caller, job_id: str) -> JobRecord:
    job = emu.store.job(job_id)
    if job is None or job.instance != caller.crn:
        raise ApiProblem(404, f"Job {job_id[:64]} was not found in this instance.", code="job_not_found")
    return job


def _tags(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ApiProblem(400, f"{where} must be a list of strings.", code="invalid_tags")
    if len(value) > MAX_TAGS:
        raise ApiProblem(400, f"{where} may hold at most {MAX_TAGS} tags.", code="invalid_tags")
    if any(len(t) > MAX_TAG_LENGTH or not t for t in value):
        raise ApiProblem(400, f"Each tag must have 1 to {MAX_TAG_LENGTH} characters.", code="invalid_tags")
    return tuple(dict.fromkeys(value))


def _optional_str(body: dict[str, Any], key: str, *, max_length: int | None = None) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiProblem(400, f"`{key}` must be a string.", code="invalid_parameter")
    if max_length is not None and len(value) > max_length:
        raise ApiProblem(400, f"`{key}` may have at most {max_length} characters.", code="invalid_parameter")
    return value


async def create_job(request: Request, emu: Emulator) -> Response:
    """``POST /v1/jobs``: validate, check usage and session, store the job Queued and hand it to the runner."""
    caller = authenticate(request, emu)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ApiProblem(400, "The job request must be a JSON object.", code="invalid_body")
    program_id = body.get("program_id")
    if not isinstance(program_id, str) or not program_id:
        raise ApiProblem(400, "`program_id` is required (sampler or estimator).", code="invalid_parameter")
    backend = body.get("backend")
    if not isinstance(backend, str) or not backend:
        raise ApiProblem(
            400, "`backend` is required: the name of a backend of this instance.", code="invalid_parameter"
        )
    if program_id not in PROGRAMS:
        raise ApiProblem(
            404,
            f"Program {program_id[:64]} was not found; the emulator runs sampler and estimator.",
            code="program_not_found",
        )
    if backend not in caller.instance.backends:
        raise ApiProblem(404, f"Backend {backend[:64]} was not found in this instance.", code="backend_not_found")
    params = body.get("params")
    if params is None:
        raise ApiProblem(400, "`params` is required: the primitive's input.", code="invalid_parameter")
    if not isinstance(params, dict):
        raise ApiProblem(400, "`params` must be a JSON object.", code="invalid_parameter")
    tags = _tags(body["tags"], "`tags`") if body.get("tags") is not None else ()
    log_level = _optional_str(body, "log_level")
    if log_level is not None and log_level.lower() not in LOG_LEVELS:
        raise ApiProblem(400, f"`log_level` must be one of {', '.join(LOG_LEVELS)}.", code="invalid_parameter")
    cost = body.get("cost")
    if cost is not None and (isinstance(cost, bool) or not isinstance(cost, int) or not 0 <= cost <= MAX_COST):
        raise ApiProblem(
            400, f"`cost` must be an integer number of seconds within 0..{MAX_COST}.", code="invalid_parameter"
        )
    private = body.get("private", False)
    if not isinstance(private, bool):
        raise ApiProblem(400, "`private` must be true or false.", code="invalid_parameter")
    session_id = _optional_str(body, "session_id", max_length=36)
    runtime = _optional_str(body, "runtime")
    calibration_id = _optional_str(body, "calibration_id")
    limit = emu.usage_limit(caller.crn)
    if limit is not None and emu.store.usage_seconds(caller.crn, emu.usage_period()) >= limit:
        raise ApiProblem(
            409,
            f"The instance has used its usage limit of {limit:g} seconds for this period; no new jobs are "
            "accepted. Raise the limit or wait for the next period.",
            code="usage_limit_reached",
        )
    if session_id is not None:
        emu.sessions.admit(session_id, caller.crn, backend)
    job = JobRecord(
        id=new_id(),
        instance=caller.crn,
        account_id=caller.account.id,
        user_id=caller.account.iam_id,
        program_id=program_id,
        backend=backend,
        status=QUEUED,
        created=emu.clock(),
        params=json.dumps(params, separators=(",", ":")),
        session_id=session_id,
        tags=tags,
        log_level=log_level,
        runtime=runtime,
        private=private,
        cost=cost,
        calibration_id=calibration_id,
        caller=request.headers.get("x-qx-client-application"),
    )
    emu.store.insert_job(job)
    emu.count_job_creation()
    emu.runner.submit(job.id)
    answer: dict[str, Any] = {"id": job.id, "backend": backend, "private": private}
    if session_id is not None:
        answer["session_id"] = session_id
    return json_response(answer)


async def list_jobs(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs``: offset paging; out-of-range limit/offset fall back to the defaults."""
    caller = authenticate(request, emu)
    q = request.query_params
    limit = parse_int(q.get("limit"), "limit")
    if limit is None or not 1 <= limit <= 200:
        limit = DEFAULT_LIMIT
    offset = parse_int(q.get("offset"), "offset")
    if offset is None or offset < 0:
        offset = 0
    offset = min(offset, _MAX_OFFSET)  # SQLite integers are 64-bit; any larger offset is past the end anyway
    sort = q.get("sort")
    if sort is not None and sort.upper() not in {"ASC", "DESC"}:
        raise ApiProblem(400, "sort must be ASC or DESC.", code="invalid_parameter")
    exclude = parse_bool(q.get("exclude_params"), "exclude_params")
    query = JobQuery(
        instance=caller.crn,
        pending=parse_bool(q.get("pending"), "pending"),
        program=q.get("program"),
        backend=q.get("backend"),
        session_id=q.get("session_id"),
        created_after=parse_datetime(q.get("created_after"), "created_after"),
        created_before=parse_datetime(q.get("created_before"), "created_before"),
        tags=tuple(q.getlist("tags")),
        ascending=sort is not None and sort.upper() == "ASC",
        limit=limit,
        offset=offset,
    )
    jobs, count = emu.store.jobs(query)
    with_params = exclude is False
    return json_response(
        {"jobs": [job_json(j, with_params=with_params) for j in jobs], "count": count, "offset": offset, "limit": limit}
    )


async def get_job(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}``."""
    caller = authenticate(request, emu)
    exclude = parse_bool(request.query_params.get("exclude_params"), "exclude_params")
    job = _own_job(emu, caller, request.path_params["id"])
    return json_response(job_json(job, with_params=not exclude))


async def delete_job(request: Request, emu: Emulator) -> Response:
    """``DELETE /v1/jobs/{id}``: only final jobs."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    if not emu.store.delete_job(job.id):
        raise ApiProblem(
            409,
            f"Job {job.id} is {job.status}; only a completed, failed or cancelled job can be deleted. Cancel it first.",
            code="job_not_final",
        )
    return Response(status_code=204)


async def cancel_job(request: Request, emu: Emulator) -> Response:
    """``POST /v1/jobs/{id}/cancel``: 409 once the job is final."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    now = emu.clock()
    with emu.sessions.guard(job):
        previous = emu.store.cancel_job(job.id, now, "Cancelled by the user.")
        if previous not in FINAL_STATES:
            emu.sessions.job_finished(job, now)
    if previous in FINAL_STATES:
        raise ApiProblem(
            409, f"Job {job.id} is already {previous} and cannot be cancelled.", code="job_not_cancellable"
        )
    emu.store.append_log(job.id, log_line(now, f"Job {job.id} cancelled by the user (it was {previous})."))
    return Response(status_code=204)


async def job_results(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}/results``: the result text; 204 while there is none."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    if job.status not in (COMPLETED, FAILED):
        return Response(status_code=204)
    text = emu.store.job_result(job.id)
    if text is None:
        if job.private and job.status == COMPLETED:
            raise ApiProblem(
                404, f"The result of private job {job.id} was already read and is deleted.", code="result_deleted"
            )
        return Response(status_code=204)
    if job.private:
        emu.store.drop_result(job.id)
    if job.status == COMPLETED:
        return Response(text, media_type="application/json")
    return PlainTextResponse(text)


async def job_interim_results(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}/interim_results``: the V2 primitives publish none."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    raise ApiProblem(404, f"Job {job.id} has no interim results.", code="interim_results_not_found")


async def job_logs(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}/logs``."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    logs = emu.store.job_logs(job.id)
    if not logs:
        raise ApiProblem(404, f"Job {job.id} has no logs yet.", code="logs_not_found")
    return PlainTextResponse(logs)


async def job_metrics(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}/metrics``."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    final = job.status in FINAL_STATES
    return json_response(
        {
            "caller": job.caller or "",
            "timestamps": {"created": iso(job.created), "running": iso(job.running), "finished": iso(job.finished)},
            "usage": {"qpu_charge_time_seconds": job.qpu_seconds or 0, "status": "complete" if final else "pending"},
            "circuits_execution_time_ns": job.circuits_ns,
            "qiskit_version": _qiskit_version(),
        }
    )


def _qiskit_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("qiskit")
    except PackageNotFoundError:
        return None


async def replace_job_tags(request: Request, emu: Emulator) -> Response:
    """``PUT /v1/jobs/{id}/tags``."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    body = await json_body(request)
    if not isinstance(body, dict) or "tags" not in body:
        raise ApiProblem(400, 'The body must be {"tags": [...]}.', code="invalid_body")
    emu.store.set_tags(job.id, _tags(body["tags"], "`tags`"))
    return Response(status_code=204)


async def job_transpiled_circuits(request: Request, emu: Emulator) -> Response:
    """``GET /v1/jobs/{id}/transpiled_circuits``: removed from the API in 2026-02-01."""
    caller = authenticate(request, emu)
    job = _own_job(emu, caller, request.path_params["id"])
    raise ApiProblem(
        404, f"Job {job.id} has no transpiled circuits (removed in API version 2026-02-01).", code="not_found"
    )


async def list_tags(request: Request, emu: Emulator) -> Response:
    """``GET /v1/tags?type=job&search=...``: tags on the instance's jobs containing the text."""
    caller = authenticate(request, emu)
    kind = request.query_params.get("type")
    search = request.query_params.get("search")
    if kind != "job":
        raise ApiProblem(400, "type must be job.", code="invalid_parameter")
    if search is None or not 3 <= len(search) <= 100:
        raise ApiProblem(400, "search must have 3 to 100 characters.", code="invalid_parameter")
    needle = search.lower()
    return json_response({"tags": [t for t in emu.store.job_tags(caller.crn) if needle in t.lower()]})
