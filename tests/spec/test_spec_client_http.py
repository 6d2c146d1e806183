"""The generated client on the wire: query encoding, client-level headers, and response parsing."""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Callable
from typing import Any

import httpx

from qrt_api import Client
from qrt_api.api.backends import list_backends
from qrt_api.api.jobs import get_job, get_job_logs, get_job_results, list_jobs
from qrt_api.api.versions import get_versions
from qrt_api.models import BackendsResponse, ErrorContainer, JobResponse, JobsResponse, VersionsResponse

BASE = "https://quantum.cloud.ibm.com/api"
HEADERS = {
    "Service-CRN": "crn:v1:bluemix:public:quantum-computing:us-east:a/acct:inst::",
    "IBM-API-Version": "2026-04-15",
}


class Recorder:
    """A MockTransport handler that records requests and answers by raw (still quoted) path."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.routes[request.url.raw_path.decode().partition("?")[0]]


def client_for(recorder: Recorder) -> Client:
    return Client(base_url=BASE, headers=HEADERS, httpx_args={"transport": httpx.MockTransport(recorder)})


def test_list_jobs_query_encoding(fixture_json: Callable[[str], Any]) -> None:
    recorder = Recorder({"/api/v1/jobs": httpx.Response(200, json=fixture_json("jobs_response.json"))})
    with client_for(recorder) as client:
        page = list_jobs.sync(
            client=client,
            limit=2,
            tags=["bell", "demo state"],
            pending=False,
            created_after=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            sort="ASC",
        )
        list_jobs.sync(client=client, exclude_params=False)
    first, second = recorder.requests
    assert first.method == "GET" and first.url.path == "/api/v1/jobs"
    assert first.url.params.multi_items() == [
        ("limit", "2"),
        ("pending", "false"),
        ("created_after", "2026-01-01T00:00:00+00:00"),
        ("sort", "ASC"),
        ("tags", "bell"),
        ("tags", "demo state"),
    ]
    assert "exclude_params" not in first.url.params  # the server's default applies unless asked
    assert second.url.params.multi_items() == [("exclude_params", "false")]
    for request in recorder.requests:
        assert request.headers["Service-CRN"] == HEADERS["Service-CRN"]
        assert request.headers["IBM-API-Version"] == "2026-04-15"
    assert isinstance(page, JobsResponse) and page.count == 57 and page.jobs[1].state.status == "Failed"


def test_documented_errors_are_returned_parsed(fixture_json: Callable[[str], Any]) -> None:
    error = fixture_json("error_container.json")
    recorder = Recorder({"/api/v1/jobs/nope": httpx.Response(404, json=error)})
    with client_for(recorder) as client:
        response = get_job.sync_detailed("nope", client=client)
    assert response.status_code == 404
    assert isinstance(response.parsed, ErrorContainer) and response.parsed.to_dict() == error


def test_path_parameters_are_quoted(fixture_json: Callable[[str], Any]) -> None:
    job = fixture_json("job_response.json")
    recorder = Recorder({"/api/v1/jobs/a%2Fb": httpx.Response(200, json=job)})
    with client_for(recorder) as client:
        parsed = get_job.sync("a/b", client=client)
    assert recorder.requests[0].url.raw_path == b"/api/v1/jobs/a%2Fb"
    assert isinstance(parsed, JobResponse) and parsed.id == job["id"]


def test_results_logs_and_no_result_yet() -> None:
    result = {"__type__": "PrimitiveResult", "__value__": {"pub_results": [], "metadata": {"version": 2}}}
    recorder = Recorder(
        {
            "/api/v1/jobs/done/results": httpx.Response(200, json=result),
            "/api/v1/jobs/queued/results": httpx.Response(204),
            "/api/v1/jobs/done/logs": httpx.Response(200, text="line 1\nline 2\n"),
        }
    )
    with client_for(recorder) as client:
        assert get_job_results.sync("done", client=client) == result
        empty = get_job_results.sync_detailed("queued", client=client)
        assert empty.status_code == 204 and empty.parsed is None
        assert get_job_logs.sync("done", client=client) == "line 1\nline 2\n"


def test_async_functions_use_the_same_encoding(fixture_json: Callable[[str], Any]) -> None:
    listing = fixture_json("backends_response.json")
    recorder = Recorder({"/api/v1/backends": httpx.Response(200, json=listing)})

    async def run() -> Any:
        async with client_for(recorder) as client:
            return await list_backends.asyncio(client=client, fields="wait_time_seconds")

    parsed = asyncio.run(run())
    assert recorder.requests[0].url.params.multi_items() == [("fields", "wait_time_seconds")]
    assert isinstance(parsed, BackendsResponse) and parsed.to_dict() == listing


def test_versions_needs_no_crn(fixture_json: Callable[[str], Any]) -> None:
    body = json.dumps(fixture_json("versions_response.json")).encode()
    recorder = Recorder({"/api/v1/versions": httpx.Response(200, content=body)})
    with Client(base_url=BASE, httpx_args={"transport": httpx.MockTransport(recorder)}) as client:
        versions = get_versions.sync(client=client)
    assert "Service-CRN" not in recorder.requests[0].headers
    assert isinstance(versions, VersionsResponse) and versions.versions[-1].version == "2026-04-15"
