"""The V2 primitives (``Sampler``, ``Estimator``) and the execution modes (``Session``, ``Batch``).

The same code runs anywhere: ``mode=`` takes a backend of a remote :class:`qrt.Service`, a local backend
(``Service(channel="local")``, or any qiskit ``BackendV2``), a :class:`Session` or a :class:`Batch`.

- Remotely, ``run()`` sends ``POST /v1/jobs`` (``program_id`` ``sampler`` or ``estimator``, params in the runtime
  wire format of :mod:`qrt.wire`) and returns a :class:`qrt.jobs.RuntimeJob`.
- Locally, ``run()`` queues the pubs on :class:`qrt.local.LocalService` (Aer, in this process) and returns a
  :class:`qrt.local.LocalJob`.

Either way ``job.result()`` is a qiskit ``PrimitiveResult`` shaped as the official SDK's. Circuits for a
non-simulator backend must match its target (ISA circuits); any other circuit is refused before submission with
:class:`~qrt.errors.CircuitNotISAError`. ``docs/primitives.md`` lists every option and what it does locally.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import math
import re
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from qrt.errors import CircuitNotISAError, ConfigurationError, NotFoundError, SessionClosedError

if TYPE_CHECKING:
    from qiskit.circuit import QuantumCircuit
    from qiskit.providers import BackendV2
    from qiskit.transpiler import Target

    from qrt.jobs import RuntimeJob
    from qrt.local import LocalJob, LocalService
    from qrt.service import Service

__all__ = [
    "Batch",
    "DynamicalDecouplingOptions",
    "EnvironmentOptions",
    "Estimator",
    "EstimatorExecutionOptions",
    "EstimatorOptions",
    "LayerNoiseLearningOptions",
    "MeasureNoiseLearningOptions",
    "PecOptions",
    "ResilienceOptions",
    "Sampler",
    "SamplerExecutionOptions",
    "SamplerOptions",
    "Session",
    "SimulatorOptions",
    "TwirlingOptions",
    "ZneOptions",
    "check_isa",
    "parse_max_time",
]

ProgramId = Literal["sampler", "estimator"]


# ==================================================================================================
# Options
# ==================================================================================================


def _positive_int(path: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(f"option {path} must be a positive integer, got {value!r}")
    return value


def _non_negative_int(path: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"option {path} must be a non-negative integer, got {value!r}")
    return value


def _positive_number(path: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ConfigurationError(f"option {path} must be a positive number, got {value!r}")
    return float(value)


def _boolean(path: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"option {path} must be True or False, got {value!r}")
    return value


def _one_of(*choices: Any) -> Callable[[str, Any], Any]:
    def check(path: str, value: Any) -> Any:
        if value not in choices:
            raise ConfigurationError(f"option {path} must be one of {', '.join(map(repr, choices))}; got {value!r}")
        return value

    return check


def _int_or_auto(path: str, value: Any) -> int | str:
    return "auto" if value == "auto" else _positive_int(path, value)


def _string_list(path: str, value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigurationError(f"option {path} must be a list of strings, got {value!r}")
    return list(value)


def _log_level(path: str, value: Any) -> str:
    levels = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
    if not isinstance(value, str) or value.upper() not in levels:
        raise ConfigurationError(f"option {path} must be one of {', '.join(levels)}; got {value!r}")
    return value.upper()


def _mapping(path: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigurationError(f"option {path} must be a mapping, got {type(value).__name__}")
    return dict(value)


@dataclass
class _Section:
    """A group of options: assignments are validated, unknown names refused; None means unset.

    ``_checks`` maps option names to validators; a field whose default factory is a section class holds a nested
    section (assigning a mapping to it replaces the section with one built from the mapping).
    """

    _path: ClassVar[str] = ""
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {}

    def __setattr__(self, name: str, value: Any) -> None:
        section = self._section_class(name)
        path = f"{self._path}.{name}" if self._path else name
        if section is not None:
            if isinstance(value, Mapping):
                fresh = section()
                fresh.update(**value)
                value = fresh
            elif not isinstance(value, section):
                raise ConfigurationError(
                    f"option {path} must be a {section.__name__} or a mapping, got {type(value).__name__}"
                )
        elif value is not None and name in self._checks:
            value = self._checks[name](path, value)
        object.__setattr__(self, name, value)

    @classmethod
    def _section_class(cls, name: str) -> type[_Section] | None:
        """The section class of field ``name`` (None for a plain option); unknown names raise."""
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if name not in fields:
            where = f"{cls._path} options" if cls._path else f"{cls.__name__}"
            raise ConfigurationError(f"{where} have no option {name!r}; valid options: {', '.join(sorted(fields))}.")
        factory = fields[name].default_factory
        return factory if isinstance(factory, type) and issubclass(factory, _Section) else None

    def update(self, **options: Any) -> None:
        """Set several options; a mapping given for a section updates that section (other values are kept)."""
        for name, value in options.items():
            if self._section_class(name) is not None and isinstance(value, Mapping):
                getattr(self, name).update(**value)
            else:
                setattr(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The options that are set, as a nested dict (empty sections left out)."""
        out: dict[str, Any] = {}
        for spec in dataclasses.fields(self):
            value = getattr(self, spec.name)
            if isinstance(value, _Section):
                nested = value.to_dict()
                if nested:
                    out[spec.name] = nested
            elif value is not None:
                out[spec.name] = list(value) if isinstance(value, list) else value
        return out


@dataclass
class SimulatorOptions(_Section):
    """Simulator options: honoured by simulators (local Aer, the emulator), ignored by devices."""

    _path: ClassVar[str] = "simulator"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "seed_simulator": _non_negative_int,
        "basis_gates": _string_list,
    }
    seed_simulator: int | None = None
    noise_model: Any = None
    coupling_map: Any = None
    basis_gates: list[str] | None = None


@dataclass
class EnvironmentOptions(_Section):
    """Options of the job itself (not of the primitive): tags, server log level, privacy."""

    _path: ClassVar[str] = "environment"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "log_level": _log_level,
        "job_tags": _string_list,
        "private": _boolean,
    }
    log_level: str | None = None
    job_tags: list[str] | None = None
    private: bool | None = None


@dataclass
class EstimatorExecutionOptions(_Section):
    """Execution options: qubit initialisation and repetition delay."""

    _path: ClassVar[str] = "execution"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "init_qubits": _boolean,
        "rep_delay": _positive_number,
    }
    init_qubits: bool | None = None
    rep_delay: float | None = None


@dataclass
class SamplerExecutionOptions(EstimatorExecutionOptions):
    """Execution options of the Sampler; ``meas_type`` chooses classified bits or kerneled IQ data."""

    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        **EstimatorExecutionOptions._checks,
        "meas_type": _one_of("classified", "kerneled", "avg_kerneled"),
    }
    meas_type: str | None = None


@dataclass
class DynamicalDecouplingOptions(_Section):
    """Dynamical decoupling on idle qubits (service-side)."""

    _path: ClassVar[str] = "dynamical_decoupling"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "enable": _boolean,
        "sequence_type": _one_of("XX", "XpXm", "XY4"),
        "extra_slack_distribution": _one_of("middle", "edges"),
        "scheduling_method": _one_of("alap", "asap"),
        "skip_reset_qubits": _boolean,
    }
    enable: bool | None = None
    sequence_type: str | None = None
    extra_slack_distribution: str | None = None
    scheduling_method: str | None = None
    skip_reset_qubits: bool | None = None


@dataclass
class TwirlingOptions(_Section):
    """Pauli twirling of gates and measurements (service-side)."""

    _path: ClassVar[str] = "twirling"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "enable_gates": _boolean,
        "enable_measure": _boolean,
        "num_randomizations": _int_or_auto,
        "shots_per_randomization": _int_or_auto,
        "strategy": _one_of("active", "active-accum", "active-circuit", "all"),
    }
    enable_gates: bool | None = None
    enable_measure: bool | None = None
    num_randomizations: int | str | None = None
    shots_per_randomization: int | str | None = None
    strategy: str | None = None


@dataclass
class MeasureNoiseLearningOptions(_Section):
    """Learning readout noise for measurement mitigation (service-side)."""

    _path: ClassVar[str] = "resilience.measure_noise_learning"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "num_randomizations": _positive_int,
        "shots_per_randomization": _int_or_auto,
    }
    num_randomizations: int | None = None
    shots_per_randomization: int | str | None = None


@dataclass
class ZneOptions(_Section):
    """Zero-noise extrapolation (service-side)."""

    _path: ClassVar[str] = "resilience.zne"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "amplifier": _one_of("gate_folding", "gate_folding_front", "gate_folding_back", "pea"),
    }
    amplifier: str | None = None
    noise_factors: Sequence[float] | None = None
    extrapolator: str | Sequence[str] | None = None
    extrapolated_noise_factors: Sequence[float] | None = None


@dataclass
class PecOptions(_Section):
    """Probabilistic error cancellation (service-side)."""

    _path: ClassVar[str] = "resilience.pec"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {"max_overhead": _positive_number}
    max_overhead: float | None = None
    noise_gain: float | str | None = None


@dataclass
class LayerNoiseLearningOptions(_Section):
    """Learning layer noise for PEA and PEC (service-side)."""

    _path: ClassVar[str] = "resilience.layer_noise_learning"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "max_layers_to_learn": _non_negative_int,
        "shots_per_randomization": _positive_int,
        "num_randomizations": _positive_int,
    }
    max_layers_to_learn: int | None = None
    shots_per_randomization: int | None = None
    num_randomizations: int | None = None
    layer_pair_depths: list[int] | None = None


@dataclass
class ResilienceOptions(_Section):
    """Error mitigation of the Estimator (service-side)."""

    _path: ClassVar[str] = "resilience"
    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = {
        "measure_mitigation": _boolean,
        "zne_mitigation": _boolean,
        "pec_mitigation": _boolean,
    }
    measure_mitigation: bool | None = None
    measure_noise_learning: MeasureNoiseLearningOptions = field(default_factory=MeasureNoiseLearningOptions)
    zne_mitigation: bool | None = None
    zne: ZneOptions = field(default_factory=ZneOptions)
    pec_mitigation: bool | None = None
    pec: PecOptions = field(default_factory=PecOptions)
    layer_noise_learning: LayerNoiseLearningOptions = field(default_factory=LayerNoiseLearningOptions)
    layer_noise_model: Any = None


_TOP_CHECKS: Mapping[str, Callable[[str, Any], Any]] = {
    "default_shots": _positive_int,
    "default_precision": _positive_number,
    "seed_estimator": _non_negative_int,
    "resilience_level": _one_of(0, 1, 2),
    "max_execution_time": _positive_int,
    "experimental": _mapping,
}


@dataclass
class SamplerOptions(_Section):
    """Options of :class:`Sampler`. Assign attributes (``options.default_shots = 1000``) or call ``update``."""

    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = _TOP_CHECKS
    default_shots: int | None = None
    simulator: SimulatorOptions = field(default_factory=SimulatorOptions)
    environment: EnvironmentOptions = field(default_factory=EnvironmentOptions)
    execution: SamplerExecutionOptions = field(default_factory=SamplerExecutionOptions)
    dynamical_decoupling: DynamicalDecouplingOptions = field(default_factory=DynamicalDecouplingOptions)
    twirling: TwirlingOptions = field(default_factory=TwirlingOptions)
    max_execution_time: int | None = None
    experimental: dict[str, Any] | None = None


@dataclass
class EstimatorOptions(_Section):
    """Options of :class:`Estimator`. Assign attributes (``options.default_precision = 0.01``) or call ``update``."""

    _checks: ClassVar[Mapping[str, Callable[[str, Any], Any]]] = _TOP_CHECKS
    default_precision: float | None = None
    default_shots: int | None = None
    seed_estimator: int | None = None
    resilience_level: int | None = None
    simulator: SimulatorOptions = field(default_factory=SimulatorOptions)
    environment: EnvironmentOptions = field(default_factory=EnvironmentOptions)
    execution: EstimatorExecutionOptions = field(default_factory=EstimatorExecutionOptions)
    resilience: ResilienceOptions = field(default_factory=ResilienceOptions)
    dynamical_decoupling: DynamicalDecouplingOptions = field(default_factory=DynamicalDecouplingOptions)
    twirling: TwirlingOptions = field(default_factory=TwirlingOptions)
    max_execution_time: int | None = None
    experimental: dict[str, Any] | None = None


def _program_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The options as the service reads them: ``experimental`` keys naming known options are merged into them."""
    out = {k: v for k, v in options.items() if k != "experimental"}
    extra: dict[str, Any] = {}
    for key, value in (options.get("experimental") or {}).items():
        if key in out and isinstance(out[key], dict) and isinstance(value, Mapping):
            out[key] = {**out[key], **value}
        elif key in out:
            out[key] = value
        else:
            extra[key] = value
    if extra:
        out["experimental"] = extra
    return out


# ==================================================================================================
# Durations and ISA checks
# ==================================================================================================

_DURATION = re.compile(r"(\d+)\s*([dhms])", re.IGNORECASE)
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_max_time(value: int | str | None) -> int | None:
    """Seconds from ``max_time``: an int, or a duration string such as ``"1h 30m"`` (units d, h, m, s)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ConfigurationError(f"max_time must be seconds (an int) or a string like '1h 30m', got {value!r}.")
    if isinstance(value, int):
        seconds = value
    else:
        text = value.strip()
        parts = _DURATION.findall(text)
        if not parts or re.sub(r"\s+", "", text.lower()) != "".join(f"{n}{u.lower()}" for n, u in parts):
            raise ConfigurationError(
                f"Invalid max_time {value!r}: use seconds (an int) or a duration like '1h 30m' or '2h 10m 20s' "
                "(units d, h, m, s)."
            )
        seconds = sum(int(n) * _UNIT_SECONDS[u.lower()] for n, u in parts)
    if seconds <= 0:
        raise ConfigurationError(f"max_time must be positive, got {value!r}.")
    return seconds


def _is_simulator(backend: Any) -> bool:
    flag = getattr(backend, "simulator", None)  # RuntimeBackend
    if isinstance(flag, bool):
        return flag
    spec = getattr(backend, "spec", None)  # the device factory's backends
    if spec is not None and isinstance(getattr(spec, "simulator", None), bool):
        return bool(spec.simulator)
    aer = sys.modules.get("qiskit_aer")
    if aer is not None and isinstance(backend, aer.AerSimulator):
        return True
    try:
        return bool(backend.configuration().simulator)
    except Exception:  # BackendV2 has no configuration(); qiskit's own simulators have none either
        return type(backend).__name__ in {"BasicSimulator", "StatevectorSimulator"}


def _first_unsupported(
    circuit: QuantumCircuit, target: Target, qubits: Mapping[Any, int]
) -> tuple[str, tuple[int, ...], str] | None:
    """(instruction, physical qubits, problem) of the first instruction the target lacks, else None."""
    from qiskit.circuit import ControlFlowOp

    for instruction in circuit.data:
        operation = instruction.operation
        name = operation.name
        qargs = tuple(qubits[q] for q in instruction.qubits)
        if name == "barrier":
            continue
        if not target.instruction_supported(name, qargs):
            where = "qubit" if len(qargs) == 1 else "qubits"
            return name, qargs, f"the instruction {name} on {where} {qargs} is not supported by the target"
        if name == "rzz" and operation.params and not _rzz_angle_ok(operation.params[0]):
            return name, qargs, f"rzz angle {operation.params[0]} on qubits {qargs} is outside [0, pi/2]"
        if isinstance(operation, ControlFlowOp):
            for block in operation.blocks:
                inner = {b: qubits[o] for b, o in zip(block.qubits, instruction.qubits, strict=True)}
                found = _first_unsupported(block, target, inner)
                if found is not None:
                    return found
    return None


def _rzz_angle_ok(angle: Any) -> bool:
    try:
        value = float(angle)
    except TypeError:  # a parameter: its values are checked by the service
        return True
    return -1e-12 <= value <= math.pi / 2 + 1e-12


def check_isa(circuits: Sequence[QuantumCircuit], backend: BackendV2) -> None:
    """Refuse circuits that do not match ``backend.target`` (simulators accept anything).

    Raises:
        CircuitNotISAError: naming the pub, the first unsupported instruction and how to transpile.
    """
    if _is_simulator(backend):
        return
    target = backend.target
    hint = (
        "Transpile it for this backend first: "
        "generate_preset_pass_manager(backend=backend, optimization_level=1).run(circuit) "
        "(from qiskit.transpiler import generate_preset_pass_manager)."
    )
    for index, circuit in enumerate(circuits):
        if circuit.num_qubits > target.num_qubits:
            raise CircuitNotISAError(
                f"pub {index}: the circuit has {circuit.num_qubits} qubits but {backend.name} has "
                f"{target.num_qubits}. {hint}",
                circuit_index=index,
            )
        found = _first_unsupported(circuit, target, {q: i for i, q in enumerate(circuit.qubits)})
        if found is not None:
            name, qargs, problem = found
            raise CircuitNotISAError(
                f"pub {index}: {problem} of {backend.name}. {hint}", circuit_index=index, instruction=name,
                qubits=qargs,
            )


# ==================================================================================================
# Where jobs go: the local service or the runtime API
# ==================================================================================================


class _Channel(Protocol):
    is_local: bool

    @property
    def service(self) -> Any: ...

    def submit(
        self, program_id: ProgramId, backend: Any, pubs: list[Any], options: dict[str, Any], session_id: str | None
    ) -> RuntimeJob | LocalJob: ...

    def open_session(self, mode: Literal["dedicated", "batch"], backend: Any, max_time: int | None) -> str: ...

    def close_session(self, session_id: str) -> None: ...

    def cancel_session(self, session_id: str) -> None: ...

    def session_details(self, session_id: str) -> dict[str, Any]: ...


def _ignored_locally(options: Mapping[str, Any], program_id: ProgramId) -> list[str]:
    from qrt.execution import ignored_options

    # Tags and privacy are honoured by the local store.
    environment = {k: v for k, v in (options.get("environment") or {}).items() if k not in ("job_tags", "private")}
    return ignored_options({**options, "environment": environment}, primitive=program_id)


def _job_environment(options: Mapping[str, Any]) -> tuple[list[str], str | None, bool]:
    environment = options.get("environment") or {}
    return list(environment.get("job_tags") or []), environment.get("log_level"), bool(environment.get("private"))


class _Local:
    """Jobs run by a :class:`~qrt.local.LocalService`."""

    is_local = True

    def __init__(self, service: LocalService) -> None:
        self._service = service

    @property
    def service(self) -> LocalService:
        return self._service

    def submit(
        self, program_id: ProgramId, backend: Any, pubs: list[Any], options: dict[str, Any], session_id: str | None
    ) -> LocalJob:
        tags, _, private = _job_environment(options)
        return self._service.submit(
            program_id, backend, pubs, options=options, session_id=session_id, tags=tags, private=private
        )

    def open_session(self, mode: Literal["dedicated", "batch"], backend: Any, max_time: int | None) -> str:
        return self._service.open_session(mode, backend.name, max_time)

    def close_session(self, session_id: str) -> None:
        self._service.close_session(session_id)

    def cancel_session(self, session_id: str) -> None:
        self._service.cancel_session(session_id)

    def session_details(self, session_id: str) -> dict[str, Any]:
        return self._service.session_details(session_id)


class _Remote:
    """Jobs sent to the runtime API of the :class:`qrt.Service` a backend came from."""

    is_local = False

    def __init__(self, service: Service, instance: str) -> None:
        self._service = service
        self._instance = instance

    @property
    def service(self) -> Service:
        return self._service

    def submit(
        self, program_id: ProgramId, backend: Any, pubs: list[Any], options: dict[str, Any], session_id: str | None
    ) -> RuntimeJob:
        from qrt import wire
        from qrt.jobs import RuntimeJob
        from qrt_api.api.jobs import create_job
        from qrt_api.models import JobCreateRequest, JobCreateResponse, JobParams
        from qrt_api.types import UNSET

        tags, log_level, private = _job_environment(options)
        cost = options.get("max_execution_time")
        program = _program_options(options)
        if program_id == "sampler":
            params = wire.sampler_params(pubs, options=program)
        else:
            params = wire.estimator_params(pubs, options=program)
        body = JobCreateRequest(
            program_id=program_id,
            backend=backend.name,
            params=JobParams.from_dict(params),
            tags=tags if tags else UNSET,
            log_level=log_level if log_level else UNSET,
            cost=cost if cost is not None else UNSET,
            session_id=session_id if session_id else UNSET,
            private=True if private else UNSET,
        )
        created = create_job.sync(client=self._service.api_for(self._instance), body=body)
        if not isinstance(created, JobCreateResponse):
            raise ConfigurationError(f"The service answered the job submission with {created!r}, not a job id.")
        ran_on = created.backend if isinstance(created.backend, str) and created.backend else backend.name
        data = {"id": created.id, "backend": ran_on, "program": {"id": program_id}, "session_id": session_id,
                "tags": tags, "private": private}
        return RuntimeJob(self._service, self._instance, data)

    def open_session(self, mode: Literal["dedicated", "batch"], backend: Any, max_time: int | None) -> str:
        from qrt_api.api.sessions import create_session
        from qrt_api.models import JobSession, SessionCreateRequest
        from qrt_api.types import UNSET

        body = SessionCreateRequest(mode=mode, backend=backend.name, instance=self._instance,
                                    max_ttl=max_time if max_time else UNSET)
        created = create_session.sync(client=self._service.api_for(self._instance), body=body)
        if not isinstance(created, JobSession):
            raise ConfigurationError(f"The service answered the session request with {created!r}, not a session.")
        return created.id

    def close_session(self, session_id: str) -> None:
        from qrt_api.api.sessions import update_session
        from qrt_api.models import SessionUpdate

        with contextlib.suppress(NotFoundError):  # gone already: closing is done
            update_session.sync_detailed(session_id, client=self._service.api_for(self._instance),
                                         body=SessionUpdate(accepting_jobs=False))

    def cancel_session(self, session_id: str) -> None:
        from qrt_api.api.sessions import close_session

        close_session.sync_detailed(session_id, client=self._service.api_for(self._instance))

    def session_details(self, session_id: str) -> dict[str, Any]:
        from qrt_api.api.sessions import get_session

        found = get_session.sync(session_id, client=self._service.api_for(self._instance))
        details: dict[str, Any] = found.to_dict() if found is not None and hasattr(found, "to_dict") else {}
        details["status"] = _session_status(str(details.get("state") or ""), bool(details.get("accepting_jobs")))
        return details


def _session_status(state: str, accepting: bool) -> str:
    """The official SDK's session status string for an API ``state`` and ``accepting_jobs``."""
    if state in ("open", "inactive"):
        return "Pending"
    if (state == "active" and accepting) or state == "pending_inactive":
        return "In progress, accepting new jobs"
    if state in ("active", "pending_closed"):
        return "In progress, not accepting new jobs"
    return state.capitalize()


def _channel_for(backend: Any) -> _Channel:
    from qiskit.providers import BackendV2

    from qrt.backends import RuntimeBackend
    from qrt.local import LocalService

    if isinstance(backend, str):
        raise ConfigurationError(
            f"Got the backend name {backend!r}; pass the backend object: service.backend({backend!r})."
        )
    if not isinstance(backend, BackendV2):
        raise ConfigurationError(
            f"Expected a backend (a qiskit BackendV2), a Session or a Batch, got {type(backend).__name__}."
        )
    if isinstance(backend, RuntimeBackend):
        if backend.service is None:
            raise ConfigurationError(f"Backend {backend.name} has no Service to submit jobs through.")
        return _Remote(backend.service, backend.instance)
    if type(backend).__module__.startswith("qiskit_ibm_runtime.ibm_backend"):
        raise ConfigurationError(
            "This backend belongs to the official qiskit-ibm-runtime SDK; get backends from qrt.Service instead."
        )
    service = getattr(backend, "service", None)
    return _Local(service if isinstance(service, LocalService) else _default_local_service())


_DEFAULT_LOCAL_LOCK = threading.Lock()
_default_local: dict[str, LocalService] = {}


def _default_local_service() -> LocalService:
    """The local service for backends that carry none (``Sampler(mode=AerSimulator())``): one per store path,
    made on first use, so its worker threads and store connection are not made again for every primitive."""
    from qrt.local import LocalService, default_store_path

    path = str(default_store_path())
    with _DEFAULT_LOCAL_LOCK:
        service = _default_local.get(path)
        if service is None:
            service = _default_local[path] = LocalService(path)
            atexit.register(service.close, wait=False)
        return service


# ==================================================================================================
# Session and Batch
# ==================================================================================================


class Session:
    """Jobs that run one after another on one backend, as a context manager.

    ``with Session(backend, max_time="1h") as session:`` opens the session on entry (remotely ``POST
    /v1/sessions``) and closes it on exit (no new jobs; queued ones still run). ``max_time`` is seconds or a
    duration like ``"1h 30m"``; remotely it is the session's ``max_ttl``, locally queued jobs are cancelled once
    it has passed since the first job started. Without ``with``, the session opens with its first job.
    """

    _api_mode: ClassVar[Literal["dedicated", "batch"]] = "dedicated"

    def __init__(self, backend: BackendV2, max_time: int | str | None = None) -> None:
        self._channel = _channel_for(backend)
        self._backend = backend
        self._max_time = parse_max_time(max_time)
        self._session_id: str | None = None
        self._closed = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._session_id!r} on {self._backend.name!r}>"

    @classmethod
    def from_id(cls, session_id: str, service: Service | LocalService) -> Session:
        """The open session ``session_id`` of ``service`` (a remote :class:`qrt.Service` or a LocalService)."""
        from qrt.local import LocalService

        local = service if isinstance(service, LocalService) else None
        if local is None and service.channel == "local":
            local = service._local_service()  # type: ignore[union-attr]
        if local is not None:
            details = local.session_details(session_id)
            backend = local.backend(details["backend_name"])
        else:
            from qrt_api.api.sessions import get_session

            remote: Any = service
            found = get_session.sync(session_id, client=remote.api)
            details = found.to_dict() if found is not None and hasattr(found, "to_dict") else {}
            backend = remote.backend(details.get("backend_name"))
        kind: type[Session] = Batch if details.get("mode") == "batch" else Session
        session = kind.__new__(kind)
        Session.__init__(session, backend, details.get("max_ttl"))
        session._session_id = session_id
        return session

    @property
    def session_id(self) -> str | None:
        """The session's id; None until it opens (on ``with`` entry or with its first job)."""
        return self._session_id

    @property
    def max_time(self) -> int | None:
        """The maximum time in seconds, or None for the service's default."""
        return self._max_time

    @property
    def mode(self) -> str:
        """``dedicated`` for a Session, ``batch`` for a Batch (the API's names)."""
        return self._api_mode

    @property
    def service(self) -> Any:
        """The :class:`qrt.Service` (remote) or :class:`qrt.local.LocalService` the jobs go to."""
        return self._channel.service

    @property
    def is_local(self) -> bool:
        return self._channel.is_local

    def backend(self) -> str:
        """The backend's name."""
        return str(self._backend.name)

    def _open(self) -> str:
        with self._lock:
            if self._closed:
                name = type(self).__name__ + (f" {self._session_id}" if self._session_id else "")
                raise SessionClosedError(f"{name} is closed; open a new one.", session_id=self._session_id)
            if self._session_id is None:
                self._session_id = self._channel.open_session(self._api_mode, self._backend, self._max_time)
            return self._session_id

    def _submit(self, program_id: ProgramId, pubs: list[Any], options: dict[str, Any]) -> RuntimeJob | LocalJob:
        return self._channel.submit(program_id, self._backend, pubs, options, self._open())

    def details(self) -> dict[str, Any] | None:
        """The session's details (``state``, ``accepting_jobs``, ``max_ttl``...), None before it opens."""
        if self._session_id is None:
            return None
        return self._channel.session_details(self._session_id)

    def status(self) -> str | None:
        """``Pending``, ``In progress, accepting new jobs``, ``In progress, not accepting new jobs`` or
        ``Closed``; None before the session opens."""
        details = self.details()
        return None if details is None else str(details["status"])

    def close(self) -> None:
        """Accept no more jobs; those queued still run. Idempotent."""
        with self._lock:
            was_closed, self._closed = self._closed, True
        if not was_closed and self._session_id is not None:
            self._channel.close_session(self._session_id)

    def cancel(self) -> None:
        """Close at once and cancel the queued jobs."""
        with self._lock:
            self._closed = True
        if self._session_id is not None:
            self._channel.cancel_session(self._session_id)

    def __enter__(self) -> Session:
        self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Batch(Session):
    """Like :class:`Session`, for independent jobs the service may run in parallel (``mode="batch"``).

    Locally, a batch runs its jobs in order, as a session does.
    """

    _api_mode: ClassVar[Literal["dedicated", "batch"]] = "batch"

    def __enter__(self) -> Batch:
        self._open()
        return self


# ==================================================================================================
# The primitives
# ==================================================================================================


def _check_pubs(pubs: Any, kind: str) -> list[Any]:
    from qiskit.circuit import QuantumCircuit

    if isinstance(pubs, QuantumCircuit):
        raise ConfigurationError(f"run() takes a list of pubs; wrap the circuit in a list: {kind}.run([circuit]).")
    if isinstance(pubs, (str, bytes)) or not isinstance(pubs, Iterable):
        raise ConfigurationError(f"run() takes a list of pubs, got {type(pubs).__name__}.")
    listed = list(pubs)
    if not listed:
        raise ConfigurationError("run() needs at least one pub.")
    return listed


class _Primitive:
    _program_id: ClassVar[ProgramId]

    def __init__(self, mode: Any, options: Mapping[str, Any] | _Section | None) -> None:
        if mode is None:
            raise ConfigurationError(
                "mode is required: a backend (service.backend(name), or Service(channel='local').backend(name)), a "
                "Session or a Batch."
            )
        self._mode = mode
        if isinstance(mode, Session):
            self._backend: Any = mode._backend
            self._channel = mode._channel
        else:
            self._channel = _channel_for(mode)
            self._backend = mode
        self._options = self._new_options()
        if isinstance(options, _Section):
            self._options.update(**options.to_dict())
        elif options is not None:
            if not isinstance(options, Mapping):
                raise ConfigurationError(f"options must be a mapping or options object, got {type(options).__name__}")
            self._options.update(**options)

    def _new_options(self) -> Any:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} on {self._backend.name!r}>"

    @property
    def mode(self) -> Any:
        """The backend, Session or Batch given."""
        return self._mode

    def backend(self) -> BackendV2:
        """The backend jobs run on."""
        return self._backend

    @property
    def is_local(self) -> bool:
        """Whether jobs run in this process (on Aer) rather than through the service."""
        return self._channel.is_local

    def _submit(self, pubs: list[Any], options: dict[str, Any]) -> RuntimeJob | LocalJob:
        check_isa([pub.circuit for pub in pubs], self._backend)
        if self._channel.is_local:
            ignored = _ignored_locally(options, self._program_id)
            if ignored:
                warnings.warn(
                    f"Options {', '.join(ignored)} have no effect in local mode; they apply to jobs run by the "
                    "service.",
                    UserWarning,
                    stacklevel=3,  # the caller of run()
                )
        if isinstance(self._mode, Session):
            return self._mode._submit(self._program_id, pubs, options)
        return self._channel.submit(self._program_id, self._backend, pubs, options, None)


def _coerce_pubs(pubs: Iterable[Any], kind: str, coerce: Callable[[Any, Any], Any], default: Any) -> list[Any]:
    """Coerce each pub with qiskit's ``coerce``; a pub it refuses raises ConfigurationError naming its index."""
    coerced = []
    for index, pub in enumerate(_check_pubs(pubs, kind)):
        try:
            coerced.append(coerce(pub, default))
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"pub {index}: {exc}") from exc
    return coerced


class Sampler(_Primitive):
    """The V2 Sampler: samples measured bits of circuits.

    ``Sampler(mode=backend | session | batch, options=None)``; ``run(pubs, *, shots=None)`` returns a job whose
    ``result()`` is a ``PrimitiveResult`` of ``SamplerPubResult`` (one ``BitArray`` per classical register).
    """

    _program_id: ClassVar[ProgramId] = "sampler"

    def __init__(self, mode: Any = None, options: Mapping[str, Any] | SamplerOptions | None = None) -> None:
        super().__init__(mode, options)

    def _new_options(self) -> SamplerOptions:
        return SamplerOptions()

    @property
    def options(self) -> SamplerOptions:
        """The options; change them by assignment (``sampler.options.default_shots = 1000``)."""
        return self._options  # type: ignore[no-any-return]

    def run(self, pubs: Iterable[Any], *, shots: int | None = None) -> RuntimeJob | LocalJob:
        """Submit sampler pubs: circuits, or ``(circuit, parameter values[, shots])`` tuples.

        Shots of a pub: its own, else ``shots``, else ``options.default_shots`` (else the backend's default:
        1024 locally). Raises :class:`~qrt.errors.CircuitNotISAError` for circuits a device cannot run.
        """
        from qiskit.primitives.containers.sampler_pub import SamplerPub

        if shots is not None:
            _positive_int("shots", shots)
        return self._submit(_coerce_pubs(pubs, "sampler", SamplerPub.coerce, shots), self.options.to_dict())


class Estimator(_Primitive):
    """The V2 Estimator: expectation values of observables.

    ``Estimator(mode=backend | session | batch, options=None)``; ``run(pubs, *, precision=None)`` returns a job
    whose ``result()`` is a ``PrimitiveResult`` of ``PubResult`` with ``data.evs`` and ``data.stds``.
    """

    _program_id: ClassVar[ProgramId] = "estimator"

    def __init__(self, mode: Any = None, options: Mapping[str, Any] | EstimatorOptions | None = None) -> None:
        super().__init__(mode, options)

    def _new_options(self) -> EstimatorOptions:
        return EstimatorOptions()

    @property
    def options(self) -> EstimatorOptions:
        """The options; change them by assignment (``estimator.options.default_precision = 0.01``)."""
        return self._options  # type: ignore[no-any-return]

    def run(self, pubs: Iterable[Any], *, precision: float | None = None) -> RuntimeJob | LocalJob:
        """Submit estimator pubs: ``(circuit, observables[, parameter values[, precision]])`` tuples.

        Precision of a pub: its own, else ``precision``, else ``options.default_precision`` (or
        ``1/sqrt(options.default_shots)``; 0.015625 locally when neither is set). Observables must be laid out on
        the transpiled circuit's qubits (``observable.apply_layout(isa_circuit.layout)``).
        """
        from qiskit.primitives.containers.estimator_pub import EstimatorPub

        if precision is not None:
            _positive_number("precision", precision)
        return self._submit(_coerce_pubs(pubs, "estimator", EstimatorPub.coerce, precision), self.options.to_dict())
