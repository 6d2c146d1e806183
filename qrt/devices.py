"""Simulated quantum devices, built from a small description; shared by local mode and the emulator.

A :class:`DeviceSpec` says what a device looks like (size, topology, gates, features, noise level). From
it this module derives, deterministically, a *calibration*: T1, T2, frequencies, gate and readout errors
and durations, seeded by ``spec.seed`` and ``spec.name``. The calibration is rendered three ways from the
same numbers:

* :func:`configuration` and :func:`properties`: the Runtime API's JSON (what the emulator serves);
* :func:`build_backend`: a qiskit ``BackendV2`` whose ``Target`` carries those numbers;
* :func:`simulator_for`: the qiskit-aer simulator (noise model from that target) that runs jobs.

:func:`qrt.target.build_target` turns the JSON back into a ``Target`` equal to the backend's.

The spec and its parsing are pure Python; qiskit and qiskit-aer are imported only by the functions
that need them.
"""

from __future__ import annotations

import functools
import math
import random
import re
import statistics
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final, NoReturn

from qrt.errors import ConfigurationError
from qrt.target import GATE_SIGNATURES, NON_GATE_INSTRUCTIONS, to_si

if TYPE_CHECKING:
    from qiskit.providers import BackendV2
    from qiskit.transpiler import Target
    from qiskit_aer import AerSimulator

__all__ = [
    "CONTROL_FLOW_GATES",
    "EAGLE_BASIS_GATES",
    "FALCON_BASIS_GATES",
    "HERON_BASIS_GATES",
    "TOPOLOGIES",
    "DeviceSpec",
    "ProcessorType",
    "build_backend",
    "configuration",
    "default_devices",
    "device_backend_class",
    "list_entry",
    "properties",
    "simulator_for",
    "status",
]

#: Named topologies; a device may instead give an explicit list of undirected edges.
TOPOLOGIES: Final = ("heavy_hex", "line", "grid", "ring", "all_to_all")
HERON_BASIS_GATES: Final = ("cz", "id", "rz", "sx", "x")
EAGLE_BASIS_GATES: Final = ("ecr", "id", "rz", "sx", "x")
FALCON_BASIS_GATES: Final = ("cx", "id", "rz", "sx", "x")
#: What ``fractional_gates=True`` adds to the basis gates.
FRACTIONAL_BASIS_GATES: Final = ("rx", "rzz")
#: What ``dynamic_circuits=True`` adds to ``supported_instructions``.
CONTROL_FLOW_GATES: Final = ("if_else", "while_loop", "for_loop", "switch_case")
#: What ``dynamic_circuits=True`` adds to ``supported_features``: ``qasm3`` is what real IBM configurations
#: carry (and the official local mode checks); ``dynamic_circuits`` is what the official remote filter checks.
DYNAMIC_FEATURES: Final = ("qasm3", "dynamic_circuits")

Edge = tuple[int, int]
Topology = str | tuple[Edge, ...]

_NAME_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_MAX_QUBITS: Final = 1000
_MAX_ERROR_SCALE: Final = 100.0
_MAX_ERROR: Final = 0.5
_DEFAULT_ONLINE_DATE: Final = datetime(2024, 6, 1, tzinfo=UTC)
_DEVICE_MAX_SHOTS: Final = 100_000
_SIMULATOR_MAX_SHOTS: Final = 10_000_000
_VIRTUAL_GATES: Final = frozenset({"rz", "p", "u1"})


@dataclass(frozen=True)
class ProcessorType:
    """A processor family and revision, as configurations and the backends list report them."""

    family: str
    revision: str
    segment: str | None = None

    def to_mapping(self) -> dict[str, str]:
        """The JSON form ``{"family", "revision"[, "segment"]}``."""
        out = {"family": self.family, "revision": self.revision}
        if self.segment is not None:
            out["segment"] = self.segment
        return out


# Per 2-qubit gate kind: processor type, CLOPS, (1q, 2q, readout) durations in ns.
_FAMILIES: Final[Mapping[str, tuple[ProcessorType, int, tuple[float, float, float]]]] = {
    "cz": (ProcessorType("Heron", "2"), 250_000, (32.0, 68.0, 1560.0)),
    "ecr": (ProcessorType("Eagle", "3"), 180_000, (60.0, 660.0, 1300.0)),
    "cx": (ProcessorType("Falcon", "5.11", "L"), 30_000, (35.5, 300.0, 5350.0)),
}
_GENERIC_FAMILY: Final = (ProcessorType("Generic", "1"), 100_000, (40.0, 300.0, 1500.0))


@dataclass(frozen=True)
class DeviceSpec:
    """The description of one simulated device.

    Fields left as ``None`` take the default for the kind of device: ``topology`` is ``heavy_hex``
    (``all_to_all`` for simulators), ``max_shots`` is 100 000 (10 000 000 for simulators),
    ``processor_type`` follows the two-qubit gate (cz: Heron, ecr: Eagle, cx: Falcon; none for
    simulators) and ``description`` is ``"<n> qubit device"``.

    ``simulator=True`` makes an ideal simulator: no calibration, no noise, no ``dt``. With
    ``topology="all_to_all"`` its gates work on any qubits. ``error_scale`` multiplies gate and readout
    errors and divides T1/T2; 0 makes a noiseless device that still reports T1/T2. ``dt`` is in seconds.
    The calibration depends on ``seed`` and ``name`` (so two devices with one seed still differ).
    Lists given to the constructor are stored as tuples, and edges as sorted ``(low, high)`` pairs.
    """

    name: str
    num_qubits: int
    topology: Topology | None = None
    basis_gates: tuple[str, ...] = HERON_BASIS_GATES
    fractional_gates: bool = False
    dynamic_circuits: bool = False
    simulator: bool = False
    seed: int = 0
    error_scale: float = 1.0
    processor_type: ProcessorType | None = None
    backend_version: str = "1.0.0"
    max_shots: int | None = None
    max_experiments: int = 300
    dt: float = 5e-10
    online_date: datetime = _DEFAULT_ONLINE_DATE
    description: str | None = None

    def __post_init__(self) -> None:
        name = self.name
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            raise ConfigurationError(
                f"device name {name!r} is not valid: use 1-100 letters, digits, '_', '-' or '.', "
                "starting with a letter or digit"
            )
        _check_int(self, "num_qubits", low=1, high=_MAX_QUBITS)
        self._normalise_topology()
        self._normalise_basis_gates()
        for key in ("fractional_gates", "dynamic_circuits", "simulator"):
            if not isinstance(getattr(self, key), bool):
                self._fail(key, f"expected true or false, got {getattr(self, key)!r}")
        _check_int(self, "seed")
        scale = _check_number(self, "error_scale")
        if not 0 <= scale <= _MAX_ERROR_SCALE:
            self._fail("error_scale", f"must be between 0 and {_MAX_ERROR_SCALE:g}, got {scale!r}")
        object.__setattr__(self, "error_scale", float(scale))
        if self.processor_type is not None and not isinstance(self.processor_type, ProcessorType):
            self._fail("processor_type", f"expected a ProcessorType, got {self.processor_type!r}")
        for key in ("backend_version", "description"):
            value = getattr(self, key)
            if not (value is None and key == "description") and (not isinstance(value, str) or not value):
                self._fail(key, f"expected a non-empty string, got {value!r}")
        if self.max_shots is not None:
            _check_int(self, "max_shots", low=1)
        _check_int(self, "max_experiments", low=1)
        dt = _check_number(self, "dt")
        if not 1e-12 <= dt <= 1e-6:
            self._fail("dt", f"is in seconds (for example 5e-10 for 0.5 ns); {dt!r} is out of range")
        object.__setattr__(self, "dt", float(dt))
        if not isinstance(self.online_date, datetime):
            self._fail("online_date", f"expected a datetime, got {self.online_date!r}")
        if self.online_date.tzinfo is None:
            object.__setattr__(self, "online_date", self.online_date.replace(tzinfo=UTC))
        else:
            object.__setattr__(self, "online_date", self.online_date.astimezone(UTC))
        if self.num_qubits < 2 and any(GATE_SIGNATURES[g][0] == 2 for g in self.all_gates):
            self._fail("num_qubits", "two-qubit basis gates need at least 2 qubits")
        if _layout(self).edges == () and any(GATE_SIGNATURES[g][0] == 2 for g in self.all_gates):
            self._fail("topology", f"{self.resolved_topology!r} couples no qubits, but the basis has two-qubit gates")

    def _fail(self, key: str, problem: str) -> NoReturn:
        raise ConfigurationError(f"device {self.name!r}: {key}: {problem}")

    def _normalise_topology(self) -> None:
        topology = self.topology
        if topology is None:
            return
        if isinstance(topology, str):
            if topology not in TOPOLOGIES:
                self._fail(
                    "topology", f"unknown topology {topology!r}; use one of {', '.join(TOPOLOGIES)} or a list of edges"
                )
            if topology == "ring" and self.num_qubits < 3:
                self._fail("topology", "a ring needs at least 3 qubits")
            return
        if not isinstance(topology, Sequence):
            self._fail("topology", f"expected a name or a list of [a, b] edges, got {topology!r}")
        edges: set[Edge] = set()
        for edge in topology:
            if (
                not isinstance(edge, Sequence)
                or isinstance(edge, str)
                or len(edge) != 2
                or not all(isinstance(q, int) and not isinstance(q, bool) for q in edge)
            ):
                self._fail("topology", f"each edge must be a pair of qubit indices, got {edge!r}")
            a, b = int(edge[0]), int(edge[1])
            if a == b or not (0 <= a < self.num_qubits and 0 <= b < self.num_qubits):
                self._fail("topology", f"edge {[a, b]} needs two different qubits in 0..{self.num_qubits - 1}")
            edges.add((min(a, b), max(a, b)))
        object.__setattr__(self, "topology", tuple(sorted(edges)))

    def _normalise_basis_gates(self) -> None:
        gates = self.basis_gates
        if isinstance(gates, str) or not isinstance(gates, Sequence) or not gates:
            self._fail("basis_gates", f"expected a non-empty list of gate names, got {gates!r}")
        for gate in gates:
            if not isinstance(gate, str):
                self._fail("basis_gates", f"gate names are strings, got {gate!r}")
            if gate in NON_GATE_INSTRUCTIONS:
                self._fail("basis_gates", f"{gate!r} is always supported; leave it out")
            if gate in FRACTIONAL_BASIS_GATES:
                self._fail("basis_gates", f"{gate!r} is a fractional gate; set fractional_gates to true instead")
            if gate not in GATE_SIGNATURES:
                self._fail(
                    "basis_gates",
                    f"unknown gate {gate!r}; use qiskit standard gates on 1 or 2 qubits: "
                    + ", ".join(sorted(GATE_SIGNATURES)),
                )
        object.__setattr__(self, "basis_gates", tuple(dict.fromkeys(gates)))

    # -- derived values -------------------------------------------------------------------------

    @property
    def resolved_topology(self) -> Topology:
        """The topology, with the default for the kind of device filled in."""
        if self.topology is not None:
            return self.topology
        return "all_to_all" if self.simulator else "heavy_hex"

    @property
    def resolved_max_shots(self) -> int:
        """``max_shots``, with the default for the kind of device filled in."""
        if self.max_shots is not None:
            return self.max_shots
        return _SIMULATOR_MAX_SHOTS if self.simulator else _DEVICE_MAX_SHOTS

    @property
    def resolved_processor_type(self) -> ProcessorType | None:
        """``processor_type``, or the family of the two-qubit gate; None for simulators by default."""
        if self.processor_type is not None or self.simulator:
            return self.processor_type
        return _family(self)[0]

    @property
    def resolved_description(self) -> str:
        """``description``, or a default naming the size."""
        if self.description is not None:
            return self.description
        return f"{self.num_qubits} qubit {'simulator' if self.simulator else 'device'}"

    @property
    def all_gates(self) -> tuple[str, ...]:
        """The basis gates, plus ``rx`` and ``rzz`` when ``fractional_gates`` is set."""
        extra = FRACTIONAL_BASIS_GATES if self.fractional_gates else ()
        return tuple(dict.fromkeys(self.basis_gates + extra))

    # -- the mapping form (world files) ----------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DeviceSpec:
        """Parse the JSON/YAML form of a device (as in the emulator's world file).

        Raises :class:`~qrt.errors.ConfigurationError` naming the device and the bad key or value;
        unknown keys are errors that list the valid ones.
        """
        if not isinstance(data, Mapping):
            raise ConfigurationError(f"a device entry must be a mapping of settings, got {type(data).__name__}")
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise ConfigurationError(f"a device entry needs a 'name' (a non-empty string), got {name!r}")
        valid = [f.name for f in fields(cls)]
        unknown = sorted(str(key) for key in data if key not in valid)
        if unknown:
            raise ConfigurationError(
                f"device {name!r}: unknown key(s) {', '.join(unknown)}; valid keys are: {', '.join(valid)}"
            )
        if "num_qubits" not in data:
            raise ConfigurationError(f"device {name!r}: num_qubits: required (the number of qubits)")
        kwargs = {key: _PARSERS[key](name, key, value) for key, value in data.items()}
        return cls(**kwargs)

    def to_mapping(self) -> dict[str, Any]:
        """The JSON-serialisable form :meth:`from_mapping` reads; fields that are None are left out."""
        out: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None:
                continue
            if field.name == "topology" and isinstance(value, tuple):
                value = [list(edge) for edge in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, ProcessorType):
                value = value.to_mapping()
            elif isinstance(value, datetime):
                value = value.isoformat()
            out[field.name] = value
        return out


def _check_int(spec: DeviceSpec, key: str, *, low: int | None = None, high: int | None = None) -> int:
    value = getattr(spec, key)
    if not isinstance(value, int) or isinstance(value, bool):
        spec._fail(key, f"expected an integer, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        spec._fail(key, f"must be {bounds}, got {value!r}")
    return int(value)


def _check_number(spec: DeviceSpec, key: str) -> float:
    value = getattr(spec, key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        spec._fail(key, f"expected a finite number, got {value!r}")
    return float(value)


# -- parsing the mapping form: type checks here, value checks in DeviceSpec.__post_init__ ---------------


def _bad(device: str, key: str, expected: str, value: Any) -> ConfigurationError:
    return ConfigurationError(f"device {device!r}: {key}: expected {expected}, got {value!r}")


def _parse_str(device: str, key: str, value: Any) -> str | None:
    if value is None and key == "description":
        return None
    if not isinstance(value, str):
        raise _bad(device, key, "a string", value)
    return value


def _parse_int(device: str, key: str, value: Any) -> int | None:
    if value is None and key == "max_shots":
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(device, key, "an integer", value)
    return value


def _parse_bool(device: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad(device, key, "true or false", value)
    return value


def _parse_number(device: str, key: str, value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _bad(device, key, "a number", value)
    return float(value)


def _parse_topology(device: str, key: str, value: Any) -> Topology | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(edge, list | tuple) for edge in value):
        return tuple(tuple(edge) for edge in value)  # pair shape checked by DeviceSpec
    raise _bad(device, key, f"one of {', '.join(TOPOLOGIES)} or a list of [a, b] edges", value)


def _parse_gates(device: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(gate, str) for gate in value):
        raise _bad(device, key, "a list of gate names", value)
    return tuple(value)


def _parse_processor_type(device: str, key: str, value: Any) -> ProcessorType | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _bad(device, key, "a mapping with family and revision", value)
    unknown = sorted(str(k) for k in value if k not in ("family", "revision", "segment"))
    if unknown or "family" not in value or "revision" not in value:
        raise _bad(device, key, "a mapping with family, revision and optionally segment", dict(value))
    parts = [value["family"], value["revision"], value.get("segment")]
    if not all(part is None or isinstance(part, str | int | float) for part in parts):
        raise _bad(device, key, "family, revision and segment as strings", dict(value))
    family, revision, segment = (None if part is None else str(part) for part in parts)
    if not family or not revision:
        raise _bad(device, key, "a non-empty family and revision", dict(value))
    return ProcessorType(family, revision, segment)


def _parse_date(device: str, key: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _bad(device, key, "an ISO 8601 date-time such as 2024-06-01T00:00:00+00:00", value)


_PARSERS: Final[Mapping[str, Any]] = {
    "name": _parse_str,
    "num_qubits": _parse_int,
    "topology": _parse_topology,
    "basis_gates": _parse_gates,
    "fractional_gates": _parse_bool,
    "dynamic_circuits": _parse_bool,
    "simulator": _parse_bool,
    "seed": _parse_int,
    "error_scale": _parse_number,
    "processor_type": _parse_processor_type,
    "backend_version": _parse_str,
    "max_shots": _parse_int,
    "max_experiments": _parse_int,
    "dt": _parse_number,
    "online_date": _parse_date,
    "description": _parse_str,
}


# --------------------------------------------------------------------------------------------------
# Layout and calibration (pure, cached: specs are frozen and hashable)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    edges: tuple[Edge, ...] | None  # None: every pair, not enumerated (ideal all-to-all simulators)
    coords: tuple[tuple[int, int], ...]


def _heavy_hex(num_qubits: int) -> tuple[tuple[Edge, ...], tuple[tuple[int, int], ...]]:
    """Edges and coordinates of an IBM-style heavy-hex lattice cut to ``num_qubits``.

    Rows of ``width`` qubits are joined by bridge qubits at every fourth column, at offsets alternating
    between 0 and 2, so no qubit has more than three neighbours. Qubits are numbered row by row (each row
    after its bridges); a row whose bridges start at offset 2 is numbered right to left, so that a cut
    anywhere still leaves one connected lattice.
    """
    estimate = 1.26 * math.sqrt(num_qubits)
    width = max(7, 4 * round((estimate - 3) / 4) + 3)
    coords: list[tuple[int, int]] = []
    edges: set[Edge] = set()
    above: dict[int, int] = {}  # column -> qubit of the previous row
    row = 0
    while len(coords) < num_qubits:
        offset = 0 if row % 2 == 1 else 2
        bridges: dict[int, int] = {}
        for column in range(offset, width, 4) if row > 0 else ():
            if len(coords) == num_qubits:
                break
            bridges[column] = len(coords)
            edges.add((above[column], len(coords)))
            coords.append((column + 1, 2 * row))
        columns = range(width) if offset == 0 or row == 0 else range(width - 1, -1, -1)
        current: dict[int, int] = {}
        previous: int | None = None
        for column in columns:
            if len(coords) == num_qubits:
                break
            qubit = len(coords)
            for neighbour in (previous, bridges.get(column)):
                if neighbour is not None:
                    edges.add((neighbour, qubit))
            coords.append((column + 1, 2 * row + 1))
            current[column] = qubit
            previous = qubit
        above = current
        row += 1
    return tuple(sorted(edges)), tuple(coords)


@functools.lru_cache(maxsize=128)
def _layout(spec: DeviceSpec) -> _Layout:
    n = spec.num_qubits
    topology = spec.resolved_topology
    if isinstance(topology, tuple):
        return _Layout(topology, ())
    if topology == "all_to_all":
        if spec.simulator:
            return _Layout(None, ())
        return _Layout(tuple((a, b) for a in range(n) for b in range(a + 1, n)), ())
    if topology in ("line", "ring"):
        edges = [(q, q + 1) for q in range(n - 1)]
        if topology == "ring":
            edges.append((0, n - 1))
        return _Layout(tuple(sorted(edges)), tuple((q + 1, 1) for q in range(n)))
    if topology == "grid":
        columns = math.ceil(math.sqrt(n))
        edges = [(q, q + 1) for q in range(n - 1) if (q + 1) % columns]
        edges += [(q, q + columns) for q in range(n - columns)]
        return _Layout(tuple(sorted(edges)), tuple((q % columns + 1, q // columns + 1) for q in range(n)))
    return _Layout(*_heavy_hex(n))


def _family(spec: DeviceSpec) -> tuple[ProcessorType, int, tuple[float, float, float]]:
    for gate in spec.basis_gates:
        if gate in _FAMILIES:
            return _FAMILIES[gate]
    return _GENERIC_FAMILY


def _gate_qargs(spec: DeviceSpec, gate: str) -> tuple[tuple[int, ...], ...] | None:
    """The qubits ``gate`` acts on; None when it acts on any (ideal all-to-all simulators)."""
    edges = _layout(spec).edges
    if edges is None:
        return None
    if GATE_SIGNATURES[gate][0] == 1:
        return tuple((q,) for q in range(spec.num_qubits))
    if gate == "ecr":  # a cross-resonance gate has a direction; everything else is offered both ways
        return edges
    return tuple(qargs for a, b in edges for qargs in ((a, b), (b, a)))


@dataclass(frozen=True)
class _QubitCalibration:
    t1_us: float
    t2_us: float
    frequency_ghz: float
    anharmonicity_ghz: float
    prob_meas0_prep1: float
    prob_meas1_prep0: float
    readout_length_ns: float
    reset_length_ns: float
    gate_error: float  # of every non-virtual single-qubit gate on this qubit

    @property
    def readout_error(self) -> float:
        return (self.prob_meas0_prep1 + self.prob_meas1_prep0) / 2


@dataclass(frozen=True)
class _GateCalibration:
    qargs: tuple[int, ...]
    error: float
    length_ns: float


@dataclass(frozen=True)
class _Calibration:
    dt_ns: float
    qubits: tuple[_QubitCalibration, ...]
    gates: tuple[tuple[str, tuple[_GateCalibration, ...]], ...]


def _rng(spec: DeviceSpec, *entity: object) -> random.Random:
    # A string seed goes through SHA-512, so the stream is the same in every process and Python build;
    # one stream per qubit/edge keeps each value independent of size, topology and gate choices.
    return random.Random("/".join(["qrt-device", spec.name, str(spec.seed), *map(str, entity)]))


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return 10 ** rng.uniform(math.log10(low), math.log10(high))


def _dt_ns(spec: DeviceSpec) -> float:
    return round(spec.dt * 1e9, 9)


def _ticks(length_ns: float, dt_ns: float) -> float:
    """``length_ns`` rounded to a whole number (at least one) of ``dt`` steps, as pulses are."""
    return round(max(1, round(length_ns / dt_ns)) * dt_ns, 6)


@functools.lru_cache(maxsize=128)
def _calibration(spec: DeviceSpec) -> _Calibration:
    scale = spec.error_scale
    relaxation = 1 / scale if scale > 0 else 1.0
    dt_ns = _dt_ns(spec)
    length_1q, length_2q, length_readout = (_ticks(ns, dt_ns) for ns in _family(spec)[2])
    qubits = []
    for q in range(spec.num_qubits):
        rng = _rng(spec, "qubit", q)
        t1 = rng.uniform(80.0, 300.0) * relaxation
        t2 = min(t1 * rng.uniform(0.3, 1.5), 2 * t1)
        qubits.append(
            _QubitCalibration(
                t1_us=t1,
                t2_us=t2,
                frequency_ghz=rng.uniform(4.5, 5.3),
                anharmonicity_ghz=rng.uniform(-0.345, -0.300),
                prob_meas0_prep1=min(_MAX_ERROR, rng.uniform(0.005, 0.03) * scale),
                prob_meas1_prep0=min(_MAX_ERROR, rng.uniform(0.002, 0.015) * scale),
                readout_length_ns=length_readout,
                reset_length_ns=_ticks(length_readout + 480.0, dt_ns),
                gate_error=min(_MAX_ERROR, _log_uniform(rng, 1.2e-4, 6e-4) * scale),
            )
        )
    edge_errors: dict[Edge, tuple[float, float]] = {}
    for edge in _layout(spec).edges or ():
        rng = _rng(spec, "edge", *edge)
        error = _log_uniform(rng, 2e-3, 1.2e-2)
        edge_errors[edge] = (min(_MAX_ERROR, error * scale), min(_MAX_ERROR, error * rng.uniform(0.9, 1.4) * scale))
    gates = []
    for gate in spec.all_gates:
        entries = []
        for qargs in _gate_qargs(spec, gate) or ():
            if gate in _VIRTUAL_GATES:
                entries.append(_GateCalibration(qargs, 0.0, 0.0))
            elif len(qargs) == 1:
                entries.append(_GateCalibration(qargs, qubits[qargs[0]].gate_error, length_1q))
            else:
                base, rzz = edge_errors[(min(qargs), max(qargs))]
                entries.append(_GateCalibration(qargs, rzz if gate == "rzz" else base, length_2q))
        gates.append((gate, tuple(entries)))
    return _Calibration(dt_ns, tuple(qubits), tuple(gates))


# --------------------------------------------------------------------------------------------------
# The Runtime API's JSON
# --------------------------------------------------------------------------------------------------

_QASM_DEFS: Final[Mapping[str, str]] = {
    "id": "gate id q { U(0, 0, 0) q; }",
    "x": "gate x q { U(pi, 0, pi) q; }",
    "y": "gate y q { U(pi, pi/2, pi/2) q; }",
    "z": "gate z q { U(0, 0, pi) q; }",
    "h": "gate h q { U(pi/2, 0, pi) q; }",
    "s": "gate s q { U(0, 0, pi/2) q; }",
    "sdg": "gate sdg q { U(0, 0, -pi/2) q; }",
    "t": "gate t q { U(0, 0, pi/4) q; }",
    "tdg": "gate tdg q { U(0, 0, -pi/4) q; }",
    "sx": "gate sx q { U(pi/2, 3*pi/2, pi/2) q; }",
    "rx": "gate rx(theta) q { U(theta, -pi/2, pi/2) q; }",
    "ry": "gate ry(theta) q { U(theta, 0, 0) q; }",
    "rz": "gate rz(theta) q { U(0, 0, theta) q; }",
    "p": "gate p(theta) q { U(0, 0, theta) q; }",
    "u": "gate u(theta, phi, lam) q { U(theta, phi, lam) q; }",
    "cx": "gate cx c, t { CX c, t; }",
    "cz": "gate cz a, b { U(pi/2, 0, pi) b; CX a, b; U(pi/2, 0, pi) b; }",
    "ecr": "gate ecr a, b { rzx(pi/4) a, b; x a; rzx(-pi/4) a, b; }",
    "swap": "gate swap a, b { CX a, b; CX b, a; CX a, b; }",
    "rzz": "gate rzz(theta) a, b { CX a, b; U(0, 0, theta) b; CX a, b; }",
}


def _qasm_def(gate: str) -> str:
    if gate in _QASM_DEFS:
        return _QASM_DEFS[gate]
    width, params = GATE_SIGNATURES[gate]
    qubits = ", ".join("ab"[:width])
    return f"opaque {gate}({', '.join(params)}) {qubits};" if params else f"opaque {gate} {qubits};"


def _instructions(spec: DeviceSpec) -> list[str]:
    extra = list(CONTROL_FLOW_GATES) if spec.dynamic_circuits else []
    return [*spec.all_gates, "measure", "reset", "delay", *extra]


def _clops(spec: DeviceSpec) -> int | None:
    return None if spec.simulator else _family(spec)[1]


def configuration(spec: DeviceSpec) -> dict[str, Any]:
    """The ``/backends/{name}/configuration`` document of the device (JSON-serialisable)."""
    layout = _layout(spec)
    gates = []
    for gate in spec.all_gates:
        entry: dict[str, Any] = {
            "name": gate,
            "parameters": list(GATE_SIGNATURES[gate][1]),
            "qasm_def": _qasm_def(gate),
        }
        qargs = _gate_qargs(spec, gate)
        if qargs is not None:
            entry["coupling_map"] = [list(q) for q in qargs]
        gates.append(entry)
    coupling: list[list[int]] | None = None
    if layout.edges is not None:
        pairs = {
            qargs for gate in spec.all_gates if GATE_SIGNATURES[gate][0] == 2 for qargs in _gate_qargs(spec, gate) or ()
        }
        coupling = [list(pair) for pair in sorted(pairs)]
    processor = spec.resolved_processor_type
    config: dict[str, Any] = {
        "backend_name": spec.name,
        "backend_version": spec.backend_version,
        "n_qubits": spec.num_qubits,
        "basis_gates": list(spec.all_gates),
        "gates": gates,
        "local": False,
        "simulator": spec.simulator,
        "conditional": False,
        "open_pulse": False,
        "memory": True,
        "max_shots": spec.resolved_max_shots,
        "max_experiments": spec.max_experiments,
        "coupling_map": coupling,
        "coords": [list(c) for c in layout.coords],
        "online_date": spec.online_date.isoformat(),
        "supported_instructions": _instructions(spec),
        "supported_features": ["parameters", *DYNAMIC_FEATURES] if spec.dynamic_circuits else ["parameters"],
        "meas_map": [list(range(spec.num_qubits))],
        "meas_levels": [2],
        "u_channel_lo": [],
        "description": spec.resolved_description,
        "credits_required": not spec.simulator,
        "dynamic_reprate_enabled": True,
        "rep_delay_range": [0.0, 500.0],
        "default_rep_delay": 250.0,
        "tags": [],
    }
    if not spec.simulator:
        dt_ns = _dt_ns(spec)
        config["dt"] = dt_ns
        config["dtm"] = dt_ns
        config["timing_constraints"] = {"acquire_alignment": 1, "granularity": 1, "min_length": 1, "pulse_alignment": 1}
        config["clops_h"] = _clops(spec)
    if processor is not None:
        config["processor_type"] = processor.to_mapping()
        config["sample_name"] = ", ".join(f"{k}: {v}" for k, v in processor.to_mapping().items())
    return config


def _nduv(name: str, value: float, unit: str, when: str) -> dict[str, Any]:
    return {"date": when, "name": name, "unit": unit, "value": value}


def properties(spec: DeviceSpec, *, last_update_date: datetime | None = None) -> dict[str, Any]:
    """The ``/backends/{name}/properties`` document of the device (JSON-serialisable).

    Every entry is dated ``last_update_date`` (default: the device's ``online_date``; a naive datetime
    is taken as UTC). An ideal simulator has no calibration and gives ``{}``, which clients read as
    "no properties".
    """
    if spec.simulator:
        return {}
    moment = last_update_date or spec.online_date
    when = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()
    cal = _calibration(spec)
    qubits = [
        [
            _nduv("T1", q.t1_us, "us", when),
            _nduv("T2", q.t2_us, "us", when),
            _nduv("frequency", q.frequency_ghz, "GHz", when),
            _nduv("anharmonicity", q.anharmonicity_ghz, "GHz", when),
            _nduv("readout_error", q.readout_error, "", when),
            _nduv("prob_meas0_prep1", q.prob_meas0_prep1, "", when),
            _nduv("prob_meas1_prep0", q.prob_meas1_prep0, "", when),
            _nduv("readout_length", q.readout_length_ns, "ns", when),
        ]
        for q in cal.qubits
    ]
    gates: list[dict[str, Any]] = []
    for gate, entries in cal.gates:
        for entry in entries:
            gates.append(
                {
                    "qubits": list(entry.qargs),
                    "gate": gate,
                    "parameters": [
                        _nduv("gate_error", entry.error, "", when),
                        _nduv("gate_length", entry.length_ns, "ns", when),
                    ],
                    "name": gate + "_".join(map(str, entry.qargs)),
                }
            )
    for index, q in enumerate(cal.qubits):
        gates.append(
            {
                "qubits": [index],
                "gate": "reset",
                "parameters": [_nduv("gate_length", q.reset_length_ns, "ns", when)],
                "name": f"reset{index}",
            }
        )
    return {
        "backend_name": spec.name,
        "backend_version": spec.backend_version,
        "last_update_date": when,
        "qubits": qubits,
        "gates": gates,
        "general": [],
    }


_STATUS: Final[Mapping[str, tuple[bool, str, str]]] = {
    # list-entry status name -> (/status state, status, message)
    "online": (True, "active", "available"),
    "paused": (True, "internal", "paused"),
    "offline": (False, "maintenance", "offline"),
}


def _check_status(status_name: str, queue_length: int) -> None:
    if status_name not in _STATUS:
        raise ConfigurationError(f"unknown backend status {status_name!r}; use one of {', '.join(_STATUS)}")
    if not isinstance(queue_length, int) or isinstance(queue_length, bool) or queue_length < 0:
        raise ConfigurationError(f"queue_length must be a non-negative integer, got {queue_length!r}")


def status(spec: DeviceSpec, *, status: str = "online", queue_length: int = 0) -> dict[str, Any]:
    """The ``/backends/{name}/status`` document.

    ``status`` is the list's status name: ``online`` (state true, "active"), ``paused`` (state true,
    "internal": accepting but not running jobs) or ``offline`` (state false, "maintenance").
    """
    _check_status(status, queue_length)
    state, status_text, message = _STATUS[status]
    return {
        "state": state,
        "status": status_text,
        "message": message,
        "length_queue": queue_length,
        "backend_version": spec.backend_version,
    }


def _performance_metrics(spec: DeviceSpec) -> dict[str, Any]:
    if spec.simulator:
        return {}
    cal = _calibration(spec)
    metrics: dict[str, Any] = {
        "readout_error_median": {"value": statistics.median(q.readout_error for q in cal.qubits), "unit": ""}
    }
    two_qubit = [(gate, entries) for gate, entries in cal.gates if GATE_SIGNATURES[gate][0] == 2 and gate != "rzz"]
    if two_qubit and two_qubit[0][1]:
        gate, entries = two_qubit[0]
        best = min(entries, key=lambda e: e.error)
        median_2q = statistics.median(e.error for e in entries)
        median_1q = statistics.median(q.gate_error for q in cal.qubits)
        metrics["two_q_error_best"] = {"value": best.error, "gate": gate, "qubits": list(best.qargs), "unit": ""}
        metrics["two_q_error_median"] = {"value": median_2q, "gate": gate, "unit": ""}
        # A rough stand-in for the error per layered gate: one two-qubit gate and its two 1q neighbours.
        metrics["two_q_error_layered"] = {"value": 1 - (1 - median_2q) * (1 - median_1q) ** 2, "unit": ""}
    return metrics


def list_entry(spec: DeviceSpec, *, status_name: str = "online", queue_length: int = 0) -> dict[str, Any]:
    """The device's entry in the ``/backends`` list (``devices[]``)."""
    _check_status(status_name, queue_length)
    processor = spec.resolved_processor_type
    clops = _clops(spec)
    return {
        "name": spec.name,
        "status": {"name": status_name, "reason": _STATUS[status_name][2]},
        "queue_length": queue_length,
        "is_simulator": spec.simulator,
        "qubits": spec.num_qubits,
        "physical_qubits": spec.num_qubits,
        "clops": None if clops is None else {"type": "hardware", "value": clops},
        "processor_type": None if processor is None else processor.to_mapping(),
        "performance_metrics": _performance_metrics(spec),
    }


# --------------------------------------------------------------------------------------------------
# qiskit objects
# --------------------------------------------------------------------------------------------------


def _target(spec: DeviceSpec) -> Target:
    from qiskit.circuit import ForLoopOp, IfElseOp, SwitchCaseOp, WhileLoopOp
    from qiskit.transpiler import InstructionProperties, QubitProperties, Target

    from qrt.target import _add_to_target

    n = spec.num_qubits
    args: dict[str, Any] = {
        "num_qubits": n,
        "description": spec.name,
        "concurrent_measurements": [list(range(n))],
    }
    if spec.simulator:
        target = Target(**args)
        for gate in spec.all_gates:
            qargs = _gate_qargs(spec, gate)
            _add_to_target(target, gate, None if qargs is None else dict.fromkeys(qargs))
        for inst in ("measure", "reset", "delay"):
            _add_to_target(target, inst, {(q,): None for q in range(n)})
    else:
        cal = _calibration(spec)
        args["dt"] = cal.dt_ns * 1e-9  # the arithmetic build_target applies to the JSON's dt
        args["qubit_properties"] = [
            QubitProperties(t1=to_si(q.t1_us, "us"), t2=to_si(q.t2_us, "us"), frequency=to_si(q.frequency_ghz, "GHz"))
            for q in cal.qubits
        ]
        target = Target(**args)
        for gate, entries in cal.gates:
            _add_to_target(
                target,
                gate,
                {e.qargs: InstructionProperties(error=e.error, duration=to_si(e.length_ns, "ns")) for e in entries},
            )
        _add_to_target(
            target,
            "measure",
            {
                (i,): InstructionProperties(error=q.readout_error, duration=to_si(q.readout_length_ns, "ns"))
                for i, q in enumerate(cal.qubits)
            },
        )
        _add_to_target(
            target,
            "reset",
            {(i,): InstructionProperties(duration=to_si(q.reset_length_ns, "ns")) for i, q in enumerate(cal.qubits)},
        )
        _add_to_target(target, "delay", {(q,): None for q in range(n)})
    if spec.dynamic_circuits:
        for name, op in zip(CONTROL_FLOW_GATES, (IfElseOp, WhileLoopOp, ForLoopOp, SwitchCaseOp), strict=True):
            target.add_instruction(op, name=name)
    return target


@functools.cache
def device_backend_class() -> type[BackendV2]:
    """The ``BackendV2`` subclass :func:`build_backend` returns (created on first use, to keep qiskit lazy)."""
    from qiskit.providers import BackendV2, Options

    class DeviceBackend(BackendV2):  # type: ignore[misc]  # qiskit is untyped
        """A simulated device: the target of a :class:`DeviceSpec`, running circuits on its Aer simulator."""

        def __init__(self, spec: DeviceSpec, target: Target) -> None:
            super().__init__(
                provider=None,
                name=spec.name,
                description=spec.resolved_description,
                online_date=spec.online_date,
                backend_version=spec.backend_version,
            )
            self._spec = spec
            self._target = target

        @property
        def spec(self) -> DeviceSpec:
            return self._spec

        @property
        def target(self) -> Target:
            return self._target

        @property
        def max_circuits(self) -> None:
            return None

        @classmethod
        def _default_options(cls) -> Options:
            return Options(shots=4000, seed_simulator=None)

        def run(self, run_input: Any, **options: Any) -> Any:
            """Run circuits on :func:`simulator_for` this device; keyword options override the backend's."""
            merged = {**dict(self.options.items()), **options}
            return simulator_for(self._spec).run(run_input, **merged)

        def __repr__(self) -> str:
            return f"<DeviceBackend {self.name!r} ({self.num_qubits} qubits)>"

    DeviceBackend.__module__ = __name__
    return DeviceBackend


def build_backend(spec: DeviceSpec) -> BackendV2:
    """A qiskit ``BackendV2`` for the device: name ``spec.name``, a ``Target`` with the calibration.

    The same spec gives an identical target in every process. ``run()`` executes on
    :func:`simulator_for`. Each call returns a new backend (backends carry mutable options).
    """
    return device_backend_class()(spec, _target(spec))


_SIMULATORS_LOCK: Final = threading.Lock()


@functools.lru_cache(maxsize=32)
def _simulator(spec: DeviceSpec) -> AerSimulator:
    from qiskit_aer import AerSimulator
    from qiskit_aer.noise import NoiseModel

    if spec.simulator:
        return AerSimulator()
    backend = build_backend(spec)
    if spec.error_scale == 0:
        return AerSimulator.from_backend(backend, noise_model=None)
    # Without T1/T2 relaxation the noise model is Pauli-only: a job's setup costs ~0.1 s instead of ~1 s
    # on a 16-qubit device, and each gate's error still equals the reported gate_error.
    noise = NoiseModel.from_backend(backend, thermal_relaxation=False)
    return AerSimulator.from_backend(backend, noise_model=noise)


def simulator_for(spec: DeviceSpec) -> AerSimulator:
    """The qiskit-aer simulator that executes jobs for ``spec``.

    Ideal ``AerSimulator()`` for simulators; otherwise ``AerSimulator.from_backend`` of
    :func:`build_backend` with a noise model from its target: each gate's ``error`` as a depolarizing
    error and each qubit's readout error; T1/T2 relaxation is not simulated. No noise when
    ``error_scale`` is 0.

    Cached per spec for the process (up to 32 specs). Thread-safe: construction happens under a lock,
    and the returned simulator is shared, so callers must pass per-job settings (``shots``,
    ``seed_simulator``...) as ``run()`` keywords and never call ``set_options`` on it. Aer runs
    concurrent ``run()`` calls independently.
    """
    with _SIMULATORS_LOCK:
        return _simulator(spec)


# --------------------------------------------------------------------------------------------------
# The default catalogue
# --------------------------------------------------------------------------------------------------

_DEFAULT_DEVICES: Final = (
    DeviceSpec(
        name="qrt_simulator",
        num_qubits=32,
        simulator=True,
        topology="all_to_all",
        basis_gates=("cx", "cz", "ecr", "h", "id", "rz", "s", "sdg", "swap", "sx", "t", "tdg", "x", "y", "z"),
        fractional_gates=True,
        dynamic_circuits=True,
        backend_version="1.0.0",
        online_date=datetime(2024, 1, 15, tzinfo=UTC),
        description="ideal simulator, 32 qubits, no noise",
    ),
    DeviceSpec(
        name="qrt_pavia",
        num_qubits=5,
        topology="line",
        basis_gates=FALCON_BASIS_GATES,
        seed=5,
        dt=2.2222222222222221e-10,
        backend_version="1.3.2",
        max_shots=20_000,
        online_date=datetime(2021, 4, 28, 4, tzinfo=UTC),
    ),
    DeviceSpec(
        name="qrt_lucca",
        num_qubits=12,
        topology="grid",
        basis_gates=HERON_BASIS_GATES,
        seed=12,
        dynamic_circuits=True,
        backend_version="1.1.7",
        online_date=datetime(2024, 11, 4, 5, tzinfo=UTC),
    ),
    DeviceSpec(
        name="qrt_siena",
        num_qubits=16,
        topology="heavy_hex",
        basis_gates=HERON_BASIS_GATES,
        seed=16,
        fractional_gates=True,
        dynamic_circuits=True,
        backend_version="1.0.12",
        online_date=datetime(2025, 2, 10, 5, tzinfo=UTC),
    ),
    DeviceSpec(
        name="qrt_verona",
        num_qubits=27,
        topology="heavy_hex",
        basis_gates=EAGLE_BASIS_GATES,
        seed=27,
        dynamic_circuits=True,
        backend_version="1.4.25",
        online_date=datetime(2023, 1, 23, 5, tzinfo=UTC),
    ),
)


def default_devices() -> tuple[DeviceSpec, ...]:
    """The standard catalogue: ``qrt_simulator`` (ideal, 32 qubits), ``qrt_pavia`` (5, line, cx),
    ``qrt_lucca`` (12, grid, cz, dynamic), ``qrt_siena`` (16, heavy-hex, cz, fractional and dynamic) and
    ``qrt_verona`` (27, heavy-hex, ecr, dynamic)."""
    return _DEFAULT_DEVICES
