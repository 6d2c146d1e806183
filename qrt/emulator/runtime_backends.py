"""Runtime routes for backends (``/api/v1/backends...``), built by :mod:`qrt.devices` from the world."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from qrt.emulator.common import ApiProblem, Caller, json_response, parse_datetime, raw_json_response
from qrt.emulator.identity import authenticate
from qrt.emulator.world import BackendEntry

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["queue_length"]

# Seconds a queued job is assumed to wait per job ahead of it, for `fields=wait_time_seconds`.
_SECONDS_PER_QUEUED_JOB = 6.0


def _entry(emu: Emulator, caller: Caller, name: str) -> BackendEntry:
    entry = emu.world.backends.get(name)
    if entry is None or name not in caller.instance.backends:
        raise ApiProblem(404, f"Backend {name[:64]} was not found in this instance.", code="backend_not_found")
    return entry


def queue_length(emu: Emulator, name: str, pending: dict[str, int] | None = None) -> int:
    """The backend's queue: the world's base length plus the emulator's own queued and running jobs."""
    counts = emu.store.pending_counts() if pending is None else pending
    return emu.backend_state(name).queue_length + counts.get(name, 0)


def _base_entry(emu: Emulator, entry: BackendEntry) -> dict[str, Any]:
    from qrt import devices

    encoded = emu.cached("list_entry", entry.name, lambda: json.dumps(devices.list_entry(entry.device)).encode())
    result: dict[str, Any] = json.loads(encoded)
    return result


async def list_backends(request: Request, emu: Emulator) -> Response:
    """``GET /v1/backends`` (``fields=wait_time_seconds`` adds the wait estimate)."""
    caller = authenticate(request, emu)
    fields = request.query_params.get("fields")
    if fields not in (None, "", "wait_time_seconds"):
        raise ApiProblem(400, "fields may only be wait_time_seconds.", code="invalid_parameter")
    pending = emu.store.pending_counts()
    devices = []
    for name in caller.instance.backends:
        entry = emu.world.backends[name]
        state = emu.backend_state(name)
        item = copy.copy(_base_entry(emu, entry))
        queue = queue_length(emu, name, pending)
        item["queue_length"] = queue
        item["status"] = {"name": state.status, "reason": state.reason or _reason(state.status)}
        if fields == "wait_time_seconds":
            average = queue * _SECONDS_PER_QUEUED_JOB
            item["wait_time_seconds"] = {"average": average, "p50": average, "p95": average * 2}
        devices.append(item)
    return json_response({"devices": devices})


def _reason(status: str) -> str:
    return {"online": "available", "paused": "paused", "offline": "offline"}.get(status, status)


async def backend_configuration(request: Request, emu: Emulator) -> Response:
    """``GET /v1/backends/{id}/configuration`` (``calibration_id`` is accepted and ignored)."""
    from qrt import devices

    caller = authenticate(request, emu)
    entry = _entry(emu, caller, request.path_params["id"])
    body = emu.cached("configuration", entry.name, lambda: json.dumps(devices.configuration(entry.device)).encode())
    return raw_json_response(body)


async def backend_properties(request: Request, emu: Emulator) -> Response:
    """``GET /v1/backends/{id}/properties``.

    The calibration is dated the device's ``online_date``: ``updated_before`` earlier than that gives ``{}``.
    """
    from qrt import devices

    caller = authenticate(request, emu)
    entry = _entry(emu, caller, request.path_params["id"])
    before = parse_datetime(request.query_params.get("updated_before"), "updated_before")
    if before is not None:
        moment = datetime.fromtimestamp(before, UTC)
        if moment < entry.device.online_date:
            return json_response({})
    body = emu.cached("properties", entry.name, lambda: json.dumps(devices.properties(entry.device)).encode())
    return raw_json_response(body)


async def backend_status(request: Request, emu: Emulator) -> Response:
    """``GET /v1/backends/{id}/status``."""
    from qrt import devices

    caller = authenticate(request, emu)
    entry = _entry(emu, caller, request.path_params["id"])
    state = emu.backend_state(entry.name)
    body = devices.status(entry.device, status=state.status, queue_length=queue_length(emu, entry.name))
    if state.reason:
        body["message"] = state.reason
    return json_response(body)


async def backend_defaults(request: Request, emu: Emulator) -> Response:
    """``GET /v1/backends/{id}/defaults``: the emulated devices have no pulse defaults."""
    caller = authenticate(request, emu)
    entry = _entry(emu, caller, request.path_params["id"])
    raise ApiProblem(404, f"Backend {entry.name} has no pulse defaults.", code="defaults_not_found")
