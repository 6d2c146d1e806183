"""``qrt.Service``: the official signatures, the account static methods, the config it keeps, light imports."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qrt.config import ResolvedConfig, resolve_config
from qrt.errors import AccountNotFoundError, ConfigurationError, RetiredChannelError
from qrt.service import Service

CRN = "crn:v1:bluemix:public:quantum-computing:eu-de:a/1234abcd:5678-efgh::"
TOKEN = "ApiKey-0123456789-abcdefghij-WXYZ"
REPO = Path(__file__).resolve().parent.parent

# The official QiskitRuntimeService 0.51.0 signatures (official-sdk-behavior.md §1.2-§1.5).
OFFICIAL = {
    "__init__": [
        ("channel", None),
        ("token", None),
        ("url", None),
        ("filename", None),
        ("name", None),
        ("instance", None),
        ("proxies", None),
        ("verify", None),
        ("private_endpoint", None),
        ("url_resolver", None),
        ("region", None),
        ("plans_preference", None),
        ("tags", None),
    ],
    "save_account": [
        ("token", None),
        ("url", None),
        ("instance", None),
        ("channel", None),
        ("filename", None),
        ("name", None),
        ("proxies", None),
        ("verify", None),
        ("overwrite", False),
        ("set_as_default", None),
        ("private_endpoint", False),
        ("region", None),
        ("plans_preference", None),
        ("tags", None),
    ],
    "saved_accounts": [("default", None), ("channel", None), ("filename", None), ("name", None)],
    "delete_account": [("filename", None), ("name", None), ("channel", None)],
}


@pytest.mark.parametrize("method", sorted(OFFICIAL))
def test_official_signatures(method: str) -> None:
    params = [p for p in inspect.signature(getattr(Service, method)).parameters.values() if p.name != "self"]
    assert [(p.name, p.default) for p in params] == OFFICIAL[method]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params)


def test_account_methods_are_static(tmp_path: Path) -> None:
    path = str(tmp_path / "qiskit-ibm.json")
    Service.save_account(TOKEN, None, CRN, None, path, "mine", set_as_default=True)
    assert Service.saved_accounts(filename=path, default=True)["mine"]["instance"] == CRN
    assert Service.saved_accounts(None, "ibm_cloud", path) == {}
    assert Service.delete_account(path, "mine") is True
    assert Service.delete_account(path, "mine") is False
    assert json.loads(Path(path).read_text()) == {}


def test_service_keeps_the_resolved_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    monkeypatch.delenv("QRT_RUNTIME_URL", raising=False)
    path = str(tmp_path / "qiskit-ibm.json")
    Service.save_account(token=TOKEN, instance=CRN, filename=path, name="mine", private_endpoint=True)
    service = Service(name="mine", filename=path)
    assert isinstance(service.config, ResolvedConfig)
    assert service.channel == "ibm_quantum_platform"
    assert service.config.runtime_url == "https://private.eu-de.quantum.cloud.ibm.com/api/v1"
    assert service.config.account_name == "mine"


def test_active_account_redacts_the_token_unless_asked(tmp_path: Path) -> None:
    ntlm = {"urls": {"https": "http://p:1"}, "username_ntlm": "u", "password_ntlm": "ntlm-password"}
    # NTLM cannot be used over the wire (httpx has none): the Service refuses it at construction, naming the fix.
    with pytest.raises(ConfigurationError, match="NTLM") as info:
        Service(token=TOKEN, instance=CRN, proxies=ntlm)
    assert "ntlm-password" not in str(info.value) and TOKEN not in str(info.value)
    # The resolved configuration still carries it, redacted, as the saved-format account shows.
    config = resolve_config(token=TOKEN, instance=CRN, proxies=ntlm, region="eu-de", tags=["t"], environ={})
    assert config.saved_format()["proxies"]["password_ntlm"] == "****"
    assert config.saved_format(reveal=True)["proxies"]["password_ntlm"] == "ntlm-password"

    service = Service(token=TOKEN, instance=CRN, proxies={"urls": {"https": "http://p:1"}}, region="eu-de",
                      tags=["t"])
    redacted = service.active_account()
    assert list(redacted) == [
        "token",
        "instance",
        "proxies",
        "verify",
        "channel",
        "url",
        "private_endpoint",
        "region",
        "tags",
    ]
    assert redacted["token"] == "****WXYZ"
    revealed = service.active_account(include_token=True)
    assert revealed["token"] == TOKEN
    assert {k: v for k, v in revealed.items() if k != "token"} == {k: v for k, v in redacted.items() if k != "token"}


def test_repr_has_no_secret() -> None:
    service = Service(token=TOKEN, instance=CRN)
    text = repr(service)
    assert TOKEN not in text and "****" not in text
    assert "eu-de.quantum.cloud.ibm.com" in text


def test_local_works_by_keyword_and_positionally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A broken account file and environment would fail any read: local reads neither.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("QISKIT_IBM_CHANNEL", "ibm_quantum")
    (tmp_path / ".qiskit").mkdir()
    (tmp_path / ".qiskit" / "qiskit-ibm.json").write_text("{broken")
    for service in (Service("local"), Service(channel="local")):
        assert service.channel == "local"
        assert service.config.is_local
        assert repr(service) == "<Service channel='local'>"
        assert service.active_account() == {"channel": "local"}


def test_retired_channel_positionally() -> None:
    with pytest.raises(RetiredChannelError):
        Service("ibm_quantum", TOKEN)


def test_no_account_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    monkeypatch.delenv("QISKIT_IBM_CHANNEL", raising=False)
    with pytest.raises(AccountNotFoundError):
        Service()
    assert not (tmp_path / ".qiskit").exists()


def test_importing_the_service_stays_light() -> None:
    script = textwrap.dedent(
        """
        import sys
        import qrt
        qrt.Service, qrt.ResolvedConfig, qrt.default_runtime_url_resolver
        qrt.Service("local")
        heavy = [m for m in sys.modules if m.split(".")[0] in ("qiskit", "qiskit_aer", "qiskit_ibm_runtime", "httpx")]
        heavy += [m for m in sys.modules if m.startswith("qrt_api.api")]
        print(heavy)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "[]"
