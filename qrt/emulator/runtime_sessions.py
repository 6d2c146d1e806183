"""Runtime routes for sessions and batches (``/api/v1/sessions...``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from qrt.emulator.common import ApiProblem, iso, json_body, json_response
from qrt.emulator.identity import authenticate
from qrt.emulator.sessions import DEFAULT_MAX_TTL
from qrt.emulator.store import SessionRecord

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["session_json"]


def session_json(session: SessionRecord, now: float) -> dict[str, Any]:
    """A session as ``GET /v1/sessions/{id}`` answers it."""
    elapsed = 0.0
    if session.activated_at is not None:
        elapsed = max(0.0, (session.closed_at or now) - session.activated_at)
    remaining = None
    if session.max_ttl is not None and session.state != "closed":
        remaining = int(max(0.0, session.max_ttl - elapsed))
    return {
        "id": session.id,
        "backend_name": session.backend,
        "mode": session.mode,
        "state": session.state,
        "state_reason": session.state_reason,
        "accepting_jobs": session.accepting_jobs,
        "started_at": iso(session.created),
        "activated_at": iso(session.activated_at),
        "closed_at": iso(session.closed_at),
        "last_job_started": iso(session.last_job_started),
        "last_job_completed": iso(session.last_job_completed),
        "interactive_ttl": session.interactive_ttl,
        "max_ttl": session.max_ttl,
        "active_ttl": remaining,
        "timestamps": [{"status": status, "timestamp": iso(ts)} for status, ts in session.timestamps],
        "user_id": session.user_id,
        "elapsed_time": round(elapsed, 3),
    }


async def create_session(request: Request, emu: Emulator) -> Response:
    """``POST /v1/sessions``."""
    caller = authenticate(request, emu)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ApiProblem(400, "The session request must be a JSON object.", code="invalid_body")
    mode = body.get("mode")
    if mode not in ("batch", "dedicated"):
        raise ApiProblem(400, "`mode` is required: batch or dedicated.", code="invalid_parameter")
    backend = body.get("backend") if body.get("backend") is not None else body.get("backend_name")
    if backend is not None:
        if not isinstance(backend, str) or not backend:
            raise ApiProblem(400, "`backend` must be a backend name.", code="invalid_parameter")
        if backend not in caller.instance.backends:
            raise ApiProblem(404, f"Backend {backend[:64]} was not found in this instance.", code="backend_not_found")
    max_ttl = body.get("max_ttl", DEFAULT_MAX_TTL)
    if max_ttl is None:
        max_ttl = DEFAULT_MAX_TTL
    if isinstance(max_ttl, bool) or not isinstance(max_ttl, int) or max_ttl < 1:
        raise ApiProblem(400, "`max_ttl` must be a positive integer number of seconds.", code="invalid_parameter")
    instance = body.get("instance")
    if instance is not None and instance != caller.crn:
        raise ApiProblem(400, "`instance` must be the CRN sent in the Service-CRN header.", code="invalid_parameter")
    session = emu.sessions.create(
        instance=caller.crn,
        account_id=caller.account.id,
        user_id=caller.account.iam_id,
        mode=mode,
        backend=backend,
        max_ttl=min(max_ttl, DEFAULT_MAX_TTL),
    )
    return json_response(session_json(session, emu.clock()))


async def get_session(request: Request, emu: Emulator) -> Response:
    """``GET /v1/sessions/{id}``."""
    caller = authenticate(request, emu)
    session = emu.sessions.get(request.path_params["id"])
    if session is None or session.instance != caller.crn:
        raise ApiProblem(
            404, f"Session {request.path_params['id'][:64]} was not found in this instance.", code="session_not_found"
        )
    return json_response(session_json(session, emu.clock()))


async def update_session(request: Request, emu: Emulator) -> Response:
    """``PATCH /v1/sessions/{id}``: ``accepting_jobs: false`` closes gracefully."""
    caller = authenticate(request, emu)
    body = await json_body(request)
    if not isinstance(body, dict) or not isinstance(body.get("accepting_jobs"), bool):
        raise ApiProblem(400, 'The body must be {"accepting_jobs": true|false}.', code="invalid_body")
    emu.sessions.set_accepting(request.path_params["id"], caller.crn, body["accepting_jobs"])
    return Response(status_code=204)


async def close_session(request: Request, emu: Emulator) -> Response:
    """``DELETE /v1/sessions/{id}/close``: close now, cancelling queued jobs."""
    caller = authenticate(request, emu)
    emu.sessions.close_now(request.path_params["id"], caller.crn)
    return Response(status_code=204)
