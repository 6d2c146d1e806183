"""Real-shaped backend data from the official SDK's fake backends validates against the spec and round-trips."""

from __future__ import annotations

import copy
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from qrt_api import models

# Old and new devices: armonk and brisbane have numeric processor revisions; manila, brisbane and fez
# have a `reset` gate whose parameters are null; brisbane (127 qubits) and fez (156) are large.
BACKENDS = ["armonk", "manila", "brisbane", "fez"]


@pytest.fixture(scope="module")
def fake_dir() -> Path:
    # Locate the data without importing the SDK (which would import qiskit, seconds of start-up).
    found = importlib.util.find_spec("qiskit_ibm_runtime")
    assert found is not None and found.origin is not None, "qiskit-ibm-runtime (a dev dependency) is missing"
    return Path(found.origin).parent / "fake_provider" / "backends"


@pytest.fixture(scope="module")
def validate(spec: dict[str, Any]) -> Callable[[str, Any], list[str]]:
    registry = Registry().with_resource("urn:qrt-spec", Resource.from_contents(spec, default_specification=DRAFT202012))

    def errors(name: str, value: Any) -> list[str]:
        validator = OAS31Validator(
            {"$ref": f"urn:qrt-spec#/components/schemas/{name}"},
            registry=registry,
            format_checker=oas31_format_checker,
        )
        return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(value)]

    return errors


@pytest.mark.interop
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("prefix", "schema"), [("conf", "BackendConfiguration"), ("props", "BackendProperties")])
def test_fake_backend_data_fits_the_spec(
    backend: str, prefix: str, schema: str, fake_dir: Path, validate: Callable[[str, Any], list[str]]
) -> None:
    data = json.loads((fake_dir / backend / f"{prefix}_{backend}.json").read_text(encoding="utf-8"))
    assert validate(schema, data) == []
    parsed = getattr(models, schema).from_dict(copy.deepcopy(data))
    assert parsed.to_dict() == data
    assert parsed.backend_name == data["backend_name"]
