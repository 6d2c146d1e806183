"""The ``qrt`` command: ``qrt demo`` and ``qrt emulator``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

_USAGE = """usage: qrt <command> [options]

commands:
  demo        run the end-to-end demo offline (emulator, Sampler, Estimator, local mode)
  emulator    serve a local Qiskit Runtime-compatible emulator (see `qrt emulator --help`)
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qrt`` command with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_USAGE, end="")
        return 0
    command, rest = args[0], args[1:]
    if command == "emulator":
        from qrt.emulator.cli import main as emulator_main

        return emulator_main(rest)
    if command == "demo":
        from qrt.demo import main as demo_main

        return demo_main(rest)
    print(f"qrt: unknown command {command!r}\n\n{_USAGE}", end="", file=sys.stderr)
    return 2
