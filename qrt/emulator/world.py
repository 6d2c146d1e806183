"""The emulator's world: accounts with API keys, their instances, the plans in the catalog and the backends.

A world is read from a JSON or YAML file (schema in ``docs/emulator.md``) or taken from the packaged
``default_world.yaml``. It is immutable once loaded; everything that changes while the emulator runs (jobs,
sessions, consumed usage, instance limits) lives in the store.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from qrt.emulator.faults import FaultConfig
from qrt.errors import ConfigurationError

if TYPE_CHECKING:
    from qrt.devices import DeviceSpec

__all__ = [
    "Account",
    "BackendEntry",
    "Instance",
    "Plan",
    "World",
    "default_world",
    "load_world",
    "world_from_mapping",
]

BACKEND_STATUSES = ("online", "paused", "offline")
CRN_SERVICE = "quantum-computing"
_REGION_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.:-]*$")

# The plans every world's catalog holds unless the world redefines them (by the same key).
_BUILTIN_PLANS: dict[str, dict[str, Any]] = {
    "open": {"display_name": "Open", "pricing_type": "Free"},
    "trial": {"display_name": "Trial", "pricing_type": "trial"},
    "pay-as-you-go": {"display_name": "Pay-As-You-Go", "pricing_type": "paygo"},
    "premium": {"display_name": "Premium", "pricing_type": "subscription"},
    "flex": {"display_name": "Flex", "pricing_type": "paid"},
    "lite-archived": {"display_name": "Lite", "pricing_type": "free", "archived": True},
}


@dataclass(frozen=True)
class Plan:
    """A Global Catalog plan: what ``GET <catalog>/{id}`` answers for it (403 when ``archived``)."""

    key: str
    id: str
    display_name: str
    pricing_type: str
    archived: bool = False


@dataclass(frozen=True)
class BackendEntry:
    """A backend of the world: the device it simulates plus its service-side state."""

    device: DeviceSpec
    status: str = "online"
    status_reason: str | None = None
    queue_length: int = 0

    @property
    def name(self) -> str:
        """The backend name."""
        return str(self.device.name)


@dataclass(frozen=True)
class Instance:
    """A service instance: its CRN, plan, tags, the backends it may use and its usage limits (seconds)."""

    crn: str
    name: str
    account_id: str
    region: str
    plan: Plan
    tags: tuple[str, ...] = ()
    backends: tuple[str, ...] = ()
    usage_limit_seconds: float | None = None
    usage_allocation_seconds: float | None = None

    @property
    def has_allocation(self) -> bool:
        """Whether the instance has any backend (Global Search shows ``doc.extensions`` only then)."""
        return bool(self.backends)


@dataclass(frozen=True)
class Account:
    """An IBM Cloud account: one API key, an IAM identity, and its instances."""

    id: str
    api_key: str = field(repr=False)
    iam_id: str
    name: str
    instances: tuple[Instance, ...] = ()

    @property
    def default_instance(self) -> Instance | None:
        """The first instance with a backend allocation (``None`` if there is none)."""
        return next((i for i in self.instances if i.has_allocation), None)


@dataclass(frozen=True)
class World:
    """Everything the emulator serves that does not change while it runs."""

    accounts: tuple[Account, ...]
    backends: Mapping[str, BackendEntry]
    plans: Mapping[str, Plan]
    token_ttl: int = 3600
    faults: FaultConfig = field(default_factory=FaultConfig)
    source: str = "<default>"

    _by_key: Mapping[str, Account] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, Account] = field(init=False, repr=False, compare=False)
    _by_crn: Mapping[str, Instance] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookup indexes, built once; the dataclass is frozen, hence object.__setattr__.
        object.__setattr__(self, "_by_key", MappingProxyType({a.api_key: a for a in self.accounts}))
        object.__setattr__(self, "_by_id", MappingProxyType({a.id: a for a in self.accounts}))
        crns = {i.crn: i for a in self.accounts for i in a.instances}
        object.__setattr__(self, "_by_crn", MappingProxyType(crns))

    @property
    def default_account(self) -> Account:
        """The first account: the one ``qrt emulator`` prints the environment for."""
        return self.accounts[0]

    def account_for_key(self, api_key: str) -> Account | None:
        """The account owning ``api_key``."""
        return self._by_key.get(api_key)

    def account(self, account_id: str) -> Account | None:
        """The account with this id."""
        return self._by_id.get(account_id)

    def instance(self, crn: str) -> Instance | None:
        """The instance with this CRN, in any account."""
        return self._by_crn.get(crn)

    def plan_by_id(self, plan_id: str) -> Plan | None:
        """The catalog plan with this id."""
        return next((p for p in self.plans.values() if p.id == plan_id), None)


def load_world(path: str | Path) -> World:
    """Read a world file (``.json``, or YAML for any other suffix) and validate it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"cannot read world file {path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ConfigurationError(f"world file {path} is not valid JSON: {exc}") from exc
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"world file {path} is not valid YAML: {exc}") from exc
    return world_from_mapping(data, source=str(path))


def default_world() -> World:
    """The packaged default world (``qrt/emulator/default_world.yaml``)."""
    import yaml

    text = resources.files("qrt.emulator").joinpath("default_world.yaml").read_text(encoding="utf-8")
    return world_from_mapping(yaml.safe_load(text), source="<default>")


def world_from_mapping(data: Any, *, source: str = "<mapping>") -> World:
    """Validate a parsed world document and build the :class:`World`."""
    if not isinstance(data, Mapping):
        raise ConfigurationError(f"{source}: a world must be a mapping with at least an `accounts` list")
    _check_keys(data, {"accounts", "backends", "plans", "token_ttl", "faults"}, source)
    token_ttl = data.get("token_ttl", 3600)
    if not isinstance(token_ttl, int) or isinstance(token_ttl, bool) or token_ttl < 1:
        raise ConfigurationError(f"{source}: token_ttl must be a positive number of seconds")
    plans = _parse_plans(data.get("plans"), source)
    backends = _parse_backends(data.get("backends"), source)
    raw_accounts = data.get("accounts")
    if not isinstance(raw_accounts, list) or not raw_accounts:
        raise ConfigurationError(f"{source}: `accounts` must be a non-empty list")
    accounts = tuple(
        _parse_account(raw, plans, backends, f"{source}: accounts[{i}]") for i, raw in enumerate(raw_accounts)
    )
    _check_unique([a.id for a in accounts], "account id", source)
    if len({a.api_key for a in accounts}) != len(accounts):
        raise ConfigurationError(f"{source}: two accounts share one api_key; give each its own")
    _check_unique([i.crn for a in accounts for i in a.instances], "instance crn", source)
    return World(
        accounts=accounts,
        backends=MappingProxyType(backends),
        plans=MappingProxyType(plans),
        token_ttl=token_ttl,
        faults=FaultConfig.from_mapping(data.get("faults"), where=f"{source}: faults"),
        source=source,
    )


def _parse_plans(raw: Any, source: str) -> dict[str, Plan]:
    merged: dict[str, dict[str, Any]] = {k: dict(v) for k, v in _BUILTIN_PLANS.items()}
    if raw is not None:
        if not isinstance(raw, Mapping):
            raise ConfigurationError(f"{source}: `plans` must map plan keys to {{display_name, pricing_type}}")
        for key, value in raw.items():
            if not isinstance(value, Mapping):
                raise ConfigurationError(f"{source}: plans.{key} must be a mapping")
            _check_keys(value, {"display_name", "pricing_type", "id", "archived"}, f"{source}: plans.{key}")
            merged[str(key)] = {**merged.get(str(key), {}), **value}
    plans: dict[str, Plan] = {}
    for key, value in merged.items():
        where = f"{source}: plans.{key}"
        display = value.get("display_name")
        pricing = value.get("pricing_type")
        if not isinstance(display, str) or not isinstance(pricing, str):
            raise ConfigurationError(f"{where} needs string display_name and pricing_type")
        plan_id = value.get("id") or str(uuid.uuid5(uuid.NAMESPACE_URL, f"qrt-emulator-plan:{key}"))
        plans[key] = Plan(str(key), str(plan_id), display, pricing, bool(value.get("archived", False)))
    _check_unique([p.id for p in plans.values()], "plan id", source)
    return plans


def _parse_backends(raw: Any, source: str) -> dict[str, BackendEntry]:
    from qrt.devices import DeviceSpec, default_devices

    defaults = {d.name: d for d in default_devices()}
    if raw is None:
        return {name: BackendEntry(device) for name, device in defaults.items()}
    if not isinstance(raw, list) or not raw:
        raise ConfigurationError(f"{source}: `backends` must be a non-empty list (omit it for the defaults)")
    entries: dict[str, BackendEntry] = {}
    for i, item in enumerate(raw):
        where = f"{source}: backends[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise ConfigurationError(f"{where} must be a mapping with a string `name` (or a default device name)")
        spec_fields = {k: v for k, v in item.items() if k not in {"status", "status_reason", "queue_length"}}
        name = spec_fields["name"]
        base = defaults.get(name)
        try:
            if base is not None:
                # A default device named here may override any of its fields.
                device = DeviceSpec.from_mapping({**base.to_mapping(), **spec_fields})
            else:
                device = DeviceSpec.from_mapping(spec_fields)
        except ConfigurationError as exc:
            raise ConfigurationError(f"{where} ({name}): {exc}") from exc
        except (TypeError, ValueError, KeyError) as exc:
            raise ConfigurationError(f"{where} ({name}): {exc}") from exc
        status = item.get("status", "online")
        if status not in BACKEND_STATUSES:
            raise ConfigurationError(f"{where}: status must be one of {', '.join(BACKEND_STATUSES)}")
        queue = item.get("queue_length", 0)
        if not isinstance(queue, int) or isinstance(queue, bool) or queue < 0:
            raise ConfigurationError(f"{where}: queue_length must be a non-negative integer")
        reason = item.get("status_reason")
        if reason is not None and not isinstance(reason, str):
            raise ConfigurationError(f"{where}: status_reason must be a string")
        if name in entries:
            raise ConfigurationError(f"{source}: backend {name!r} is defined twice")
        entries[name] = BackendEntry(device, status, reason, queue)
    return entries


def _parse_account(raw: Any, plans: Mapping[str, Plan], backends: Mapping[str, BackendEntry], where: str) -> Account:
    if not isinstance(raw, Mapping):
        raise ConfigurationError(f"{where} must be a mapping")
    _check_keys(raw, {"id", "api_key", "iam_id", "name", "instances"}, where)
    api_key = raw.get("api_key")
    if not isinstance(api_key, str) or len(api_key) < 8:
        raise ConfigurationError(f"{where}: api_key must be a string of at least 8 characters")
    account_id = raw.get("id") or hashlib.sha256(api_key.encode()).hexdigest()[:32]
    if not isinstance(account_id, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", account_id):
        raise ConfigurationError(f"{where}: id may hold only letters, digits, '_' and '-'")
    iam_id = str(raw.get("iam_id") or f"IBMid-{account_id[:10]}")
    name = str(raw.get("name") or account_id)
    raw_instances = raw.get("instances") or []
    if not isinstance(raw_instances, list):
        raise ConfigurationError(f"{where}: instances must be a list")
    instances = tuple(
        _parse_instance(item, account_id, plans, backends, f"{where}.instances[{j}]")
        for j, item in enumerate(raw_instances)
    )
    return Account(account_id, api_key, iam_id, name, instances)


def _parse_instance(
    raw: Any,
    account_id: str,
    plans: Mapping[str, Plan],
    backends: Mapping[str, BackendEntry],
    where: str,
) -> Instance:
    if not isinstance(raw, Mapping):
        raise ConfigurationError(f"{where} must be a mapping")
    _check_keys(
        raw,
        {"name", "crn", "region", "plan", "tags", "backends", "usage_limit_seconds", "usage_allocation_seconds"},
        where,
    )
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ConfigurationError(f"{where}: name must be a non-empty string of letters, digits, ' _.:-'")
    region = raw.get("region", "us-east")
    if not isinstance(region, str) or not _REGION_RE.match(region):
        raise ConfigurationError(f"{where}: region must look like `us-east` or `eu-de`")
    plan_key = raw.get("plan", "open")
    plan = plans.get(str(plan_key))
    if plan is None:
        raise ConfigurationError(f"{where}: unknown plan {plan_key!r}; known plans: {', '.join(sorted(plans))}")
    crn = raw.get("crn")
    if crn is None:
        guid = uuid.uuid5(uuid.NAMESPACE_URL, f"qrt-emulator-instance:{account_id}:{name}")
        crn = f"crn:v1:bluemix:public:{CRN_SERVICE}:{region}:a/{account_id}:{guid}::"
    parts = str(crn).split(":")
    if len(parts) < 8 or parts[0] != "crn" or parts[5] != region or parts[6] != f"a/{account_id}":
        raise ConfigurationError(
            f"{where}: crn must be crn:v1:<cname>:<ctype>:{CRN_SERVICE}:{region}:a/{account_id}:<guid>:: "
            "(its region and account must match the instance's)"
        )
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigurationError(f"{where}: tags must be a list of strings")
    names = raw.get("backends")
    if names is None:
        names = list(backends)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigurationError(f"{where}: backends must be a list of backend names")
    unknown = [n for n in names if n not in backends]
    if unknown:
        raise ConfigurationError(f"{where}: unknown backends {unknown}; the world defines {sorted(backends)}")
    limits = [raw.get("usage_limit_seconds"), raw.get("usage_allocation_seconds")]
    for value, key in zip(limits, ("usage_limit_seconds", "usage_allocation_seconds"), strict=True):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
            raise ConfigurationError(f"{where}: {key} must be a non-negative number or null")
    return Instance(
        crn=str(crn),
        name=name,
        account_id=account_id,
        region=region,
        plan=plan,
        tags=tuple(tags),
        backends=tuple(dict.fromkeys(names)),
        usage_limit_seconds=None if limits[0] is None else float(limits[0]),
        usage_allocation_seconds=None if limits[1] is None else float(limits[1]),
    )


def _check_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(map(str, data)) - allowed
    if unknown:
        raise ConfigurationError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")


def _check_unique(values: Sequence[str], what: str, source: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ConfigurationError(f"{source}: duplicate {what} {value!r}")
        seen.add(value)
