"""Backend configuration and properties JSON (as the Runtime API serves them) -> a qiskit ``Target``.

The wire format keeps the units of the old IBM backend models: ``dt``/``dtm`` in nanoseconds, and each
property value carries its own unit (``us``, ``ns``, ``GHz``, or ``""`` for plain numbers).
:func:`build_target` converts everything to SI, as the transpiler expects.

Which instructions end up in the target:

* every name in ``basis_gates`` that is a qiskit standard gate, on the qubits listed by its
  ``gates[].coupling_map`` and/or its entries in the properties (globally when neither lists any);
* ``measure``, ``reset`` and ``delay`` when ``supported_instructions`` lists them (all three when the
  configuration has no ``supported_instructions``), on every working qubit;
* the control-flow operations ``if_else``, ``while_loop``, ``for_loop``, ``switch_case`` and ``box``
  that ``supported_instructions`` lists.

Qubits or gates whose properties say ``operational: 0`` are left out. Names qiskit does not know are
skipped with a debug log line. ``rzz`` carries the hardware's angle bounds ``[0, pi/2]``.

Only the pure helpers (:func:`filter_fractional`, :func:`supports_dynamic_circuits`,
:func:`is_fractional_gate`, :func:`to_si`) work without qiskit; :func:`build_target` imports it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from qrt.errors import ConfigurationError

if TYPE_CHECKING:
    from qiskit.circuit import Qubit
    from qiskit.dagcircuit import DAGCircuit
    from qiskit.transpiler import InstructionProperties, QubitProperties, Target

__all__ = [
    "CONTROL_FLOW_INSTRUCTIONS",
    "DYNAMIC_CIRCUIT_FEATURES",
    "FRACTIONAL_GATES",
    "GATE_SIGNATURES",
    "NON_GATE_INSTRUCTIONS",
    "RZZ_ANGLE_BOUNDS",
    "build_target",
    "filter_fractional",
    "is_fractional_gate",
    "supports_dynamic_circuits",
    "to_si",
]

logger = logging.getLogger(__name__)

#: Qiskit's standard gates on one or two qubits: name -> (number of qubits, parameter names).
#: Device descriptions may use any of them as basis gates.
GATE_SIGNATURES: Final[Mapping[str, tuple[int, tuple[str, ...]]]] = {
    "id": (1, ()),
    "x": (1, ()),
    "y": (1, ()),
    "z": (1, ()),
    "h": (1, ()),
    "s": (1, ()),
    "sdg": (1, ()),
    "t": (1, ()),
    "tdg": (1, ()),
    "sx": (1, ()),
    "sxdg": (1, ()),
    "rx": (1, ("theta",)),
    "ry": (1, ("theta",)),
    "rz": (1, ("theta",)),
    "p": (1, ("theta",)),
    "u1": (1, ("theta",)),
    "u2": (1, ("phi", "lam")),
    "u3": (1, ("theta", "phi", "lam")),
    "u": (1, ("theta", "phi", "lam")),
    "r": (1, ("theta", "phi")),
    "cx": (2, ()),
    "cy": (2, ()),
    "cz": (2, ()),
    "ch": (2, ()),
    "cs": (2, ()),
    "csdg": (2, ()),
    "csx": (2, ()),
    "dcx": (2, ()),
    "ecr": (2, ()),
    "swap": (2, ()),
    "iswap": (2, ()),
    "cp": (2, ("theta",)),
    "crx": (2, ("theta",)),
    "cry": (2, ("theta",)),
    "crz": (2, ("theta",)),
    "cu1": (2, ("theta",)),
    "cu3": (2, ("theta", "phi", "lam")),
    "cu": (2, ("theta", "phi", "lam", "gamma")),
    "rxx": (2, ("theta",)),
    "ryy": (2, ("theta",)),
    "rzz": (2, ("theta",)),
    "rzx": (2, ("theta",)),
    "xx_minus_yy": (2, ("theta", "beta")),
    "xx_plus_yy": (2, ("theta", "beta")),
}

#: Instructions that are not gates but that every device supports on each qubit.
NON_GATE_INSTRUCTIONS: Final = ("measure", "reset", "delay")

#: Control-flow instruction names qrt recognises in ``supported_instructions``.
CONTROL_FLOW_INSTRUCTIONS: Final = ("if_else", "while_loop", "for_loop", "switch_case", "box")

#: ``supported_features`` entries that mark a device able to run dynamic circuits. Real IBM
#: configurations advertise ``qasm3`` (the official local mode filters on it); the official remote
#: ``backends(dynamic_circuits=...)`` filter looks for ``dynamic_circuits``. qrt accepts either.
DYNAMIC_CIRCUIT_FEATURES: Final = frozenset({"qasm3", "dynamic_circuits"})

# IBM calls a gate "fractional" when it takes a continuous parameter and needs a pulse of non-zero
# length: every parameterised standard gate except the virtual phase gates (and delay).
_VIRTUAL_PARAMETRIC: Final = frozenset({"rz", "p", "u1", "delay"})

#: Standard gate names the official SDK treats as fractional (dropped unless fractional gates are asked for).
FRACTIONAL_GATES: Final = frozenset(
    {name for name, (_, params) in GATE_SIGNATURES.items() if params and name not in _VIRTUAL_PARAMETRIC}
    | {"global_phase"}
)

#: The angle range IBM hardware accepts for ``rzz``.
RZZ_ANGLE_BOUNDS: Final = (0.0, math.pi / 2)

_SI_EXPONENTS: Final[Mapping[str, int]] = {
    "f": -15,
    "p": -12,
    "n": -9,
    "u": -6,
    "µ": -6,
    "m": -3,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
}


def is_fractional_gate(name: str) -> bool:
    """Whether the official SDK counts the standard gate ``name`` as fractional (``rx``, ``rzz``, ...)."""
    return name in FRACTIONAL_GATES


def supports_dynamic_circuits(configuration: Mapping[str, Any]) -> bool:
    """Whether a configuration advertises dynamic circuits: a feature name in :data:`DYNAMIC_CIRCUIT_FEATURES`, or
    control-flow instructions among ``supported_instructions``."""
    features = configuration.get("supported_features") or ()
    instructions = configuration.get("supported_instructions") or ()
    return any(feature in DYNAMIC_CIRCUIT_FEATURES for feature in features) or any(
        name in _DYNAMIC_INSTRUCTIONS for name in instructions
    )


# Control flow that depends on mid-circuit results (``box`` only groups instructions).
_DYNAMIC_INSTRUCTIONS = frozenset(CONTROL_FLOW_INSTRUCTIONS) - {"box"}


def filter_fractional(configuration: Mapping[str, Any], use_fractional_gates: bool | None) -> dict[str, Any]:
    """Return a copy of ``configuration`` without fractional gates unless they are asked for.

    With ``use_fractional_gates=False`` the fractional gates leave ``basis_gates``, ``gates`` and
    ``supported_instructions``; with ``True`` or ``None`` the copy is unchanged. Names that are not
    standard gates are kept. The input is not modified.
    """
    result = dict(configuration)
    if use_fractional_gates is None or use_fractional_gates:
        return result
    for key in ("basis_gates", "supported_instructions"):
        if isinstance(result.get(key), list):
            result[key] = [name for name in result[key] if not is_fractional_gate(name)]
    if isinstance(result.get("gates"), list):
        result["gates"] = [
            gate
            for gate in result["gates"]
            if not (isinstance(gate, Mapping) and is_fractional_gate(str(gate.get("name"))))
        ]
    return result


def to_si(value: float, unit: str) -> float:
    """Convert a property value with a prefixed unit (``us``, ``ns``, ``GHz``...) to SI.

    Units of one character (``s``, ``""``) are already SI. Negative powers divide, so that
    ``to_si(24, "ns")`` is the same float qiskit's own conversion gives.
    """
    if len(unit) <= 1:
        return float(value)
    exponent = _SI_EXPONENTS.get(unit[0])
    if exponent is None:
        raise ValueError(f"unknown unit prefix in {unit!r}")
    factor: int = 10 ** abs(exponent)
    return float(value) / factor if exponent < 0 else float(value) * factor


# --------------------------------------------------------------------------------------------------
# Parsing the JSON into plain Python values
# --------------------------------------------------------------------------------------------------

Qargs = tuple[int, ...]


def _qargs(raw: Any) -> Qargs | None:
    """Qubit indices from ``[0, 1]``, ``["0", "1"]`` or a bare ``3``; None when malformed."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    try:
        return tuple(int(q) for q in items)
    except (TypeError, ValueError):
        return None


def _nduv_values(entries: Any, where: str) -> dict[str, float]:
    """``[{name, value, unit, date}, ...]`` -> ``{name: SI value}``; malformed entries are skipped."""
    values: dict[str, float] = {}
    if not isinstance(entries, list):
        return values
    for entry in entries:
        try:
            values[str(entry["name"])] = to_si(float(entry["value"]), str(entry.get("unit") or ""))
        except (KeyError, TypeError, ValueError):
            logger.debug("skipping malformed property %r of %s", entry, where)
    return values


class _Properties:
    """The parts of a properties document that a Target needs, in SI units."""

    def __init__(self, properties: Mapping[str, Any], num_qubits: int) -> None:
        raw_qubits = properties.get("qubits") or []
        self.qubits: list[dict[str, float]] = [
            _nduv_values(raw_qubits[q] if q < len(raw_qubits) else [], f"qubit {q}") for q in range(num_qubits)
        ]
        self.gates: dict[str, dict[Qargs, dict[str, float]]] = {}
        for entry in properties.get("gates") or []:
            if not isinstance(entry, Mapping):
                continue
            qargs = _qargs(entry.get("qubits"))
            if qargs is None or "gate" not in entry:
                logger.debug("skipping malformed gate property %r", entry)
                continue
            name = str(entry["gate"])
            values = _nduv_values(entry.get("parameters"), f"gate {name}{list(qargs)}")
            self.gates.setdefault(name, {})[qargs] = values
        self.faulty_qubits = frozenset(q for q, values in enumerate(self.qubits) if values.get("operational", 1) == 0)

    def qubit_properties(self) -> list[QubitProperties]:
        from qiskit.transpiler import QubitProperties

        return [
            QubitProperties(t1=values.get("T1"), t2=values.get("T2"), frequency=values.get("frequency"))
            for values in self.qubits
        ]


# --------------------------------------------------------------------------------------------------
# Shared with qrt.devices: instruction objects and how they are added
# --------------------------------------------------------------------------------------------------


def _control_flow_class(name: str) -> type[Any]:
    from qiskit.circuit import BoxOp, ForLoopOp, IfElseOp, SwitchCaseOp, WhileLoopOp

    classes: dict[str, type[Any]] = {
        "if_else": IfElseOp,
        "while_loop": WhileLoopOp,
        "for_loop": ForLoopOp,
        "switch_case": SwitchCaseOp,
        "box": BoxOp,
    }
    return classes[name]


def _rzz_folding(angles: list[float], qubits: list[Qubit]) -> DAGCircuit:
    """An ``rzz`` circuit equal to ``rzz(angles[0])`` whose angle lies in ``[0, pi/2]``.

    Uses RZZ(-a) = X1 RZZ(a) X1, RZZ(a) = (Z x Z) RZZ(a - pi) up to phase, and 2*pi periodicity up to
    a sign.
    """
    from qiskit.circuit import QuantumCircuit
    from qiskit.converters import circuit_to_dag

    angle = float(angles[0])
    wrapped = math.remainder(angle, 2 * math.pi)  # in [-pi, pi]
    circuit = QuantumCircuit(2)
    phase = math.pi * (round((angle - wrapped) / (2 * math.pi)) % 2)
    if wrapped > math.pi / 2:
        # RZZ(a) = -i (Z x Z) RZZ(a - pi); Z x Z = -RZ(pi) x RZ(pi); RZZ(a - pi) = X0 RZZ(pi - a) X0.
        circuit.x(0)
        circuit.rzz(math.pi - wrapped, 0, 1)
        circuit.x(0)
        circuit.rz(math.pi, 0)
        circuit.rz(math.pi, 1)
        phase += math.pi / 2
    elif wrapped >= 0:
        circuit.rzz(wrapped, 0, 1)
    elif wrapped >= -math.pi / 2:
        circuit.x(0)
        circuit.rzz(-wrapped, 0, 1)
        circuit.x(0)
    else:
        # RZZ(a) = i (Z x Z) RZZ(a + pi), with a + pi in (0, pi/2).
        circuit.rzz(wrapped + math.pi, 0, 1)
        circuit.rz(math.pi, 0)
        circuit.rz(math.pi, 1)
        phase -= math.pi / 2
    circuit.global_phase = phase
    return circuit_to_dag(circuit)


def _ensure_rzz_wrapper() -> None:
    """Make sure the transpiler knows how to fold ``rzz`` angles into the target's bounds.

    Qiskit keeps one default registry of such wrappers. qrt adds its own only when none is registered
    (qiskit-ibm-runtime, when installed, registers an equivalent one).
    """
    from qiskit.transpiler.passes.utils.wrap_angles import WrapAngles

    registry = WrapAngles.DEFAULT_REGISTRY
    try:
        registry.substitute_angle_bounds("rzz", [0.0], [0, 1])
    except KeyError:
        registry.add_wrapper("rzz", _rzz_folding)


def _add_to_target(target: Target, name: str, properties: dict[Qargs, InstructionProperties | None] | None) -> None:
    """Add the standard instruction ``name`` (not control flow) with per-qargs properties (None: global)."""
    from qiskit.circuit.library import get_standard_gate_name_mapping

    instruction = get_standard_gate_name_mapping()[name]
    if name == "rzz":
        _ensure_rzz_wrapper()
        target.add_instruction(instruction, properties, name=name, angle_bounds=[RZZ_ANGLE_BOUNDS])
    else:
        target.add_instruction(instruction, properties, name=name)


def _known_instruction(name: str) -> bool:
    from qiskit.circuit.library import get_standard_gate_name_mapping

    return name in get_standard_gate_name_mapping() and name != "global_phase"


# --------------------------------------------------------------------------------------------------
# build_target
# --------------------------------------------------------------------------------------------------


def _instruction_names(configuration: Mapping[str, Any]) -> list[str]:
    """Basis gates, then the supported non-gate and control-flow instructions, without duplicates."""
    supported = configuration.get("supported_instructions")
    supported_names = [str(n) for n in supported] if isinstance(supported, list) else list(NON_GATE_INSTRUCTIONS)
    names = [str(n) for n in configuration.get("basis_gates") or []]
    names += [n for n in supported_names if n in NON_GATE_INSTRUCTIONS]
    names += [n for n in supported_names if n in CONTROL_FLOW_INSTRUCTIONS]
    return list(dict.fromkeys(names))


def _configured_qargs(configuration: Mapping[str, Any]) -> dict[str, list[Qargs]]:
    result: dict[str, list[Qargs]] = {}
    for gate in configuration.get("gates") or []:
        if not isinstance(gate, Mapping) or not gate.get("coupling_map"):
            continue
        qargs = [q for q in (_qargs(raw) for raw in gate["coupling_map"]) if q is not None]
        result.setdefault(str(gate.get("name")), []).extend(qargs)
    return result


def _usable(qargs: Qargs, width: int, num_qubits: int, faulty: frozenset[int]) -> bool:
    return (
        len(qargs) == width and len(set(qargs)) == width and all(0 <= q < num_qubits and q not in faulty for q in qargs)
    )


def build_target(configuration: Mapping[str, Any], properties: Mapping[str, Any] | None = None) -> Target:
    """Build a qiskit ``Target`` from Runtime API ``configuration`` and (optional) ``properties`` JSON.

    Raises :class:`~qrt.errors.ConfigurationError` only when ``n_qubits`` is missing or not a
    non-negative integer; every other oddity is tolerated (see the module docstring).
    """
    from qiskit.circuit.library import get_standard_gate_name_mapping
    from qiskit.transpiler import InstructionProperties, Target

    name = configuration.get("backend_name", "<unnamed backend>")
    try:
        num_qubits = int(configuration["n_qubits"])
        if num_qubits < 0:
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise ConfigurationError(
            f"backend configuration of {name!r} has no valid n_qubits "
            f"(got {configuration.get('n_qubits')!r}); it cannot be turned into a Target"
        ) from None

    target_args: dict[str, Any] = {"num_qubits": num_qubits, "description": str(name)}
    dt_ns = configuration.get("dt")
    if isinstance(dt_ns, int | float) and not isinstance(dt_ns, bool) and dt_ns > 0:
        # The same arithmetic qiskit-ibm-runtime uses, so that both give the identical float.
        target_args["dt"] = dt_ns * 1e-9
    timing = configuration.get("timing_constraints")
    if isinstance(timing, Mapping):
        for key in ("granularity", "min_length", "pulse_alignment", "acquire_alignment"):
            if isinstance(timing.get(key), int):
                target_args[key] = timing[key]
    meas_map = configuration.get("meas_map")
    if isinstance(meas_map, list) and all(isinstance(group, list) for group in meas_map):
        target_args["concurrent_measurements"] = meas_map

    props = _Properties(properties, num_qubits) if properties else None
    faulty = props.faulty_qubits if props else frozenset()
    if props is not None:
        target_args["qubit_properties"] = props.qubit_properties()
    target = Target(**target_args)

    configured = _configured_qargs(configuration)
    standard = get_standard_gate_name_mapping()
    for inst in _instruction_names(configuration):
        if inst in CONTROL_FLOW_INSTRUCTIONS:
            target.add_instruction(_control_flow_class(inst), name=inst)
            continue
        if not _known_instruction(inst):
            logger.debug("backend %s: skipping instruction %r, which qiskit does not know", name, inst)
            continue
        width = standard[inst].num_qubits
        inst_props: dict[Qargs, InstructionProperties | None] | None
        if inst == "measure":
            inst_props = {
                (q,): (
                    InstructionProperties(
                        error=props.qubits[q].get("readout_error"), duration=props.qubits[q].get("readout_length")
                    )
                    if props
                    else None
                )
                for q in range(num_qubits)
                if q not in faulty
            }
        elif inst == "delay":
            inst_props = {(q,): None for q in range(num_qubits) if q not in faulty}
        else:
            candidates: dict[Qargs, InstructionProperties | None] = dict.fromkeys(configured.get(inst, []))
            measured = props.gates.get(inst, {}) if props else {}
            for qargs, values in measured.items():
                if values.get("operational", 1) == 0:
                    candidates.pop(qargs, None)
                    continue
                candidates[qargs] = InstructionProperties(
                    error=values.get("gate_error"), duration=values.get("gate_length")
                )
            if inst == "reset" and not candidates:
                candidates = dict.fromkeys(((q,) for q in range(num_qubits)), None)
            inst_props = {
                qargs: value for qargs, value in candidates.items() if _usable(qargs, width, num_qubits, faulty)
            }
            dropped = set(candidates) - set(inst_props)
            if dropped:
                logger.debug("backend %s: %s left out on qubits %s", name, inst, sorted(dropped))
            if not candidates and not configured.get(inst) and not measured:
                # Neither configuration nor properties restrict it: available everywhere. (A gate whose every
                # calibrated pair is down is restricted to nothing, and left out below.)
                inst_props = None
        if inst_props is not None and not inst_props:
            logger.debug("backend %s: %s works on no qubit; left out", name, inst)
            continue
        _add_to_target(target, inst, inst_props)
    return target
