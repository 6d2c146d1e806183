"""``qrt emulator``: serve the emulator in the foreground until interrupted."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from qrt.errors import ConfigurationError

__all__ = ["default_db_path", "main"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def default_db_path() -> Path:
    """The default database file, under the user cache directory (``$XDG_CACHE_HOME`` or the OS's)."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return root / "qrt" / "Cache" / "emulator.sqlite3"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "qrt" / "emulator.sqlite3"
    cache = os.environ.get("XDG_CACHE_HOME")
    root = Path(cache) if cache and Path(cache).is_absolute() else Path.home() / ".cache"
    return root / "qrt" / "emulator.sqlite3"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qrt emulator",
        description=(
            "Serve a local Qiskit Runtime-compatible emulator (IAM, Global Search and Catalog, runtime API) "
            "that runs jobs on qiskit-aer. Prints the base URL and the environment to point qrt or the "
            "official SDK at it, then serves until Ctrl-C."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind; 0 picks a free one (default: 8000)")
    parser.add_argument("--world", metavar="FILE", help="world file, JSON or YAML (default: the packaged world)")
    parser.add_argument(
        "--db",
        metavar="FILE",
        help=f"SQLite database file, or :memory: for none (default: {default_db_path()})",
    )
    parser.add_argument("--token-ttl", type=int, metavar="SECONDS", help="access-token lifetime (default: 3600)")
    parser.add_argument("--workers", type=int, default=4, help="jobs run at once (default: 4)")
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="log level (default: info)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qrt emulator`` with ``argv``; return the exit code."""
    parser = _parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not 0 <= args.port <= 65535:
        parser.error("--port must be within 0..65535")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.token_ttl is not None and args.token_ttl < 1:
        parser.error("--token-ttl must be at least 1 second")
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if args.host not in _LOOPBACK:
        print(
            f"qrt emulator: warning: binding {args.host} exposes the emulator beyond this machine; its API keys "
            "are public test values.",
            file=sys.stderr,
        )
    db = args.db if args.db is not None else str(default_db_path())
    from qrt.emulator.server import serve

    # uvicorn shuts down gracefully on SIGTERM and then re-raises it; this handler turns that re-raise into an
    # exception, so serve() still stops the job workers and closes the database before the process exits.
    previous = signal.signal(signal.SIGTERM, _terminated) if _in_main_thread() else None
    try:
        serve(
            args.world,
            host=args.host,
            port=args.port,
            db=db,
            token_ttl=args.token_ttl,
            workers=args.workers,
            log_level=args.log_level,
            announce=lambda line: print(line, flush=True),
        )
    except ConfigurationError as exc:
        print(f"qrt emulator: error: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Terminated):
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _in_main_thread() -> bool:
    # Signal handlers can only be installed from the main thread.
    return threading.current_thread() is threading.main_thread()


class _Terminated(Exception):
    """SIGTERM arrived (after uvicorn's own graceful shutdown)."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated
