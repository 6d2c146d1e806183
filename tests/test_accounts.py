"""The account file: format, safety (atomic locked writes, modes, malformed files), defaults and legacy entries."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qrt import accounts
from qrt._filelock import exclusive_lock
from qrt.config import resolve_config
from qrt.errors import (
    AccountAlreadyExistsError,
    AccountFileError,
    AccountNotFoundError,
    ConfigurationError,
    InvalidAccountError,
    QrtError,
    RetiredChannelError,
)

CRN = "crn:v1:bluemix:public:quantum-computing:us-east:a/1234abcd:5678-efgh::"
TOKEN = "tok-0123456789abcdef"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "qiskit-ibm.json")


def write(path: str, data: Any) -> bytes:
    raw = json.dumps(data, sort_keys=True, indent=4).encode()
    Path(path).write_bytes(raw)
    return raw


# -- format ---------------------------------------------------------------------------------------------------------


def test_written_file_matches_the_official_layout_byte_for_byte(path: str) -> None:
    crn = "crn:v1:bluemix:public:quantum-computing:eu-de:a/x:y::"
    accounts.save_account(token="t", instance=crn, verify=True, filename=path, environ={})
    expected = (
        "{\n"
        '    "default-ibm-quantum-platform": {\n'
        '        "channel": "ibm_quantum_platform",\n'
        f'        "instance": "{crn}",\n'
        '        "private_endpoint": false,\n'
        '        "token": "t",\n'
        '        "url": "https://cloud.ibm.com",\n'
        '        "verify": true\n'
        "    }\n"
        "}"
    )
    assert Path(path).read_text() == expected


def test_keys_written_only_when_given(path: str) -> None:
    accounts.save_account(token=TOKEN, filename=path, private_endpoint=None, environ={})
    entry = json.loads(Path(path).read_text())["default-ibm-quantum-platform"]
    assert set(entry) == {"channel", "token", "url"}


def test_every_optional_field_is_written(path: str) -> None:
    accounts.save_account(
        token=TOKEN,
        url="https://test.cloud.ibm.com",
        instance=CRN,
        channel="ibm_cloud",
        filename=path,
        name="all",
        proxies={"urls": {"https": "http://p:8080"}, "username_ntlm": "u", "password_ntlm": "pw"},
        verify=False,
        private_endpoint=True,
        region="eu-de",
        plans_preference=("open", "premium"),
        tags=["a", "b"],
        environ={},
    )
    assert json.loads(Path(path).read_text())["all"] == {
        "channel": "ibm_cloud",
        "token": TOKEN,
        "url": "https://test.cloud.ibm.com",
        "instance": CRN,
        "proxies": {"urls": {"https": "http://p:8080"}, "username_ntlm": "u", "password_ntlm": "pw"},
        "verify": False,
        "private_endpoint": True,
        "region": "eu-de",
        "plans_preference": ["open", "premium"],
        "tags": ["a", "b"],
    }


def test_per_channel_default_names(path: str) -> None:
    accounts.save_account(token=TOKEN, filename=path, environ={})
    accounts.save_account(token=TOKEN, channel="ibm_cloud", filename=path, environ={})
    assert list(json.loads(Path(path).read_text())) == ["default-ibm-cloud", "default-ibm-quantum-platform"]


def test_save_channel_falls_back_to_qiskit_ibm_channel(path: str) -> None:
    accounts.save_account(token=TOKEN, filename=path, environ={"QISKIT_IBM_CHANNEL": "ibm_cloud"})
    assert json.loads(Path(path).read_text())["default-ibm-cloud"]["channel"] == "ibm_cloud"


def test_default_file_is_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert accounts.default_account_file() == str(tmp_path / ".qiskit" / "qiskit-ibm.json")
    accounts.save_account(token=TOKEN, environ={})
    assert (tmp_path / ".qiskit" / "qiskit-ibm.json").is_file()
    assert accounts.resolve_filename("~/x.json") == str(tmp_path / "x.json")


# -- permissions, atomicity, never creating on read ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_file_is_0600_and_new_folder_0700(tmp_path: Path) -> None:
    target = tmp_path / "new" / "qiskit-ibm.json"
    accounts.save_account(token=TOKEN, filename=str(target), environ={})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(str(target) + ".lock").stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_existing_world_readable_file_is_tightened_and_existing_folder_left_alone(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    target = tmp_path / "qiskit-ibm.json"
    target.write_text("{}")
    target.chmod(0o644)
    accounts.save_account(token=TOKEN, filename=str(target), environ={})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


def test_read_only_file_is_never_written(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = write(path, {"a": {"channel": "ibm_cloud", "token": TOKEN}})
    os.chmod(path, 0o400)
    # Root ignores file modes, so the check is also exercised by pretending the file is not writable.
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    with pytest.raises(AccountFileError, match="read-only"):
        accounts.save_account(token=TOKEN, filename=path, environ={})
    assert Path(path).read_bytes() == raw


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    target = str(tmp_path / "file" / "qiskit-ibm.json")
    with pytest.raises(AccountFileError, match="Cannot write the account file"):
        accounts.save_account(token=TOKEN, filename=target, environ={})


def test_a_held_lock_times_out_with_a_clear_error(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_LOCK_TIMEOUT", 0.2)
    with exclusive_lock(os.path.realpath(path) + ".lock"), pytest.raises(AccountFileError, match="Cannot lock"):
        accounts.save_account(token=TOKEN, filename=path, environ={})
    accounts.save_account(token=TOKEN, filename=path, environ={})


def test_reading_never_creates_the_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "qiskit-ibm.json"
    assert accounts.saved_accounts(filename=str(target)) == {}
    assert accounts.read_accounts(str(target)) == {}
    assert accounts.delete_account(filename=str(target)) is False
    with pytest.raises(AccountNotFoundError, match="does not exist"):
        accounts.load_account("x", str(target))
    assert not (tmp_path / "missing").exists()


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    target = str(tmp_path / "qiskit-ibm.json")
    for i in range(5):
        accounts.save_account(token=TOKEN, filename=target, name=f"n{i}", environ={})
    accounts.delete_account(filename=target, name="n0")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qiskit-ibm.json", "qiskit-ibm.json.lock"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_symlinked_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "qiskit-ibm.json"
    link.symlink_to(real)
    accounts.save_account(token=TOKEN, filename=str(link), environ={})
    assert link.is_symlink()
    assert "default-ibm-quantum-platform" in json.loads(real.read_text())


# -- malformed files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"a": {"token": "x",}}', "line 1 column"),
        (b'{\n    "a": 1,\n    oops\n}', "line 3 column 5"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_malformed_file_raises_and_stays_byte_identical(path: str, content: bytes, fragment: str) -> None:
    Path(path).write_bytes(content)
    operations = [
        lambda: accounts.save_account(token=TOKEN, filename=path, environ={}),
        lambda: accounts.save_account(token=TOKEN, filename=path, overwrite=True, set_as_default=True, environ={}),
        lambda: accounts.delete_account(filename=path, name="a"),
        lambda: accounts.saved_accounts(filename=path),
        lambda: accounts.load_account("a", path),
        lambda: resolve_config(filename=path, environ={}),
        lambda: resolve_config(filename=path, name="a", environ={}),
    ]
    for operation in operations:
        with pytest.raises(AccountFileError) as info:
            operation()
        assert path in str(info.value)
        assert fragment in str(info.value)
        assert info.value.filename == path
        assert isinstance(info.value, QrtError)
        assert Path(path).read_bytes() == content


def test_json_error_names_the_position(path: str) -> None:
    Path(path).write_text('{"a": }')
    with pytest.raises(AccountFileError, match=r"line 1 column 7 \(char 6\)"):
        accounts.saved_accounts(filename=path)


def test_an_empty_file_holds_no_accounts(path: str) -> None:
    Path(path).write_text("  \n")
    assert accounts.saved_accounts(filename=path) == {}
    accounts.save_account(token=TOKEN, filename=path, environ={})
    assert list(accounts.saved_accounts(filename=path)) == ["default-ibm-quantum-platform"]


def test_invalid_entry_is_named_when_listed(path: str) -> None:
    write(path, {"broken": {"token": TOKEN}, "fine": {"channel": "ibm_cloud", "token": TOKEN}})
    with pytest.raises(InvalidAccountError, match=r"'broken' in .*no `channel`"):
        accounts.saved_accounts(filename=path)
    assert list(accounts.saved_accounts(filename=path, name="fine")) == ["fine"]


# -- unknown and legacy content ---------------------------------------------------------------------------------------


def test_unknown_entries_and_keys_are_kept(path: str) -> None:
    write(
        path,
        {
            "other": {"channel": "ibm_cloud", "token": TOKEN, "future_key": {"x": [1, 2]}},
            "not-an-account": [1, 2, 3],
            "mine": {"channel": "ibm_cloud", "token": "old", "region": "eu-de", "added_later": 7},
        },
    )
    accounts.save_account(
        token="new-token", channel="ibm_cloud", name="mine", overwrite=True, filename=path, environ={}
    )
    accounts.save_account(token=TOKEN, name="x", filename=path, environ={})
    accounts.delete_account(filename=path, name="x")
    assert sorted(accounts.saved_accounts(filename=path)) == ["mine", "other"]
    data = json.loads(Path(path).read_text())
    assert data["other"]["future_key"] == {"x": [1, 2]}
    assert data["not-an-account"] == [1, 2, 3]
    # An overwrite replaces what qrt knows (region is gone) and keeps what it doesn't.
    assert data["mine"] == {
        "channel": "ibm_cloud",
        "token": "new-token",
        "url": "https://cloud.ibm.com",
        "private_endpoint": False,
        "added_later": 7,
    }


LEGACY = {"channel": "ibm_quantum", "token": "legacy-token", "url": "https://auth.quantum-computing.ibm.com/api"}


def test_legacy_entries_are_kept_hidden_and_explained(path: str) -> None:
    write(path, {"default-ibm-quantum": LEGACY})
    accounts.save_account(token=TOKEN, filename=path, environ={})
    assert json.loads(Path(path).read_text())["default-ibm-quantum"] == LEGACY
    assert list(accounts.saved_accounts(filename=path)) == ["default-ibm-quantum-platform"]
    assert accounts.saved_accounts(filename=path, name="default-ibm-quantum") == {}
    with pytest.raises(RetiredChannelError) as info:
        accounts.load_account("default-ibm-quantum", path)
    message = str(info.value)
    assert "retired" in message and "save_account" in message and "quantum.cloud.ibm.com" in message
    assert "legacy-token" not in message
    assert accounts.delete_account(filename=path, name="default-ibm-quantum") is True


def test_retired_channel_is_rejected_everywhere(path: str) -> None:
    with pytest.raises(RetiredChannelError, match="retired"):
        accounts.save_account(token=TOKEN, channel="ibm_quantum", filename=path, environ={})
    with pytest.raises(RetiredChannelError, match="QISKIT_IBM_CHANNEL"):
        accounts.save_account(token=TOKEN, filename=path, environ={"QISKIT_IBM_CHANNEL": "ibm_quantum"})
    with pytest.raises(RetiredChannelError, match="pass its name"):
        accounts.delete_account(filename=path, channel="ibm_quantum")
    with pytest.raises(RetiredChannelError):
        accounts.saved_accounts(filename=path, channel="ibm_quantum")
    assert not Path(path).exists()


# -- overwrite and the default flag -----------------------------------------------------------------------------------


def test_existing_name_needs_overwrite(path: str) -> None:
    accounts.save_account(token=TOKEN, name="a", filename=path, environ={})
    before = Path(path).read_bytes()
    with pytest.raises(AccountAlreadyExistsError, match=r"'a' already exists.*overwrite=True"):
        accounts.save_account(token="other-token", name="a", filename=path, environ={})
    assert Path(path).read_bytes() == before
    accounts.save_account(token="other-token", name="a", filename=path, overwrite=True, environ={})
    assert accounts.saved_accounts(filename=path)["a"]["token"] == "other-token"


def test_moving_the_default_flag_needs_overwrite(path: str) -> None:
    accounts.save_account(token=TOKEN, name="a", set_as_default=True, filename=path, environ={})
    before = Path(path).read_bytes()
    with pytest.raises(AccountAlreadyExistsError, match=r"'a' is already the default.*make 'b' the default"):
        accounts.save_account(token=TOKEN, name="b", set_as_default=True, filename=path, environ={})
    assert Path(path).read_bytes() == before
    accounts.save_account(token=TOKEN, name="b", set_as_default=True, overwrite=True, filename=path, environ={})
    flagged = [n for n, e in json.loads(Path(path).read_text()).items() if e.get("is_default_account")]
    assert flagged == ["b"]


def test_overwriting_the_default_keeps_the_flag_unless_told(path: str) -> None:
    accounts.save_account(token=TOKEN, name="a", set_as_default=True, filename=path, environ={})
    accounts.save_account(token="rotated-token", name="a", overwrite=True, filename=path, environ={})
    assert json.loads(Path(path).read_text())["a"]["is_default_account"] is True
    accounts.save_account(token=TOKEN, name="a", overwrite=True, set_as_default=False, filename=path, environ={})
    assert "is_default_account" not in json.loads(Path(path).read_text())["a"]


def test_default_listing_includes_the_flagged_account(path: str) -> None:
    write(
        path,
        {
            "default-ibm-cloud": {"channel": "ibm_cloud", "token": TOKEN},
            "default-ibm-quantum-platform": {"channel": "ibm_quantum_platform", "token": TOKEN},
            "acct2": {"channel": "ibm_cloud", "token": TOKEN, "is_default_account": True},
            "named": {"channel": "ibm_quantum_platform", "token": TOKEN},
            "legacy": LEGACY,
        },
    )
    assert sorted(accounts.saved_accounts(filename=path, default=True)) == [
        "acct2",
        "default-ibm-cloud",
        "default-ibm-quantum-platform",
    ]
    assert list(accounts.saved_accounts(filename=path, default=False)) == ["named"]
    assert sorted(accounts.saved_accounts(filename=path, channel="ibm_cloud")) == ["acct2", "default-ibm-cloud"]
    assert list(accounts.saved_accounts(filename=path, default=True, channel="ibm_cloud", name="acct2")) == ["acct2"]
    assert accounts.saved_accounts(filename=path, name="acct2")["acct2"]["is_default_account"] is True


def test_listing_uses_the_official_key_order_and_defaults(path: str) -> None:
    write(path, {"a": {"url": "https://cloud.ibm.com", "channel": "ibm_cloud", "token": TOKEN, "tags": ["x"]}})
    listed = accounts.saved_accounts(filename=path)["a"]
    assert list(listed) == ["token", "verify", "channel", "url", "private_endpoint", "tags"]
    assert listed["verify"] is True and listed["private_endpoint"] is False


def test_delete_uses_the_per_channel_default_name(path: str) -> None:
    accounts.save_account(token=TOKEN, filename=path, environ={})
    accounts.save_account(token=TOKEN, channel="ibm_cloud", filename=path, environ={})
    assert accounts.delete_account(filename=path, channel="ibm_cloud") is True
    assert accounts.delete_account(filename=path, channel="ibm_cloud") is False
    assert accounts.delete_account(filename=path) is True
    assert json.loads(Path(path).read_text()) == {}


def test_delete_leaves_other_default_flags(path: str) -> None:
    accounts.save_account(token=TOKEN, name="a", set_as_default=True, filename=path, environ={})
    accounts.save_account(token=TOKEN, name="b", filename=path, environ={})
    accounts.delete_account(filename=path, name="b")
    assert json.loads(Path(path).read_text())["a"]["is_default_account"] is True


# -- validation ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"region": "jp-tok"}, InvalidAccountError, "'us-east' or 'eu-de'"),
        ({"plans_preference": "open"}, InvalidAccountError, "list of strings"),
        ({"tags": ["ok", 3]}, InvalidAccountError, "list of strings"),
        ({"url": "cloud.ibm.com"}, InvalidAccountError, "http(s) URL"),
        ({"url": "http://[::1"}, InvalidAccountError, "cannot be parsed"),
        ({"url": "https://cloud.ibm.com:port"}, InvalidAccountError, "cannot be parsed"),
        ({"instance": ""}, InvalidAccountError, "CRN"),
        ({"proxies": {"urls": ["a"]}}, InvalidAccountError, "dict mapping a protocol"),
        ({"proxies": {"username_ntlm": "u"}}, InvalidAccountError, "got username_ntlm without password_ntlm"),
        ({"proxies": {"password_ntlm": "secret-pw"}}, InvalidAccountError, "both"),
        ({"proxies": {"foo": 1}}, InvalidAccountError, "unknown `proxies` keys ['foo']"),
        ({"channel": "local"}, InvalidAccountError, "'local' needs no account"),
        ({"channel": "bogus"}, InvalidAccountError, "'ibm_quantum_platform'"),
        ({"verify": ""}, InvalidAccountError, "CA bundle"),
        ({"private_endpoint": "yes"}, InvalidAccountError, "True or False"),
        ({"name": ""}, InvalidAccountError, "non-empty"),
    ],
)
def test_invalid_values_are_rejected_with_clear_errors(
    path: str, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error) as info:
        accounts.save_account(**{"token": TOKEN, "filename": path, "environ": {}, **kwargs})
    assert fragment in str(info.value)
    assert isinstance(info.value, ConfigurationError)
    assert "secret-pw" not in str(info.value)
    assert not Path(path).exists()


@pytest.mark.parametrize("token", [None, "", 42])
def test_token_errors_never_show_the_value(path: str, token: object) -> None:
    with pytest.raises(InvalidAccountError, match="non-empty string") as info:
        accounts.save_account(token=token, filename=path, environ={})  # type: ignore[arg-type]
    assert "42" not in str(info.value)


# -- properties -----------------------------------------------------------------------------------------------------

names = st.text(min_size=1, max_size=40)
tokens = st.text(min_size=1, max_size=400)
str_lists = st.lists(st.text(max_size=12), max_size=4)
optional_fields = st.fixed_dictionaries(
    {},
    optional={
        "url": st.sampled_from(["https://cloud.ibm.com", "https://test.cloud.ibm.com", "http://127.0.0.1:8000"]),
        "instance": st.one_of(st.just(CRN), st.just("auto"), st.text(min_size=1, max_size=30)),
        "channel": st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
        "proxies": st.fixed_dictionaries(
            {"urls": st.dictionaries(st.sampled_from(["http", "https", "https://h"]), st.text(max_size=20))},
            optional={"username_ntlm": st.just("user"), "password_ntlm": st.just("pw")},
        ).filter(lambda p: ("username_ntlm" in p) == ("password_ntlm" in p)),
        "verify": st.booleans(),
        "private_endpoint": st.booleans(),
        "region": st.sampled_from(["us-east", "eu-de"]),
        "plans_preference": str_lists,
        "tags": str_lists,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, token=tokens, fields=optional_fields)
def test_save_then_load_round_trips_any_valid_account(name: str, token: str, fields: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "qiskit-ibm.json")
        accounts.save_account(token=token, name=name, filename=path, environ={}, **fields)
        listed = accounts.saved_accounts(filename=path)
        assert list(listed) == [name]
        saved = listed[name]
        assert saved["token"] == token
        assert saved["channel"] == fields.get("channel", "ibm_quantum_platform")
        assert saved["url"] == fields.get("url", "https://cloud.ibm.com")
        assert saved["verify"] == fields.get("verify", True)
        assert saved["private_endpoint"] == fields.get("private_endpoint", False)
        for key in ("instance", "proxies", "region", "plans_preference", "tags"):
            assert saved.get(key) == fields.get(key)
        loaded = accounts.load_account(name, path)
        assert loaded.token == token and loaded.name == name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["save", "delete"]), st.sampled_from("abcd")), max_size=12))
def test_any_sequence_of_saves_and_deletes_keeps_the_file_valid(ops: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "qiskit-ibm.json")
        model: set[str] = set()
        for op, name in ops:
            if op == "save":
                accounts.save_account(token=TOKEN, name=name, overwrite=True, filename=path, environ={})
                model.add(name)
            else:
                assert accounts.delete_account(filename=path, name=name) is (name in model)
                model.discard(name)
            assert set(accounts.read_accounts(path)) == model


# -- concurrency ----------------------------------------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from qrt import accounts
    path, worker, start = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    deadline = time.monotonic() + 30
    while not os.path.exists(start) and time.monotonic() < deadline:
        time.sleep(0.001)
    for i in range(25):
        accounts.save_account(token=f"token-{worker}-{i}", name=f"w{worker}-{i}", filename=path, environ={})
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_concurrent_writers_lose_nothing_and_the_file_always_parses(tmp_path: Path) -> None:
    path = tmp_path / "qiskit-ibm.json"
    start = tmp_path / "start"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(w), str(start)], env=env, cwd=tmp_path)
        for w in range(8)
    ]
    try:
        time.sleep(0.3)  # let the interpreters start, so the writes overlap
        start.touch()
        reads = 0
        deadline = time.monotonic() + 60
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            if path.exists():
                json.loads(path.read_text())  # a reader without the lock never sees half a file
                reads += 1
        codes = [p.wait(timeout=max(1.0, deadline - time.monotonic())) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert codes == [0] * 8
    data = json.loads(path.read_text())
    assert len(data) == 200
    assert all(data[f"w{w}-{i}"]["token"] == f"token-{w}-{i}" for w in range(8) for i in range(25))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert reads > 0


def test_a_key_passed_in_the_wrong_argument_is_not_echoed() -> None:
    from qrt.service import Service

    key = "SuperSecretApiKey0123456789abcdef"
    for call in (lambda: Service(key), lambda: Service(channel="ibm_cloud", token="t" * 20, url=key),
                 lambda: Service(token="t" * 20, url=f"https://user:{key}@host.test:bad")):
        with pytest.raises(InvalidAccountError) as info:
            call()
        assert key not in str(info.value)
    with pytest.raises(InvalidAccountError, match="'quantum'"):
        Service("quantum")  # a short value that cannot be a key is still shown
