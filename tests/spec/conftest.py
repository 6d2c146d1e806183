"""Shared helpers for the spec and generated-client tests.

The operation list and the response schema names come from walking the spec, so adding an operation to
the spec adds it to every parametrized test here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO / "spec" / "qiskit-runtime.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class Operation(NamedTuple):
    method: str
    path: str
    op: dict[str, Any]
    path_item: dict[str, Any]

    @property
    def op_id(self) -> str:
        return str(self.op.get("operationId"))


@cache
def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    assert isinstance(doc, dict)
    return doc


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s until a node without one."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def list_operations(doc: dict[str, Any]) -> list[Operation]:
    return [
        Operation(method, path, item[method], item)
        for path, item in doc["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


def response_schema_names(doc: dict[str, Any]) -> list[str]:
    """Names of the component schemas used as response bodies, errors included."""
    names: set[str] = set()
    for operation in list_operations(doc):
        for response in operation.op.get("responses", {}).values():
            for media in resolve(doc, response).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    names.add(ref.rsplit("/", 1)[1])
    return sorted(names)


def snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def load_fixture(name: str) -> Any:
    with (FIXTURES / name).open(encoding="utf-8") as f:
        return json.load(f)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "operation" in metafunc.fixturenames:
        ops = list_operations(load_spec())
        metafunc.parametrize("operation", ops, ids=[o.op_id for o in ops])
    if "response_schema" in metafunc.fixturenames:
        metafunc.parametrize("response_schema", response_schema_names(load_spec()))


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixture_json() -> Callable[[str], Any]:
    """Load a JSON fixture by file name."""
    return load_fixture


@pytest.fixture(scope="session")
def deref(spec: dict[str, Any]) -> Callable[[Any], Any]:
    """Resolve a node's local `$ref`s within the spec."""
    return lambda node: resolve(spec, node)


@pytest.fixture(scope="session")
def operations(spec: dict[str, Any]) -> list[Operation]:
    return list_operations(spec)
