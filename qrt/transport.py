"""The one transport of a Service: connection pool, proxies, TLS, timeouts, retries, error mapping.

Every hop (IAM, Global Search, Global Catalog, the runtime API) goes through the transports built here, so proxies,
``verify`` and the retry policy apply to all of them. :class:`Transport` owns the connection pools; the httpx clients
it hands out share them and differ only in base URL and default headers (``Service-CRN`` per instance).

Retry policy (the only place qrt retries):

- idempotent requests (GET, HEAD, PUT, DELETE, PATCH, and the read-only POSTs to IAM and Global Search) are retried on
  connection errors, timeouts, 429 and 500/502/503/504/520-524;
- requests that create something (``POST /jobs``, ``POST /sessions``, ``POST /jobs/{id}/cancel``) are retried only
  when they provably never reached the server: the connection could not be made, or the server answered 429;
- waits grow exponentially from ``backoff_initial`` up to ``backoff_max`` with jitter; a ``Retry-After`` header
  (seconds or HTTP date, capped at ``max_retry_after``) replaces the computed wait;
- at most ``max_retries`` retries; the final error says how many attempts were made and the last cause.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import os
import random
import re
import ssl
import threading
import time
import urllib.request
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from qrt.config import ResolvedConfig, Timeouts
from qrt.errors import APIConnectionError, APIStatusError, APITimeoutError, ConfigurationError, status_error_class

if TYPE_CHECKING:
    from qrt_api import Client

__all__ = [
    "ATTEMPTS_EXTENSION",
    "AUTH_REPLAY_EXTENSION",
    "RAW_RESPONSE_EXTENSION",
    "AsyncRetryTransport",
    "RetryPolicy",
    "RetryTransport",
    "Transport",
    "environment_proxies",
    "error_from_response",
]

logger = logging.getLogger("qrt.transport")

# Request/response extensions qrt uses to pass facts between the auth flow, the retry layer and the error hook.
ATTEMPTS_EXTENSION = "qrt.attempts"  # on a response: how many times its request was sent
AUTH_REPLAY_EXTENSION = "qrt.auth_replay_possible"  # on a request: a 401 will be renewed and replayed, not raised
RAW_RESPONSE_EXTENSION = "qrt.raw_response"  # on a request: its error statuses are handled by the sender

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
# Errors raised before any byte of the request left this machine.
_NOT_SENT_ERRORS: tuple[type[Exception], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# POSTs that create or change something; everything else we send is safe to repeat.
_UNSAFE_POST = re.compile(r"/v1/(jobs|sessions)/?$|/v1/jobs/[^/]+/cancel/?$")
_JOB_CREATE = re.compile(r"/v1/jobs/?$")


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before sending a request again. Pure: no I/O, no clock."""

    max_retries: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    retry_statuses: frozenset[int] = field(default=_RETRY_STATUSES)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")

    @staticmethod
    def is_idempotent(request: httpx.Request) -> bool:
        """Whether sending ``request`` twice has the same effect as sending it once."""
        if request.method != "POST":
            return True
        return _UNSAFE_POST.search(request.url.path) is None

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """The wait after failed attempt number ``attempt`` (1-based), with jitter."""
        base = min(self.backoff_max, self.backoff_initial * (2 ** (attempt - 1)))
        return float(max(0.0, base * (1 + rng.uniform(-self.jitter, self.jitter))))

    def after_error(self, request: httpx.Request, error: Exception, attempt: int, rng: random.Random) -> float | None:
        """The wait before retrying after a transport error, or None to give up."""
        if attempt > self.max_retries:
            return None
        if not self.is_idempotent(request) and not isinstance(error, _NOT_SENT_ERRORS):
            return None
        return self.backoff(attempt, rng)

    def after_response(
        self, request: httpx.Request, response: httpx.Response, attempt: int, rng: random.Random
    ) -> float | None:
        """The wait before retrying after ``response``, or None to return it."""
        if attempt > self.max_retries or response.status_code not in self.retry_statuses:
            return None
        # A 429 is refused before any processing, so even creating requests may be sent again.
        if not self.is_idempotent(request) and response.status_code != 429:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return self.backoff(attempt, rng)


def parse_retry_after(value: str | None, *, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta seconds or an HTTP date); None when absent or bad."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - now()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def _prepare(request: httpx.Request, timeouts: Timeouts) -> None:
    """Give the request complete timeouts: the IAM exchange (built by the auth flow) carries none of its own, and
    job submission may legitimately take minutes server-side."""
    current = dict(request.extensions.get("timeout") or {})
    if request.method == "POST" and _JOB_CREATE.search(request.url.path):
        current["read"] = timeouts.job_submit
    elif request.url.path.endswith("/identity/token"):
        current = {"connect": timeouts.connect, "read": timeouts.iam, "write": timeouts.iam, "pool": timeouts.iam}
    for key, value in (("connect", timeouts.connect), ("read", timeouts.read), ("write", timeouts.read),
                       ("pool", timeouts.read)):
        if current.get(key) is None:
            current[key] = value
    request.extensions["timeout"] = current


def _give_up(request: httpx.Request, error: Exception, attempts: int) -> APIConnectionError:
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if kind is APITimeoutError else "could not reach the server"
    tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
    message = (
        f"{request.method} {_display_url(request.url)} {what} after {tries}: {type(error).__name__}: {error}. "
        "Check the network, proxy and URL settings (Service.config.describe() shows them)."
    )
    return kind(message, method=request.method, url=_display_url(request.url), attempts=attempts)


def _display_url(url: httpx.URL) -> str:
    # Never show credentials embedded in a URL (proxies and some test servers use user:password@host).
    return str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)


def _log_retry(request: httpx.Request, cause: str, attempt: int, delay: float, max_retries: int) -> None:
    logger.debug(
        "retrying %s %s after %s (attempt %d of %d) in %.2f s",
        request.method,
        _display_url(request.url),
        cause,
        attempt + 1,
        max_retries + 1,
        delay,
    )


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport with :class:`RetryPolicy`; the number of attempts is recorded on the response.

    ``close()`` does nothing: the pool is shared by every client a :class:`Transport` hands out, and closing one of
    them (``with service.api:``) must not close it for the others. :meth:`shutdown` closes it.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: RetryPolicy,
        timeouts: Timeouts,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._timeouts = timeouts
        self._sleep = sleep
        self._rng = rng or random.Random()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _prepare(request, self._timeouts)
        attempt = 1
        while True:
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as error:
                delay = self._policy.after_error(request, error, attempt, self._rng)
                if delay is None:
                    raise _give_up(request, error, attempt) from error
                _log_retry(request, type(error).__name__, attempt, delay, self._policy.max_retries)
            else:
                delay = self._policy.after_response(request, response, attempt, self._rng)
                if delay is None:
                    response.extensions[ATTEMPTS_EXTENSION] = attempt
                    return response
                response.read()
                response.close()
                _log_retry(request, f"HTTP {response.status_code}", attempt, delay, self._policy.max_retries)
            self._sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Nothing: see the class docstring."""

    def shutdown(self) -> None:
        """Close the pool."""
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of :class:`RetryTransport`, with the same policy.

    A connection pool belongs to the event loop that opened its connections, so this keeps one inner transport
    per running loop (made by ``factory``): a Service can be used from successive ``asyncio.run`` calls. As in the
    sync twin, ``aclose()`` does nothing and :meth:`ashutdown` closes the pools.
    """

    def __init__(
        self,
        factory: Callable[[], httpx.AsyncBaseTransport],
        policy: RetryPolicy,
        timeouts: Timeouts,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self._factory = factory
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncBaseTransport] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()
        self._policy = policy
        self._timeouts = timeouts
        self._rng = rng or random.Random()

    def _inner(self) -> httpx.AsyncBaseTransport:
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pools.get(loop)
            if pool is None:
                pool = self._pools[loop] = self._factory()
            return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _prepare(request, self._timeouts)
        inner = self._inner()
        attempt = 1
        while True:
            try:
                response = await inner.handle_async_request(request)
            except httpx.TransportError as error:
                delay = self._policy.after_error(request, error, attempt, self._rng)
                if delay is None:
                    raise _give_up(request, error, attempt) from error
                _log_retry(request, type(error).__name__, attempt, delay, self._policy.max_retries)
            else:
                delay = self._policy.after_response(request, response, attempt, self._rng)
                if delay is None:
                    response.extensions[ATTEMPTS_EXTENSION] = attempt
                    return response
                await response.aread()
                await response.aclose()
                _log_retry(request, f"HTTP {response.status_code}", attempt, delay, self._policy.max_retries)
            await asyncio.sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        """Nothing: see the class docstring."""

    async def ashutdown(self) -> None:
        """Close the running loop's pool and forget the others (their loops can no longer run them)."""
        with self._lock:
            pools = dict(self._pools)
            self._pools.clear()
        loop = asyncio.get_running_loop()
        if loop in pools:
            await pools[loop].aclose()


def _ssl_context(verify: bool | str, trust_env: bool) -> ssl.SSLContext:
    try:
        if isinstance(verify, str):
            if os.path.isdir(verify):
                return ssl.create_default_context(capath=verify)
            return ssl.create_default_context(cafile=verify)
        # With trust_env, httpx honours SSL_CERT_FILE / SSL_CERT_DIR as requests does.
        return httpx.create_ssl_context(verify=verify, trust_env=trust_env)
    except (OSError, ssl.SSLError) as error:
        raise ConfigurationError(
            f"Cannot load the CA certificates of verify={verify!r}: {error}. Pass verify=True (the system's and "
            "certifi's CAs), False, or the path of a PEM bundle or of a folder of hashed certificates."
        ) from error


def _mount_pattern(key: str) -> str:
    # Accept requests-style proxy keys ("https", "http://host", "all") as well as httpx patterns ("https://").
    if "://" in key:
        return key
    return f"{key}://"


def environment_proxies(environ: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Proxy mounts from ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY`` (None: connect directly)."""
    if environ is None:
        found = urllib.request.getproxies()
    else:
        found = {k[:-6].lower(): v for k, v in environ.items() if k.lower().endswith("_proxy") and v}
    mounts: dict[str, str | None] = {}
    for scheme in ("all", "http", "https"):
        url = found.get(scheme)
        if url:
            mounts[f"{scheme}://"] = url if "://" in url else f"http://{url}"
    for host in (h.strip() for h in found.get("no", "").split(",")):
        if not host:
            continue
        if host == "*":
            return {}
        if "/" in host:
            logger.debug("NO_PROXY entry %r is a network range; qrt matches host names only and skips it", host)
            continue
        if host.count(":") >= 2 and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 literal
        patterns = [f"all://*{host}"] if host.startswith(".") else [f"all://{host}", f"all://*.{host}"]
        for pattern in patterns:
            try:
                httpx.URL(pattern.replace("*", "x", 1))
            except httpx.InvalidURL:
                logger.debug("NO_PROXY entry %r is not a host name; skipped", host)
                break
            mounts[pattern] = None
    return mounts


def ntlm_unsupported(config: ResolvedConfig) -> ConfigurationError | None:
    """The error for NTLM proxy credentials, which qrt's transport cannot use."""
    proxies = config.proxies
    if proxies is None or not proxies.username_ntlm:
        return None
    where = config.source("proxies")
    return ConfigurationError(
        f"NTLM proxy authentication (proxies from {where}) is not supported: qrt's HTTP stack (httpx) has no "
        "NTLM. Use a proxy that accepts basic credentials in proxies['urls'] "
        "(http://user:password@host:port), or remove username_ntlm and password_ntlm."
    )


class Transport:
    """The connection pools, proxies, TLS settings, timeouts and retry policy shared by every hop of a Service.

    ``client(base_url, headers)`` hands out httpx clients that share these pools. Thread-safe; close it once with
    :meth:`close` (the Service does).
    """

    def __init__(
        self,
        *,
        auth: httpx.Auth | None = None,
        proxies: Mapping[str, str | None] | None = None,
        verify: bool | str = True,
        trust_env: bool = False,
        timeouts: Timeouts | None = None,
        policy: RetryPolicy | None = None,
        user_agent: str = "qrt",
        sleep: Callable[[float], None] = time.sleep,
        inner: httpx.BaseTransport | None = None,
    ) -> None:
        self.auth = auth
        self.timeouts = timeouts or Timeouts()
        self.policy = policy or RetryPolicy()
        self.user_agent = user_agent
        # Explicit proxies win; otherwise, with trust_env, the standard environment variables apply.
        self._proxies: dict[str, str | None] = dict(proxies) if proxies else (
            environment_proxies() if trust_env else {})
        self._verify = verify
        # One SSL context for every pool, sync and async: loading CA certificates is the costly part.
        self._ssl = _ssl_context(verify, trust_env)
        self._limits = httpx.Limits(max_connections=20, max_keepalive_connections=10)

        def wrap(base: httpx.BaseTransport) -> httpx.BaseTransport:
            return RetryTransport(base, self.policy, self.timeouts, sleep=sleep)

        # ``inner`` lets tests put an httpx.MockTransport under the retry layer.
        self._default = wrap(inner or httpx.HTTPTransport(verify=self._ssl, limits=self._limits))
        self._mounts: dict[str, httpx.BaseTransport] = {
            _mount_pattern(key): (
                self._default if url is None
                else wrap(httpx.HTTPTransport(proxy=url, verify=self._ssl, limits=self._limits))
            )
            for key, url in self._proxies.items()
        }
        self._async_default: httpx.AsyncBaseTransport | None = None
        self._async_mounts: dict[str, httpx.AsyncBaseTransport] = {}
        self._closed = False

    @classmethod
    def from_config(cls, config: ResolvedConfig, *, auth: httpx.Auth | None, user_agent: str) -> Transport:
        """The transport a resolved configuration asks for."""
        error = ntlm_unsupported(config)
        if error is not None:
            raise error
        proxies = dict(config.proxies.urls) if config.proxies is not None else None
        return cls(
            auth=auth,
            proxies=proxies,
            verify=config.verify,
            trust_env=config.trust_env,
            timeouts=config.timeouts,
            policy=RetryPolicy(max_retries=config.max_retries),
            user_agent=user_agent,
        )

    def __repr__(self) -> str:
        proxies = sorted(_mount_pattern(k) for k in self._proxies)
        return f"Transport(proxies={proxies}, verify={self._verify!r}, policy={self.policy})"

    def client(self, base_url: str = "", headers: Mapping[str, str] | None = None) -> httpx.Client:
        """An httpx client on the shared pools, with ``base_url`` and default ``headers``."""
        return httpx.Client(
            base_url=base_url,
            headers=self._headers(headers),
            auth=self.auth,
            timeout=httpx.Timeout(self.timeouts.read, connect=self.timeouts.connect),
            transport=self._default,
            mounts=self._mounts,
            trust_env=False,
            event_hooks={"response": [_raise_on_error]},
        )

    def async_client(self, base_url: str = "", headers: Mapping[str, str] | None = None) -> httpx.AsyncClient:
        """The asyncio twin of :meth:`client`; its pools are created on first use."""
        if self._async_default is None:
            ssl_context, limits = self._ssl, self._limits

            def wrap(proxy: str | None) -> httpx.AsyncBaseTransport:
                return AsyncRetryTransport(
                    lambda: httpx.AsyncHTTPTransport(proxy=proxy, verify=ssl_context, limits=limits),
                    self.policy, self.timeouts,
                )

            default = self._async_default = wrap(None)
            self._async_mounts = {
                _mount_pattern(key): default if url is None else wrap(url) for key, url in self._proxies.items()
            }
        return httpx.AsyncClient(
            base_url=base_url,
            headers=self._headers(headers),
            auth=self.auth,
            timeout=httpx.Timeout(self.timeouts.read, connect=self.timeouts.connect),
            transport=self._async_default,
            mounts=self._async_mounts,
            trust_env=False,
            event_hooks={"response": [_araise_on_error]},
        )

    def api_client(self, runtime_url: str, *, crn: str | None, api_version: str) -> Client:
        """The generated ``qrt_api`` client for one instance, on the shared pools.

        ``runtime_url`` is the runtime API base ending in ``/api/v1`` (or ``/api``); the generated paths start with
        ``/v1``. ``Service-CRN`` and ``IBM-API-Version`` are default headers of this client, never per operation.
        """
        from qrt_api import Client

        base = runtime_url.rstrip("/")
        base = base.removesuffix("/v1")
        headers = {"IBM-API-Version": api_version}
        if crn:
            headers["Service-CRN"] = crn
        # Requests go through our httpx clients: IAMAuth sets Authorization, the hooks raise typed errors.
        api = Client(base_url=base, headers=headers, raise_on_unexpected_status=True)
        api.set_httpx_client(self.client(base, headers))
        api.set_async_httpx_client(self.async_client(base, headers))
        return api

    def _headers(self, headers: Mapping[str, str] | None) -> dict[str, str]:
        merged = {"User-Agent": self.user_agent}
        merged.update(headers or {})
        return merged

    def _distinct(self) -> list[Any]:
        return list({id(t): t for t in [self._default, *self._mounts.values()]}.values())

    def close(self) -> None:
        """Close every connection pool. Clients handed out stop working."""
        if self._closed:
            return
        self._closed = True
        for mounted in self._distinct():
            if isinstance(mounted, RetryTransport):
                mounted.shutdown()
            else:
                mounted.close()
        # Async pools of loops that are gone cannot be awaited; drop them (aclose() closes the running loop's).
        self._async_default = None
        self._async_mounts = {}

    async def aclose(self) -> None:
        """Close the running loop's asyncio connection pools."""
        if self._async_default is not None:
            for mounted in {id(t): t for t in [self._async_default, *self._async_mounts.values()]}.values():
                if isinstance(mounted, AsyncRetryTransport):
                    await mounted.ashutdown()


# -- errors -----------------------------------------------------------------------------------------------------

_HINTS: dict[int, str] = {
    400: "The request was refused as invalid; the message above says which field.",
    401: "The credentials were refused: check the API key, or whether it was deleted or expired.",
    403: "This API key's account may not use this instance or resource: check the instance CRN "
    "(Service.instances() lists the ones you can use).",
    404: "It does not exist, or is not visible to this instance.",
    409: "The resource is not in a state that allows this.",
    429: "Too many requests: the server rate-limited this client.",
}


def _parse_error_body(response: httpx.Response) -> tuple[dict[str, str | None], Any]:
    """Pull code/message/more_info/solution/trace from any of the error shapes IBM services use."""
    found: dict[str, str | None] = {"code": None, "message": None, "more_info": None, "solution": None, "trace": None}
    try:
        body: Any = response.json()
    except ValueError:
        text = response.text.strip()
        if text:
            found["message"] = text[:500]
        return found, text or None
    if isinstance(body, dict):
        errors = body.get("errors")
        first: Any = errors[0] if isinstance(errors, list) and errors else None
        if not isinstance(first, dict):
            legacy = body.get("error")
            first = legacy if isinstance(legacy, dict) else body
        for key, aliases in {
            "code": ("code", "errorCode"),
            "message": ("message", "errorMessage", "error_description"),
            "more_info": ("more_info",),
            "solution": ("solution",),
        }.items():
            for alias in aliases:
                value = first.get(alias)
                if value not in (None, ""):
                    found[key] = str(value)
                    break
        trace = body.get("trace")
        found["trace"] = str(trace) if trace else None
    return found, body


def error_from_response(response: httpx.Response) -> APIStatusError:
    """The typed error for an error response, with the parsed IBM error body and the trace id."""
    request = response.request
    parsed, body = _parse_error_body(response)
    trace = parsed["trace"] or response.headers.get("uber-trace-id") or response.headers.get("x-request-id")
    attempts = int(response.extensions.get(ATTEMPTS_EXTENSION, 1))
    status = response.status_code
    url = _display_url(request.url)
    parts = [f"{request.method} {url} answered {status} {response.reason_phrase}".rstrip()]
    if parsed["message"]:
        parts[0] += f": {parsed['message']}"
    if parsed["code"]:
        parts[0] += f" (code {parsed['code']})"
    parts[0] += "."
    if parsed["solution"]:
        parts.append(f"Solution: {parsed['solution']}")
    hint = _HINTS.get(status) or (
        "The service failed or is in maintenance; try again later." if status >= 500 else None
    )
    if hint:
        parts.append(hint)
    if parsed["more_info"]:
        parts.append(f"More: {parsed['more_info']}")
    if attempts > 1:
        parts.append(f"Gave up after {attempts} attempts.")
    if trace:
        parts.append(f"Trace: {trace}.")
    cls = status_error_class(status)
    return cls(
        " ".join(parts),
        status_code=status,
        method=request.method,
        url=url,
        attempts=attempts,
        code=parsed["code"],
        error_message=parsed["message"],
        more_info=parsed["more_info"],
        solution=parsed["solution"],
        trace_id=trace,
        body=body,
        headers=response.headers,
    )


def _should_raise(response: httpx.Response) -> bool:
    if response.is_success or response.is_redirect:
        return False
    extensions = response.request.extensions
    if extensions.get(RAW_RESPONSE_EXTENSION):
        return False
    # The auth flow renews the token and replays once after a first 401; only the replay's 401 is final.
    return not (response.status_code == 401 and extensions.get(AUTH_REPLAY_EXTENSION))


def _raise_on_error(response: httpx.Response) -> None:
    if _should_raise(response):
        response.read()
        raise error_from_response(response)


async def _araise_on_error(response: httpx.Response) -> None:
    if _should_raise(response):
        await response.aread()
        raise error_from_response(response)
