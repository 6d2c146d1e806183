"""Interop with the official SDK (qiskit-ibm-runtime, from the dev extra) as an oracle.

Files either library writes load in the other with the same values, both write the same bytes, both pick the same
saved account, and both runtime URL resolvers agree on every valid input.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qrt import accounts
from qrt.config import ResolvedConfig, default_runtime_url_resolver, resolve_config
from qrt.errors import AccountNotFoundError, ConfigurationError, RetiredChannelError

pytestmark = pytest.mark.interop

# The official SDK reads these from os.environ; each example sets exactly what it means to.
_OFFICIAL_VARS = ("QISKIT_IBM_TOKEN", "QISKIT_IBM_URL", "QISKIT_IBM_INSTANCE", "QISKIT_IBM_CHANNEL", "IAM_URL")


@pytest.fixture(scope="module")
def official() -> SimpleNamespace:
    # Imported here, not at collection, so `-m "not interop"` stays fast.
    service = importlib.import_module("qiskit_ibm_runtime").QiskitRuntimeService
    return SimpleNamespace(
        service=service,
        manager=importlib.import_module("qiskit_ibm_runtime.accounts").AccountManager,
        errors=importlib.import_module("qiskit_ibm_runtime.accounts.exceptions"),
        resolver=importlib.import_module("qiskit_ibm_runtime.api.utils").default_runtime_url_resolver,
    )


@contextmanager
def official_environment(values: Mapping[str, str]) -> Iterator[None]:
    clean = {k: v for k, v in os.environ.items() if k not in _OFFICIAL_VARS}
    with mock.patch.dict(os.environ, {**clean, **values}, clear=True):
        yield


@contextmanager
def account_file() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield os.path.join(folder, "qiskit-ibm.json")


CRN_E = "crn:v1:bluemix:public:quantum-computing:us-east:a/1234abcd:5678-efgh::"
CRN_D = CRN_E.replace("us-east", "eu-de")
str_lists = st.lists(st.text(max_size=8), max_size=3)
account_kwargs = st.fixed_dictionaries(
    {"token": st.text(min_size=1, max_size=80), "name": st.text(min_size=1, max_size=20)},
    optional={
        "url": st.sampled_from(["https://cloud.ibm.com", "https://test.cloud.ibm.com", "http://127.0.0.1:8000"]),
        "instance": st.sampled_from([CRN_E, CRN_D, "my-instance", "auto"]),
        "channel": st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
        "proxies": st.one_of(
            st.fixed_dictionaries({"urls": st.just({"https": "http://proxy:3128"})}),
            st.just({"urls": {"http": "http://p:1"}, "username_ntlm": "user", "password_ntlm": "pw"}),
        ),
        "verify": st.booleans(),
        "private_endpoint": st.booleans(),
        "region": st.sampled_from(["us-east", "eu-de"]),
        "plans_preference": str_lists,
        "tags": str_lists,
        "set_as_default": st.booleans(),
    },
)


def qrt_listing(path: str) -> dict[str, dict[str, Any]]:
    listing = accounts.saved_accounts(filename=path)
    for value in listing.values():
        value.pop("is_default_account", None)  # qrt shows the flag; the official listing drops it
    return listing


def assert_same_account(config: ResolvedConfig, account: Any) -> None:
    assert config.token is not None and config.token.reveal() == account.token
    assert config.channel == account.channel
    assert config.url == account.url
    if account.instance == "auto":
        assert config.instance is None and config.instance_auto
    else:
        assert config.instance == account.instance
    assert config.private_endpoint == account.private_endpoint
    assert config.verify == account.verify
    assert config.region == account.region
    assert config.plans_preference == tuple(account.plans_preference or ())
    assert config.tags == tuple(account.tags or ())
    if account.proxies is None:
        assert config.proxies is None
    else:
        assert config.proxies is not None
        assert config.proxies.to_dict(reveal=True) == account.proxies.to_dict()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kwargs=account_kwargs)
def test_files_the_official_sdk_writes_load_in_qrt(official: SimpleNamespace, kwargs: dict[str, Any]) -> None:
    with account_file() as path, official_environment({}):
        official.service.save_account(filename=path, **kwargs)
        assert qrt_listing(path) == official.service.saved_accounts(filename=path)
        config = resolve_config(name=kwargs["name"], filename=path, environ={})
        assert_same_account(config, official.manager.get(filename=path, name=kwargs["name"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kwargs=account_kwargs)
def test_files_qrt_writes_load_in_the_official_sdk(official: SimpleNamespace, kwargs: dict[str, Any]) -> None:
    with account_file() as path, official_environment({}):
        accounts.save_account(filename=path, environ={}, **kwargs)
        assert official.service.saved_accounts(filename=path) == qrt_listing(path)
        config = resolve_config(name=kwargs["name"], filename=path, environ={})
        assert_same_account(config, official.manager.get(filename=path, name=kwargs["name"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    saves=st.lists(account_kwargs, min_size=1, max_size=4, unique_by=lambda k: k["name"]).filter(
        lambda saves: sum(bool(k.get("set_as_default")) for k in saves) <= 1
    )
)
def test_both_write_the_same_bytes(official: SimpleNamespace, saves: list[dict[str, Any]]) -> None:
    with account_file() as theirs, account_file() as ours, official_environment({}):
        for kwargs in saves:
            official.service.save_account(filename=theirs, **kwargs)
            accounts.save_account(filename=ours, environ={}, **kwargs)
        assert Path(ours).read_bytes() == Path(theirs).read_bytes()
        assert official.service.delete_account(filename=theirs, name=saves[0]["name"])
        assert accounts.delete_account(filename=ours, name=saves[0]["name"])
        assert Path(ours).read_bytes() == Path(theirs).read_bytes()


entry = st.builds(
    lambda token, channel, flagged: {
        "channel": channel,
        "token": token,
        "url": "https://cloud.ibm.com",
        **({"is_default_account": True} if flagged else {}),
    },
    st.text("abcdefgh", min_size=1, max_size=6),
    st.sampled_from(["ibm_quantum_platform", "ibm_cloud", "ibm_quantum"]),
    st.booleans(),
)
file_contents = st.dictionaries(
    st.sampled_from(["default-ibm-quantum-platform", "default-ibm-cloud", "default", "a", "b", "z"]), entry, max_size=5
)
environments = st.fixed_dictionaries(
    {},
    optional={
        "QISKIT_IBM_TOKEN": st.just("from-env"),
        "QISKIT_IBM_CHANNEL": st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=file_contents,
    environ=environments,
    channel=st.none() | st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
)
def test_both_pick_the_same_account(
    official: SimpleNamespace, data: dict[str, Any], environ: dict[str, str], channel: str | None
) -> None:
    with account_file() as path, official_environment(environ):
        Path(path).write_text(json.dumps(data, sort_keys=True, indent=4))
        try:
            theirs = official.manager.get(filename=path, channel=channel)
        except official.errors.AccountNotFoundError:
            with pytest.raises(AccountNotFoundError):
                resolve_config(filename=path, channel=channel, environ=environ)
            return
        except official.errors.InvalidAccountError as exc:
            assert "ibm_quantum'" in str(exc)  # a legacy account was picked: qrt says the channel was retired
            with pytest.raises(RetiredChannelError):
                resolve_config(filename=path, channel=channel, environ=environ)
            return
        ours = resolve_config(filename=path, channel=channel, environ=environ)
        assert ours.token is not None and ours.token.reveal() == theirs.token
        if channel is None:
            assert ours.channel == theirs.channel


hosts = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8), min_size=1, max_size=4).map(
    ".".join
)
urls = st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    hosts | st.sampled_from(["CLOUD.IBM.COM", "experimental.cloud.ibm.com", "my-experimental-host"]),
    st.sampled_from(["", ":8443", ":1"]),
    st.sampled_from(["", "/", "/api", "/some/path"]),
)
instances = st.one_of(
    st.builds(
        "crn:v1:{}:public:quantum-computing:{}:{}".format,
        st.sampled_from(["bluemix", "staging", "x"]),
        st.sampled_from(["us-east", "eu-de", "jp-tok", "us-south", "ca-tor"]) | st.text("abc-12", min_size=1),
        st.sampled_from(["a/1234:5678::", "a/1:2:3", ":", ""]),
    ),
    st.none(),
    st.text(max_size=20).filter(lambda s: not s.startswith("crn:")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    url=urls,
    instance=instances,
    private=st.sampled_from([False, True, None]),
    channel=st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
)
def test_both_resolvers_agree(
    official: SimpleNamespace, url: str, instance: str | None, private: bool | None, channel: str
) -> None:
    assert default_runtime_url_resolver(url, instance, private, channel) == official.resolver(
        url, instance, private, channel
    )


@pytest.mark.parametrize(("url", "instance"), [("https://cloud.ibm.com", "crn:a:b"), ("cloud.ibm.com", CRN_E)])
def test_where_the_official_resolver_fails_qrt_says_why(official: SimpleNamespace, url: str, instance: str) -> None:
    try:
        theirs = official.resolver(url, instance)
    except AttributeError:
        theirs = None
    assert theirs in (None, "://quantum.None/api/v1")
    with pytest.raises(ConfigurationError):
        default_runtime_url_resolver(url, instance)
