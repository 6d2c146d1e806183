"""``qrt emulator``: argument handling, the banner with the environment, serving until interrupted."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from qrt.emulator.cli import default_db_path, main

ROOT = Path(__file__).resolve().parents[2]


def test_help_and_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--host", "--port", "--world", "--db", "--token-ttl", "--workers"):
        assert flag in out
    with pytest.raises(SystemExit) as info:
        main(["--port", "70000"])
    assert info.value.code == 2


def test_a_bad_world_file_is_reported_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = tmp_path / "w.yaml"
    world.write_text("accounts: []\n")
    assert main(["--world", str(world), "--port", "0", "--db", ":memory:"]) == 2
    assert "accounts" in capsys.readouterr().err


def test_default_db_is_under_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "qrt" / "emulator.sqlite3"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_db_path() == Path.home() / ".cache" / "qrt" / "emulator.sqlite3"


def _lines(stream: object, sink: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        sink.put(line.rstrip("\n"))


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serves_prints_the_environment_and_stops_on_a_signal(tmp_path: Path, stop: signal.Signals) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")])}
    code = "import sys; from qrt.emulator.cli import main; sys.exit(main(sys.argv[1:]))"
    db = tmp_path / "cli.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--port", "0", "--db", str(db), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        banner = [lines.get(timeout=60) for _ in range(7)]
        assert banner[0].startswith("qrt emulator serving on http://127.0.0.1:")
        base = banner[0].split()[4]
        exports = dict(line.removeprefix("export ").split("=", 1) for line in banner[1:])
        assert exports == {
            "QISKIT_IBM_TOKEN": "emulator-api-key",
            "QISKIT_IBM_INSTANCE": exports["QISKIT_IBM_INSTANCE"],
            "IAM_URL": base,
            "GLOBAL_SEARCH_URL": base,
            "GLOBAL_CATALOG_URL": f"{base}/catalog/api/v1",
            "QRT_RUNTIME_URL": f"{base}/api/v1",
        }
        assert exports["QISKIT_IBM_INSTANCE"].startswith("crn:v1:bluemix:public:quantum-computing:us-east:")
        assert httpx.get(f"{exports['QRT_RUNTIME_URL']}/versions", timeout=10).status_code == 200
        process.send_signal(stop)
        assert process.wait(timeout=20) == 0
        assert db.exists()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


def test_listening_socket_is_tcp_so_asyncio_sets_nodelay() -> None:
    import socket

    from qrt.emulator.server import _bind

    sock = _bind("127.0.0.1", 0)
    try:
        # asyncio enables TCP_NODELAY only on sockets whose proto is TCP; without it keep-alive answers stall.
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
