"""Resolving arguments, environment and saved accounts: precedence, provenance, validation and secrecy."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qrt import accounts
from qrt.config import ProxyConfig, ResolvedConfig, Secret, Source, resolve_config
from qrt.errors import (
    AccountNotFoundError,
    ConfigurationError,
    InvalidAccountError,
    QrtError,
    RetiredChannelError,
)

CRN_E = "crn:v1:bluemix:public:quantum-computing:us-east:a/1234abcd:5678-efgh::"
CRN_D = "crn:v1:bluemix:public:quantum-computing:eu-de:a/1234abcd:5678-efgh::"


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "qiskit-ibm.json")


def write(path: str, data: Mapping[str, Any]) -> None:
    Path(path).write_text(json.dumps(data, sort_keys=True, indent=4))


def entry(token: str, channel: str = "ibm_quantum_platform", **extra: Any) -> dict[str, Any]:
    return {"channel": channel, "token": token, "url": "https://cloud.ibm.com", **extra}


# The file observed in the reference (official-sdk-behavior.md §1.5).
OBSERVED = {
    "default-ibm-quantum-platform": entry("t_iqp"),
    "default-ibm-cloud": entry("t_cloud", "ibm_cloud"),
    "named": entry("t_named"),
    "cloud_def": entry("t_cloud_def", "ibm_cloud", is_default_account=True),
    "legacy": {"channel": "ibm_quantum", "token": "t_legacy"},
}
ENV = {"QISKIT_IBM_TOKEN": "t_env", "QISKIT_IBM_URL": "https://test.cloud.ibm.com", "QISKIT_IBM_INSTANCE": CRN_D}


def token_of(config: ResolvedConfig) -> str:
    assert config.token is not None
    return config.token.reveal()


# -- the official precedence ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "environ", "expected_token", "expected_channel"),
    [
        ({}, {}, "t_cloud_def", "ibm_cloud"),
        ({"channel": "ibm_quantum_platform"}, {}, "t_iqp", "ibm_quantum_platform"),
        ({"channel": "ibm_cloud"}, {}, "t_cloud_def", "ibm_cloud"),
        ({}, ENV, "t_env", "ibm_quantum_platform"),
        ({"channel": "ibm_cloud"}, ENV, "t_env", "ibm_cloud"),
        ({"name": "named"}, ENV, "t_named", "ibm_quantum_platform"),
        ({"token": "t_arg"}, ENV, "t_arg", "ibm_quantum_platform"),
        ({"token": "t_arg", "channel": "ibm_cloud"}, {}, "t_arg", "ibm_cloud"),
    ],
)
def test_the_observed_precedence_table(
    path: str, kwargs: dict[str, Any], environ: dict[str, str], expected_token: str, expected_channel: str
) -> None:
    write(path, OBSERVED)
    config = resolve_config(filename=path, environ=environ, **kwargs)
    assert token_of(config) == expected_token
    assert config.channel == expected_channel


def test_qiskit_ibm_channel_picks_the_per_channel_default(path: str) -> None:
    write(path, {k: v for k, v in OBSERVED.items() if k != "cloud_def"})
    config = resolve_config(filename=path, environ={"QISKIT_IBM_CHANNEL": "ibm_cloud"})
    assert token_of(config) == "t_cloud"
    assert config.account_name == "default-ibm-cloud"


def test_an_account_of_another_channel_is_not_found(path: str) -> None:
    write(path, {"acc1": entry("t1", "ibm_cloud")})
    with pytest.raises(AccountNotFoundError, match="'ibm_quantum_platform'"):
        resolve_config(filename=path, environ={})
    assert token_of(resolve_config(filename=path, channel="ibm_cloud", environ={})) == "t1"


def test_the_last_account_of_the_channel_is_the_last_resort(path: str) -> None:
    write(path, {"a": entry("t_a"), "b": entry("t_b"), "c": entry("t_c", "ibm_cloud")})
    assert token_of(resolve_config(filename=path, environ={})) == "t_b"


def test_the_environment_account_keeps_what_the_official_one_drops(path: str, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    environ = {
        **ENV,
        "QISKIT_IBM_CHANNEL": "ibm_cloud",
        "QISKIT_IBM_PRIVATE_ENDPOINT": "yes",
        "QISKIT_IBM_REGION": "eu-de",
        "QISKIT_IBM_VERIFY": str(bundle),
        "QISKIT_IBM_PROXY": "http://proxy.example.com:3128",
        "QISKIT_IBM_PLANS_PREFERENCE": "open, premium",
        "QISKIT_IBM_TAGS": "a,b,",
    }
    config = resolve_config(filename=path, environ=environ)
    assert token_of(config) == "t_env"
    assert config.channel == "ibm_cloud"
    assert config.url == "https://test.cloud.ibm.com"
    assert config.instance == CRN_D
    assert config.private_endpoint is True
    assert config.runtime_url == "https://private.eu-de.quantum.test.cloud.ibm.com/api/v1"
    assert config.region == "eu-de"
    assert config.verify == str(bundle)
    assert config.proxies == ProxyConfig(
        urls={"http": "http://proxy.example.com:3128", "https": "http://proxy.example.com:3128"}
    )
    assert config.plans_preference == ("open", "premium")
    assert config.tags == ("a", "b")
    assert config.trust_env is False
    for name, var in [
        ("token", "QISKIT_IBM_TOKEN"),
        ("channel", "QISKIT_IBM_CHANNEL"),
        ("private_endpoint", "QISKIT_IBM_PRIVATE_ENDPOINT"),
        ("proxies", "QISKIT_IBM_PROXY"),
    ]:
        assert config.source(name) == Source("environment", var)
    assert not Path(path).exists()


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), ("no", False), ("0", False)])
def test_boolean_variables(value: str, expected: bool) -> None:
    env = {"QISKIT_IBM_TOKEN": "t", "QISKIT_IBM_PRIVATE_ENDPOINT": value}
    assert resolve_config(environ=env).private_endpoint is expected


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("QISKIT_IBM_PRIVATE_ENDPOINT", "maybe", "QISKIT_IBM_PRIVATE_ENDPOINT is 'maybe'"),
        ("QISKIT_IBM_REGION", "jp-tok", "QISKIT_IBM_REGION: invalid `region`"),
        ("QISKIT_IBM_URL", "cloud.ibm.com", "QISKIT_IBM_URL"),
        ("QISKIT_IBM_PROXY", "proxy:3128", "QISKIT_IBM_PROXY"),
        ("QISKIT_IBM_VERIFY", "/no/such/ca.pem", "QISKIT_IBM_VERIFY names the CA bundle"),
        ("QISKIT_IBM_CHANNEL", "bogus", "QISKIT_IBM_CHANNEL"),
        ("QRT_MAX_RETRIES", "-1", "QRT_MAX_RETRIES"),
        ("QRT_TRUST_ENV", "perhaps", "QRT_TRUST_ENV"),
        ("IAM_URL", "iam", "IAM_URL"),
    ],
)
def test_bad_variables_are_named(variable: str, value: str, fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment.replace("(", r"\(")):
        resolve_config(environ={"QISKIT_IBM_TOKEN": "t", variable: value})


def test_a_proxy_password_never_shows(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve_config(environ={"QISKIT_IBM_TOKEN": "t", "QISKIT_IBM_PROXY": "ftp://u:hunter2@proxy"})
    assert "hunter2" not in str(info.value) and "u:****@proxy" in str(info.value)
    config = resolve_config(
        token="t",
        proxies={"urls": {"https": "http://u:hunter2@proxy:1"}, "username_ntlm": "n", "password_ntlm": "hunter2"},
        environ={},
    )
    for text in (repr(config), str(config), config.describe(), repr(config.proxies)):
        assert "hunter2" not in text
    assert config.proxies is not None
    assert config.proxies.to_dict(reveal=True)["password_ntlm"] == "hunter2"


def test_environment_variables_without_a_token_are_reported(path: str, caplog: pytest.LogCaptureFixture) -> None:
    write(path, {"default-ibm-quantum-platform": entry("t_file")})
    with caplog.at_level(logging.WARNING, logger="qrt"):
        config = resolve_config(filename=path, environ={"QISKIT_IBM_REGION": "eu-de", "QISKIT_IBM_URL": "x"})
    assert token_of(config) == "t_file" and config.region is None
    assert "QISKIT_IBM_URL, QISKIT_IBM_REGION set without QISKIT_IBM_TOKEN" in caplog.text


def test_empty_variables_count_as_unset(path: str) -> None:
    write(path, {"default-ibm-quantum-platform": entry("t_file")})
    config = resolve_config(filename=path, environ={"QISKIT_IBM_TOKEN": "", "QISKIT_IBM_CHANNEL": ""})
    assert token_of(config) == "t_file"


# -- explicit arguments win -----------------------------------------------------------------------------------------


def test_arguments_override_a_named_account(path: str, tmp_path: Path) -> None:
    write(path, {"n": entry("t_file", "ibm_cloud", instance=CRN_E, private_endpoint=True, region="eu-de", tags=["x"])})
    config = resolve_config(
        name="n",
        filename=path,
        token="t_arg",
        channel="ibm_quantum_platform",
        url="https://test.cloud.ibm.com",
        instance=CRN_D,
        private_endpoint=False,
        region="us-east",
        tags=[],
        verify=False,
        environ={},
    )
    assert token_of(config) == "t_arg"
    assert config.channel == "ibm_quantum_platform"
    assert config.runtime_url == "https://eu-de.quantum.test.cloud.ibm.com/api/v1"
    assert (config.region, config.tags, config.verify) == ("us-east", (), False)
    assert all(
        config.source(f) == Source("argument")
        for f in ("token", "channel", "url", "instance", "private_endpoint", "region", "tags", "verify")
    )
    assert config.account_name == "n"


def test_url_alone_overrides_the_default_account(path: str) -> None:
    write(path, {"default-ibm-quantum-platform": entry("t_file", instance=CRN_E)})
    config = resolve_config(url="https://test.cloud.ibm.com", filename=path, environ={})
    assert config.runtime_url == "https://quantum.test.cloud.ibm.com/api/v1"
    assert token_of(config) == "t_file"


def test_instance_auto(path: str) -> None:
    write(path, {"default-ibm-quantum-platform": entry("t", instance="auto"), "x": entry("t", instance=CRN_E)})
    saved = resolve_config(filename=path, environ={})
    assert saved.instance is None and saved.instance_auto is True
    assert saved.source("instance_auto").kind == "account"
    explicit = resolve_config(name="x", instance="auto", filename=path, environ={})
    assert explicit.instance is None and explicit.instance_auto is True and explicit.runtime_url is None
    assert explicit.saved_format()["instance"] == "auto"
    env = resolve_config(environ={"QISKIT_IBM_TOKEN": "t", "QISKIT_IBM_INSTANCE": "auto"})
    assert env.instance_auto is True


st_crn = st.builds(
    "crn:v1:bluemix:public:quantum-computing:{}:a/{}:{}::".format,
    st.sampled_from(["us-east", "eu-de"]),
    st.text("0123456789abcdef", min_size=1, max_size=8),
    st.text("0123456789abcdef", min_size=1, max_size=8),
)
st_token = st.text(min_size=1, max_size=60)
st_entry = st.builds(
    lambda token, channel, flagged, instance: entry(
        token,
        channel,
        **({"is_default_account": True} if flagged else {}),
        **({"instance": instance} if instance else {}),
    ),
    st_token,
    st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
    st.booleans(),
    st.none() | st_crn,
)
st_names = st.sampled_from(["default-ibm-quantum-platform", "default-ibm-cloud", "a", "b", "c"])
st_file = st.dictionaries(st_names, st_entry, max_size=5)
st_arguments = st.fixed_dictionaries(
    {},
    optional={
        "channel": st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
        "token": st_token,
        "url": st.sampled_from(["https://cloud.ibm.com", "https://test.cloud.ibm.com"]),
        "instance": st_crn | st.just("auto") | st.text(min_size=1, max_size=10).filter(lambda s: s != "auto"),
        "private_endpoint": st.booleans(),
        "verify": st.booleans(),
        "region": st.sampled_from(["us-east", "eu-de"]),
        "plans_preference": st.lists(st.text(max_size=5), max_size=3),
        "tags": st.lists(st.text(max_size=5), max_size=3),
        "proxies": st.just({"urls": {"https": "http://proxy:1"}}),
    },
)
st_environ = st.fixed_dictionaries(
    {},
    optional={
        "QISKIT_IBM_TOKEN": st_token,
        "QISKIT_IBM_URL": st.just("https://test.cloud.ibm.com"),
        "QISKIT_IBM_INSTANCE": st_crn,
        "QISKIT_IBM_CHANNEL": st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]),
        "QISKIT_IBM_PRIVATE_ENDPOINT": st.sampled_from(["true", "false"]),
        "QISKIT_IBM_REGION": st.sampled_from(["us-east", "eu-de"]),
    },
)


def _temp_file(data: Mapping[str, Any]) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "qiskit-ibm.json")
        if data:
            write(target, data)
        yield target


def _resolve(data: Mapping[str, Any], **kwargs: Any) -> ResolvedConfig | QrtError:
    for target in _temp_file(data):
        try:
            return resolve_config(filename=target, **kwargs)
        except QrtError as exc:
            return exc
    raise AssertionError("unreachable")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st_file, arguments=st_arguments, environ=st_environ, use_name=st.booleans())
def test_an_explicit_argument_always_wins(
    data: dict[str, Any], arguments: dict[str, Any], environ: dict[str, str], use_name: bool
) -> None:
    if use_name and data:
        arguments = {**arguments, "name": sorted(data)[0]}
    result = _resolve(data, environ=environ, **arguments)
    if isinstance(result, AccountNotFoundError):
        assert "token" not in arguments and "QISKIT_IBM_TOKEN" not in environ
        return
    assert isinstance(result, ResolvedConfig), result
    config = result
    for key, value in arguments.items():
        if key == "name":
            assert config.account_name == value
            continue
        assert config.source(key) == Source("argument"), key
        if key == "token":
            assert token_of(config) == value
        elif key == "instance" and value == "auto":
            assert config.instance is None and config.instance_auto
        elif key == "proxies":
            assert config.proxies == ProxyConfig(urls=value["urls"])
        elif key in ("plans_preference", "tags"):
            assert getattr(config, key) == tuple(value)
        else:
            assert getattr(config, key) == value, key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st_file, env_token=st_token, name=st.none() | st_names)
def test_the_environment_beats_the_file_unless_a_name_is_given(
    data: dict[str, Any], env_token: str, name: str | None
) -> None:
    result = _resolve(data, name=name, environ={"QISKIT_IBM_TOKEN": env_token})
    if name is None:
        assert isinstance(result, ResolvedConfig)
        assert token_of(result) == env_token and result.source("token").detail == "QISKIT_IBM_TOKEN"
        assert result.account_name is None
    elif name in data:
        assert isinstance(result, ResolvedConfig)
        assert token_of(result) == data[name]["token"] and result.account_name == name
    else:
        assert isinstance(result, AccountNotFoundError)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st_file, channel=st.none() | st.sampled_from(["ibm_quantum_platform", "ibm_cloud"]))
def test_the_flagged_default_beats_the_per_channel_names(data: dict[str, Any], channel: str | None) -> None:
    result = _resolve(data, channel=channel, environ={})
    in_file_order = sorted(data)  # the file is written with sorted keys
    flagged = [k for k in in_file_order if data[k].get("is_default_account") and channel in (None, data[k]["channel"])]
    if flagged:
        assert isinstance(result, ResolvedConfig)
        assert result.account_name == flagged[0]
    elif isinstance(result, ResolvedConfig) and channel is not None:
        default_name = accounts.default_account_name(channel)
        if data.get(default_name, {}).get("channel") == channel:
            assert result.account_name == default_name


# -- channels ---------------------------------------------------------------------------------------------------------


class _NoTouching(Mapping[str, str]):
    def __getitem__(self, key: str) -> str:
        raise AssertionError(f"read {key}")

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("iterated")

    def __len__(self) -> int:
        raise AssertionError("len")


def test_local_reads_no_file_and_no_variable(tmp_path: Path) -> None:
    broken = tmp_path / "qiskit-ibm.json"
    broken.write_text("{not json")
    config = resolve_config(channel="local", filename=str(broken), token="ignored", environ=_NoTouching())
    assert config.channel == "local" and config.is_local
    assert (config.token, config.url, config.runtime_url, config.iam_url) == (None, None, None, None)
    assert config.saved_format() == {"channel": "local"}
    assert config.source("channel") == Source("argument")
    with pytest.raises(ConfigurationError):
        config.with_instance(CRN_E)


def test_retired_and_unknown_channels(path: str) -> None:
    with pytest.raises(RetiredChannelError, match="retired"):
        resolve_config(channel="ibm_quantum", token="t", environ={})
    with pytest.raises(RetiredChannelError, match="QISKIT_IBM_CHANNEL"):
        resolve_config(token="t", environ={"QISKIT_IBM_CHANNEL": "ibm_quantum"})
    with pytest.raises(InvalidAccountError, match="'ibm_quantum_platform'"):
        resolve_config(channel="ibm_qauntum_platform", token="t", environ={})
    write(path, {"default-ibm-quantum-platform": {"channel": "ibm_quantum", "token": "legacy-token"}})
    with pytest.raises(RetiredChannelError) as info:
        resolve_config(filename=path, environ={})
    assert "legacy-token" not in str(info.value)


def test_a_flagged_legacy_account_is_explained_not_skipped(path: str) -> None:
    write(path, {"old": {"channel": "ibm_quantum", "token": "x", "is_default_account": True}, "new": entry("t")})
    with pytest.raises(RetiredChannelError, match="'old'"):
        resolve_config(filename=path, environ={})


def test_ibm_cloud_is_an_alias_with_the_same_hosts() -> None:
    a = resolve_config(token="t", instance=CRN_D, channel="ibm_cloud", environ={})
    b = resolve_config(token="t", instance=CRN_D, channel="ibm_quantum_platform", environ={})
    assert (a.runtime_url, a.iam_url, a.search_url) == (b.runtime_url, b.iam_url, b.search_url)


# -- validation -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"token": ""}, "empty string"),
        ({"token": 5}, "got int"),
        ({"url": "cloud.ibm.com"}, "http(s) URL"),
        ({"instance": ""}, "instance"),
        ({"name": ""}, "`name`"),
        ({"region": "us-south"}, "'us-east' or 'eu-de'"),
        ({"plans_preference": "open"}, "list of strings"),
        ({"tags": [1]}, "list of strings"),
        ({"proxies": {"urls": "http://p"}}, "dict mapping"),
        ({"proxies": {"username_ntlm": "u"}}, "both"),
        ({"verify": "/no/such/bundle.pem"}, "does not exist"),
        ({"private_endpoint": 1}, "True or False"),
        ({"url_resolver": "nope"}, "callable"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, Any], fragment: str) -> None:
    arguments = {"token": "t", **kwargs}
    with pytest.raises(ConfigurationError) as info:
        resolve_config(environ={}, **arguments)
    assert fragment in str(info.value)


def test_missing_account_message_says_what_to_do(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.json")
    with pytest.raises(AccountNotFoundError, match=r"does not exist.*save_account.*QISKIT_IBM_TOKEN"):
        resolve_config(filename=missing, environ={})
    with pytest.raises(AccountNotFoundError, match=r"No account named 'x'"):
        resolve_config(filename=missing, name="x", environ={})
    assert not Path(missing).exists()


def test_verify_may_be_a_ca_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    assert resolve_config(token="t", verify=str(bundle), environ={}).verify == str(bundle)


def test_trust_env_and_retries() -> None:
    assert resolve_config(token="t", environ={}).trust_env is True
    assert resolve_config(token="t", proxies={"urls": {}}, environ={}).trust_env is False
    config = resolve_config(token="t", environ={"QRT_TRUST_ENV": "false", "QRT_MAX_RETRIES": "2"})
    assert (config.trust_env, config.max_retries) == (False, 2)
    assert config.source("max_retries") == Source("environment", "QRT_MAX_RETRIES")
    assert (config.timeouts.connect, config.timeouts.read, config.timeouts.job_submit) == (5.0, 60.0, 900.0)


# -- the config object ----------------------------------------------------------------------------------------------


def test_the_config_is_frozen() -> None:
    config = resolve_config(token="t", environ={})
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.token = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.provenance["token"] = Source("default")  # type: ignore[index]


def test_describe_lists_every_field_with_its_source(path: str) -> None:
    write(path, {"mine": entry("abcdefghijklmnopqrstuvwxyz", instance=CRN_D, is_default_account=True)})
    config = resolve_config(filename=path, environ={"IAM_URL": "http://127.0.0.1:9/iam/"})
    text = config.describe()
    assert text.splitlines()[0] == f"account 'mine' in {path}"
    rows = {line.split()[0]: line for line in text.splitlines()[3:]}
    assert set(rows) == {
        "channel", "token", "instance", "instance_auto", "url", "runtime_url", "iam_url", "search_url",
        "catalog_url", "private_endpoint", "region", "plans_preference", "tags", "proxies", "verify",
        "trust_env", "timeouts", "max_retries",
    }  # fmt: skip
    assert "****wxyz" in rows["token"] and f"account 'mine' in {path}" in rows["token"]
    assert rows["iam_url"].split()[1:] == ["http://127.0.0.1:9/iam", "environment", "IAM_URL"]
    assert "derived" in rows["runtime_url"] and "default" in rows["region"]
    with pytest.raises(KeyError, match="fields"):
        config.source("nope")


def test_with_instance_rederives_the_runtime_url() -> None:
    config = resolve_config(token="t", instance="my-instance", private_endpoint=True, environ={})
    assert config.runtime_url is None and config.source("runtime_url").kind == "derived"
    resolved = config.with_instance(CRN_D)
    assert resolved.instance == CRN_D
    assert resolved.runtime_url == "https://private.eu-de.quantum.cloud.ibm.com/api/v1"
    assert resolved.source("instance") == Source("derived", "resolved by the service")
    assert config.runtime_url is None  # the original is unchanged
    assert config.runtime_url_for(CRN_E) == "https://private.us-east.quantum.cloud.ibm.com/api/v1"
    with pytest.raises(ConfigurationError, match="not a CRN"):
        config.runtime_url_for("name")
    with pytest.raises(ConfigurationError):
        config.with_instance("auto")


# -- secrecy --------------------------------------------------------------------------------------------------------

MARK = "QRTSECRETMARK"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.text(min_size=0, max_size=40), via=st.sampled_from(["argument", "environment", "file"]))
def test_the_token_never_shows(suffix: str, via: str) -> None:
    token = MARK + suffix
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("qrt")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "qiskit-ibm.json")
            kwargs: dict[str, Any] = {"filename": target, "instance": CRN_E, "environ": {}}
            if via == "argument":
                kwargs["token"] = token
            elif via == "environment":
                kwargs["environ"] = {"QISKIT_IBM_TOKEN": token}
            else:
                accounts.save_account(token=token, filename=target, name="n", environ={}, set_as_default=True)
            config = resolve_config(**kwargs)
            outputs = [repr(config), str(config), config.describe(), repr(config.token), str(config.token)]
            outputs.append(f"{config.token}")
            outputs.append(json.dumps(config.saved_format()))
            for bad in ({"region": "nowhere"}, {"url": "nope"}, {"name": "missing"}):
                with pytest.raises(QrtError) as info:
                    resolve_config(**{**kwargs, **bad})
                outputs.append(str(info.value))
            assert config.token is not None and config.token.reveal() == token
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    outputs.append(stream.getvalue())
    for text in outputs:
        assert MARK not in text
        assert token not in text


def test_secret_redaction() -> None:
    assert str(Secret("short")) == "****"
    assert repr(Secret("a" * 12 + "wxyz")) == "Secret('****wxyz')"
    assert Secret("x") == Secret("x") and Secret("x") != Secret("y")
    assert len({Secret("x"), Secret("x")}) == 1
    with pytest.raises(TypeError):
        Secret(5)  # type: ignore[arg-type]
