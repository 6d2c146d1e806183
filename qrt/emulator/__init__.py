"""A local, persistent, Qiskit Runtime-compatible server that runs jobs on qiskit-aer.

Every hop of the real service under one origin: IAM token exchange, Global Search and Catalog, and the
runtime API (``/api/v1``). Start it from the command line with ``qrt emulator`` or in-process::

    with qrt.emulator.running() as emu:
        os.environ.update(emu.env)
        ...

The names below load their modules on first use, so importing this package loads neither Starlette, uvicorn
nor qiskit.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "running": "qrt.emulator.server",
    "serve": "qrt.emulator.server",
    "RunningEmulator": "qrt.emulator.server",
    "emulator_env": "qrt.emulator.server",
    "Emulator": "qrt.emulator.core",
    "World": "qrt.emulator.world",
    "load_world": "qrt.emulator.world",
    "default_world": "qrt.emulator.world",
    "world_from_mapping": "qrt.emulator.world",
    "FaultRule": "qrt.emulator.faults",
    "FaultConfig": "qrt.emulator.faults",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from qrt.emulator.core import Emulator as Emulator
    from qrt.emulator.faults import FaultConfig as FaultConfig
    from qrt.emulator.faults import FaultRule as FaultRule
    from qrt.emulator.server import RunningEmulator as RunningEmulator
    from qrt.emulator.server import emulator_env as emulator_env
    from qrt.emulator.server import running as running
    from qrt.emulator.server import serve as serve
    from qrt.emulator.world import World as World
    from qrt.emulator.world import default_world as default_world
    from qrt.emulator.world import load_world as load_world
    from qrt.emulator.world import world_from_mapping as world_from_mapping


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qrt.emulator' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
