"""qrt: a typed, fast, offline-testable client for IBM's Qiskit Runtime service.

``import qrt`` is cheap: the public names below load their modules on first use, so importing the package
loads neither qiskit, qiskit-aer nor the generated ``qrt_api.api`` modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it. Modules are imported on first attribute access.
_EXPORTS: dict[str, str] = {
    "Service": "qrt.service",
    "ResolvedConfig": "qrt.config",
    "default_runtime_url_resolver": "qrt.config",
    "Sampler": "qrt.primitives",
    "Estimator": "qrt.primitives",
    "Session": "qrt.primitives",
    "Batch": "qrt.primitives",
}

__all__ = sorted([*_EXPORTS, "errors", "__version__"])

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from qrt import errors as errors
    from qrt.config import ResolvedConfig as ResolvedConfig
    from qrt.config import default_runtime_url_resolver as default_runtime_url_resolver
    from qrt.primitives import Batch as Batch
    from qrt.primitives import Estimator as Estimator
    from qrt.primitives import Sampler as Sampler
    from qrt.primitives import Session as Session
    from qrt.service import Service as Service


def __getattr__(name: str) -> Any:
    if name == "errors":
        return importlib.import_module("qrt.errors")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qrt' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return __all__
