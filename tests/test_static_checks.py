"""The static checks the guide asks for, run by the test command so CI enforces them.

``mypy --strict`` and ``ruff`` are clean on ``qrt/`` (and ruff on tests and benchmarks); the generated client passes
``mypy --strict`` on its own (docs/codegen.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_mypy_strict_on_qrt(tmp_path: Path) -> None:
    done = run("mypy", "--cache-dir", str(tmp_path / "cache"))
    assert done.returncode == 0, done.stdout[-4000:]


@pytest.mark.slow
def test_mypy_strict_on_the_generated_client(tmp_path: Path) -> None:
    done = run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "generated/qrt_api")
    assert done.returncode == 0, done.stdout[-4000:]


def test_ruff_is_clean() -> None:
    done = run("ruff", "check", "--no-cache", "qrt", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout[-4000:]
