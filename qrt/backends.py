"""Backends as qiskit ``BackendV2`` objects, built lazily from the runtime API's JSON.

The backends list (one request) gives names, status and queue lengths. A backend's configuration and properties are
fetched only when needed (its ``target``, a filter that reads them) and cached per Service; several are fetched
concurrently. Importing this module imports qiskit, so the Service imports it on first use.

Filter semantics of :meth:`BackendCatalog.filter` (``Service.backends(**kwargs)``): each keyword names a key of the
backend configuration (any key the server sends, ``max_shots`` and ``supported_features`` included) or a status
attribute (``operational``, ``pending_jobs``, ``status_msg``, ``backend_version``); a backend matches when the value
is equal. A keyword that names neither raises :class:`~qrt.errors.ConfigurationError` listing the valid ones.
``simulator``, ``n_qubits`` and ``backend_name`` are answered from the backends list when it carries them, so they
cost no configuration request.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qiskit.providers import BackendV2, Options
from qiskit.transpiler import Target

from qrt.errors import ConfigurationError, NotFoundError, QrtError
from qrt.target import build_target, filter_fractional, supports_dynamic_circuits

if TYPE_CHECKING:
    from qrt_api import Client

__all__ = [
    "STATUS_ATTRIBUTES",
    "BackendCatalog",
    "BackendStatus",
    "JSONView",
    "RuntimeBackend",
]

logger = logging.getLogger("qrt.backends")

#: Status attributes a keyword filter may name.
STATUS_ATTRIBUTES = ("operational", "pending_jobs", "status_msg", "backend_version")
_FETCH_WORKERS = 8
# Configuration keys the /v1/backends list entry already answers, so filtering on them costs no request.
_ENTRY_KEYS = {"simulator": "is_simulator", "n_qubits": "qubits", "backend_name": "name"}


class JSONView(Mapping[str, Any]):
    """A read-only JSON object whose keys are also attributes (``config.n_qubits``, ``config["n_qubits"]``)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        name = self._data.get("backend_name")
        return f"<{type(self).__name__} {name!r}, {len(self._data)} keys>" if name else f"<{type(self).__name__}>"

    def to_dict(self) -> dict[str, Any]:
        """A copy of the JSON object."""
        return dict(self._data)


@dataclass(frozen=True)
class BackendStatus:
    """A backend's status: the official SDK's ``BackendStatus`` fields."""

    backend_name: str
    backend_version: str
    operational: bool
    pending_jobs: int
    status_msg: str

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, Any]) -> BackendStatus:
        pending = data.get("length_queue")
        return cls(
            backend_name=name,
            backend_version=str(data.get("backend_version") or "0.0.0"),
            operational=bool(data.get("state")),
            pending_jobs=max(int(pending), 0) if isinstance(pending, (int, float)) else 0,
            status_msg=str(data.get("status") or ""),
        )


class BackendCatalog:
    """The runtime calls behind backends, with per-Service caches. Thread-safe.

    ``api_for(crn)`` returns the configured generated client for an instance.
    """

    def __init__(self, api_for: Callable[[str], Client]) -> None:
        self._api_for = api_for
        self._lock = threading.Lock()
        self._configurations: dict[str, dict[str, Any]] = {}
        self._properties: dict[str, dict[str, Any] | None] = {}

    # -- calls ----------------------------------------------------------------------------------------------

    def entries(self, crn: str) -> list[dict[str, Any]]:
        """The ``/v1/backends`` list of an instance, as JSON objects (one request)."""
        from qrt_api.api.backends import list_backends

        found = list_backends.sync(client=self._api_for(crn))
        devices = getattr(found, "devices", None) or []
        return [device.to_dict() for device in devices]

    def configuration(self, crn: str, name: str, *, refresh: bool = False) -> dict[str, Any]:
        """A backend's configuration JSON, cached per Service."""
        from qrt_api.api.backends import get_backend_configuration

        with self._lock:
            cached = None if refresh else self._configurations.get(name)
        if cached is not None:
            return cached
        found = get_backend_configuration.sync(name, client=self._api_for(crn))
        data = found.to_dict() if found is not None and hasattr(found, "to_dict") else {}
        with self._lock:
            self._configurations[name] = data
        return data

    def properties(
        self, crn: str, name: str, *, refresh: bool = False, when: dt.datetime | None = None
    ) -> dict[str, Any] | None:
        """A backend's properties JSON (None for simulators without calibration data), cached unless ``when``."""
        from qrt_api.api.backends import get_backend_properties
        from qrt_api.types import UNSET

        with self._lock:
            if not refresh and when is None and name in self._properties:
                return self._properties[name]
        try:
            found = get_backend_properties.sync(
                name, client=self._api_for(crn), updated_before=when if when is not None else UNSET
            )
        except NotFoundError:
            found = None
        data = found.to_dict() if found is not None and hasattr(found, "to_dict") else None
        data = data or None  # simulators may answer {}
        if when is None:
            with self._lock:
                self._properties[name] = data
        return data

    def status(self, crn: str, name: str) -> BackendStatus:
        """A backend's current status (always a fresh request)."""
        from qrt_api.api.backends import get_backend_status

        found = get_backend_status.sync(name, client=self._api_for(crn))
        return BackendStatus.from_json(name, found.to_dict() if found is not None and hasattr(found, "to_dict") else {})

    def prefetch(self, crn: str, names: Sequence[str]) -> None:
        """Fetch the configurations of ``names`` concurrently (those not cached yet)."""
        with self._lock:
            missing = [n for n in names if n not in self._configurations]
        if len(missing) <= 1:
            for name in missing:
                self.configuration(crn, name)
            return
        with ThreadPoolExecutor(max_workers=min(_FETCH_WORKERS, len(missing)), thread_name_prefix="qrt-config") as pool:
            list(pool.map(lambda n: self.configuration(crn, n), missing))

    # -- filtering ------------------------------------------------------------------------------------------

    def filter(
        self,
        backends: Sequence[RuntimeBackend],
        *,
        dynamic_circuits: bool | None = None,
        filters: Callable[[RuntimeBackend], bool] | None = None,
        **kwargs: Any,
    ) -> list[RuntimeBackend]:
        """Apply ``dynamic_circuits``, keyword filters and the ``filters`` callable, in that order."""
        chosen = list(backends)
        if not chosen:
            return chosen
        from_entry = {
            key: value for key, value in kwargs.items()
            if key in _ENTRY_KEYS and all(b.entry.get(_ENTRY_KEYS[key]) is not None for b in chosen)
        }
        chosen = [b for b in chosen if all(b.entry[_ENTRY_KEYS[k]] == v for k, v in from_entry.items())]
        rest = {key: value for key, value in kwargs.items() if key not in from_entry}
        if chosen and (dynamic_circuits is not None or rest):
            for crn in {b.instance for b in chosen}:
                self.prefetch(crn, [b.name for b in chosen if b.instance == crn])
        if dynamic_circuits is not None:
            chosen = [b for b in chosen if supports_dynamic_circuits(b.configuration()) == dynamic_circuits]
        if rest and chosen:
            chosen = self._match_keywords(chosen, rest)
        if filters is not None:
            chosen = [b for b in chosen if filters(b)]
        return chosen

    def _match_keywords(self, backends: list[RuntimeBackend], kwargs: Mapping[str, Any]) -> list[RuntimeBackend]:
        config_keys: set[str] = set()
        for backend in backends:
            config_keys.update(backend.configuration())
        unknown = [k for k in kwargs if k not in config_keys and k not in STATUS_ATTRIBUTES]
        if unknown:
            raise ConfigurationError(
                f"Unknown backend filter {', '.join(map(repr, unknown))}: a keyword filter must name a configuration "
                f"key or a status attribute. Status attributes: {', '.join(STATUS_ATTRIBUTES)}. Configuration keys: "
                f"{', '.join(sorted(config_keys))}. Use filters=callable for anything else."
            )
        status_wanted = {k: v for k, v in kwargs.items() if k in STATUS_ATTRIBUTES and k not in config_keys}
        config_wanted = {k: v for k, v in kwargs.items() if k not in status_wanted}
        chosen = [b for b in backends if all(b.configuration().get(k) == v for k, v in config_wanted.items())]
        if status_wanted and chosen:
            workers = min(_FETCH_WORKERS, len(chosen))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="qrt-status") as pool:
                statuses = list(pool.map(lambda b: b.status(), chosen))
            chosen = [b for b, s in zip(chosen, statuses, strict=True)
                      if all(getattr(s, k) == v for k, v in status_wanted.items())]
        return chosen


class RuntimeBackend(BackendV2):  # type: ignore[misc]  # qiskit ships no type information
    """A Qiskit Runtime backend. Its configuration, properties and target load on first use.

    Run circuits with :class:`qrt.Sampler` or :class:`qrt.Estimator` (``mode=backend``); ``run()`` is not
    supported, as in the official SDK.
    """

    def __init__(
        self,
        catalog: BackendCatalog,
        instance: str,
        entry: Mapping[str, Any],
        *,
        use_fractional_gates: bool | None = False,
        service: Any = None,
    ) -> None:
        name = str(entry["name"])
        super().__init__(name=name, description=f"Qiskit Runtime backend {name}")
        self._catalog = catalog
        self._instance = instance
        self._entry = dict(entry)
        self._use_fractional_gates = use_fractional_gates
        self._service = service
        self._target: Target | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<RuntimeBackend {self.name!r}>"

    @property
    def instance(self) -> str:
        """The CRN of the instance this backend was listed by."""
        return self._instance

    @property
    def service(self) -> Any:
        """The :class:`qrt.Service` this backend came from (primitives submit jobs through it)."""
        return self._service

    @property
    def entry(self) -> JSONView:
        """This backend's entry in the ``/v1/backends`` list (status, queue length, qubits...)."""
        return JSONView(self._entry)

    @property
    def use_fractional_gates(self) -> bool | None:
        return self._use_fractional_gates

    def configuration(self) -> JSONView:
        """The backend configuration (fetched once per Service), fractional gates filtered as requested."""
        raw = self._catalog.configuration(self._instance, self.name)
        filtered = raw if self._use_fractional_gates is None else filter_fractional(raw, self._use_fractional_gates)
        return JSONView(filtered)

    def properties(self, refresh: bool = False, datetime: dt.datetime | None = None) -> JSONView | None:
        """Calibration properties (None for a simulator without them); ``datetime`` asks for a past calibration."""
        data = self._catalog.properties(self._instance, self.name, refresh=refresh, when=datetime)
        return JSONView(data) if data is not None else None

    def status(self) -> BackendStatus:
        """The current status (a fresh request every call)."""
        return self._catalog.status(self._instance, self.name)

    def refresh(self) -> None:
        """Fetch configuration and properties again, and rebuild the target."""
        self._catalog.configuration(self._instance, self.name, refresh=True)
        self._catalog.properties(self._instance, self.name, refresh=True)
        with self._lock:
            self._target = None

    @property
    def target(self) -> Target:
        with self._lock:
            if self._target is None:
                properties = self.properties()
                self._target = build_target(self.configuration(), properties.to_dict() if properties else None)
            return self._target

    @property
    def max_circuits(self) -> int | None:
        value = self.configuration().get("max_experiments")
        return int(value) if isinstance(value, int) else None

    @property
    def simulator(self) -> bool:
        """Whether this backend is a simulator (from the backends list, no extra request)."""
        value = self._entry.get("is_simulator")
        if isinstance(value, bool):
            return value
        return bool(self.configuration().get("simulator"))

    @classmethod
    def _default_options(cls) -> Options:
        return Options(shots=4000)

    def run(self, run_input: Any, **options: Any) -> Any:
        raise QrtError(
            "backend.run() is not supported by Qiskit Runtime backends; use qrt.Sampler(mode=backend) or "
            "qrt.Estimator(mode=backend)."
        )
