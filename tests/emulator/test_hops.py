"""The emulator over HTTP: IAM, Global Search and Catalog, authentication, backends, the request log."""

from __future__ import annotations

import time

import httpx
import pytest

from qrt.emulator import running
from qrt.emulator.server import RunningEmulator

from .conftest import GRANT, Runtime


def _token(emu: RunningEmulator, api_key: str) -> httpx.Response:
    return httpx.post(f"{emu.iam_url}/identity/token", data={"grant_type": GRANT, "apikey": api_key})


# -- IAM --------------------------------------------------------------------------------------------------


def test_iam_exchanges_a_known_key_for_a_bearer_token(emu: RunningEmulator) -> None:
    response = _token(emu, emu.api_key)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"access_token", "refresh_token", "token_type", "expires_in", "expiration"}
    assert body["refresh_token"] == "not_supported" and body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600 and abs(body["expiration"] - time.time() - 3600) < 5
    runtime = httpx.get(
        f"{emu.runtime_url}/backends",
        headers={"Authorization": f"Bearer {body['access_token']}", "Service-CRN": emu.instance},
    )
    assert runtime.status_code == 200


def test_iam_answers_unknown_keys_and_bad_grants_with_its_400(emu: RunningEmulator) -> None:
    unknown = _token(emu, "no-such-key-123")
    assert unknown.status_code == 400
    assert unknown.json()["errorCode"] == "BXNIM0415E"
    assert "no-such-key-123" not in unknown.text
    wrong_grant = httpx.post(f"{emu.iam_url}/identity/token", data={"grant_type": "password", "apikey": "x"})
    assert wrong_grant.status_code == 400 and wrong_grant.json()["errorCode"] == "BXNIM0103E"
    as_json = httpx.post(f"{emu.iam_url}/identity/token", json={"grant_type": GRANT, "apikey": emu.api_key})
    assert as_json.status_code == 400


# -- Global Search and Catalog ------------------------------------------------------------------------------


def _search(
    emu: RunningEmulator, token: str, *, limit: int, cursor: str | None = None, fields: list[str] | None = None
) -> httpx.Response:
    body: dict[str, object] = {"query": "service_name:quantum-computing"}
    if fields is not None:
        body["fields"] = fields
    if cursor is not None:
        body["search_cursor"] = cursor
    return httpx.post(
        f"{emu.search_url}/v3/resources/search",
        params={"limit": limit},
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )


def test_search_pages_with_cursors_and_shows_only_the_callers_account(emu: RunningEmulator) -> None:
    token = emu.token()
    seen: list[dict[str, object]] = []
    cursor = None
    for _ in range(10):
        page = _search(
            emu, token, limit=2, cursor=cursor, fields=["crn", "service_plan_unique_id", "name", "doc", "tags"]
        ).json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        cursor = page.get("search_cursor")
        if not cursor:
            break
    names = [item["name"] for item in seen]
    assert names == [i.name for i in emu.world.default_account.instances]
    assert "other-open" not in names
    by_name = {item["name"]: item for item in seen}
    assert "extensions" not in by_name["unallocated-us"]["doc"]
    assert by_name["open-us"]["doc"]["extensions"]
    assert set(by_name["open-us"]) == {"crn", "service_plan_unique_id", "name", "doc", "tags"}
    other = _search(emu, emu.token("other-api-key"), limit=100).json()
    assert [i["name"] for i in other["items"]] == ["other-open"]
    assert "search_cursor" not in other


def test_search_refuses_bad_tokens_and_foreign_cursors(emu: RunningEmulator) -> None:
    assert _search(emu, "forged.token.value", limit=5).status_code == 401
    first = _search(emu, emu.token(), limit=1).json()
    stolen = _search(emu, emu.token("other-api-key"), limit=1, cursor=first["search_cursor"])
    assert stolen.status_code == 400


def test_catalog_answers_plans_and_403_for_archived_ones(emu: RunningEmulator) -> None:
    headers = {"Authorization": f"Bearer {emu.token()}"}
    for instance in emu.world.default_account.instances:
        entry = httpx.get(f"{emu.catalog_url}/{instance.plan.id}", headers=headers)
        assert entry.status_code == 200
        body = entry.json()
        assert body["overview_ui"]["en"]["display_name"] == instance.plan.display_name
        assert body["metadata"]["pricing"]["type"] == instance.plan.pricing_type
    archived = emu.world.plans["lite-archived"]
    assert httpx.get(f"{emu.catalog_url}/{archived.id}", headers=headers).status_code == 403
    assert httpx.get(f"{emu.catalog_url}/no-such-plan", headers=headers).status_code == 404


# -- runtime authentication ----------------------------------------------------------------------------------


def test_versions_need_no_auth(emu: RunningEmulator) -> None:
    body = httpx.get(f"{emu.runtime_url}/versions").json()
    live = [v for v in body["versions"] if v["status"] == "live"]
    assert [v["version"] for v in live] == ["2026-04-15"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer not-a-jwt"}, 401),
        ({"Authorization": "Basic abc"}, 401),
        ({"Authorization": "apikey wrong-key-123"}, 401),
    ],
)
def test_bad_credentials_get_401_in_the_error_container_shape(
    emu: RunningEmulator, headers: dict[str, str], status: int
) -> None:
    response = httpx.get(f"{emu.runtime_url}/backends", headers={"Service-CRN": emu.instance, **headers})
    assert response.status_code == status
    body = response.json()
    assert body["trace"] and body["errors"][0]["code"] == "unauthorized"
    assert isinstance(body["errors"][0]["message"], str)


def test_crn_checks_missing_foreign_and_unknown(emu: RunningEmulator) -> None:
    token = {"Authorization": f"Bearer {emu.token()}"}
    assert httpx.get(f"{emu.runtime_url}/backends", headers=token).status_code == 400
    other = emu.world.accounts[1].instances[0].crn
    assert httpx.get(f"{emu.runtime_url}/backends", headers={**token, "Service-CRN": other}).status_code == 403
    unknown = emu.instance.replace("::", "0::")
    assert httpx.get(f"{emu.runtime_url}/backends", headers={**token, "Service-CRN": unknown}).status_code == 403
    # The official SDK's fallback, `Authorization: apikey <key>`, is accepted.
    fallback = {"Authorization": f"apikey {emu.api_key}", "Service-CRN": emu.instance}
    assert httpx.get(f"{emu.runtime_url}/backends", headers=fallback).status_code == 200


def test_generic_error_shape_on_usage_and_workloads(emu: RunningEmulator) -> None:
    for path in ("/instances/usage", "/workloads", "/analytics/usage"):
        body = httpx.get(f"{emu.runtime_url}{path}").json()
        assert isinstance(body["errors"][0]["code"], int) and body["errors"][0]["solution"]


def test_api_version_header_is_validated(api: Runtime) -> None:
    assert api.get("/backends", headers={"IBM-API-Version": "2025-05-01"}).status_code == 200
    assert api.get("/backends", headers={"IBM-API-Version": "yesterday"}).status_code == 400


def test_expired_tokens_get_401() -> None:
    with running(token_ttl=1) as short:
        headers = short.headers()
        assert httpx.get(f"{short.runtime_url}/backends", headers=headers).status_code == 200
        time.sleep(2.1)  # issue times round up to whole seconds, so a 1 s token lives 1 to 2 s
        expired = httpx.get(f"{short.runtime_url}/backends", headers=headers)
        assert expired.status_code == 401 and "expired" in expired.json()["errors"][0]["message"]


# -- backends ------------------------------------------------------------------------------------------------


def test_backends_list_status_and_queue(emu: RunningEmulator, api: Runtime) -> None:
    devices = api.get("/backends").json()["devices"]
    assert [d["name"] for d in devices] == ["qrt_simulator", "qrt_pavia", "qrt_lucca"]
    pavia = next(d for d in devices if d["name"] == "qrt_pavia")
    assert pavia["queue_length"] == 4 and pavia["status"]["name"] == "online" and pavia["qubits"] == 5
    assert "wait_time_seconds" not in pavia
    waits = api.get("/backends", params={"fields": "wait_time_seconds"}).json()["devices"]
    assert all("wait_time_seconds" in d for d in waits)
    assert api.get("/backends", params={"fields": "colour"}).status_code == 400
    paygo = Runtime(emu, instance=emu.world.default_account.instances[2].crn)
    ferrara = next(d for d in paygo.get("/backends").json()["devices"] if d["name"] == "qrt_ferrara")
    assert ferrara["status"] == {"name": "paused", "reason": "calibration in progress"}
    status = paygo.get("/backends/qrt_ferrara/status").json()
    assert status["status"] == "internal" and status["length_queue"] == 0
    paygo.close()


def test_configuration_and_properties_build_a_qiskit_target(api: Runtime) -> None:
    from qrt.target import build_target

    config = api.get("/backends/qrt_lucca/configuration").json()
    props = api.get("/backends/qrt_lucca/properties").json()
    assert config["backend_name"] == "qrt_lucca" and config["n_qubits"] == 12
    assert props["qubits"] and props["last_update_date"]
    target = build_target(config, props)
    assert target.num_qubits == 12 and "cz" in target.operation_names
    assert target["cz"][next(iter(target["cz"]))].error is not None
    simulator = api.get("/backends/qrt_simulator/properties").json()
    assert simulator == {}
    old = api.get("/backends/qrt_lucca/properties", params={"updated_before": "2020-01-01T00:00:00Z"})
    assert old.json() == {}
    assert api.get("/backends/qrt_lucca/properties", params={"updated_before": "soon"}).status_code == 400


def test_unknown_or_foreign_backends_are_404(api: Runtime) -> None:
    for path in (
        "/backends/nope/configuration",
        "/backends/nope/status",
        "/backends/qrt_verona/properties",
        "/backends/qrt_pavia/defaults",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["errors"][0]["message"]


def test_set_backend_status_changes_what_clients_see(emu: RunningEmulator, api: Runtime) -> None:
    emu.set_backend_status("qrt_lucca", "offline", queue_length=7, reason="maintenance window")
    try:
        lucca = next(d for d in api.get("/backends").json()["devices"] if d["name"] == "qrt_lucca")
        assert lucca["status"] == {"name": "offline", "reason": "maintenance window"} and lucca["queue_length"] == 7
        assert api.get("/backends/qrt_lucca/status").json()["state"] is False
    finally:
        emu.set_backend_status("qrt_lucca", "online", queue_length=1)


def test_request_log_keeps_headers_but_never_credentials(emu: RunningEmulator, api: Runtime) -> None:
    emu.requests.clear()
    api.get("/backends", params={"fields": "wait_time_seconds"})
    _token(emu, emu.api_key)
    records = emu.requests.snapshot()
    assert [(r.method, r.path) for r in records] == [("GET", "/api/v1/backends"), ("POST", "/identity/token")]
    first = records[0]
    assert first.query == "fields=wait_time_seconds" and first.status == 200
    assert first.headers["service-crn"] == emu.instance
    assert first.auth_scheme == "Bearer"
    assert first.headers["user-agent"].startswith("python-httpx")
    text = repr(records)
    assert emu.api_key not in text and api.http.headers["authorization"].split()[1] not in text
    assert len(emu.requests.matching("POST", "/identity/token")) == 1


def test_oversized_bodies_are_refused_before_reading(emu: RunningEmulator, api: Runtime) -> None:
    import socket
    from urllib.parse import urlsplit

    from qrt.emulator.common import MAX_BODY_BYTES

    where = urlsplit(emu.base_url)
    headers = "".join(f"{k}: {v}\r\n" for k, v in emu.headers().items())
    head = (f"POST /api/v1/jobs HTTP/1.1\r\nHost: {where.netloc}\r\n{headers}Content-Type: application/json\r\n"
            f"Content-Length: {MAX_BODY_BYTES + 1}\r\n\r\n")
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(head.encode())  # the body never comes: the headers alone must be refused
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")
