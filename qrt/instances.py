"""Instance discovery (Global Search + Global Catalog), name resolution and auto-selection.

:func:`select` is the pure ordering rule; :class:`InstanceDirectory` makes the calls. Selection follows the
official SDK's order (tags, then region, then plans preference or pricing type) with two fixes: a pricing type
outside the known list sorts last instead of crashing, and the caller takes the *first* (highest-priority)
instance as the active one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from qrt.errors import APIStatusError, ConfigurationError, InstanceNotFoundError, NoInstancesError

__all__ = [
    "PRICING_ORDER",
    "Instance",
    "InstanceDirectory",
    "no_match_error",
    "region_of",
    "select",
]

logger = logging.getLogger("qrt.instances")

#: Pricing types in the order auto-selection prefers them when no plans preference is given.
PRICING_ORDER: tuple[str, ...] = ("free", "trial", "paygo", "paid", "subscription", "unknown")

SEARCH_QUERY = "service_name:quantum-computing"
SEARCH_FIELDS = ["crn", "service_plan_unique_id", "name", "doc", "tags"]
_SEARCH_PAGE = 100
_MAX_SEARCH_PAGES = 1000  # a bound on cursor loops against a misbehaving server
_CREATE_INSTANCE_PAGE = "https://quantum.cloud.ibm.com/instances"


@dataclass(frozen=True)
class Instance:
    """One Qiskit Runtime service instance of the account."""

    crn: str
    name: str
    plan: str
    pricing_type: str
    tags: tuple[str, ...] = ()

    @property
    def region(self) -> str | None:
        """The CRN's location field (``us-east``, ``eu-de``, ...)."""
        return region_of(self.crn)

    def to_dict(self) -> dict[str, Any]:
        """The official ``instances()`` entry: ``crn``, ``plan``, ``name``, ``tags``, ``pricing_type``."""
        return {"crn": self.crn, "plan": self.plan, "name": self.name, "tags": list(self.tags),
                "pricing_type": self.pricing_type}


def region_of(crn: str) -> str | None:
    """The location field of a CRN (``crn:v1:<cname>:<ctype>:<service>:<location>:...``), or None."""
    parts = crn.split(":")
    return parts[5] or None if len(parts) > 6 else None


def _pricing_rank(pricing_type: str) -> int:
    try:
        return PRICING_ORDER.index(pricing_type)
    except ValueError:
        return len(PRICING_ORDER)  # unknown types after every known one, "unknown" included


def select(
    instances: Iterable[Instance],
    *,
    region: str | None = None,
    plans_preference: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> list[Instance]:
    """Filter and order ``instances`` for auto-selection; the first is the one to use.

    Tags: an instance is kept when it carries every requested tag (compared lower-cased on the request side, as the
    official SDK does). Region: kept when the region is in its CRN. Plans preference: only those plans, in that
    order; without one, a stable sort by pricing type in :data:`PRICING_ORDER`, unknown types last.
    """
    chosen = list(instances)
    if tags:
        wanted = [t.lower() for t in tags]
        chosen = [i for i in chosen if all(t in i.tags for t in wanted)]
    if region:
        chosen = [i for i in chosen if region in i.crn]
    if plans_preference:
        order = [p.lower() for p in plans_preference]
        chosen = sorted((i for i in chosen if i.plan in order), key=lambda i: order.index(i.plan))
    else:
        chosen = sorted(chosen, key=lambda i: _pricing_rank(i.pricing_type))
    return chosen


def no_match_error(
    *, region: str | None, plans_preference: Sequence[str] | None, tags: Sequence[str] | None, available: int
) -> NoInstancesError:
    """The error for an empty selection, saying what filtered everything out and what to do."""
    if available == 0:
        return NoInstancesError(
            "This account has no Qiskit Runtime instance with backends. Create one at "
            f"{_CREATE_INSTANCE_PAGE}, then pass its CRN as `instance=`, or save it in your account."
        )
    filters = []
    if tags:
        filters.append(f"tags {list(tags)}")
    if region:
        filters.append(f"region {region!r}")
    if plans_preference:
        filters.append(f"plans {list(plans_preference)}")
    return NoInstancesError(
        f"None of the account's {available} instances matches {', '.join(filters)}. "
        "Relax these filters, or pass an instance CRN or name explicitly (Service.instances() lists them)."
    )


class InstanceDirectory:
    """The account's instances, from Global Search and Global Catalog, fetched once and cached.

    Plan lookups run concurrently and are cached per plan id. Thread-safe.
    """

    def __init__(self, search: httpx.Client, catalog: httpx.Client, *, max_workers: int = 8) -> None:
        self._search = search
        self._catalog = catalog
        self._max_workers = max_workers
        self._lock = threading.Lock()
        self._instances: tuple[Instance, ...] | None = None
        self._plans: dict[str, tuple[str, str]] = {}

    def all(self) -> list[Instance]:
        """Every instance with a backend allocation, in Global Search order."""
        with self._lock:
            if self._instances is None:
                self._instances = tuple(self._discover())
            return list(self._instances)

    def resolve_name(self, name: str) -> list[Instance]:
        """The instances called exactly ``name``; raises :class:`InstanceNotFoundError` when there is none."""
        found = [i for i in self.all() if i.name == name]
        if not found:
            raise InstanceNotFoundError(
                f"No instance named {name!r} in this account. Known names: "
                f"{sorted({i.name for i in self.all()}) or 'none'}. Pass a CRN or one of these names."
            )
        if len(found) > 1:
            logger.warning("Several instances are named %r; using all of them, %s first.", name, found[0].crn)
        return found

    def _discover(self) -> list[Instance]:
        items = self._search_items()
        kept = [item for item in items if _has_allocation(item)]
        plan_ids = sorted({str(item.get("service_plan_unique_id") or "") for item in kept})
        self._lookup_plans(plan_ids)
        instances = []
        for item in kept:
            plan, pricing = self._plans.get(str(item.get("service_plan_unique_id") or ""), ("unknown", "unknown"))
            tags = item.get("tags") or []
            instances.append(
                Instance(crn=str(item["crn"]), name=str(item.get("name") or ""), plan=plan, pricing_type=pricing,
                         tags=tuple(str(t) for t in tags))
            )
        return instances

    def _search_items(self) -> list[Mapping[str, Any]]:
        items: list[Mapping[str, Any]] = []
        body: dict[str, Any] = {"query": SEARCH_QUERY, "fields": SEARCH_FIELDS}
        for _ in range(_MAX_SEARCH_PAGES):
            response = self._search.post("/v3/resources/search", params={"limit": _SEARCH_PAGE}, json=body)
            try:
                page = response.json()
            except ValueError as error:
                raise ConfigurationError(f"Global Search answered with something that is not JSON: {error}") from None
            items.extend(i for i in page.get("items") or [] if isinstance(i, Mapping) and i.get("crn"))
            cursor = page.get("search_cursor")
            if not cursor or not page.get("items"):
                return items
            body = {**body, "search_cursor": cursor}
        raise ConfigurationError(f"Global Search returned more than {_MAX_SEARCH_PAGES} pages; giving up.")

    def _lookup_plans(self, plan_ids: Sequence[str]) -> None:
        missing = [p for p in plan_ids if p and p not in self._plans]
        if not missing:
            return
        workers = max(1, min(self._max_workers, len(missing)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="qrt-catalog") as pool:
            for plan_id, found in zip(missing, pool.map(self._lookup_plan, missing), strict=True):
                self._plans[plan_id] = found

    def _lookup_plan(self, plan_id: str) -> tuple[str, str]:
        try:
            entry = self._catalog.get(f"/{plan_id}").json()
            plan = str(entry["overview_ui"]["en"]["display_name"]).lower()
            pricing = str(entry["metadata"]["pricing"]["type"]).lower()
        except (APIStatusError, KeyError, TypeError, ValueError) as error:
            # An archived plan answers 403, a broken entry lacks keys: the instance stays usable, plan unknown.
            # Connection failures propagate: silently ranking every plan "unknown" would change the selection.
            logger.warning("Could not read plan %s from Global Catalog (%s); its plan and pricing are 'unknown'.",
                           plan_id, type(error).__name__)
            return ("unknown", "unknown")
        return (plan, pricing)


def _has_allocation(item: Mapping[str, Any]) -> bool:
    # Instances without doc.extensions have no backend allocation and cannot run anything.
    doc = item.get("doc")
    return isinstance(doc, Mapping) and bool(doc.get("extensions"))
