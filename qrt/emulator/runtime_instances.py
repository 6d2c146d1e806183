"""Runtime routes about the instance and account: instance, configuration, usage, accounts, analytics."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from qrt.emulator.common import ApiProblem, Caller, iso, json_body, json_response, parse_bool, parse_datetime
from qrt.emulator.identity import authenticate
from qrt.emulator.sessions import DEDICATED_INTERACTIVE_TTL, DEFAULT_MAX_TTL
from qrt.emulator.store import JobRecord, SessionRecord
from qrt.emulator.world import Instance

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["usage_period_bounds"]


def _seconds_text(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def usage_period_bounds(ts: float) -> tuple[float, float]:
    """Start and end (epoch seconds) of the calendar month, UTC, that contains ``ts``."""
    moment = datetime.fromtimestamp(ts, UTC)
    start = datetime(moment.year, moment.month, 1, tzinfo=UTC)
    days = calendar.monthrange(moment.year, moment.month)[1]
    end = start + timedelta(days=days) - timedelta(milliseconds=1)
    return start.timestamp(), end.timestamp()


async def get_instance(request: Request, emu: Emulator) -> Response:
    """``GET /v1/instance``."""
    caller = authenticate(request, emu)
    limit = emu.usage_limit(caller.crn)
    return json_response(
        {
            "backends": list(caller.instance.backends),
            "instance_limit": None if limit is None else int(limit),
            "instance_limit_seconds": _seconds_text(limit),
            "plan_id": caller.instance.plan.id,
            "usage_allocation_seconds": _seconds_text(caller.instance.usage_allocation_seconds),
        }
    )


async def get_instance_configuration(request: Request, emu: Emulator) -> Response:
    """``GET /v1/instances/configuration``."""
    caller = authenticate(request, emu)
    limit = emu.usage_limit(caller.crn)
    return json_response({"instance_limit": None if limit is None else int(limit)})


async def replace_instance_configuration(request: Request, emu: Emulator) -> Response:
    """``PUT /v1/instances/configuration``: set or (with null) remove the usage limit."""
    caller = authenticate(request, emu)
    body = await json_body(request)
    if not isinstance(body, dict) or "instance_limit" not in body:
        raise ApiProblem(400, 'The body must be {"instance_limit": <seconds> or null}.', code="invalid_body")
    limit = body["instance_limit"]
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ApiProblem(400, "`instance_limit` must be a non-negative integer or null.", code="invalid_parameter")
    allocation = caller.instance.usage_allocation_seconds
    if limit is not None and allocation is not None and limit > allocation:
        raise ApiProblem(
            409,
            f"`instance_limit` {limit} exceeds the instance's allocation of {allocation:g} seconds.",
            code="limit_exceeds_allocation",
        )
    emu.store.set_instance_limit(caller.crn, None if limit is None else float(limit))
    return Response(status_code=204)


async def get_usage(request: Request, emu: Emulator) -> Response:
    """``GET /v1/instances/usage`` (GenericErrorDto errors)."""
    caller = authenticate(request, emu, generic=True)
    now = emu.clock()
    consumed = emu.store.usage_seconds(caller.crn, emu.usage_period(now))
    limit = emu.usage_limit(caller.crn)
    allocation = caller.instance.usage_allocation_seconds
    start, end = usage_period_bounds(now)
    body: dict[str, Any] = {
        "instance_id": caller.crn,
        "plan_id": caller.instance.plan.id,
        "usage_consumed_seconds": consumed,
        "usage_period": {"start_time": iso(start), "end_time": iso(end)},
        "usage_limit_seconds": limit,
        "usage_allocation_seconds": allocation,
        "usage_limit_reached": limit is not None and consumed >= limit,
    }
    return json_response(body)


async def get_account(request: Request, emu: Emulator) -> Response:
    """``GET /v1/accounts/{id}``: the plans the caller's account uses."""
    caller = authenticate(request, emu)
    account_id = request.path_params["id"]
    if account_id != caller.account.id:
        raise ApiProblem(403, "You may read only your own account's configuration.", code="forbidden")
    wanted = request.query_params.get("plan_id")
    plans: dict[str, list[Instance]] = {}
    for instance in caller.account.instances:
        plans.setdefault(instance.plan.id, []).append(instance)
    if wanted is not None and wanted not in plans:
        raise ApiProblem(404, f"The account has no instance on plan {wanted[:64]}.", code="plan_not_found")
    start, end = usage_period_bounds(emu.clock())
    items = []
    for plan_id, instances in plans.items():
        if wanted is not None and plan_id != wanted:
            continue
        allocations = [i.usage_allocation_seconds for i in instances if i.usage_allocation_seconds is not None]
        limits = [i.usage_limit_seconds for i in instances if i.usage_limit_seconds is not None]
        items.append(
            {
                "plan_id": plan_id,
                "backends": sorted({b for i in instances for b in i.backends}),
                "usage_allocation_seconds": int(sum(allocations)) if allocations else None,
                "usage_limit_seconds": int(sum(limits)) if limits else None,
                "unallocated_usage_seconds": None,
                "max_ttl": DEFAULT_MAX_TTL,
                "active_ttl": DEFAULT_MAX_TTL,
                "interactive_ttl": DEDICATED_INTERACTIVE_TTL,
                "start_time": iso(start),
                "end_time": iso(end),
            }
        )
    return json_response({"plans": items})


# -- analytics ----------------------------------------------------------------------------------------


def _analytics_instances(request: Request, emu: Emulator, caller: Caller) -> list[Instance]:
    crns = request.query_params.getlist("instance")
    if not crns:
        return list(caller.account.instances)
    chosen = []
    for crn in crns:
        instance = emu.world.instance(crn)
        if instance is None or instance.account_id != caller.account.id:
            raise ApiProblem(403, "An `instance` is not an instance of your account.", generic=True)
        chosen.append(instance)
    return chosen


def _analytics_jobs(request: Request, emu: Emulator, caller: Caller) -> tuple[list[JobRecord], dict[str, Any]]:
    q = request.query_params
    instances = _analytics_instances(request, emu, caller)
    start = parse_datetime(q.get("interval_start"), "interval_start", generic=True)
    end = parse_datetime(q.get("interval_end"), "interval_end", generic=True)
    if start is not None and end is not None and start > end:
        raise ApiProblem(400, "interval_start must not be after interval_end.", generic=True)
    backends = set(q.getlist("backend"))
    users = set(q.getlist("user_id"))
    plans = set(q.getlist("plan"))
    simulators = parse_bool(q.get("simulators"), "simulators", generic=True)
    jobs = []
    plan_of = {i.crn: i.plan for i in instances}
    for instance in instances:
        for job in emu.store.all_jobs(instance.crn):
            if start is not None and job.created < start:
                continue
            if end is not None and job.created > end:
                continue
            if backends and job.backend not in backends:
                continue
            if users and job.user_id not in users:
                continue
            plan = plan_of[job.instance]
            if plans and plan.id not in plans and plan.key not in plans:
                continue
            entry = emu.world.backends.get(job.backend)
            if simulators is False and entry is not None and _is_simulator(entry.device):
                continue
            jobs.append(job)
    context = {"instances": instances, "start": start, "end": end}
    return jobs, context


def _is_simulator(device: Any) -> bool:
    return bool(getattr(device, "simulator", False))


def _totals(jobs: list[JobRecord], sessions: dict[str, SessionRecord]) -> dict[str, float]:
    def stats(values: list[float]) -> tuple[float, float, float]:
        total = sum(values)
        return total, (total / len(values) if values else 0.0), (max(values) if values else 0.0)

    ms = {j.id: (j.qpu_seconds or 0.0) * 1000 for j in jobs}
    per_session: dict[str, float] = defaultdict(float)
    for job in jobs:
        if job.session_id is not None:
            per_session[job.session_id] += ms[job.id]
    batch = [v for k, v in per_session.items() if k in sessions and sessions[k].mode == "batch"]
    dedicated = [v for k, v in per_session.items() if k in sessions and sessions[k].mode == "dedicated"]
    individual = [ms[j.id] for j in jobs if j.session_id is None]
    queue = [((j.running or j.finished or j.created) - j.created) * 1000 for j in jobs if j.running or j.finished]
    s_total, s_avg, s_max = stats(list(per_session.values()))
    b_total, b_avg, b_max = stats(batch)
    d_total, d_avg, d_max = stats(dedicated)
    i_total, i_avg, i_max = stats(individual)
    q_total, q_avg, q_max = stats(queue)
    return {
        "usage": sum(ms.values()),
        "jobs": float(len(jobs)),
        "sessions": float(len(per_session)),
        "sessions_usage": s_total,
        "avg_sessions_usage": s_avg,
        "max_sessions_usage": s_max,
        "batch_sessions": float(len(batch)),
        "batch_sessions_usage": b_total,
        "avg_batch_sessions_usage": b_avg,
        "max_batch_sessions_usage": b_max,
        "dedicated_sessions": float(len(dedicated)),
        "dedicated_sessions_usage": d_total,
        "avg_dedicated_sessions_usage": d_avg,
        "max_dedicated_sessions_usage": d_max,
        "individual_jobs": float(len(individual)),
        "individual_jobs_usage": i_total,
        "avg_individual_jobs_usage": i_avg,
        "max_individual_jobs_usage": i_max,
        "queue_time": q_total,
        "avg_queue_time": q_avg,
        "max_queue_time": q_max,
    }


def _sessions_of(emu: Emulator, instances: Iterable[Instance]) -> dict[str, SessionRecord]:
    return {s.id: s for i in instances for s in emu.store.sessions(i.crn)}


async def analytics_filters(request: Request, emu: Emulator) -> Response:
    """``GET /v1/analytics/filters``."""
    caller = authenticate(request, emu, generic=True)
    instances = _analytics_instances(request, emu, caller)
    return json_response(
        {
            "backends": [{"name": b} for b in sorted({b for i in instances for b in i.backends})],
            "plans": [{"name": p} for p in sorted({i.plan.key for i in instances})],
            "instances": [{"id": i.crn, "deleted": False} for i in instances],
            "users": [{"id": caller.account.iam_id}],
            "subscriptions": [],
        }
    )


async def analytics_usage(request: Request, emu: Emulator) -> Response:
    """``GET /v1/analytics/usage``: totals in milliseconds."""
    caller = authenticate(request, emu, generic=True)
    jobs, context = _analytics_jobs(request, emu, caller)
    return json_response(_totals(jobs, _sessions_of(emu, context["instances"])))


_GROUP_KEYS: dict[str, Callable[[JobRecord, Emulator], str | None]] = {
    "instance": lambda job, emu: job.instance,
    "backend": lambda job, emu: job.backend,
    "user_id": lambda job, emu: job.user_id,
    "plan": lambda job, emu: _plan_key(job, emu),
    "subscription_id": lambda job, emu: None,
}


def _plan_key(job: JobRecord, emu: Emulator) -> str | None:
    instance = emu.world.instance(job.instance)
    return None if instance is None else instance.plan.key


def _group_by(request: Request, allowed: Iterable[str]) -> str:
    value = request.query_params.get("group_by")
    if value not in set(allowed):
        raise ApiProblem(400, f"group_by must be one of {', '.join(allowed)}.", generic=True)
    return str(value)


async def analytics_usage_grouped(request: Request, emu: Emulator) -> Response:
    """``GET /v1/analytics/usage_grouped``."""
    caller = authenticate(request, emu, generic=True)
    group_by = _group_by(request, _GROUP_KEYS)
    jobs, context = _analytics_jobs(request, emu, caller)
    sessions = _sessions_of(emu, context["instances"])
    groups: dict[str | None, list[JobRecord]] = defaultdict(list)
    for job in jobs:
        groups[_GROUP_KEYS[group_by](job, emu)].append(job)
    data = [{"key": key, **_totals(members, sessions)} for key, members in groups.items()]
    return json_response({"data": data})


async def analytics_usage_by_date(request: Request, emu: Emulator) -> Response:
    """``GET /v1/analytics/usage_grouped_by_date``: per instance and UTC day."""
    caller = authenticate(request, emu, generic=True)
    _group_by(request, ("instance",))
    jobs, context = _analytics_jobs(request, emu, caller)
    sessions = _sessions_of(emu, context["instances"])
    groups: dict[tuple[str, float], list[JobRecord]] = defaultdict(list)
    for job in jobs:
        day = datetime.fromtimestamp(job.created, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        groups[(job.instance, day.timestamp())].append(job)
    data = [
        {"key": crn, "interval_start": iso(day), "interval_end": iso(day + 86400 - 0.001), **_totals(m, sessions)}
        for (crn, day), m in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]
    now = emu.clock()
    start = context["start"] if context["start"] is not None else min((j.created for j in jobs), default=now)
    end = context["end"] if context["end"] is not None else now
    return json_response({"interval_start": iso(start), "interval_end": iso(end), "data": data})
