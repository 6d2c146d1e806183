"""The discovery hops: Global Search (``POST /v3/resources/search``) and Global Catalog
(``GET /catalog/api/v1/{plan_id}``).

Search answers only the caller's account's instances, pages them with an opaque ``search_cursor`` (absent
on the last page) and understands queries made of ``field:value`` terms joined by ``AND`` over
``service_name``, ``name``, ``region``, ``crn`` and ``tags`` (``*`` matches everything).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from qrt.emulator.common import ApiProblem, iso, json_response, read_body
from qrt.emulator.identity import require_account
from qrt.emulator.world import CRN_SERVICE, Account, Instance

if TYPE_CHECKING:
    from qrt.emulator.core import Emulator

__all__ = ["catalog_entry", "search_resources"]

_DEFAULT_LIMIT = 10
_MAX_LIMIT = 1000
_TERM = re.compile(r"^\s*([A-Za-z_.]+)\s*:\s*(\"[^\"]*\"|'[^']*'|\S+)\s*$")
_FIELDS = (
    "crn",
    "name",
    "service_plan_unique_id",
    "doc",
    "tags",
    "region",
    "type",
    "family",
    "account_id",
    "service_name",
    "resource_id",
)


def _item(instance: Instance) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": instance.name,
        "crn": instance.crn,
        "region_id": instance.region,
        "resource_plan_id": instance.plan.id,
        "state": "active",
    }
    if instance.has_allocation:
        doc["extensions"] = {"quantum_computing": {"backends": list(instance.backends)}}
    return {
        "crn": instance.crn,
        "name": instance.name,
        "service_plan_unique_id": instance.plan.id,
        "doc": doc,
        "tags": list(instance.tags),
        "region": instance.region,
        "type": "resource-instance",
        "family": "resource_controller",
        "account_id": instance.account_id,
        "service_name": CRN_SERVICE,
        "resource_id": CRN_SERVICE,
    }


def _matches(instance: Instance, terms: list[tuple[str, str]]) -> bool:
    for key, value in terms:
        if key == "service_name":
            ok = value == CRN_SERVICE
        elif key == "name":
            ok = instance.name == value
        elif key == "region":
            ok = instance.region == value
        elif key == "crn":
            ok = instance.crn == value
        elif key == "tags":
            ok = value in instance.tags
        else:  # pragma: no cover - rejected in _parse_query
            ok = False
        if not ok:
            return False
    return True


def _parse_query(query: Any) -> list[tuple[str, str]]:
    if not isinstance(query, str) or not query.strip():
        raise ApiProblem(400, "The search body needs a non-empty `query` string.", code="invalid_query")
    if query.strip() == "*":
        return []
    terms = []
    for part in re.split(r"\s+AND\s+", query.strip(), flags=re.IGNORECASE):
        match = _TERM.match(part)
        if match is None:
            raise ApiProblem(400, f"Cannot parse the search term {part[:60]!r}; use field:value.", code="invalid_query")
        key, value = match.group(1).lower(), match.group(2).strip("\"'")
        if key not in {"service_name", "name", "region", "crn", "tags"}:
            raise ApiProblem(400, f"The emulator cannot search on {key!r}.", code="invalid_query")
        terms.append((key, value))
    return terms


def _cursor(offset: int, account: Account, query: str) -> str:
    payload = {"o": offset, "a": account.id, "q": hashlib.sha256(query.encode()).hexdigest()[:16]}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _read_cursor(cursor: Any, account: Account, query: str) -> int:
    try:
        text = str(cursor)
        payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        offset = int(payload["o"])
        same = payload["a"] == account.id and payload["q"] == hashlib.sha256(query.encode()).hexdigest()[:16]
    except (ValueError, KeyError, TypeError, binascii.Error):
        same, offset = False, 0
    if not same or offset < 0:
        raise ApiProblem(400, "The search_cursor is not valid for this query.", code="invalid_cursor")
    return offset


async def search_resources(request: Request, emu: Emulator) -> Response:
    """``POST /v3/resources/search``."""
    account = require_account(request, emu)
    try:
        limit = int(request.query_params.get("limit", _DEFAULT_LIMIT))
    except ValueError:
        raise ApiProblem(400, "limit must be an integer.", code="invalid_limit") from None
    if not 1 <= limit <= _MAX_LIMIT:
        raise ApiProblem(400, f"limit must be within 1..{_MAX_LIMIT}.", code="invalid_limit")
    raw = await read_body(request)
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise ApiProblem(400, "The search body is not valid JSON.", code="invalid_body") from None
    if not isinstance(body, dict):
        raise ApiProblem(400, "The search body must be a JSON object.", code="invalid_body")
    query = body.get("query")
    terms = _parse_query(query)
    fields = body.get("fields")
    if fields is not None and (not isinstance(fields, list) or not all(isinstance(f, str) for f in fields)):
        raise ApiProblem(400, "`fields` must be a list of strings.", code="invalid_body")
    matches = [i for i in account.instances if _matches(i, terms)]
    offset = 0 if body.get("search_cursor") is None else _read_cursor(body["search_cursor"], account, str(query))
    page = matches[offset : offset + limit]
    wanted = set(fields) | {"crn"} if fields and "*" not in fields else set(_FIELDS)
    items = [{k: v for k, v in _item(i).items() if k in wanted} for i in page]
    result: dict[str, Any] = {"limit": limit, "items": items}
    if offset + limit < len(matches):
        result["search_cursor"] = _cursor(offset + limit, account, str(query))
    return json_response(result)


async def catalog_entry(request: Request, emu: Emulator) -> Response:
    """``GET /catalog/api/v1/{plan_id}``: a plan's catalog entry; 403 for archived plans."""
    if request.headers.get("authorization"):
        require_account(request, emu)
    plan_id = request.path_params["plan_id"]
    plan = emu.world.plan_by_id(plan_id)
    if plan is None:
        raise ApiProblem(404, f"Catalog entry {plan_id[:80]} was not found.", code="not_found")
    if plan.archived:
        raise ApiProblem(403, f"Catalog entry {plan_id} is archived and cannot be read.", code="forbidden")
    created = iso(0)
    return json_response(
        {
            "id": plan.id,
            "name": plan.key,
            "kind": "plan",
            "active": True,
            "disabled": False,
            "overview_ui": {
                "en": {
                    "display_name": plan.display_name,
                    "description": f"The {plan.display_name} plan of Qiskit Runtime (emulated).",
                    "long_description": "",
                }
            },
            "metadata": {
                "pricing": {"type": plan.pricing_type, "origin": "pricing_catalog"},
                "plan": {"allow_internal_users": True, "bindable": False},
            },
            "tags": [],
            "geo_tags": ["us-east", "eu-de"],
            "created": created,
            "updated": created,
        }
    )
