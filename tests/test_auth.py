"""IAMAuth: exchange, caching, renewal before expiry, one replay after 401, typed IAM errors, thread safety."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest

from qrt.auth import GRANT_TYPE, IAMAuth
from qrt.errors import AuthenticationError
from qrt.transport import RetryPolicy, Transport

API_KEY = "secret-api-key-0123456789"
IAM = "https://iam.example.test"
RUNTIME = "https://quantum.example.test/api"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class World:
    """A mock IAM + runtime API recording what arrives."""

    def __init__(self, *, lifetime: int = 3600, iam_status: int = 200) -> None:
        self.lifetime = lifetime
        self.iam_status = iam_status
        self.issued = 0
        self.revoked: set[str] = set()
        self.seen: list[httpx.Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.seen.append(request)
        if request.url.path == "/identity/token":
            form = parse_qs(request.content.decode())
            if self.iam_status != 200 or form.get("apikey") != [API_KEY] or form.get("grant_type") != [GRANT_TYPE]:
                return httpx.Response(
                    self.iam_status if self.iam_status != 200 else 400,
                    json={"errorCode": "BXNIM0415E", "errorMessage": "Provided API key could not be found."},
                )
            with self.lock:
                self.issued += 1
                token = f"tok-{self.issued}"
            return httpx.Response(
                200,
                json={"access_token": token, "refresh_token": "not_supported", "token_type": "Bearer",
                      "expires_in": self.lifetime, "expiration": 0},
            )
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer tok-") or auth.removeprefix("Bearer ") in self.revoked:
            return httpx.Response(401, json={"errors": [{"code": "1201", "message": "Invalid token"}]})
        return httpx.Response(200, json={"ok": True, "token": auth.removeprefix("Bearer ")})


def make(world: World, clock: Callable[[], float] | None = None) -> tuple[httpx.Client, IAMAuth]:
    auth = IAMAuth(API_KEY, IAM, clock=clock or FakeClock())
    transport = Transport(auth=auth, inner=httpx.MockTransport(world), policy=RetryPolicy(max_retries=0))
    return transport.client(RUNTIME), auth


def test_exchanges_once_and_reuses_the_token() -> None:
    world = World()
    client, auth = make(world)
    for _ in range(5):
        assert client.get("/v1/jobs").json()["token"] == "tok-1"
    assert auth.exchanges == 1 and world.issued == 1
    iam_calls = [r for r in world.seen if r.url.path == "/identity/token"]
    assert len(iam_calls) == 1
    # The key only ever goes to IAM, in the form body; no request carries it in a header.
    for request in world.seen:
        assert API_KEY not in " ".join(request.headers.values())
        if request.url.path != "/identity/token":
            assert API_KEY.encode() not in request.content


def test_renews_a_margin_before_expiry() -> None:
    world = World(lifetime=100)
    clock = FakeClock()
    client, auth = make(world, clock)
    assert client.get("/v1/jobs").json()["token"] == "tok-1"
    clock.now += 79  # margin for a 100 s token is 20 s: still fresh
    assert client.get("/v1/jobs").json()["token"] == "tok-1"
    clock.now += 2  # inside the margin: renewed before the server would refuse it
    assert client.get("/v1/jobs").json()["token"] == "tok-2"
    assert auth.exchanges == 2


def test_a_401_renews_once_and_replays() -> None:
    world = World()
    client, auth = make(world)
    assert client.get("/v1/jobs").json()["token"] == "tok-1"
    world.revoked.add("tok-1")
    assert client.get("/v1/jobs").json()["token"] == "tok-2"
    assert auth.exchanges == 2


def test_a_second_401_raises_a_typed_error_without_secrets() -> None:
    world = World()
    client, _ = make(world)
    client.get("/v1/jobs")
    world.revoked.update({"tok-1", "tok-2"})
    with pytest.raises(AuthenticationError) as info:
        client.get("/v1/jobs")
    error = info.value
    assert error.status_code == 401 and error.code == "1201"
    assert API_KEY not in str(error) and "tok-" not in str(error)


def test_iam_refusal_is_an_authentication_error_with_iam_code() -> None:
    world = World()
    auth = IAMAuth("wrong-key", IAM, clock=FakeClock())
    client = Transport(auth=auth, inner=httpx.MockTransport(world), policy=RetryPolicy(max_retries=0)).client(RUNTIME)
    with pytest.raises(AuthenticationError) as info:
        client.get("/v1/jobs")
    error = info.value
    assert error.status_code == 400
    assert error.code == "BXNIM0415E"
    assert "Provided API key could not be found" in str(error)
    assert "wrong-key" not in str(error) and "wrong-key" not in repr(error)
    assert "cloud.ibm.com/iam/apikeys" in str(error)
    # It never fell back to sending the raw key to the runtime API.
    assert all(r.url.path == "/identity/token" for r in world.seen)


def test_repr_hides_the_key() -> None:
    auth = IAMAuth(API_KEY, IAM)
    assert API_KEY not in repr(auth)


class SlowIAM(World):
    """IAM takes 0.2 s to answer, so threads that start together really overlap on the first exchange."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/token":
            time.sleep(0.2)
        return super().__call__(request)


def test_threads_share_one_exchange() -> None:
    world = SlowIAM()
    client, auth = make(world)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work() -> None:
        try:
            start.wait(timeout=10)
            for _ in range(10):
                client.get("/v1/jobs").raise_for_status()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    assert auth.exchanges == 1


async def _async_get(auth: IAMAuth, world: World, n: int) -> list[str]:
    client = httpx.AsyncClient(base_url=RUNTIME, auth=auth, transport=httpx.MockTransport(world))
    async with client:
        return [(await client.get("/v1/jobs")).json()["token"] for _ in range(n)]


def test_async_flow_exchanges_once_and_replays_after_401() -> None:
    import asyncio

    world = World()
    auth = IAMAuth(API_KEY, IAM, clock=FakeClock())
    assert asyncio.run(_async_get(auth, world, 3)) == ["tok-1"] * 3
    world.revoked.add("tok-1")
    assert asyncio.run(_async_get(auth, world, 1)) == ["tok-2"]
    assert auth.exchanges == 2


def test_iam_answer_without_token_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/token":
            return httpx.Response(200, content=json.dumps({"token_type": "Bearer"}).encode())
        return httpx.Response(200)

    auth = IAMAuth(API_KEY, IAM)
    client = Transport(auth=auth, inner=httpx.MockTransport(handler)).client(RUNTIME)
    with pytest.raises(AuthenticationError, match="without an access token"):
        client.get("/v1/jobs")


def test_async_flow_works_from_successive_event_loops() -> None:
    import asyncio

    world = World()
    auth = IAMAuth(API_KEY, IAM, clock=FakeClock())

    async def burst() -> list[str]:
        client = httpx.AsyncClient(base_url=RUNTIME, auth=auth, transport=httpx.MockTransport(world))
        async with client:
            answers = await asyncio.gather(*[client.get("/v1/jobs") for _ in range(4)])
        return [a.json()["token"] for a in answers]

    assert asyncio.run(burst()) == ["tok-1"] * 4
    auth.invalidate()  # the next loop must exchange again, contending for the lock in a new loop
    assert asyncio.run(burst()) == ["tok-2"] * 4
    assert auth.exchanges == 2


def test_the_exchange_has_complete_timeouts() -> None:
    """The token request is built by the flow, not the client: it must still carry every timeout."""
    from qrt.config import Timeouts

    seen: list[dict[str, float]] = []
    world = World()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/token":
            seen.append(dict(request.extensions["timeout"]))
        return world(request)

    auth = IAMAuth(API_KEY, IAM, clock=FakeClock())
    timeouts = Timeouts(connect=3, read=40, iam=7)
    Transport(auth=auth, inner=httpx.MockTransport(handler), timeouts=timeouts).client(RUNTIME).get("/v1/jobs")
    assert seen == [{"connect": 3, "read": 7, "write": 7, "pool": 7}]


def test_an_iam_outage_is_a_server_error_with_its_attempts() -> None:
    from qrt.errors import NotFoundError, ServerError

    def down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, json={"errorCode": "BXNIM0001E", "errorMessage": "maintenance"})

    auth = IAMAuth(API_KEY, IAM, clock=FakeClock())
    sleeps: list[float] = []
    client = Transport(auth=auth, inner=httpx.MockTransport(down), policy=RetryPolicy(max_retries=2),
                       sleep=sleeps.append).client(RUNTIME)
    with pytest.raises(ServerError) as info:
        client.get("/v1/jobs")
    assert info.value.attempts == 3 and "rejected the API key" not in str(info.value)
    assert "after 3 attempts" in str(info.value)

    def wrong_url(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="no such page")

    client = Transport(auth=IAMAuth(API_KEY, IAM), inner=httpx.MockTransport(wrong_url)).client(RUNTIME)
    with pytest.raises(NotFoundError, match="Check IAM_URL"):
        client.get("/v1/jobs")
