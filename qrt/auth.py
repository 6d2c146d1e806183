"""IBM Cloud IAM authentication as an ``httpx.Auth`` flow.

The API key is exchanged for a bearer token at ``{iam_url}/identity/token``. The token is cached and shared by every
request of the owning Service; it is renewed a margin before it expires, and once more when a request comes back
401. The exchange request is yielded from the auth flow, so it goes through the same client, transport, proxies,
TLS settings and retry policy as every other hop. The raw API key is never sent anywhere but IAM.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass

import httpx

from qrt.errors import APIStatusError, AuthenticationError, status_error_class
from qrt.transport import ATTEMPTS_EXTENSION, AUTH_REPLAY_EXTENSION, RAW_RESPONSE_EXTENSION

__all__ = ["GRANT_TYPE", "IAMAuth"]

GRANT_TYPE = "urn:ibm:params:oauth:grant-type:apikey"

_APIKEYS_PAGE = "https://cloud.ibm.com/iam/apikeys"
# IAM answers these when it refuses the key itself (400 BXNIM0415E for an unknown key).
_REFUSALS = frozenset({400, 401, 403})


@dataclass(frozen=True)
class _Token:
    value: str
    obtained_at: float
    refresh_at: float


class IAMAuth(httpx.Auth):
    """Bearer authentication with an IBM Cloud API key.

    Safe to share between threads (a lock serialises exchanges) and usable from sync and async clients alike.
    ``exchanges`` counts the IAM exchanges made, for diagnostics and benchmarks.
    """

    def __init__(
        self,
        api_key: str,
        iam_url: str,
        *,
        user_agent: str = "qrt",
        max_margin: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not api_key:
            raise ValueError("IAMAuth needs a non-empty API key")
        self._api_key = api_key
        self._token_url = iam_url.rstrip("/") + "/identity/token"
        self._user_agent = user_agent
        self._max_margin = max_margin
        self._clock = clock
        self._token: _Token | None = None
        self._lock = threading.Lock()
        # An asyncio.Lock belongs to one event loop: keep one per loop that uses this auth.
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self.exchanges = 0

    def __repr__(self) -> str:
        return f"IAMAuth(token_url={self._token_url!r}, api_key='****')"

    @property
    def token_url(self) -> str:
        """Where the API key is exchanged."""
        return self._token_url

    def invalidate(self) -> None:
        """Forget the cached token; the next request exchanges the API key again."""
        self._token = None

    # -- the flows -------------------------------------------------------------------------------------------

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._fresh_token()
        if token is None:
            with self._lock:
                token = self._fresh_token()
                if token is None:
                    token = yield from self._exchange_sync()
        response = yield self._authorize(request, token, replay_possible=True)
        if response.status_code != 401:
            return
        # The token may have been revoked or expired early: renew it once and replay the request.
        with self._lock:
            if self._token is token or self._token is None:
                self._token = None
                token = yield from self._exchange_sync()
            else:  # another thread renewed it meanwhile
                token = self._token
        yield self._authorize(request, token, replay_possible=False)

    def _loop_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._lock:
            lock = self._async_locks.get(loop)
            if lock is None:
                lock = self._async_locks[loop] = asyncio.Lock()
            return lock

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        lock = self._loop_lock()
        token = self._fresh_token()
        if token is None:
            async with lock:
                token = self._fresh_token()
                if token is None:
                    response = yield self._token_request()
                    await response.aread()
                    token = self._accept(response)
        response = yield self._authorize(request, token, replay_possible=True)
        if response.status_code != 401:
            return
        async with lock:
            if self._token is token or self._token is None:
                self._token = None
                response = yield self._token_request()
                await response.aread()
                token = self._accept(response)
            else:
                token = self._token
        yield self._authorize(request, token, replay_possible=False)

    # -- helpers ---------------------------------------------------------------------------------------------

    def _exchange_sync(self) -> Generator[httpx.Request, httpx.Response, _Token]:
        response = yield self._token_request()
        response.read()
        return self._accept(response)

    def _fresh_token(self) -> _Token | None:
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token
        return None

    @staticmethod
    def _authorize(request: httpx.Request, token: _Token, *, replay_possible: bool) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {token.value}"
        # Tells the transport's error hook that a 401 on this send will be renewed and replayed, not raised.
        request.extensions[AUTH_REPLAY_EXTENSION] = replay_possible
        return request

    def _token_request(self) -> httpx.Request:
        return httpx.Request(
            "POST",
            self._token_url,
            data={"grant_type": GRANT_TYPE, "apikey": self._api_key},
            headers={"Accept": "application/json", "User-Agent": self._user_agent},
            # IAM failures are reported by this flow, with IAM's own error codes, not by the transport's hook.
            extensions={RAW_RESPONSE_EXTENSION: True},
        )

    def _accept(self, response: httpx.Response) -> _Token:
        """Read the IAM answer into a cached token, or raise its typed error (see :func:`_iam_error`)."""
        now = self._clock()
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if response.status_code != 200 or not isinstance(body, dict) or not body.get("access_token"):
            raise _iam_error(response, body)
        lifetime = _lifetime(body, time.time())
        # Renew ahead of expiry: 60 s, or a fifth of a short lifetime (at least 1 s, the granularity of expiry
        # times), so short-lived tokens are still reused but never used past their end.
        margin = min(self._max_margin, max(1.0, 0.2 * lifetime))
        token = _Token(value=str(body["access_token"]), obtained_at=now, refresh_at=now + lifetime - margin)
        self._token = token
        self.exchanges += 1
        return token


def _lifetime(body: dict[str, object], now: float) -> float:
    """Seconds the token stays valid: the earlier of ``expires_in`` and the absolute ``expiration``."""
    candidates = []
    expires_in = body.get("expires_in")
    if isinstance(expires_in, (int, float)) and expires_in > 0:
        candidates.append(float(expires_in))
    expiration = body.get("expiration")
    if isinstance(expiration, (int, float)) and expiration > now:
        # Whole-second expirations can end up to a second before expires_in says.
        candidates.append(float(expiration) - now)
    return min(candidates) if candidates else 0.0


def _iam_error(response: httpx.Response, body: object) -> APIStatusError:
    """The error for a failed exchange: refusals of the key are AuthenticationError; outages keep their status."""
    code: str | None = None
    detail: str | None = None
    if isinstance(body, dict):
        raw_code = body.get("errorCode") or body.get("code")
        code = str(raw_code) if raw_code else None
        raw_detail = body.get("errorMessage") or body.get("message")
        detail = str(raw_detail) if raw_detail else None
    status = response.status_code
    attempts = int(response.extensions.get(ATTEMPTS_EXTENSION, 1))
    url = str(response.request.url)
    said = f"HTTP {status}" + (f", {code}" if code else "") + (f": {detail}" if detail else "")
    if status == 200:
        cls: type[APIStatusError] = AuthenticationError
        message = f"IAM at {url} answered without an access token. Check IAM_URL, or try again."
    elif status in _REFUSALS:
        cls = AuthenticationError
        message = (
            f"IAM rejected the API key ({said}) at {url}. Check the token you passed or saved (an IBM Cloud API "
            f"key), or create a new one at {_APIKEYS_PAGE}."
        )
    else:
        cls = status_error_class(status)
        tries = "" if attempts == 1 else f" after {attempts} attempts"
        message = (
            f"The IAM token exchange at {url} failed{tries} ({said}). "
            + ("Check IAM_URL or the account's url." if status == 404 else "IAM may be unavailable; try again later.")
        )
    return cls(
        message,
        status_code=status,
        method="POST",
        url=url,
        attempts=attempts,
        code=code,
        error_message=detail,
        trace_id=response.headers.get("transaction-id") or response.headers.get("x-request-id"),
        headers=response.headers,
    )
