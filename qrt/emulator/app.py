"""The emulator's ASGI application: every hop under one origin.

| hop | routes |
| --- | --- |
| IAM | ``POST /identity/token`` |
| Global Search | ``POST /v3/resources/search`` |
| Global Catalog | ``GET /catalog/api/v1/{plan_id}`` |
| Runtime | ``/api/v1/...``: every operation of ``spec/qiskit-runtime.yaml`` |

An outer ASGI layer records each request in the emulator's request log and applies injected faults
(latency, error statuses, dropped connections) before the request reaches a route.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from qrt.emulator import (
    runtime_backends,
    runtime_instances,
    runtime_jobs,
    runtime_sessions,
    runtime_workloads,
    search,
)
from qrt.emulator.common import ApiProblem, error_body, error_response, json_response
from qrt.emulator.core import RequestRecord, logged_headers
from qrt.emulator.faults import FaultAction
from qrt.emulator.iam import iam_token
from qrt.emulator.identity import KNOWN_VERSIONS

if TYPE_CHECKING:
    from starlette.types import Message, Receive, Scope, Send

    from qrt.emulator.core import Emulator

__all__ = ["build_app"]

log = logging.getLogger("qrt.emulator")

Handler = Callable[[Request, "Emulator"], Awaitable[Response]]

# Paths whose errors use the GenericErrorDto shape.
_GENERIC_PREFIXES = ("/api/v1/instances/usage", "/api/v1/workloads", "/api/v1/analytics")
_SUNSET = {
    "2024-01-01": "2027-01-01",
    "2025-01-01": "2027-01-01",
    "2025-05-01": "2027-01-01",
    "2026-02-01": "2027-02-01",
    "2026-02-15": "2027-02-15",
    "2026-03-15": "2027-03-15",
}


async def _versions(request: Request, emu: Emulator) -> Response:
    versions = [
        {"version": v, "sunset_date": _SUNSET.get(v), "status": "deprecated" if v in _SUNSET else "live"}
        for v in KNOWN_VERSIONS
    ]
    return json_response({"versions": versions})


async def _iam(request: Request, emu: Emulator) -> Response:
    return await iam_token(request, emu.world, emu.issuer)


_ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("POST", "/identity/token", _iam),
    ("POST", "/v3/resources/search", search.search_resources),
    ("GET", "/catalog/api/v1/{plan_id}", search.catalog_entry),
    ("GET", "/api/v1/versions", _versions),
    ("GET", "/api/v1/backends", runtime_backends.list_backends),
    ("GET", "/api/v1/backends/{id}/configuration", runtime_backends.backend_configuration),
    ("GET", "/api/v1/backends/{id}/properties", runtime_backends.backend_properties),
    ("GET", "/api/v1/backends/{id}/status", runtime_backends.backend_status),
    ("GET", "/api/v1/backends/{id}/defaults", runtime_backends.backend_defaults),
    ("POST", "/api/v1/jobs", runtime_jobs.create_job),
    ("GET", "/api/v1/jobs", runtime_jobs.list_jobs),
    ("GET", "/api/v1/jobs/{id}", runtime_jobs.get_job),
    ("DELETE", "/api/v1/jobs/{id}", runtime_jobs.delete_job),
    ("POST", "/api/v1/jobs/{id}/cancel", runtime_jobs.cancel_job),
    ("GET", "/api/v1/jobs/{id}/results", runtime_jobs.job_results),
    ("GET", "/api/v1/jobs/{id}/interim_results", runtime_jobs.job_interim_results),
    ("GET", "/api/v1/jobs/{id}/logs", runtime_jobs.job_logs),
    ("GET", "/api/v1/jobs/{id}/metrics", runtime_jobs.job_metrics),
    ("PUT", "/api/v1/jobs/{id}/tags", runtime_jobs.replace_job_tags),
    ("GET", "/api/v1/jobs/{id}/transpiled_circuits", runtime_jobs.job_transpiled_circuits),
    ("GET", "/api/v1/tags", runtime_jobs.list_tags),
    ("POST", "/api/v1/sessions", runtime_sessions.create_session),
    ("GET", "/api/v1/sessions/{id}", runtime_sessions.get_session),
    ("PATCH", "/api/v1/sessions/{id}", runtime_sessions.update_session),
    ("DELETE", "/api/v1/sessions/{id}/close", runtime_sessions.close_session),
    ("GET", "/api/v1/instance", runtime_instances.get_instance),
    ("GET", "/api/v1/instances/configuration", runtime_instances.get_instance_configuration),
    ("PUT", "/api/v1/instances/configuration", runtime_instances.replace_instance_configuration),
    ("GET", "/api/v1/instances/usage", runtime_instances.get_usage),
    ("GET", "/api/v1/workloads", runtime_workloads.list_workloads),
    ("GET", "/api/v1/accounts/{id}", runtime_instances.get_account),
    ("GET", "/api/v1/analytics/filters", runtime_instances.analytics_filters),
    ("GET", "/api/v1/analytics/usage", runtime_instances.analytics_usage),
    ("GET", "/api/v1/analytics/usage_grouped", runtime_instances.analytics_usage_grouped),
    ("GET", "/api/v1/analytics/usage_grouped_by_date", runtime_instances.analytics_usage_by_date),
)


def _generic(path: str) -> bool:
    return path.startswith(_GENERIC_PREFIXES)


def _bind(handler: Handler, emu: Emulator) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, emu)
        except ApiProblem as problem:
            if _generic(request.url.path):
                problem.generic = True
            return error_response(problem)
        except Exception:
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            return error_response(
                ApiProblem(500, "The emulator failed on this request; see its log.", generic=_generic(request.url.path))
            )

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def _starlette(emu: Emulator) -> Starlette:
    grouped: dict[str, dict[str, Handler]] = {}
    for method, path, handler in _ROUTES:
        grouped.setdefault(path, {})[method] = handler
    routes = []
    for path, handlers in grouped.items():
        for method, handler in handlers.items():
            routes.append(Route(path, _bind(handler, emu), methods=[method], include_in_schema=False))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = {
            404: f"No route {request.url.path[:120]}.",
            405: f"Method {request.method} is not allowed on {request.url.path[:120]}.",
        }.get(status, str(getattr(exc, "detail", "")) or "Request failed.")
        headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
        return error_response(ApiProblem(status, message, generic=_generic(request.url.path), headers=headers))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(
            ApiProblem(500, "The emulator failed on this request; see its log.", generic=_generic(request.url.path))
        )

    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )


class EmulatorApp:
    """The ASGI callable: request log and faults around the Starlette routes."""

    def __init__(self, emu: Emulator) -> None:
        self.emulator = emu
        self._inner = _starlette(emu)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._inner(scope, receive, send)
            return
        emu = self.emulator
        method = scope["method"]
        path = scope["path"]
        logged: list[bool] = []

        def record(status: int | None) -> None:
            # Logged before the response leaves, so a client that got its answer finds its request logged.
            if logged:
                return
            logged.append(True)
            emu.requests.append(
                RequestRecord(
                    method=method,
                    path=path,
                    query=scope.get("query_string", b"").decode("latin-1"),
                    headers=logged_headers(_headers(scope)),
                    status=status,
                    time=emu.clock(),
                )
            )

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record(message["status"])
            await send(message)

        action = emu.faults.decide(method, path)
        try:
            if action is not None and action.latency > 0:
                await asyncio.sleep(action.latency)
            if action is not None and action.drop:
                record(None)
                await _drop(send)
                return
            if action is not None and action.status is not None:
                await _fault_response(action, path)(scope, receive, recording_send)
                return
            await self._inner(scope, receive, recording_send)
        finally:
            record(None)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _fault_response(action: FaultAction, path: str) -> Response:
    status = action.status or 500
    headers: dict[str, str] = {}
    if action.retry_after is not None:
        seconds = action.retry_after
        headers["Retry-After"] = str(int(seconds)) if seconds == math.floor(seconds) else f"{seconds:g}"
    body = error_body(status, f"Injected fault: HTTP {status}.", code="injected_fault", generic=_generic(path))
    return json_response(body, status=status, headers=headers)


async def _drop(send: Any) -> None:
    # uvicorn's send is a bound method of its request cycle, which holds the connection's transport; aborting
    # it closes the socket with no response at all. Elsewhere, start a response and end it short instead.
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None and hasattr(transport, "abort"):
        transport.abort()
        await asyncio.sleep(0)
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
    await send({"type": "http.response.body", "body": b"{", "more_body": True})
    raise ConnectionAbortedError("injected connection drop")


def build_app(emu: Emulator) -> EmulatorApp:
    """The ASGI application serving ``emu``."""
    return EmulatorApp(emu)
