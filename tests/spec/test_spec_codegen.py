"""./codegen.sh: --check passes on the committed output, reports a stale one, and refuses a lossy spec."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml


def run_codegen(repo_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        [str(repo_root / "codegen.sh"), *args],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def edited_spec(repo_root: Path, tmp_path: Path, edit: Any) -> Path:
    doc = yaml.safe_load((repo_root / "spec" / "qiskit-runtime.yaml").read_text(encoding="utf-8"))
    edit(doc)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_check_passes_and_changes_nothing(repo_root: Path) -> None:
    generated = repo_root / "generated" / "qrt_api"
    before = tree_digest(generated)
    result = run_codegen(repo_root, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
    assert tree_digest(generated) == before
    assert not list(generated.rglob(".ruff_cache"))


@pytest.mark.slow
def test_check_reports_a_stale_package(repo_root: Path, tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["components"]["schemas"]["JobResponse"]["properties"]["queue_position"] = {"type": "integer"}

    result = run_codegen(repo_root, "--check", "--spec", str(edited_spec(repo_root, tmp_path, edit)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "is stale" in result.stdout
    assert "changed: models/job_response.py" in result.stdout
    assert "changed: _stamp.py" in result.stdout
    assert result.stdout.rstrip().endswith("run ./codegen.sh to regenerate")


@pytest.mark.slow
def test_generator_warning_fails_the_run(repo_root: Path, tmp_path: Path) -> None:
    # A duplicate title is valid OpenAPI, but the generator drops the second model and everything that
    # uses it (here the whole list_backends endpoint) with only a warning.
    def edit(doc: dict[str, Any]) -> None:
        doc["components"]["schemas"]["ProcessorType"]["title"] = "Clops"

    out = tmp_path / "out" / "qrt_api"
    result = run_codegen(repo_root, "--spec", str(edited_spec(repo_root, tmp_path, edit)), "--out", str(out))
    assert result.returncode == 2
    assert "failed or warned" in result.stderr and "duplicate" in result.stderr
    assert not out.exists()


def test_invalid_spec_is_rejected_before_generation(repo_root: Path, tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["paths"]["/v1/jobs"]["get"]["parameters"][0]["in"] = "body"

    out = tmp_path / "out" / "qrt_api"
    result = run_codegen(repo_root, "--spec", str(edited_spec(repo_root, tmp_path, edit)), "--out", str(out))
    assert result.returncode == 2
    assert "at paths > /v1/jobs > get > parameters > 0 > in:" in result.stderr
    assert "not valid OpenAPI" in result.stderr
    assert not out.exists()
