"""Serving the emulator: :func:`running` (in-process, for tests and the demo) and :func:`serve` (the CLI).

Both bind the socket first (port 0 picks a free port), then run uvicorn on it. :func:`running` runs uvicorn in
a background thread, waits until the emulator answers, and on exit stops the server, joins the thread and
stops the job workers, each within a bounded time, even when a job is still running.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qrt.emulator.app import build_app
from qrt.emulator.core import Emulator, RequestLog
from qrt.emulator.faults import FaultConfig, FaultRule, rules_from
from qrt.emulator.runner import Executor, execute_job
from qrt.emulator.world import World, default_world, load_world, world_from_mapping
from qrt.errors import ConfigurationError

__all__ = ["RunningEmulator", "emulator_env", "running", "serve"]

log = logging.getLogger("qrt.emulator")

_START_TIMEOUT = 20.0
_SERVER_STOP_TIMEOUT = 5.0
_WORKER_STOP_TIMEOUT = 5.0


def _resolve_world(world: World | str | Path | Mapping[str, Any] | None) -> World:
    if world is None:
        return default_world()
    if isinstance(world, World):
        return world
    if isinstance(world, str | Path):
        return load_world(world)
    if isinstance(world, Mapping):
        return world_from_mapping(world)
    raise ConfigurationError(f"world must be a World, a file path or a mapping, not {type(world).__name__}")


def _resolve_faults(faults: FaultConfig | Iterable[FaultRule | Mapping[str, Any]] | None) -> FaultConfig | None:
    if faults is None or isinstance(faults, FaultConfig):
        return faults
    return FaultConfig(rules=rules_from(faults))


def emulator_env(base_url: str, api_key: str, instance: str) -> dict[str, str]:
    """The six environment variables that point qrt and the official SDK at an emulator."""
    return {
        "QISKIT_IBM_TOKEN": api_key,
        "QISKIT_IBM_INSTANCE": instance,
        "IAM_URL": base_url,
        "GLOBAL_SEARCH_URL": base_url,
        "GLOBAL_CATALOG_URL": f"{base_url}/catalog/api/v1",
        "QRT_RUNTIME_URL": f"{base_url}/api/v1",
    }


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and without
    # it every keep-alive response waits ~40 ms for the client's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigurationError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def _base_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1" if host == "0.0.0.0" else "[::1]"
    return f"http://{shown}:{port}"


def _uvicorn_server(emu: Emulator, log_level: str) -> Any:
    import uvicorn

    config = uvicorn.Config(
        build_app(emu),
        log_config=None,  # leave the host program's logging alone
        log_level=log_level,
        access_log=False,
        lifespan="off",
        http="h11",
        loop="asyncio",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=2,
        backlog=2048,
    )
    return uvicorn.Server(config)


@dataclass
class RunningEmulator:
    """An emulator serving on ``base_url``; what :func:`running` yields.

    URLs: ``base_url``, ``runtime_url`` (``<base>/api/v1``), ``iam_url``, ``search_url``, ``catalog_url``;
    credentials of the world's first account: ``api_key`` and ``instance`` (its default CRN); ``env``: the
    six environment variables. Test hooks: ``requests`` (the request log), :meth:`inject`,
    :meth:`clear_faults`, ``job_creations``, :meth:`set_backend_status`, :meth:`wait_idle`.
    """

    emulator: Emulator
    base_url: str

    def __repr__(self) -> str:
        return f"RunningEmulator(base_url={self.base_url!r})"

    @property
    def runtime_url(self) -> str:
        """The runtime API base, ``<base>/api/v1`` (what ``QRT_RUNTIME_URL`` holds)."""
        return f"{self.base_url}/api/v1"

    @property
    def iam_url(self) -> str:
        """The IAM base (``IAM_URL``); the token endpoint is ``<iam_url>/identity/token``."""
        return self.base_url

    @property
    def search_url(self) -> str:
        """The Global Search base (``GLOBAL_SEARCH_URL``)."""
        return self.base_url

    @property
    def catalog_url(self) -> str:
        """The Global Catalog base (``GLOBAL_CATALOG_URL``)."""
        return f"{self.base_url}/catalog/api/v1"

    @property
    def world(self) -> World:
        """The world being served."""
        return self.emulator.world

    @property
    def api_key(self) -> str:
        """The API key of the world's first account."""
        return self.world.default_account.api_key

    @property
    def instance(self) -> str:
        """The CRN of the first account's first instance with backends."""
        instance = self.world.default_account.default_instance
        if instance is None:
            raise ConfigurationError("the world's first account has no instance with backends")
        return instance.crn

    @property
    def env(self) -> dict[str, str]:
        """``QISKIT_IBM_TOKEN``, ``QISKIT_IBM_INSTANCE``, ``IAM_URL``, ``GLOBAL_SEARCH_URL``,
        ``GLOBAL_CATALOG_URL`` and ``QRT_RUNTIME_URL`` for this emulator."""
        return emulator_env(self.base_url, self.api_key, self.instance)

    @property
    def requests(self) -> RequestLog:
        """The log of received requests (bounded; ``clear()`` empties it)."""
        return self.emulator.requests

    @property
    def job_creations(self) -> int:
        """Jobs created through ``POST /v1/jobs`` since start."""
        return self.emulator.job_creations

    def inject(
        self,
        route: str = "*",
        *,
        status: int | None = None,
        times: int | None = None,
        probability: float | None = None,
        retry_after: float | None = None,
        latency: float = 0.0,
        drop: bool = False,
    ) -> FaultRule:
        """Add a fault on ``route`` (``"[METHOD ]PATH_GLOB"``); see :class:`~qrt.emulator.faults.FaultRule`."""
        rule = FaultRule(route, status, probability, times, retry_after, latency, drop)
        self.emulator.inject(rule)
        return rule

    def set_latency(self, seconds: float) -> None:
        """Add ``seconds`` of latency to every request."""
        self.emulator.faults.set_latency(seconds)

    def clear_faults(self) -> None:
        """Remove every fault and the added latency."""
        self.emulator.faults.clear()

    def set_backend_status(
        self, name: str, status: str | None = None, *, queue_length: int | None = None, reason: str | None = None
    ) -> None:
        """Change a backend's status or base queue length while running."""
        self.emulator.set_backend_status(name, status, queue_length=queue_length, reason=reason)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until no job is queued (on an online backend) or running."""
        return self.emulator.runner.wait_idle(timeout)

    def token(self, api_key: str | None = None) -> str:
        """A fresh access token for ``api_key`` (default: the first account's), as IAM would issue it."""
        account = self.world.account_for_key(api_key or self.api_key)
        if account is None:
            raise ConfigurationError("no account of this world has that API key")
        return str(self.emulator.issuer.issue(account)["access_token"])

    def headers(self, instance: str | None = None, api_key: str | None = None) -> dict[str, str]:
        """Authorization, Service-CRN and IBM-API-Version headers for direct runtime calls."""
        return {
            "Authorization": f"Bearer {self.token(api_key)}",
            "Service-CRN": instance or self.instance,
            "IBM-API-Version": "2026-04-15",
        }


@contextmanager
def running(
    world: World | str | Path | Mapping[str, Any] | None = None,
    *,
    db: str | Path = ":memory:",
    token_ttl: int | None = None,
    workers: int = 4,
    faults: FaultConfig | Iterable[FaultRule | Mapping[str, Any]] | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    log_level: str = "warning",
    execute: Executor = execute_job,
) -> Iterator[RunningEmulator]:
    """Run an emulator in a background thread for the duration of a ``with`` block.

    ``world``: a :class:`World`, a world file or a mapping (default: the packaged world). ``db``: SQLite file or
    ``":memory:"``. ``token_ttl``: access-token lifetime in seconds (default: the world's, 3600). ``workers``:
    concurrent jobs. ``faults``: a :class:`FaultConfig` or fault rules, switched on once the server answers.
    """
    emu = Emulator(
        _resolve_world(world),
        db=db,
        token_ttl=token_ttl,
        workers=workers,
        faults=_resolve_faults(faults),
        execute=execute,
    )
    server = None
    thread = None
    try:
        sock = _bind(host, port)
        bound_port = sock.getsockname()[1]
        base = _base_url(host, bound_port)
        emu.start()
        server = _uvicorn_server(emu, log_level)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="qrt-emulator-server", daemon=True
        )
        thread.start()
        _wait_until_answering(base, thread)
        emu.arm_faults()
        log.info("emulator serving on %s", base)
        yield RunningEmulator(emu, base)
    finally:
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(_SERVER_STOP_TIMEOUT)
            if thread.is_alive():
                server.force_exit = True
                thread.join(_SERVER_STOP_TIMEOUT)
        emu.close(_WORKER_STOP_TIMEOUT)


def _wait_until_answering(base: str, thread: threading.Thread) -> None:
    deadline = time.monotonic() + _START_TIMEOUT
    last: Exception | None = None
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("the emulator server stopped during start-up; see the qrt.emulator log")
        try:
            with urllib.request.urlopen(f"{base}/api/v1/versions", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.02)
    raise RuntimeError(f"the emulator did not answer on {base} within {_START_TIMEOUT:g} s: {last}")


def serve(
    world: World | str | Path | Mapping[str, Any] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    db: str | Path = ":memory:",
    token_ttl: int | None = None,
    workers: int = 4,
    log_level: str = "info",
    announce: Any = print,
) -> None:
    """Serve in the foreground until interrupted (Ctrl-C or SIGTERM); ``announce`` gets the banner lines."""
    emu = Emulator(_resolve_world(world), db=db, token_ttl=token_ttl, workers=workers)
    try:
        sock = _bind(host, port)
        base = _base_url(host, sock.getsockname()[1])
        emu.start()
        emu.arm_faults()
        account = emu.world.default_account
        instance = account.default_instance
        announce(f"qrt emulator serving on {base} (database: {emu.store.path})")
        if instance is not None:
            for name, value in emulator_env(base, account.api_key, instance.crn).items():
                announce(f"export {name}={value}")
        server = _uvicorn_server(emu, log_level)
        server.run(sockets=[sock])
    finally:
        emu.close(_WORKER_STOP_TIMEOUT)
