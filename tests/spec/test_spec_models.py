"""Generated models parse realistic responses, keep what they do not know, and write back the same JSON."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from qrt_api import models
from qrt_api.types import Unset


def snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


@pytest.fixture(scope="module")
def schema_errors(spec: dict[str, Any]) -> Callable[[str, Any], list[str]]:
    """Validate a JSON value against a component schema of the spec (OpenAPI 3.1 semantics)."""
    registry = Registry().with_resource("urn:qrt-spec", Resource.from_contents(spec, default_specification=DRAFT202012))

    def errors(name: str, value: Any) -> list[str]:
        validator = OAS31Validator(
            {"$ref": f"urn:qrt-spec#/components/schemas/{name}"},
            registry=registry,
            format_checker=oas31_format_checker,
        )
        return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(value)]

    return errors


def round_trip(name: str, data: Any) -> Any:
    parsed = getattr(models, name).from_dict(copy.deepcopy(data))
    out = parsed.to_dict()
    assert out == data
    assert json.loads(json.dumps(out)) == data
    return parsed


def test_response_schema_round_trips(
    response_schema: str, fixture_json: Callable[[str], Any], schema_errors: Callable[[str, Any], list[str]]
) -> None:
    data = fixture_json(f"{snake(response_schema)}.json")
    assert schema_errors(response_schema, data) == []
    round_trip(response_schema, data)


def test_fixture_validation_can_fail(schema_errors: Callable[[str, Any], list[str]]) -> None:
    assert schema_errors("JobResponse", {"id": "x"}) != []
    assert schema_errors("BackendStatus", {"length_queue": "many"}) != []
    job = {"id": "j", "created": "yesterday", "program": {"id": "p"}, "state": {"status": "Queued"}, "status": "Queued"}
    assert schema_errors("JobResponse", job) == ["['created']: 'yesterday' is not a 'date-time'"]


def test_job_fields_are_typed(fixture_json: Callable[[str], Any]) -> None:
    job = round_trip("JobResponse", fixture_json("job_response.json"))
    assert isinstance(job, models.JobResponse)
    assert job.created == datetime.datetime(2026, 4, 20, 9, 14, 3, 512000, tzinfo=datetime.UTC)
    assert job.state.status == "Completed" and job.state.reason is None
    assert job.program.id == "sampler"
    assert isinstance(job.params, models.JobParams)
    assert job.params["version"] == 2 and job.params["pubs"][0][2] == 1024
    assert isinstance(job.usage, models.QpuUsage) and job.usage.qpu_charge_time_seconds == 2
    assert job.session_id is None and job.cost == 600


def test_jobs_page(fixture_json: Callable[[str], Any]) -> None:
    page = round_trip("JobsResponse", fixture_json("jobs_response.json"))
    assert (page.count, page.offset, page.limit) == (57, 0, 2)
    failed = page.jobs[1]
    assert failed.state.reason_code == 1517 and failed.session_id == "d1nv3f8hs6ec73a0qpe0"
    assert isinstance(page.jobs[0].params, Unset)  # listed without params


def test_backends_list_keeps_extra_keys_and_nulls(fixture_json: Callable[[str], Any]) -> None:
    listing = round_trip("BackendsResponse", fixture_json("backends_response.json"))
    fez, torino, sim = listing.devices
    assert fez["class"] == "hardware" and fez["physical_qubits"] == 156
    assert isinstance(fez.wait_time_seconds, models.WaitTime) and fez.wait_time_seconds.p95 == 1800
    assert isinstance(fez.processor_type, models.ProcessorType) and fez.processor_type.family == "Heron"
    assert fez.performance_metrics.two_q_error_best.qubits == [12, 13]
    assert torino.clops is None and torino.processor_type is None and torino.wait_time_seconds is None
    assert torino.status.name == "paused"
    assert sim.qubits is None and sim.is_simulator is True and sim.additional_keys == ["class"]


def test_backend_configuration_is_loose(fixture_json: Callable[[str], Any]) -> None:
    conf = round_trip("BackendConfiguration", fixture_json("backend_configuration.json"))
    assert isinstance(conf.dt, float) and conf.dt == 0.5
    assert conf.n_qubits == 3 and conf.coupling_map == [[0, 1], [1, 0], [1, 2], [2, 1]]
    assert conf.online_date == datetime.datetime(2025, 11, 3, 5, tzinfo=datetime.UTC)
    assert conf.gates[4].name == "cz" and conf.gates[4].qasm_def is None
    assert {"channels", "u_channel_lo", "qubit_channel_mapping", "timing_constraints"} <= set(conf.additional_keys)
    assert conf["channels"]["u0"]["operates"]["qubits"] == [0, 1]


def test_backend_properties_have_integer_gate_qubits(fixture_json: Callable[[str], Any]) -> None:
    props = round_trip("BackendProperties", fixture_json("backend_properties.json"))
    assert [g.qubits for g in props.gates] == [[0], [1], [0, 1], [1, 2]]
    assert all(isinstance(q, int) for g in props.gates for q in g.qubits)
    assert props.qubits[1][0].name == "T1" and props.qubits[1][0].value == 201.77
    assert isinstance(props.qubits[0][0].date, datetime.datetime)
    assert props["general_qlists"] == [{"name": "lf_3", "qubits": [0, 1, 2]}]


def test_simulator_properties_may_be_empty() -> None:
    assert round_trip("BackendProperties", {}).additional_keys == []


def test_session_usage_and_workloads(fixture_json: Callable[[str], Any]) -> None:
    session = round_trip("JobSession", fixture_json("job_session.json"))
    assert session.closed_at is None and session.max_ttl == 28800
    assert session.timestamps[1].timestamp == datetime.datetime(2026, 4, 20, 9, 12, 30, tzinfo=datetime.UTC)
    usage = round_trip("InstanceUsage", fixture_json("instance_usage.json"))
    assert usage.usage_consumed_seconds == 412.5 and usage.usage_limit_reached is False
    page = round_trip("WorkloadsPage", fixture_json("workloads_page.json"))
    assert page.next_ is not None and "next=" in str(page.next_.href)
    assert page.previous is None and page.workloads[1].usage is None and page.workloads[1].ended is None


def test_open_session_without_backend() -> None:
    session = round_trip("JobSession", {"id": "s1", "backend_name": None, "mode": "batch", "state": "open"})
    assert session.backend_name is None


def test_error_shapes(fixture_json: Callable[[str], Any]) -> None:
    container = round_trip("ErrorContainer", fixture_json("error_container.json"))
    assert container.errors[0].code == "not_found"
    generic = round_trip("GenericErrorDto", fixture_json("generic_error_dto.json"))
    assert generic.errors[0].code == 1204 and generic.errors[0].solution
    # The legacy body the official SDK still understands parses too, its keys kept aside.
    legacy = round_trip("ErrorContainer", {"error": {"code": "Q_ERROR", "message": "boom"}})
    assert legacy["error"]["message"] == "boom"


# (schema, fixture, path to a server-extensible string field) for the unknown-value test.
EXTENSIBLE = [
    ("JobResponse", "job_response.json", ("status",)),
    ("JobResponse", "job_response.json", ("state", "status")),
    ("JobResponse", "job_response.json", ("usage", "status")),
    ("JobsResponse", "jobs_response.json", ("jobs", 0, "state", "status")),
    ("BackendsResponse", "backends_response.json", ("devices", 0, "status", "name")),
    ("BackendsResponse", "backends_response.json", ("devices", 0, "clops", "type")),
    ("JobSession", "job_session.json", ("state",)),
    ("JobSession", "job_session.json", ("mode",)),
    ("WorkloadsPage", "workloads_page.json", ("workloads", 0, "status")),
    ("WorkloadsPage", "workloads_page.json", ("workloads", 0, "mode")),
    ("JobMetrics", "job_metrics.json", ("usage", "status")),
    ("VersionsResponse", "versions_response.json", ("versions", 0, "status")),
]


@pytest.mark.parametrize(("schema", "fixture", "path"), EXTENSIBLE, ids=lambda v: "/".join(map(str, v)))
def test_unknown_values_and_keys_do_not_break_parsing(
    schema: str, fixture: str, path: tuple[Any, ...], fixture_json: Callable[[str], Any]
) -> None:
    data = fixture_json(fixture)
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = "Hibernating"
    node["x_future_field"] = {"nested": [1, 2]}
    data["x_top_level"] = True
    parsed = round_trip(schema, data)
    assert parsed["x_top_level"] is True
    obj: Any = parsed
    for step in path[:-1]:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    assert obj.to_dict()[path[-1]] == "Hibernating"
    assert obj["x_future_field"] == {"nested": [1, 2]}
