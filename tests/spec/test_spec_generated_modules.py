"""Every operation in the spec has its generated module, and the package matches the spec it came from."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import typing
from pathlib import Path
from typing import Any

import yaml

import qrt_api
from qrt_api import _stamp
from qrt_api.client import Client

FUNCTIONS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")


def test_operation_has_a_module_with_four_functions(operation: Any) -> None:
    module = importlib.import_module(f"qrt_api.api.{operation.op['tags'][0]}.{operation.op_id}")
    for name in FUNCTIONS:
        func = getattr(module, name)
        assert callable(func)
        params = inspect.signature(func).parameters
        # qrt passes a plain Client (its httpx.Auth refreshes tokens), so every function must accept one.
        assert Client in typing.get_args(params["client"].annotation), (operation.op_id, name)
        # Client-level headers must not be per-call arguments (a default would override the client's).
        assert not {"service_crn", "ibm_api_version"} & set(params), (operation.op_id, name)
    assert inspect.iscoroutinefunction(module.asyncio) and inspect.iscoroutinefunction(module.asyncio_detailed)


def test_no_module_without_an_operation(operations: list[Any]) -> None:
    expected = {f"{o.op['tags'][0]}/{o.op_id}.py" for o in operations}
    api_dir = Path(qrt_api.__file__).parent / "api"
    found = {str(p.relative_to(api_dir)) for p in api_dir.glob("*/*.py") if p.name != "__init__.py"}
    assert found == expected


def test_package_exports_client_and_is_typed() -> None:
    from qrt_api import AuthenticatedClient
    from qrt_api import Client as TopLevelClient

    assert TopLevelClient is Client
    assert Client.__name__ == "Client" and AuthenticatedClient.__name__ == "AuthenticatedClient"
    assert (Path(qrt_api.__file__).parent / "py.typed").is_file()


def test_stamp_matches_the_spec(repo_root: Path) -> None:
    spec_bytes = (repo_root / "spec" / "qiskit-runtime.yaml").read_bytes()
    info = yaml.safe_load(spec_bytes)["info"]
    assert hashlib.sha256(spec_bytes).hexdigest() == _stamp.SPEC_SHA256, "generated/ is stale: run ./codegen.sh"
    assert _stamp.API_VERSION == info["x-ibm-api-version"] == "2026-04-15"
    assert info["version"] == _stamp.SPEC_VERSION
    assert _stamp.GENERATOR == "openapi-python-client 0.29.1"
