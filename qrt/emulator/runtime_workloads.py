"""``GET /api/v1/workloads``: the instance's jobs outside sessions plus its sessions and batches, cursor paged.

The cursor is opaque: it encodes the sort key ``(created, id)`` of the page edge, so pages stay stable while
new workloads arrive. ``next.href``/``previous.href`` are the URLs of the neighbouring pages; their ``next``
or ``previous`` query value is the cursor.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from qrt.emulator.common import ApiProblem, iso, json_response, parse_datetime, parse_int
from qrt.emulator.identity import authenticate
from qrt.emulator.store import CANCELLED, COMPLETED, FAILED, QUEUED, RUNNING, JobRecord

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["list_workloads", "page_bounds"]

_JOB_STATUS = {
    QUEUED: "pending",
    RUNNING: "in_progress",
    COMPLETED: "completed",
    CANCELLED: "canceled",
    FAILED: "failed",
}
_SESSION_STATUS = {"open": "pending", "active": "in_progress", "inactive": "in_progress", "closed": "completed"}
_STATUSES = ("pending", "in_progress", "completed", "canceled", "failed")
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def _encode(key: tuple[float, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps([key[0], key[1]]).encode()).decode().rstrip("=")


def _decode(cursor: str, name: str) -> tuple[float, str]:
    try:
        created, ident = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return float(created), str(ident)
    except (ValueError, TypeError, binascii.Error):
        raise ApiProblem(
            400, f"The `{name}` cursor is not valid; use one from a previous page.", generic=True
        ) from None


def _workloads(emu: Emulator, crn: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    all_jobs = emu.store.all_jobs(crn)
    by_session: dict[str, list[JobRecord]] = {}
    for job in all_jobs:
        if job.session_id is not None:
            by_session.setdefault(job.session_id, []).append(job)
            continue
        items.append(
            {
                "id": job.id,
                "_created": job.created,
                "created": iso(job.created),
                "ended": iso(job.finished),
                "backend": job.backend,
                "instance": job.instance,
                "user_id": job.user_id,
                "accepting_jobs": None,
                "mode": "job",
                "status": _JOB_STATUS.get(job.status, job.status.lower()),
                "status_reason": job.reason,
                "tags": list(job.tags),
                "usage_seconds": job.qpu_seconds or 0,
                "usage": {
                    "qpu_charge_time_seconds": job.qpu_seconds or 0,
                    "status": "complete" if job.final else "pending",
                },
                "estimated_running_time_seconds": None,
            }
        )
    for session in emu.store.sessions(crn):
        session = emu.sessions.get(session.id) or session
        jobs = by_session.get(session.id, [])
        used = sum(j.qpu_seconds or 0 for j in jobs)
        items.append(
            {
                "id": session.id,
                "_created": session.created,
                "created": iso(session.created),
                "ended": iso(session.closed_at),
                "backend": session.backend,
                "instance": session.instance,
                "user_id": session.user_id,
                "accepting_jobs": session.accepting_jobs,
                "mode": "session" if session.mode == "dedicated" else "batch",
                "status": _SESSION_STATUS.get(session.state, session.state),
                "status_reason": session.state_reason,
                "tags": sorted({t for j in jobs for t in j.tags}),
                "usage_seconds": used,
                "usage": {
                    "qpu_charge_time_seconds": used,
                    "status": "complete" if session.state == "closed" else "pending",
                },
                "estimated_running_time_seconds": None,
            }
        )
    return items


Key = tuple[float, str]


def page_bounds(
    keys: list[Key], limit: int, *, after: Key | None = None, before: Key | None = None, descending: bool
) -> tuple[int, int]:
    """The slice ``[first, last)`` of ``keys`` (sorted in page order) for one page.

    ``after`` (a ``next`` cursor) starts the page just past that key; ``before`` (a ``previous`` cursor) ends
    it just before that key. The keys named by cursors need not exist any more.
    """

    def beyond(key: Key, edge: Key) -> bool:
        return key < edge if descending else key > edge

    if after is not None:
        start = next((n for n, k in enumerate(keys) if beyond(k, after)), len(keys))
        return start, min(start + limit, len(keys))
    if before is not None:
        stop = next((n for n, k in enumerate(keys) if not beyond(before, k)), len(keys))
        return max(0, stop - limit), stop
    return 0, min(limit, len(keys))


async def list_workloads(request: Request, emu: Emulator) -> Response:
    """``GET /v1/workloads`` (GenericErrorDto errors)."""
    caller = authenticate(request, emu, generic=True)
    q = request.query_params
    user = q.get("user")
    if user is not None and user != "me":
        raise ApiProblem(400, "user must be me.", generic=True)
    sort = q.get("sort", "-createdAt")
    if sort not in ("createdAt", "-createdAt"):
        raise ApiProblem(400, "sort must be createdAt or -createdAt.", generic=True)
    limit = parse_int(q.get("limit"), "limit", generic=True)
    if limit is None:
        limit = DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiProblem(400, f"limit must be within 1..{MAX_LIMIT}.", generic=True)
    statuses = q.getlist("status")
    if any(s not in _STATUSES for s in statuses):
        raise ApiProblem(400, f"status values must be among {', '.join(_STATUSES)}.", generic=True)
    mode = q.get("mode")
    if mode is not None and mode not in ("job", "session", "batch"):
        raise ApiProblem(400, "mode must be job, session or batch.", generic=True)
    after = parse_datetime(q.get("created_after"), "created_after", generic=True)
    before = parse_datetime(q.get("created_before"), "created_before", generic=True)
    if q.get("next") is not None and q.get("previous") is not None:
        raise ApiProblem(400, "Pass either next or previous, not both.", generic=True)
    backend, search, tags = q.get("backend"), q.get("search"), q.getlist("tags")

    def keep(item: dict[str, Any]) -> bool:
        if user == "me" and item["user_id"] != caller.account.iam_id:
            return False
        if backend is not None and item["backend"] != backend:
            return False
        if statuses and item["status"] not in statuses:
            return False
        if mode is not None and item["mode"] != mode:
            return False
        if after is not None and item["_created"] <= after:
            return False
        if before is not None and item["_created"] >= before:
            return False
        if tags and not set(tags) <= set(item["tags"]):
            return False
        needle = (search or "").lower()
        return not needle or needle in item["id"].lower() or any(needle in t.lower() for t in item["tags"])

    items = [i for i in _workloads(emu, caller.crn) if keep(i)]
    descending = sort == "-createdAt"
    items.sort(key=lambda i: (i["_created"], i["id"]), reverse=descending)
    keys = [(float(i["_created"]), str(i["id"])) for i in items]

    first, last = page_bounds(
        keys,
        limit,
        after=_decode(q["next"], "next") if q.get("next") is not None else None,
        before=_decode(q["previous"], "previous") if q.get("previous") is not None else None,
        descending=descending,
    )
    page = items[first:last]

    pairs = [(k, v) for k, v in q.multi_items() if k not in ("next", "previous")]

    def link(name: str, key: tuple[float, str]) -> dict[str, str]:
        query = urlencode([*pairs, (name, _encode(key))])
        return {"href": f"{request.url.path}?{query}"}

    body = {
        "workloads": [{k: v for k, v in i.items() if not k.startswith("_")} for i in page],
        "total_count": len(items),
        "limit": limit,
        "next": link("next", keys[last - 1]) if page and last < len(items) else None,
        "previous": link("previous", keys[first]) if page and first > 0 else None,
    }
    return json_response(body)
