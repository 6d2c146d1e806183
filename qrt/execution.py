"""Running v2 primitive pubs on a simulator: the one place circuits execute, for local mode and the emulator.

Results have the shape the official SDK's local mode gives: ``PrimitiveResult`` metadata
``{"version": 2}``; Sampler pub data holds one ``BitArray`` per classical register and pub metadata
``{"shots", "circuit_metadata"}``; Estimator pub data holds ``evs`` and ``stds`` and pub metadata
``{"target_precision", "shots", "circuit_metadata"}``.

Engines: on an ``AerSimulator`` the Sampler is qiskit-aer's ``SamplerV2`` (it binds parameters
inside Aer, several times faster on parameter sweeps, and gives the same bits as qiskit's
``BackendSamplerV2`` for the same seed); on any other ``BackendV2`` it is qiskit's
``BackendSamplerV2``. The Estimator is qiskit's ``BackendEstimatorV2`` everywhere, as in the
official local mode: expectation values are estimated from ``ceil(1 / precision**2)`` shots.

Options are the primitive options dict as it travels on the wire. Honoured: ``default_shots``,
``default_precision`` (Estimator), ``simulator.seed_simulator`` (or a top-level
``seed_simulator``), ``simulator.noise_model`` (Sampler) and ``execution.meas_type`` (only
``"classified"`` can be simulated). :func:`ignored_options` names the rest.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from qrt.errors import ConfigurationError

if TYPE_CHECKING:
    from qiskit.primitives.containers import PrimitiveResult

__all__ = [
    "DEFAULT_PRECISION",
    "DEFAULT_SHOTS",
    "ignored_options",
    "run_estimator",
    "run_sampler",
]

DEFAULT_SHOTS = 1024
"""Sampler shots when neither the pub, the call nor ``default_shots`` gives any."""

DEFAULT_PRECISION = 0.015625
"""Estimator target precision (4096 shots) when nothing else gives one."""

_HONOURED: dict[str, frozenset[str]] = {
    "sampler": frozenset(
        {
            "default_shots",
            "seed_simulator",
            "simulator.seed_simulator",
            "simulator.noise_model",
            "execution.meas_type",
        }
    ),
    "estimator": frozenset({"default_shots", "default_precision", "seed_simulator", "simulator.seed_simulator"}),
}


def run_sampler(
    backend: Any,
    pubs: Iterable[Any],
    *,
    shots: int | None = None,
    options: Mapping[str, Any] | None = None,
    max_shots: int | None = None,
) -> PrimitiveResult[Any]:
    """Sample ``pubs`` on ``backend`` (an ``AerSimulator`` or any ``BackendV2``).

    Shots per pub: the pub's own, else ``shots``, else ``options["default_shots"]``, else 1024.
    The same ``simulator.seed_simulator`` gives the same bits.

    Raises:
        ConfigurationError: an option has an invalid value, asks for level-1 measurement data, or a pub asks
            for more than ``max_shots`` shots.
        ValueError, TypeError: a pub is malformed (from qiskit's ``SamplerPub.coerce``).
    """
    from qiskit.primitives.containers.sampler_pub import SamplerPub

    opts = dict(options or {})
    default_shots = _positive_int(opts, "default_shots")
    fallback = shots if shots is not None else (default_shots or DEFAULT_SHOTS)
    seed = _seed(opts)
    _check_meas_type(opts)
    noise_model = _section(opts, "simulator").get("noise_model")
    coerced = [SamplerPub.coerce(pub, fallback) for pub in pubs]
    _check_shots([pub.shots for pub in coerced], max_shots)

    aer = sys.modules.get("qiskit_aer")  # an AerSimulator backend implies qiskit_aer is imported
    if aer is not None and isinstance(backend, aer.AerSimulator):
        from qiskit_aer.primitives import SamplerV2 as AerSamplerV2

        run_options = {"noise_model": noise_model} if noise_model is not None else {}
        sampler: Any = AerSamplerV2.from_backend(
            backend, default_shots=fallback, seed=seed, options={"run_options": run_options}
        )
    else:
        from qiskit.primitives import BackendSamplerV2

        sampler_options: dict[str, Any] = {"default_shots": fallback, "seed_simulator": seed}
        if noise_model is not None:
            sampler_options["run_options"] = {"noise_model": noise_model}
        sampler = BackendSamplerV2(backend=backend, options=sampler_options)
    return _normalised(sampler.run(coerced).result())


def run_estimator(
    backend: Any,
    pubs: Iterable[Any],
    *,
    precision: float | None = None,
    options: Mapping[str, Any] | None = None,
    max_shots: int | None = None,
) -> PrimitiveResult[Any]:
    """Estimate expectation values of ``pubs`` on ``backend`` (an ``AerSimulator`` or any ``BackendV2``).

    Precision per pub: the pub's own, else ``precision``, else ``1/sqrt(options["default_shots"])``,
    else ``options["default_precision"]``, else 0.015625. Each pub runs ``ceil(1/precision**2)`` shots.

    Raises:
        ConfigurationError: an option has an invalid value, or a pub's precision needs more than ``max_shots``.
        ValueError, TypeError: a pub is malformed (from qiskit's ``EstimatorPub.coerce``).
    """
    from qiskit.primitives import BackendEstimatorV2
    from qiskit.primitives.containers.estimator_pub import EstimatorPub

    opts = dict(options or {})
    default_precision = _positive_float(opts, "default_precision") or DEFAULT_PRECISION
    default_shots = _positive_int(opts, "default_shots")
    fallback = precision
    if fallback is None and default_shots is not None:
        fallback = 1 / math.sqrt(default_shots)  # as the official local mode converts it
    if fallback is None:
        fallback = default_precision
    estimator = BackendEstimatorV2(
        backend=backend, options={"default_precision": fallback, "seed_simulator": _seed(opts)}
    )
    coerced = [EstimatorPub.coerce(pub, fallback) for pub in pubs]
    _check_shots([math.ceil(1 / pub.precision**2) for pub in coerced], max_shots)
    return _normalised(estimator.run(coerced).result())


def _check_shots(shots: Iterable[int], max_shots: int | None) -> None:
    """Refuse pubs asking for more shots than the backend allows (``max_shots``), before allocating anything."""
    if max_shots is None:
        return
    for index, count in enumerate(shots):
        if count > max_shots:
            raise ConfigurationError(
                f"pub {index} needs {count} shots, more than this backend's max_shots ({max_shots}); "
                "ask for fewer shots (or, for the Estimator, a coarser precision)."
            )


def ignored_options(
    options: Mapping[str, Any] | None, *, primitive: Literal["sampler", "estimator"] = "sampler"
) -> list[str]:
    """Return the dotted paths of the set options that local execution does not honour, sorted.

    A value of ``None`` or an empty section counts as unset. Callers warn once, naming these.
    """
    honoured = _HONOURED[primitive]
    found: list[str] = []

    def walk(tree: Mapping[str, Any], prefix: str) -> None:
        for key, value in tree.items():
            path = f"{prefix}{key}"
            if value is None or path in honoured:
                continue
            if isinstance(value, Mapping):
                walk(value, f"{path}.")
            else:
                found.append(path)

    walk(options or {}, "")
    return sorted(found)


def _normalised(result: Any) -> PrimitiveResult[Any]:
    """Return ``result`` with pub metadata cut to the keys the official local mode gives."""
    from qiskit.primitives.containers import PrimitiveResult

    pub_results = []
    for pub_result in result:
        extra = set(pub_result.metadata) - {"shots", "circuit_metadata", "target_precision"}
        if extra:
            metadata = {k: v for k, v in pub_result.metadata.items() if k not in extra}
            pub_result = type(pub_result)(pub_result.data, metadata)
        pub_results.append(pub_result)
    return PrimitiveResult(pub_results, metadata={"version": 2})


def _section(options: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    section = options.get(name)
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        raise ConfigurationError(f"option {name!r} must be a mapping, got {type(section).__name__}")
    return section


def _seed(options: Mapping[str, Any]) -> int | None:
    simulator = _section(options, "simulator")
    key = "simulator.seed_simulator"
    seed = simulator.get("seed_simulator")
    if seed is None:
        key, seed = "seed_simulator", options.get("seed_simulator")
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigurationError(f"option {key} must be a non-negative integer, got {seed!r}")
    return seed


def _positive_int(options: Mapping[str, Any], key: str) -> int | None:
    value = options.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(f"option {key} must be a positive integer, got {value!r}")
    return value


def _positive_float(options: Mapping[str, Any], key: str) -> float | None:
    value = options.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ConfigurationError(f"option {key} must be a positive number, got {value!r}")
    return float(value)


def _check_meas_type(options: Mapping[str, Any]) -> None:
    meas_type = _section(options, "execution").get("meas_type")
    if meas_type is None or meas_type == "classified":
        return
    if meas_type in ("kerneled", "avg_kerneled"):
        raise ConfigurationError(
            f"option execution.meas_type={meas_type!r} is not available in local simulation, which "
            "yields classified bits only; use 'classified' or leave it unset"
        )
    raise ConfigurationError(
        f"option execution.meas_type must be 'classified', 'kerneled' or 'avg_kerneled', got {meas_type!r}"
    )
