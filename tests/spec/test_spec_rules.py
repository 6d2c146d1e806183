"""The spec validates and follows the rules that keep openapi-python-client from dropping or misparsing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator

TAGS = {"versions", "backends", "jobs", "tags", "sessions", "instances", "workloads", "accounts", "analytics"}
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# Endpoints whose errors use GenericErrorDto (numeric codes); every other one uses ErrorContainer.
GENERIC_ERROR_PATHS = ("/v1/instances/usage", "/v1/workloads", "/v1/analytics/")
CLIENT_HEADERS = {"service-crn", "ibm-api-version"}
TIMESTAMP_NAMES = {
    "created", "ended", "running", "finished", "timestamp", "date", "online_date", "last_update_date",
    "started_at", "activated_at", "closed_at", "last_job_started", "last_job_completed",
    "start_time", "end_time", "interval_start", "interval_end",
}  # fmt: skip
# Local names of the generated from_dict/to_dict; a property with one of these names breaks the model
# (observed with openapi-python-client 0.29.1: `d` and `field_dict` lose data, `cls` raises).
UNSAFE_PROPERTY_NAMES = {"d", "cls", "field_dict", "additional_properties", "src_dict"}


def walk_schemas(doc: dict[str, Any], node: Any, seen: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every schema object reachable from `node`, following `$ref`s once each."""
    seen = set() if seen is None else seen
    if isinstance(node, list):
        for item in node:
            yield from walk_schemas(doc, item, seen)
        return
    if not isinstance(node, dict):
        return
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            return
        seen.add(ref)
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target[part]
        yield from walk_schemas(doc, target, seen)
        return
    yield node
    for key in ("items", "additionalProperties", "not"):
        if isinstance(node.get(key), dict):
            yield from walk_schemas(doc, node[key], seen)
    for key in ("allOf", "anyOf", "oneOf"):
        yield from walk_schemas(doc, node.get(key, []), seen)
    for prop in node.get("properties", {}).values():
        yield from walk_schemas(doc, prop, seen)


def all_schemas(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every schema object in the document: components, parameters, request and response bodies."""
    roots: list[Any] = list(doc["components"]["schemas"].values())
    roots += [p["schema"] for p in doc["components"].get("parameters", {}).values()]
    for item in doc["paths"].values():
        ops = [item] + [op for method, op in item.items() if method != "parameters"]
        for op in ops:
            roots += [p["schema"] for p in op.get("parameters", []) if "schema" in p]
            bodies = [op.get("requestBody", {}), *op.get("responses", {}).values()]
            for body in bodies:
                roots += [m["schema"] for m in body.get("content", {}).values() if "schema" in m]
    # Components are reached both directly and through $refs; keep each schema object once.
    found = list({id(s): s for s in walk_schemas(doc, roots)}.values())
    assert len(found) > 100
    return found


def response_schemas(doc: dict[str, Any], deref: Callable[[Any], Any]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for item in doc["paths"].values():
        for method, op in item.items():
            if method == "parameters":
                continue
            for response in op["responses"].values():
                for media in deref(response).get("content", {}).values():
                    yield from walk_schemas(doc, media.get("schema", {}), seen)


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1.")
    errors = [f"{list(e.path)}: {e.message}" for e in OpenAPIV31SpecValidator(spec).iter_errors()]
    assert errors == []


def test_info_server_and_paths(spec: dict[str, Any]) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec["info"]["x-ibm-api-version"])
    assert spec["info"]["x-ibm-api-version"] == "2026-04-15"
    assert spec["servers"][0]["url"] == "https://quantum.cloud.ibm.com/api"
    assert all(path.startswith("/v1/") for path in spec["paths"])
    assert spec["components"]["securitySchemes"]["IBMCloudAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["IBMCloudAuth"]["description"],
    }


def test_operation_has_one_tag_and_snake_case_id(operation: Any) -> None:
    assert len(operation.op.get("tags", [])) == 1
    assert operation.op["tags"][0] in TAGS
    assert SNAKE.fullmatch(operation.op_id), operation.op_id


def test_operation_ids_are_unique(operations: list[Any]) -> None:
    ids = [o.op_id for o in operations]
    assert len(ids) == len(set(ids))


def test_operation_security(operation: Any, spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"IBMCloudAuth": []}]
    effective = operation.op.get("security", spec["security"])
    if operation.path == "/v1/versions":
        assert effective == []
    else:
        # Bearer auth comes from the document level; an operation-level copy would make the generated
        # functions accept only AuthenticatedClient (see docs/codegen.md).
        assert "security" not in operation.op
        assert effective == [{"IBMCloudAuth": []}]


def test_operation_documents_errors(operation: Any, deref: Callable[[Any], Any]) -> None:
    responses = operation.op["responses"]
    assert {"429", "500"} <= set(responses)
    if operation.path != "/v1/versions":
        assert "401" in responses and "403" in responses
    generic = operation.path.startswith(GENERIC_ERROR_PATHS)
    expected = "#/components/schemas/" + ("GenericErrorDto" if generic else "ErrorContainer")
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            schema = deref(response)["content"]["application/json"]["schema"]
            assert schema == {"$ref": expected}, (operation.op_id, code)


def test_no_client_headers_as_parameters(operation: Any, deref: Callable[[Any], Any]) -> None:
    params = [deref(p) for p in operation.path_item.get("parameters", []) + operation.op.get("parameters", [])]
    assert not [p["name"] for p in params if p["name"].lower() in CLIENT_HEADERS]


def test_parameters_have_no_defaults(operation: Any, deref: Callable[[Any], Any]) -> None:
    # A parameter default is always sent by the generated client and overrides client headers.
    params = [deref(p) for p in operation.path_item.get("parameters", []) + operation.op.get("parameters", [])]
    assert [p["name"] for p in params if "default" in deref(p["schema"])] == []


def test_enum_defaults_are_in_their_enum(spec: dict[str, Any]) -> None:
    for schema in all_schemas(spec):
        if "enum" in schema and "default" in schema:
            assert schema["default"] in schema["enum"]


def test_component_titles_are_unique(spec: dict[str, Any]) -> None:
    titles = [s["title"] for s in all_schemas(spec) if "title" in s]
    assert len(titles) == len(set(titles))


def test_no_schema_forbids_unknown_keys(spec: dict[str, Any]) -> None:
    assert not [s for s in all_schemas(spec) if s.get("additionalProperties") is False]


def test_response_schemas_have_no_closed_enums(spec: dict[str, Any], deref: Callable[[Any], Any]) -> None:
    # A new server value in a response enum would make the whole response fail to parse.
    assert [s for s in response_schemas(spec, deref) if "enum" in s] == []


def test_timestamps_are_date_time(spec: dict[str, Any]) -> None:
    found = 0
    for schema in all_schemas(spec):
        for name, prop in schema.get("properties", {}).items():
            if name in TIMESTAMP_NAMES and "$ref" not in prop:
                assert prop.get("format") == "date-time", name
                found += 1
    assert found > 20


def test_property_names_are_safe_for_the_generator(spec: dict[str, Any]) -> None:
    names = {n for s in all_schemas(spec) for n in s.get("properties", {})}
    assert names & UNSAFE_PROPERTY_NAMES == set()


def test_results_and_logs_content(operations: list[Any]) -> None:
    by_id = {o.op_id: o.op for o in operations}
    results = by_id["get_job_results"]["responses"]
    assert next(iter(results["200"]["content"])) == "application/json"
    assert results["200"]["content"]["application/json"]["schema"] == {}
    assert "204" in results
    logs = by_id["get_job_logs"]["responses"]["200"]["content"]
    assert list(logs) == ["text/plain"]


def test_free_form_and_loose_schemas(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["JobParams"] == {**schemas["JobParams"], "type": "object", "additionalProperties": True}
    assert "properties" not in schemas["JobParams"]
    for name in ("BackendConfiguration", "BackendProperties", "BackendDevice", "BackendStatus", "GateConfig"):
        assert schemas[name]["additionalProperties"] is True, name
    assert schemas["BackendConfiguration"]["properties"]["dt"]["type"] == "number"
    assert schemas["GateProperties"]["properties"]["qubits"]["items"] == {"type": "integer"}
    device = schemas["BackendDevice"]
    assert set(device["required"]) == {"name", "queue_length"}
    for name in ("qubits", "clops", "processor_type", "wait_time_seconds"):
        assert allows_null(device["properties"][name]), name
    assert allows_null(schemas["JobSession"]["properties"]["backend_name"])
    assert not allows_null(device["properties"]["queue_length"])


def allows_null(schema: dict[str, Any]) -> bool:
    """OpenAPI 3.1 spelling of nullable: a type list with "null", or a null branch in anyOf."""
    types = schema.get("type")
    return (isinstance(types, list) and "null" in types) or {"type": "null"} in schema.get("anyOf", [])


def test_query_parameter_details(operations: list[Any], deref: Callable[[Any], Any]) -> None:
    def params(op_id: str) -> dict[str, Any]:
        op = next(o for o in operations if o.op_id == op_id)
        found = [deref(p) for p in op.path_item.get("parameters", []) + op.op.get("parameters", [])]
        return {p["name"]: p for p in found}

    assert deref(params("list_backends")["fields"]["schema"])["enum"] == ["wait_time_seconds"]
    jobs = params("list_jobs")
    assert jobs["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert deref(jobs["sort"]["schema"])["enum"] == ["ASC", "DESC"]
    assert jobs["tags"]["explode"] is True and jobs["tags"]["schema"]["type"] == "array"
    assert params("get_job")["exclude_params"]["schema"] == {"type": "boolean"}
    tags = params("list_tags")
    assert tags["type"]["required"] and tags["search"]["required"]
    assert tags["search"]["schema"] == {"type": "string", "minLength": 3, "maxLength": 100}
    workloads = params("list_workloads")
    assert workloads["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 50}
    assert {"next", "previous", "status", "tags", "mode", "sort", "user"} <= set(workloads)
    assert params("get_analytics_usage_grouped")["group_by"]["required"] is True
    assert params("create_job")["Parent-Job-Id"]["in"] == "header"
