"""The distribution: one wheel named qrt ships both qrt and qrt_api (not only in editable installs)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_ships_qrt_and_the_generated_client(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(tmp_path)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = tmp_path.glob("qrt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("qrt/__init__.py", "qrt/py.typed", "qrt/emulator/default_world.yaml",
                     "qrt_api/__init__.py", "qrt_api/client.py", "qrt_api/py.typed", "qrt_api/_stamp.py"):
        assert required in names, required
    spec = yaml.safe_load((ROOT / "spec" / "qiskit-runtime.yaml").read_text())
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method in {"get", "put", "post", "delete", "patch"}:
                assert f"qrt_api/api/{operation['tags'][0]}/{operation['operationId']}.py" in names
    assert not any(name.startswith(("tests/", "generated/", "spec/")) for name in names)
