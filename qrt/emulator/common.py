"""Shared pieces of the emulator's HTTP layer: error bodies, time formats, query parsing, caller identity."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from qrt.emulator.world import Account, Instance

__all__ = [
    "ApiProblem",
    "Caller",
    "error_response",
    "iso",
    "json_response",
    "parse_bool",
    "parse_datetime",
    "parse_int",
]

MORE_INFO = "https://quantum.cloud.ibm.com/docs/errors"

# Numeric codes for the GenericErrorDto shape (usage, workloads, analytics), by status.
_GENERIC_CODES = {400: 1400, 401: 1401, 403: 1403, 404: 1404, 409: 1409, 429: 1429, 500: 1500, 502: 1502, 503: 1503}
_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
    409: "conflict",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}


class ApiProblem(Exception):
    """Raised by a handler to answer with an error status in the runtime API's error shape.

    ``generic`` selects the GenericErrorDto shape (numeric code plus ``solution``) used by the usage,
    workloads and analytics endpoints.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        solution: str | None = None,
        generic: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.solution = solution
        self.generic = generic
        self.headers = dict(headers or {})


def error_body(
    status: int, message: str, *, code: str | None = None, solution: str | None = None, generic: bool = False
) -> dict[str, Any]:
    """The JSON error body for a status in either of the runtime API's shapes."""
    trace = str(uuid.uuid4())
    if generic:
        return {
            "trace": trace,
            "errors": [
                {
                    "code": _GENERIC_CODES.get(status, status * 10),
                    "message": message,
                    "solution": solution or "Check the request and try again.",
                    "more_info": MORE_INFO,
                }
            ],
        }
    return {
        "trace": trace,
        "errors": [{"code": code or _ERROR_CODES.get(status, str(status)), "message": message, "more_info": MORE_INFO}],
    }


def error_response(problem: ApiProblem) -> JSONResponse:
    """The response for a raised :class:`ApiProblem`."""
    body = error_body(
        problem.status, problem.message, code=problem.code, solution=problem.solution, generic=problem.generic
    )
    headers = {"uber-trace-id": f"{body['trace'].replace('-', '')[:16]}:1:0:1", **problem.headers}
    return JSONResponse(body, status_code=problem.status, headers=headers)


class FastJSONResponse(JSONResponse):
    """JSON without Starlette's pretty defaults (compact separators; NaN refused)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode("utf-8")


def json_response(content: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A compact JSON response."""
    return FastJSONResponse(content, status_code=status, headers=dict(headers or {}))


def raw_json_response(body: bytes, status: int = 200) -> Response:
    """An already-encoded JSON body."""
    return Response(body, status_code=status, media_type="application/json")


def iso(ts: float | None) -> str | None:
    """Epoch seconds as the service's ISO 8601 UTC text (``2026-01-01T00:00:00.123Z``)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_datetime(value: str | None, name: str, *, generic: bool = False) -> float | None:
    """A query date-time (ISO 8601; naive means UTC) as epoch seconds; 400 when it does not parse."""
    if value is None or value == "":
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ApiProblem(
            400, f"Query parameter {name} must be an ISO 8601 date-time, got {value[:60]!r}.", generic=generic
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError):
        raise ApiProblem(400, f"Query parameter {name} is out of range.", generic=generic) from None


def parse_bool(value: str | None, name: str, *, generic: bool = False) -> bool | None:
    """A query boolean (``true``/``false``, any case); ``None`` when absent; 400 otherwise."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in {"true", "1"}:
        return True
    if lowered in {"false", "0"}:
        return False
    raise ApiProblem(400, f"Query parameter {name} must be true or false, got {value[:40]!r}.", generic=generic)


def parse_int(value: str | None, name: str, *, generic: bool = False) -> int | None:
    """A query integer; ``None`` when absent; 400 when not an integer."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise ApiProblem(
            400, f"Query parameter {name} must be an integer, got {value[:40]!r}.", generic=generic
        ) from None


#: The largest request body the emulator reads; larger ones get 413 before they are held in memory.
MAX_BODY_BYTES = 128 << 20


async def read_body(request: Request) -> bytes:
    """The request body, refusing (413) one larger than :data:`MAX_BODY_BYTES` before holding it in memory."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiProblem(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.", code="payload_too_large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ApiProblem(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.", code="payload_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


async def json_body(request: Request, *, required: bool = True) -> Any:
    """The parsed JSON body; 400 when it is missing or not JSON, 413 when it is too large."""
    raw = await read_body(request)
    if not raw.strip():
        if required:
            raise ApiProblem(400, "The request needs a JSON body.")
        return None
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ApiProblem(400, f"The request body is not valid JSON: {exc}.") from None


def _reject_constant(name: str) -> Any:
    # JSON has no NaN or Infinity; Python's parser would accept them and we could not answer them back.
    raise ValueError(f"{name} is not a JSON value")


@dataclass(frozen=True)
class Caller:
    """The authenticated account and the instance its ``Service-CRN`` names."""

    account: Account
    instance: Instance

    @property
    def crn(self) -> str:
        """The instance CRN."""
        return self.instance.crn
