"""The retry policy (properties), the retrying transport, timeouts, proxies and error mapping."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qrt.config import Timeouts
from qrt.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from qrt.transport import (
    ATTEMPTS_EXTENSION,
    RetryPolicy,
    Transport,
    error_from_response,
    parse_retry_after,
)

BASE = "https://quantum.example.test/api"

methods = st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "HEAD", "POST"])
paths = st.sampled_from(
    ["/api/v1/jobs", "/api/v1/jobs/abc", "/api/v1/jobs/abc/cancel", "/api/v1/sessions", "/api/v1/sessions/s1",
     "/api/v1/backends", "/identity/token", "/v3/resources/search", "/api/v1/jobs/abc/tags"]
)
CREATING = {("POST", "/api/v1/jobs"), ("POST", "/api/v1/sessions"), ("POST", "/api/v1/jobs/abc/cancel")}


@given(method=methods, path=paths)
def test_only_creating_posts_are_not_idempotent(method: str, path: str) -> None:
    request = httpx.Request(method, f"https://h.test{path}")
    assert RetryPolicy.is_idempotent(request) == ((method, path) not in CREATING)


@given(attempt=st.integers(1, 50), seed=st.integers(0, 2**32 - 1),
       initial=st.floats(0.01, 2.0), cap=st.floats(0.5, 30.0), jitter=st.floats(0.0, 0.5))
def test_backoff_is_bounded_and_positive(attempt: int, seed: int, initial: float, cap: float, jitter: float) -> None:
    policy = RetryPolicy(backoff_initial=initial, backoff_max=cap, jitter=jitter)
    delay = policy.backoff(attempt, random.Random(seed))
    expected = min(cap, initial * 2 ** (attempt - 1))
    assert expected * (1 - jitter) - 1e-9 <= delay <= expected * (1 + jitter) + 1e-9


@given(method=methods, path=paths, status=st.sampled_from([200, 201, 204, 400, 401, 404, 409, 429, 500, 503, 521]),
       attempt=st.integers(1, 10), max_retries=st.integers(0, 6))
def test_response_decision(method: str, path: str, status: int, attempt: int, max_retries: int) -> None:
    policy = RetryPolicy(max_retries=max_retries)
    request = httpx.Request(method, f"https://h.test{path}")
    delay = policy.after_response(request, httpx.Response(status), attempt, random.Random(0))
    retryable = status in {429, 500, 502, 503, 504, 520, 521, 522, 523, 524}
    safe = (method, path) not in CREATING or status == 429
    assert (delay is not None) == (retryable and safe and attempt <= max_retries)


@given(method=methods, path=paths, attempt=st.integers(1, 4))
def test_error_decision(method: str, path: str, attempt: int) -> None:
    policy = RetryPolicy(max_retries=3)
    request = httpx.Request(method, f"https://h.test{path}")
    not_sent = httpx.ConnectError("refused")
    maybe_sent = httpx.ReadError("reset")
    rng = random.Random(0)
    assert (policy.after_error(request, not_sent, attempt, rng) is not None) == (attempt <= 3)
    creating = (method, path) in CREATING
    assert (policy.after_error(request, maybe_sent, attempt, rng) is not None) == (attempt <= 3 and not creating)


@given(seconds=st.integers(0, 10_000))
def test_retry_after_seconds(seconds: int) -> None:
    assert parse_retry_after(str(seconds)) == float(seconds)


def test_retry_after_http_date_and_garbage() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=lambda: 1445412480.0 - 30) == pytest.approx(30.0)
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("-5") == 0.0


class Script:
    """A handler answering from a list of outcomes (status codes or exceptions), counting calls."""

    def __init__(self, *outcomes: int | Exception, headers: dict[str, str] | None = None) -> None:
        self.outcomes = list(outcomes)
        self.headers = headers or {}
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        return httpx.Response(outcome, headers=self.headers, json={"id": "job-1"} if outcome < 300 else
                              {"errors": [{"code": "x", "message": "boom"}], "trace": "t-1"})


def client_for(script: Script, sleeps: list[float], **policy: float) -> httpx.Client:
    transport = Transport(inner=httpx.MockTransport(script), policy=RetryPolicy(**policy),  # type: ignore[arg-type]
                          sleep=sleeps.append)
    return transport.client(BASE)


def test_get_is_retried_until_success_honouring_retry_after() -> None:
    script = Script(503, 503, 200, headers={"Retry-After": "2"})
    sleeps: list[float] = []
    response = client_for(script, sleeps).get("/v1/jobs")
    assert response.status_code == 200
    assert len(script.calls) == 3
    assert sleeps == [2.0, 2.0]
    assert response.extensions[ATTEMPTS_EXTENSION] == 3


def test_final_error_counts_attempts_and_names_the_cause() -> None:
    script = Script(503)
    sleeps: list[float] = []
    with pytest.raises(ServerError) as info:
        client_for(script, sleeps, max_retries=3).get("/v1/backends")
    assert info.value.attempts == 4 and len(script.calls) == 4
    assert "Gave up after 4 attempts" in str(info.value)
    assert info.value.trace_id == "t-1" and info.value.code == "x"


def test_job_creation_is_not_retried_after_a_server_error() -> None:
    script = Script(503, 200)
    with pytest.raises(ServerError):
        client_for(script, []).post("/v1/jobs", json={"program_id": "sampler"})
    assert len(script.calls) == 1


def test_job_creation_is_retried_when_it_never_left() -> None:
    script = Script(httpx.ConnectError("refused"), 429, 200)
    sleeps: list[float] = []
    response = client_for(script, sleeps).post("/v1/jobs", json={"program_id": "sampler"})
    assert response.status_code == 200 and len(script.calls) == 3


def test_job_creation_is_not_retried_after_a_read_error() -> None:
    script = Script(httpx.ReadError("connection reset"), 200)
    with pytest.raises(APIConnectionError) as info:
        client_for(script, []).post("/v1/jobs", json={})
    assert len(script.calls) == 1 and info.value.attempts == 1


def test_connection_errors_become_typed_errors_after_retries() -> None:
    script = Script(httpx.ConnectError("refused"))
    sleeps: list[float] = []
    with pytest.raises(APIConnectionError) as info:
        client_for(script, sleeps, max_retries=2).get("/v1/jobs")
    assert info.value.attempts == 3 and len(sleeps) == 2
    assert "after 3 attempts" in str(info.value)
    script = Script(httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        client_for(script, [], max_retries=0).get("/v1/jobs")


def test_job_submission_gets_the_long_read_timeout() -> None:
    script = Script(200)
    transport = Transport(inner=httpx.MockTransport(script), timeouts=Timeouts(read=30, job_submit=900))
    client = transport.client(BASE)
    client.post("/v1/jobs", json={})
    client.get("/v1/jobs")
    assert script.calls[0].extensions["timeout"]["read"] == 900
    assert script.calls[1].extensions["timeout"]["read"] == 30


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError),
     (409, ConflictError), (429, RateLimitError), (500, ServerError), (524, ServerError)],
)
def test_status_classes(status: int, cls: type[Exception]) -> None:
    request = httpx.Request("GET", f"{BASE}/v1/jobs/j1")
    error = error_from_response(httpx.Response(status, request=request, json={"errors": [{"message": "m"}]}))
    assert type(error) is cls


def test_error_shapes_are_parsed() -> None:
    request = httpx.Request("GET", f"{BASE}/v1/instances/usage")
    generic = httpx.Response(
        404, request=request,
        json={"trace": "abc", "errors": [{"code": 1234, "message": "Instance not found", "solution": "Check the CRN",
                                          "more_info": "https://docs.example/x"}]},
    )
    error = error_from_response(generic)
    assert (error.code, error.error_message, error.solution, error.more_info, error.trace_id) == (
        "1234", "Instance not found", "Check the CRN", "https://docs.example/x", "abc")
    assert "Solution: Check the CRN" in str(error)
    legacy = httpx.Response(400, request=request, json={"error": {"message": "Legacy", "code": 4242}})
    assert error_from_response(legacy).code == "4242"
    text = httpx.Response(502, request=request, text="Bad gateway from proxy", headers={"uber-trace-id": "u-1"})
    error = error_from_response(text)
    assert error.error_message == "Bad gateway from proxy" and error.trace_id == "u-1"


def test_credentials_in_urls_are_not_shown() -> None:
    request = httpx.Request("GET", "https://user:hunter2@h.test/api/v1/jobs")
    error = error_from_response(httpx.Response(500, request=request))
    assert "hunter2" not in str(error) and "hunter2" not in error.url


def test_proxies_are_mounted_per_scheme() -> None:
    transport = Transport(proxies={"https": "http://127.0.0.1:9", "http://only.example": "http://127.0.0.1:9"})
    client = transport.client(BASE)
    patterns = sorted(p.pattern for p in client._mounts)
    assert "https://" in patterns and "http://only.example" in patterns
    transport.close()


def test_iam_requests_get_the_iam_timeout() -> None:
    script = Script(200)
    transport = Transport(inner=httpx.MockTransport(script), timeouts=Timeouts(read=30, iam=7))
    transport.client().post("https://iam.example.test/identity/token", data={"a": "b"})
    assert script.calls[0].extensions["timeout"]["read"] == 7


def test_environment_proxies_and_no_proxy() -> None:
    from qrt.transport import environment_proxies

    mounts = environment_proxies({"HTTPS_PROXY": "http://proxy:3128", "http_proxy": "proxy:8080",
                                  "NO_PROXY": "localhost,.internal,::1,10.0.0.0/8"})
    assert mounts == {"https://": "http://proxy:3128", "http://": "http://proxy:8080", "all://localhost": None,
                      "all://*.localhost": None, "all://*.internal": None, "all://[::1]": None}
    assert environment_proxies({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}) == {}
    # The mounts must be usable: a client is built from them and routes around the proxy for NO_PROXY hosts.
    script = Script(200)
    client = Transport(proxies=mounts, inner=httpx.MockTransport(script)).client()
    assert client.get("http://[::1]:9/x").status_code == 200 and len(script.calls) == 1


def test_ca_bundles_folders_and_bad_files(tmp_path: Path) -> None:
    import certifi

    Transport(verify=certifi.where()).close()
    Transport(verify=str(tmp_path)).close()  # a folder of hashed certificates (empty here) is accepted
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    with pytest.raises(ConfigurationError, match="Cannot load the CA certificates"):
        Transport(verify=str(bad))


def test_ntlm_proxies_are_refused_clearly() -> None:
    from qrt.config import resolve_config

    config = resolve_config(token="t" * 20, instance="crn:v1:bluemix:public:quantum-computing:us-east:a/x:y::",
                            proxies={"urls": {"https": "http://p:1"}, "username_ntlm": "u",
                                     "password_ntlm": "pw-secret"},
                            environ={})
    with pytest.raises(ConfigurationError, match="NTLM") as info:
        Transport.from_config(config, auth=None, user_agent="qrt")
    assert "pw-secret" not in str(info.value)
