"""``qrt demo`` (and ``python -m qrt demo``): runs end to end offline and leaves the user's files alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qrt import demo

_CHANGED_BY_DEMO = ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL", "QRT_RUNTIME_URL", "QRT_TRUST_ENV",
                    "QRT_LOCAL_STORE")


@pytest.mark.slow
def test_demo_runs_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the user's account file and cache would be under here
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("QRT_RUNTIME_URL", "http://127.0.0.1:9/kept")  # an existing value must come back
    monkeypatch.delenv("IAM_URL", raising=False)
    before = {key: os.environ.get(key) for key in _CHANGED_BY_DEMO}

    assert demo.main([]) == 0

    out = capsys.readouterr().out
    assert re.search(r"^Emulator: http://127\.0\.0\.1:\d+ ", out, re.MULTILINE)
    assert "Instances (4):" in out and "open-us" in out and "<- active" in out
    assert "Backends of the active instance (3):" in out
    assert "Least busy: qrt_simulator; least busy device: qrt_lucca" in out
    sampler = re.search(r"^Sampler job \S+: DONE, 1000 shots\n  counts   (.*)$", out, re.MULTILINE)
    assert sampler is not None
    counts = {bits: int(n) for bits, n in re.findall(r"(\d\d): (\d+)", sampler.group(1))}
    assert sum(counts.values()) == 1000 and counts["00"] + counts["11"] > 900
    zz = re.search(r"<ZZ> = \+(\d\.\d+)", out)
    assert zz is not None and 0.8 < float(zz.group(1)) <= 1.0
    assert "identical to the emulator's counts (same device, same seed): yes" in out
    ideal = re.search(r"^Sampler on aer_simulator \(ideal\): (.*)$", out, re.MULTILINE)
    assert ideal is not None and set(re.findall(r"(\d\d): ", ideal.group(1))) == {"00", "11"}
    assert "Local jobs in the store: 2" in out
    assert re.search(r"^Done in \d+\.\d s\.$", out, re.MULTILINE)

    assert {key: os.environ.get(key) for key in _CHANGED_BY_DEMO} == before
    assert not (tmp_path / ".qiskit").exists() and not (tmp_path / "cache").exists()


def test_demo_help_and_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        demo.main(["--help"])
    assert done.value.code == 0 and "--shots" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        demo.main(["--shots", "0"])
    assert refused.value.code == 2


def test_python_m_qrt_demo_help() -> None:
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "generated")])}
    done = subprocess.run([sys.executable, "-m", "qrt", "demo", "--help"], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 0 and "usage: qrt demo" in done.stdout
