"""Fault and latency injection for the emulator: slow routes, error statuses and dropped connections.

Off by default. A world file can declare faults (``faults:`` key) and tests add or clear them at run time
through :meth:`FaultInjector.inject` / :meth:`FaultInjector.clear`. A rule matches requests by a route pattern
``"[METHOD ]PATH_GLOB"`` (``"POST /api/v1/jobs"``, ``"GET /api/v1/jobs/*"``, ``"*"``) and fires either on
the next ``times`` matching requests, or with ``probability`` on each one, or (neither given) on every one.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from qrt.errors import ConfigurationError

__all__ = ["FaultAction", "FaultConfig", "FaultInjector", "FaultRule"]

_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"})


@dataclass(frozen=True)
class FaultRule:
    """One injected fault.

    ``status`` answers the request with that error status (``retry_after`` adds a ``Retry-After`` header);
    ``drop`` closes the connection without an answer; ``latency`` (seconds) delays the request first. A rule
    with only ``latency`` slows a route down without failing it.
    """

    route: str = "*"
    status: int | None = None
    probability: float | None = None
    times: int | None = None
    retry_after: float | None = None
    latency: float = 0.0
    drop: bool = False

    def __post_init__(self) -> None:
        method, _ = _split_route(self.route)
        if method not in _METHODS:
            raise ConfigurationError(f"fault route {self.route!r}: unknown HTTP method {method!r}")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ConfigurationError(f"fault status must be an HTTP error status (400-599), got {self.status}")
        if self.probability is not None and not 0.0 <= self.probability <= 1.0:
            raise ConfigurationError(f"fault probability must be within [0, 1], got {self.probability}")
        if self.times is not None and self.times < 1:
            raise ConfigurationError(f"fault times must be at least 1, got {self.times}")
        if self.probability is not None and self.times is not None:
            raise ConfigurationError("a fault takes either `times` or `probability`, not both")
        if self.latency < 0 or (self.retry_after is not None and self.retry_after < 0):
            raise ConfigurationError("fault latency and retry_after must not be negative")
        if self.status is None and not self.drop and self.latency == 0:
            raise ConfigurationError(f"fault on {self.route!r} does nothing: give status, drop or latency")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, where: str = "fault") -> FaultRule:
        """Build a rule from a world-file mapping with the field names of this class."""
        allowed = {"route", "status", "probability", "times", "retry_after", "latency", "drop"}
        unknown = set(data) - allowed
        if unknown:
            raise ConfigurationError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
        try:
            return cls(
                route=str(data.get("route", "*")),
                status=_opt_int(data.get("status")),
                probability=_opt_float(data.get("probability")),
                times=_opt_int(data.get("times")),
                retry_after=_opt_float(data.get("retry_after")),
                latency=float(data.get("latency", 0.0)),
                drop=bool(data.get("drop", False)),
            )
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"{where}: {exc}") from exc

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule's route pattern covers ``method`` and ``path``."""
        rule_method, glob = _split_route(self.route)
        if rule_method != "*" and rule_method != method.upper():
            return False
        return fnmatch.fnmatchcase(path, glob)


@dataclass(frozen=True)
class FaultConfig:
    """Faults declared up front (in a world file or passed to ``running(faults=...)``)."""

    latency: float = 0.0
    rules: tuple[FaultRule, ...] = ()
    seed: int | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, *, where: str = "faults") -> FaultConfig:
        """Parse ``{latency, seed, rules: [...]}``; ``None`` gives no faults."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ConfigurationError(f"{where} must be a mapping with keys latency, seed, rules")
        unknown = set(data) - {"latency", "rules", "seed"}
        if unknown:
            raise ConfigurationError(f"{where}: unknown keys {sorted(unknown)}; allowed: latency, rules, seed")
        raw_rules = data.get("rules") or []
        if not isinstance(raw_rules, list):
            raise ConfigurationError(f"{where}.rules must be a list")
        rules = tuple(
            FaultRule.from_mapping(rule, where=f"{where}.rules[{i}]") if isinstance(rule, Mapping) else _bad(i)
            for i, rule in enumerate(raw_rules)
        )
        try:
            latency = float(data.get("latency", 0.0))
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"{where}.latency: {exc}") from exc
        if latency < 0:
            raise ConfigurationError(f"{where}.latency must not be negative")
        return cls(latency=latency, rules=rules, seed=_opt_int(data.get("seed")))

    def to_mapping(self) -> dict[str, Any]:
        """The inverse of :meth:`from_mapping`."""
        return {
            "latency": self.latency,
            "seed": self.seed,
            "rules": [
                {k: v for k, v in rule.__dict__.items() if v is not None and v is not False} for rule in self.rules
            ],
        }


@dataclass(frozen=True)
class FaultAction:
    """What to do with one request: wait ``latency`` seconds, then drop it, fail it, or let it through."""

    latency: float = 0.0
    status: int | None = None
    retry_after: float | None = None
    drop: bool = False

    @property
    def passes(self) -> bool:
        """True when the request is only delayed (or not touched at all)."""
        return self.status is None and not self.drop


@dataclass
class _LiveRule:
    rule: FaultRule
    remaining: int | None = field(default=None)


class FaultInjector:
    """The run-time fault state of one emulator; thread-safe."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        config = config or FaultConfig()
        self._lock = threading.Lock()
        self._latency = config.latency
        self._random = random.Random(config.seed)
        self._rules: list[_LiveRule] = []
        self._hits = 0
        for rule in config.rules:
            self._add(rule)

    def _add(self, rule: FaultRule) -> None:
        self._rules.append(_LiveRule(rule, rule.times))

    def inject(self, rule: FaultRule) -> None:
        """Add a rule; rules added later are checked after earlier ones."""
        with self._lock:
            self._add(rule)

    def set_latency(self, seconds: float) -> None:
        """Set the latency added to every request."""
        if seconds < 0:
            raise ConfigurationError("latency must not be negative")
        with self._lock:
            self._latency = seconds

    def clear(self) -> None:
        """Remove every rule and the global latency."""
        with self._lock:
            self._rules.clear()
            self._latency = 0.0

    def load(self, config: FaultConfig) -> None:
        """Replace the current faults by ``config``."""
        with self._lock:
            self._rules.clear()
            self._latency = config.latency
            if config.seed is not None:
                self._random.seed(config.seed)
            for rule in config.rules:
                self._add(rule)

    @property
    def injected(self) -> int:
        """How many requests a rule has failed or dropped so far."""
        with self._lock:
            return self._hits

    @property
    def active(self) -> bool:
        """Whether any fault or latency is configured."""
        with self._lock:
            return bool(self._rules) or self._latency > 0

    def decide(self, method: str, path: str) -> FaultAction | None:
        """The action for one request, or ``None`` when no fault applies."""
        with self._lock:
            if not self._rules and self._latency == 0:
                return None
            latency = self._latency
            for live in list(self._rules):
                rule = live.rule
                if not rule.matches(method, path):
                    continue
                if live.remaining is not None:
                    live.remaining -= 1
                    if live.remaining <= 0:
                        self._rules.remove(live)
                elif rule.probability is not None and self._random.random() >= rule.probability:
                    continue
                latency += rule.latency
                if rule.status is not None or rule.drop:
                    self._hits += 1
                    return FaultAction(latency, rule.status, rule.retry_after, rule.drop)
            return FaultAction(latency) if latency > 0 else None


def _split_route(route: str) -> tuple[str, str]:
    route = route.strip()
    if " " in route:
        method, glob = route.split(None, 1)
        return method.upper(), glob.strip()
    if route.upper() in _METHODS - {"*"}:
        return route.upper(), "*"
    return "*", route or "*"


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _bad(index: int) -> FaultRule:
    raise ConfigurationError(f"faults.rules[{index}] must be a mapping")


def rules_from(items: Iterable[FaultRule | Mapping[str, Any]]) -> tuple[FaultRule, ...]:
    """Normalise a mix of rules and rule mappings."""
    return tuple(
        item if isinstance(item, FaultRule) else FaultRule.from_mapping(item, where=f"faults[{i}]")
        for i, item in enumerate(items)
    )
