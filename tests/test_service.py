"""qrt.Service over the wire, against the emulator: every public method, costs, faults, proxies, tokens, threads."""

from __future__ import annotations

import http.client
import http.server
import math
import threading
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from qrt import Service
from qrt.emulator import running
from qrt.errors import (
    AuthenticationError,
    BackendNotFoundError,
    ConfigurationError,
    ConflictError,
    InstanceNotFoundError,
    JobTimeoutError,
    NoInstancesError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def emu() -> Iterator[Any]:
    with running(workers=4) as emulator:
        yield emulator


@pytest.fixture
def env(emu: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Point qrt's discovery and runtime hops at the emulator; no saved account, no token in the environment."""
    for key in ("QISKIT_IBM_TOKEN", "QISKIT_IBM_INSTANCE", "QISKIT_IBM_CHANNEL", "QISKIT_IBM_URL"):
        monkeypatch.delenv(key, raising=False)
    for key in ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL", "QRT_RUNTIME_URL"):
        monkeypatch.setenv(key, emu.env[key])
    monkeypatch.setenv("HOME", "/nonexistent-qrt-test-home")
    monkeypatch.setenv("QRT_TRUST_ENV", "false")
    return emu


@pytest.fixture
def service(env: Any) -> Iterator[Service]:
    with Service(token=env.api_key, instance=env.instance) as svc:
        yield svc


def runtime_requests(emu: Any) -> list[Any]:
    return [r for r in emu.requests if r.path.startswith("/api/v1/")]


def bell(measure: bool = True) -> Any:
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    if measure:
        circuit.measure_all()
    return circuit


def submit(service: Service, backend_name: str = "qrt_simulator", *, shots: int = 200, seed: int = 7,
           params: dict[str, Any] | None = None, tags: list[str] | None = None) -> str:
    """Submit a Bell sampler job through the generated client (the primitives issue wraps this)."""
    from qrt import wire
    from qrt_api.api.jobs import create_job
    from qrt_api.models import JobCreateRequest, JobParams

    body = params if params is not None else wire.sampler_params(
        [(bell(), None, shots)], options={"simulator": {"seed_simulator": seed}})
    request = JobCreateRequest(program_id="sampler", backend=backend_name, params=JobParams.from_dict(body),
                               tags=tags if tags is not None else [])
    created = create_job.sync(client=service.api, body=request)
    assert created is not None and hasattr(created, "id")
    return str(created.id)


# -- construction and instances --------------------------------------------------------------------------------


def test_construction_with_a_crn_makes_no_request(env: Any) -> None:
    env.requests.clear()
    svc = Service(token=env.api_key, instance=env.instance)
    assert len(env.requests) == 0
    assert svc.active_instance() == env.instance
    assert svc.channel == "ibm_quantum_platform"
    assert env.api_key not in repr(svc)
    account = svc.active_account()
    assert account["instance"] == env.instance and env.api_key not in str(account)
    assert svc.active_account(include_token=True)["token"] == env.api_key
    svc.close()


def test_instances_in_search_order_with_plans(service: Service, env: Any) -> None:
    found = service.instances()
    assert [i["name"] for i in found] == ["open-us", "trial-us", "paygo-us", "premium-eu"]
    assert {i["pricing_type"] for i in found} == {"free", "trial", "paygo", "subscription"}
    assert all(set(i) == {"crn", "plan", "name", "tags", "pricing_type"} for i in found)


def test_instance_name_resolves_to_its_crn(env: Any) -> None:
    svc = Service(token=env.api_key, instance="paygo-us")
    paygo = next(i for i in svc.instances() if i["name"] == "paygo-us")
    assert svc.active_instance() == paygo["crn"]
    assert svc.config.source("instance").kind == "derived"
    with pytest.raises(InstanceNotFoundError, match="nope"):
        Service(token=env.api_key, instance="nope")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "open-us"),
        ({"region": "eu-de"}, "premium-eu"),
        ({"plans_preference": ["premium", "open"]}, "premium-eu"),
        ({"tags": ["PROD"]}, "paygo-us"),
    ],
)
def test_auto_selection_takes_the_highest_priority(env: Any, kwargs: dict[str, Any], expected: str) -> None:
    svc = Service(token=env.api_key, instance="auto", **kwargs)
    names = {i["crn"]: i["name"] for i in svc.instances()}
    assert names[svc.active_instance() or ""] == expected


def test_auto_selection_without_a_match_says_what_filtered(env: Any) -> None:
    with pytest.raises(NoInstancesError, match=r"region 'eu-de'.*plans \['open'\]"):
        Service(token=env.api_key, region="eu-de", plans_preference=["open"])


def test_an_unknown_api_key_is_an_authentication_error_with_iams_code(env: Any) -> None:
    svc = Service(token="not-a-key-of-this-world", instance=env.instance)
    with pytest.raises(AuthenticationError) as info:
        svc.backends()
    assert info.value.code and "not-a-key" not in str(info.value)
    # Never fell back to sending the key itself to the runtime API.
    assert not any((r.auth_scheme or "").lower().startswith("apikey") for r in env.requests)


def test_another_accounts_instance_surfaces_as_permission_denied_on_first_request(env: Any) -> None:
    other = next(i for a in env.world.accounts for i in a.instances if a.api_key != env.api_key)
    svc = Service(token=env.api_key, instance=other.crn)  # trusted at construction
    with pytest.raises(PermissionDeniedError) as info:
        svc.backends()
    assert info.value.status_code == 403


# -- backends ---------------------------------------------------------------------------------------------------


def test_backends_cost_one_list_request(service: Service, env: Any) -> None:
    service.backends()  # warm the token
    env.requests.clear()
    names = [b.name for b in service.backends()]
    assert names and len(runtime_requests(env)) == 1
    assert all(b.instance == env.instance for b in service.backends(min_num_qubits=5))


def test_filters_fetch_configurations_only_when_needed(service: Service, env: Any) -> None:
    everything = service.backends()
    env.requests.clear()
    dynamic = service.backends(dynamic_circuits=True)
    config_calls = [r for r in runtime_requests(env) if r.path.endswith("/configuration")]
    assert 0 < len(config_calls) <= len(everything)
    assert all("qasm3" in b.configuration()["supported_features"] for b in dynamic)
    simulators = service.backends(simulator=True)
    assert [b.name for b in simulators] == [b.name for b in everything if b.configuration()["simulator"]]
    assert all(b.status().operational for b in service.backends(operational=True))


def test_filters_the_list_answers_cost_no_configuration(env: Any) -> None:
    svc = Service(token=env.api_key, instance=env.instance)  # cold caches
    svc.usage()
    env.requests.clear()
    simulators = svc.backends(simulator=True)
    five = svc.backends(n_qubits=5, backend_name="qrt_pavia")
    assert [r.path for r in runtime_requests(env)] == ["/api/v1/backends", "/api/v1/backends"]
    assert [b.name for b in simulators] == ["qrt_simulator"] and [b.name for b in five] == ["qrt_pavia"]


def test_unknown_filter_keyword_is_an_error_not_an_empty_list(service: Service) -> None:
    with pytest.raises(ConfigurationError, match=r"Unknown backend filter 'foo'.*operational"):
        service.backends(foo=1)


def test_backend_objects(service: Service) -> None:
    backend = service.backend("qrt_lucca")
    assert backend.name == "qrt_lucca" and backend.service is service
    assert backend.target.num_qubits == backend.configuration()["n_qubits"]
    status = backend.status()
    assert status.backend_name == "qrt_lucca" and isinstance(status.pending_jobs, int)
    props = backend.properties()
    assert props is not None and props["backend_name"] == "qrt_lucca"
    backend.refresh()
    assert backend.target.num_qubits == backend.configuration().n_qubits
    with pytest.raises(BackendNotFoundError, match="qrt_nowhere"):
        service.backend("qrt_nowhere")


def test_fractional_gates(service: Service) -> None:
    fractional = service.backend("qrt_siena", use_fractional_gates=True) if any(
        b.name == "qrt_siena" for b in service.backends()) else None
    plain = service.backend("qrt_lucca")
    assert "rzz" not in plain.configuration()["basis_gates"]
    with pytest.raises(ConfigurationError, match="fractional"):
        service.backend("qrt_pavia", use_fractional_gates=True)
    if fractional is not None:
        assert "rzz" in fractional.configuration()["basis_gates"]


def test_least_busy_is_one_runtime_request(service: Service, env: Any) -> None:
    service.backends()
    env.requests.clear()
    chosen = service.least_busy()
    assert len(runtime_requests(env)) == 1
    online = [b for b in service.backends() if b.entry["status"]["name"] == "online"]
    assert chosen.entry["queue_length"] == min(b.entry["queue_length"] for b in online)
    bigger = service.least_busy(min_num_qubits=12)
    assert bigger.entry["qubits"] >= 12


def test_least_busy_skips_backends_that_are_not_online(service: Service, env: Any) -> None:
    first = service.least_busy()
    env.set_backend_status(first.name, "paused")
    try:
        assert service.least_busy().name != first.name
    finally:
        env.set_backend_status(first.name, "online")


# -- jobs -------------------------------------------------------------------------------------------------------


def test_job_lifecycle(service: Service, env: Any) -> None:
    job_id = submit(service, tags=["lifecycle"])
    job = service.job(job_id)
    assert job.job_id() == job_id and job.primitive_id == "sampler"
    seen: list[str] = []
    assert job.wait_for_final_state(timeout=60, progress=lambda _id, status, _t: seen.append(status)) == "DONE"
    assert seen[-1] == "DONE"
    result = job.result()
    counts = result[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == 200
    assert job.creation_date is not None and job.backend_name == "qrt_simulator"
    assert job.backend().name == "qrt_simulator"
    assert "lifecycle" in job.tags
    assert job.update_tags(["x", "y", "x"]) == ["x", "y"]
    metrics = job.metrics()
    assert metrics["timestamps"]["finished"]
    assert job.usage() >= 0
    assert isinstance(job.logs(), str)
    assert job.inputs["pubs"][0][2] == 200
    with pytest.raises(ConflictError):
        job.cancel()
    service.delete_job(job_id)
    with pytest.raises(NotFoundError):
        service.job(job_id)


def test_failed_job_reason_and_timeout(service: Service, env: Any) -> None:
    from qrt.errors import JobFailedError

    job = service.job(submit(service, params={"pubs": "not a list", "version": 2}))
    with pytest.raises(JobFailedError) as info:
        job.result(timeout=60)
    assert info.value.reason and job.status() == "ERROR"
    env.set_backend_status("qrt_pavia", "paused")  # queued jobs wait
    try:
        stuck = service.job(submit(service, "qrt_pavia"))
        with pytest.raises(JobTimeoutError, match="still QUEUED"):
            stuck.wait_for_final_state(timeout=0.5)
        stuck.cancel()
        assert stuck.status() == "CANCELLED"
    finally:
        env.set_backend_status("qrt_pavia", "online")


def test_jobs_filters_and_order(service: Service, env: Any) -> None:
    ids = [submit(service, tags=["filters"]) for _ in range(3)]
    env.wait_idle(60)
    newest_first = [j.job_id() for j in service.jobs(limit=3, job_tags=["filters"])]
    assert newest_first == ids[::-1]
    oldest_first = [j.job_id() for j in service.jobs(limit=3, job_tags=["filters"], descending=False)]
    assert oldest_first[0] in ids and newest_first[0] != oldest_first[0]
    assert [j.job_id() for j in service.jobs(limit=2, skip=1, job_tags=["filters"])] == ids[::-1][1:3]
    assert all(j.backend_name == "qrt_simulator" for j in service.jobs(backend_name="qrt_simulator"))
    assert service.jobs(program_id="estimator", job_tags=["filters"]) == []
    assert service.jobs(pending=True, job_tags=["filters"]) == []
    with pytest.raises(ConfigurationError, match="job_tags must be a list of strings"):
        service.jobs(job_tags="filters")  # type: ignore[arg-type]


@pytest.mark.slow
def test_all_jobs_page_at_200(service: Service, env: Any) -> None:
    bad = {"pubs": [], "version": 2}  # fails at once on the server; no simulation needed
    for _ in range(205):
        submit(service, params=bad, tags=["paging"])
    env.wait_idle(60)
    from qrt_api.api.jobs import list_jobs

    page = list_jobs.sync(client=service.api, limit=1)
    total = page.count if page is not None and hasattr(page, "count") else -1
    env.requests.clear()
    every = list(service.jobs(limit=None))
    pages = [r for r in runtime_requests(env) if r.path == "/api/v1/jobs" and r.method == "GET"]
    assert len(every) == total >= 205
    assert len(pages) == math.ceil(total / 200)
    assert len({j.job_id() for j in every}) == total


def test_usage_and_pending_jobs(service: Service) -> None:
    usage = service.usage()
    assert usage["usage_remaining_seconds"] == max(usage["usage_limit_seconds"] - usage["usage_consumed_seconds"], 0)
    assert service.check_pending_jobs() >= 0


def test_service_api_for_direct_calls(service: Service) -> None:
    from qrt_api.api.backends import list_backends
    from qrt_api.api.versions import get_versions

    devices = list_backends.sync(client=service.api)
    assert devices is not None and hasattr(devices, "devices")
    assert {d.name for d in devices.devices} == {b.name for b in service.backends()}
    versions = get_versions.sync(client=service.api)
    assert versions is not None and hasattr(versions, "versions")


# -- the transport: auth, retries, proxies, threads -------------------------------------------------------------


def test_one_iam_exchange_per_token_lifetime(env: Any) -> None:
    env.requests.clear()
    svc = Service(token=env.api_key, instance=env.instance)
    for _ in range(3):
        svc.backends()
        svc.usage()
    assert len([r for r in env.requests if r.path == "/identity/token"]) == 1


@pytest.mark.slow
def test_short_lived_tokens_are_renewed(env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with running(token_ttl=2) as short:
        for key in ("IAM_URL", "GLOBAL_SEARCH_URL", "GLOBAL_CATALOG_URL", "QRT_RUNTIME_URL"):
            monkeypatch.setenv(key, short.env[key])
        svc = Service(token=short.api_key, instance=short.instance)
        deadline = time.monotonic() + 4.5
        calls = 0
        while time.monotonic() < deadline:
            svc.usage()
            calls += 1
            time.sleep(0.25)
        exchanges = [r for r in short.requests if r.path == "/identity/token"]
        assert 2 <= len(exchanges) < calls
        assert not [r for r in short.requests if r.status == 401]


def test_idempotent_requests_are_retried_through_faults(service: Service, env: Any) -> None:
    service.backends()
    env.requests.clear()
    env.inject("GET /api/v1/backends", status=503, times=2, retry_after=0)
    try:
        assert service.backends()
    finally:
        env.clear_faults()
    assert len([r for r in runtime_requests(env) if r.path == "/api/v1/backends"]) == 3


def test_dropped_connections_are_retried(service: Service, env: Any) -> None:
    service.usage()
    env.inject("GET /api/v1/instances/usage", drop=True, times=1)
    try:
        assert "usage_consumed_seconds" in service.usage()
    finally:
        env.clear_faults()


def test_job_creation_is_never_duplicated(service: Service, env: Any) -> None:
    service.backends()
    before = env.job_creations
    env.inject("POST /api/v1/jobs", status=429, times=2, retry_after=0)
    try:
        submit(service)  # 429 means refused before processing: retried, one job
    finally:
        env.clear_faults()
    assert env.job_creations == before + 1
    env.inject("POST /api/v1/jobs", status=503, times=1)
    try:
        with pytest.raises(ServerError) as info:
            submit(service)
    finally:
        env.clear_faults()
    assert info.value.attempts == 1
    assert env.job_creations == before + 1


class _Proxy(http.server.ThreadingHTTPServer):
    seen: list[tuple[str, str]]


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """A forward proxy for plain-http URLs, recording what passes through it."""

    protocol_version = "HTTP/1.1"

    def _forward(self) -> None:
        target = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        assert isinstance(self.server, _Proxy)
        self.server.seen.append((self.command, target.path))
        upstream = http.client.HTTPConnection(target.hostname or "", target.port or 80, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in {"proxy-connection", "connection"}}
        path = target.path + (f"?{target.query}" if target.query else "")
        upstream.request(self.command, path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in {"transfer-encoding", "connection", "content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_proxies_reach_every_hop(env: Any) -> None:
    proxy = _Proxy(("127.0.0.1", 0), _ProxyHandler)
    proxy.seen = []
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{proxy.server_address[1]}"
        svc = Service(token=env.api_key, proxies={"urls": {"http": url}})  # auto-selection: search + catalog
        svc.least_busy()
        paths = [p for _, p in proxy.seen]
        assert "/identity/token" in paths
        assert "/v3/resources/search" in paths
        assert any(p.startswith("/catalog/api/v1/") for p in paths)
        assert "/api/v1/backends" in paths
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(timeout=5)


def test_one_service_shared_by_8_threads(service: Service, env: Any) -> None:
    env.requests.clear()
    fresh = Service(token=env.api_key, instance=env.instance)
    errors: list[BaseException] = []
    results: list[str] = []

    def work() -> None:
        try:
            for _ in range(3):
                results.append(fresh.least_busy().name)
                fresh.backends(operational=True)
                fresh.jobs(limit=2)
                fresh.usage()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:1]
    assert len(results) == 24 and len(set(results)) == 1
    assert len([r for r in env.requests if r.path == "/identity/token"]) == 1


def test_async_calls_share_the_auth_and_run_concurrently(env: Any) -> None:
    import asyncio

    from qrt_api.api.backends import list_backends
    from qrt_api.api.instances import get_instance_usage

    env.requests.clear()
    svc = Service(token=env.api_key, instance=env.instance)

    async def main() -> list[Any]:
        calls = [list_backends.asyncio(client=svc.api) for _ in range(5)]
        calls += [get_instance_usage.asyncio(client=svc.api) for _ in range(5)]
        return await asyncio.gather(*calls)

    answers = asyncio.run(main())
    assert all(a is not None for a in answers)
    assert len([r for r in env.requests if r.path == "/identity/token"]) == 1
    assert all(r.auth_scheme == "Bearer" for r in env.requests if r.path.startswith("/api/v1/"))


def test_job_is_found_in_another_instance_without_switching(env: Any) -> None:
    svc = Service(token=env.api_key, instance="auto")  # several instances, the highest priority active
    trial = next(i["crn"] for i in svc.instances() if i["name"] == "trial-us")
    assert svc.active_instance() != trial
    from qrt import wire
    from qrt_api.api.jobs import create_job
    from qrt_api.models import JobCreateRequest, JobParams

    body = JobCreateRequest(program_id="sampler", backend="qrt_simulator",
                            params=JobParams.from_dict(wire.sampler_params([(bell(), None, 10)], options={})))
    created = create_job.sync(client=svc.api_for(trial), body=body)
    assert created is not None and hasattr(created, "id")
    job = svc.job(created.id)
    assert job.instance == trial
    assert svc.active_instance() != trial  # looking elsewhere did not switch the active instance
    assert [j.job_id() for j in svc.jobs(limit=1, instance="trial-us")] == [created.id]


def test_closing_service_api_does_not_break_the_service(env: Any) -> None:
    from qrt_api.api.backends import list_backends

    svc = Service(token=env.api_key, instance=env.instance)
    with svc.api as client:
        assert list_backends.sync(client=client) is not None
    assert svc.backends()  # a fresh generated client, on the same pools
    assert list_backends.sync(client=svc.api) is not None


def test_async_use_from_successive_event_loops(env: Any) -> None:
    import asyncio

    from qrt_api.api.instances import get_instance_usage

    svc = Service(token=env.api_key, instance=env.instance)

    async def usage() -> Any:
        return await get_instance_usage.asyncio(client=svc.api)

    for _ in range(3):
        assert asyncio.run(usage()) is not None
