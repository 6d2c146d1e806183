"""Runtime, IAM, Global Search and Global Catalog URLs: the official table, properties, overrides, private hops."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.config import (
    Source,
    default_runtime_url_resolver,
    global_catalog_url,
    global_search_url,
    iam_url,
    resolve_config,
)
from qrt.errors import ConfigurationError

CE = "crn:v1:bluemix:public:quantum-computing:us-east:a/1234abcd:5678-efgh::"
CD = CE.replace("us-east", "eu-de")
CS = CE.replace("bluemix", "staging")
CJ = CE.replace("us-east", "jp-tok")
IQP = "ibm_quantum_platform"

# official-sdk-behavior.md §3, computed by calling the official function.
OFFICIAL_TABLE = [
    ("https://cloud.ibm.com", CE, False, IQP, "https://quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CD, False, IQP, "https://eu-de.quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CE, True, IQP, "https://private.us-east.quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CD, True, IQP, "https://private.eu-de.quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CE, False, "ibm_cloud", "https://quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CD, True, "ibm_cloud", "https://private.eu-de.quantum.cloud.ibm.com/api/v1"),
    ("https://test.cloud.ibm.com", CS, False, IQP, "https://quantum.test.cloud.ibm.com/api/v1"),
    ("https://test.cloud.ibm.com", CS, True, IQP, "https://private.us-east.quantum.test.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com", CJ, False, IQP, "https://jp-tok.quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com/", CE, False, IQP, "https://quantum.cloud.ibm.com/api/v1"),
    ("https://cloud.ibm.com:8443/some/path", CD, False, IQP, "https://eu-de.quantum.cloud.ibm.com/api/v1"),
    ("http://localhost:8080", CE, False, IQP, "http://quantum.localhost/api/v1"),
    ("https://experimental.cloud.ibm.com", CE, False, IQP, "https://experimental.cloud.ibm.com"),
    ("https://my-experimental-host/api", CD, True, IQP, "https://my-experimental-host/api"),
    ("https://cloud.ibm.com", None, False, IQP, "https://cloud.ibm.com"),
    ("https://cloud.ibm.com", "my-instance-name", True, IQP, "https://cloud.ibm.com"),
    ("https://CLOUD.IBM.COM", CE, False, IQP, "https://quantum.cloud.ibm.com/api/v1"),
]


@pytest.mark.parametrize(("url", "instance", "private", "channel", "expected"), OFFICIAL_TABLE)
def test_the_official_table(url: str, instance: str | None, private: bool, channel: str, expected: str) -> None:
    assert default_runtime_url_resolver(url, instance, private, channel) == expected


@pytest.mark.parametrize(
    ("url", "instance", "fragment"),
    [
        ("https://cloud.ibm.com", "crn:a:b", "not a complete CRN"),  # official: AttributeError
        ("cloud.ibm.com", CE, "needs a scheme and a host"),  # official: '://quantum.None/api/v1'
        ("https://", CE, "needs a scheme and a host"),
        ("http://[::1", CE, "cannot be parsed"),
        ("http://[::1]:8080", CE, "no service prefix"),
        ("https://cloud.ibm.com", "crn:v1:bluemix:public:quantum-computing::a/1:2::", "not a region"),
        ("https://cloud.ibm.com", "crn:v1:bluemix:public:quantum-computing:us east:a/1:2::", "not a complete CRN"),
    ],
)
def test_invalid_input_raises_the_qrt_error(url: str, instance: str, fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        default_runtime_url_resolver(url, instance)


# -- properties -----------------------------------------------------------------------------------------------------

label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
hosts = st.lists(label, min_size=1, max_size=4).map(".".join).filter(lambda h: "experimental" not in h)
urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
    st.sampled_from(["http", "https"]),
    hosts,
    st.sampled_from(["", ":8443", ":1"]),
    st.sampled_from(["", "/", "/a/b"]),
)
regions = st.sampled_from(["us-east", "eu-de", "jp-tok", "us-south"]) | st.text("abcdefgh-0123", min_size=1)
crns = st.builds(
    lambda cname, region, rest: f"crn:v1:{cname}:public:quantum-computing:{region}:{rest}",
    st.sampled_from(["bluemix", "staging"]),
    regions,
    st.sampled_from(["a/1234:5678::", "a/x:y:z:w", ":"]),
)


@settings(max_examples=200, deadline=None)
@given(url=urls, crn=crns, private=st.booleans())
def test_resolver_properties(url: str, crn: str, private: bool) -> None:
    result = default_runtime_url_resolver(url, crn, private)
    region = crn.split(":")[5]
    host = urlsplit(result).hostname
    assert host is not None
    assert result.endswith("/api/v1")
    assert urlsplit(result).scheme == urlsplit(url).scheme
    assert host.endswith("quantum." + urlsplit(url).hostname)  # type: ignore[operator]
    if private:
        assert host.startswith(f"private.{region.lower()}.")
    elif region == "us-east":
        assert host.startswith("quantum.")
    else:
        assert host.startswith(f"{region.lower()}.quantum.")


@settings(max_examples=100, deadline=None)
@given(url=urls, instance=st.none() | st.text(max_size=20).filter(lambda s: not s.startswith("crn:")))
def test_a_non_crn_instance_leaves_the_url_unchanged(url: str, instance: str | None) -> None:
    assert default_runtime_url_resolver(url, instance, True) == url


@settings(max_examples=100, deadline=None)
@given(
    crn=st.builds(lambda n: "crn:" + ":".join(["x"] * n), st.integers(0, 5)),
    url=urls,
)
def test_a_crn_with_too_few_fields_always_raises(crn: str, url: str) -> None:
    with pytest.raises(ConfigurationError):
        default_runtime_url_resolver(url, crn)


@settings(max_examples=100, deadline=None)
@given(url=st.text(max_size=30).filter(lambda u: "experimental" not in u and "://" not in u), crn=crns)
def test_a_url_without_scheme_and_host_always_raises(url: str, crn: str) -> None:
    with pytest.raises(ConfigurationError):
        default_runtime_url_resolver(url, crn)


# -- the other hops -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "private", "iam", "search", "catalog"),
    [
        (
            "https://cloud.ibm.com",
            False,
            "https://iam.cloud.ibm.com",
            "https://api.global-search-tagging.cloud.ibm.com",
            "https://globalcatalog.cloud.ibm.com/api/v1",
        ),
        (
            "https://cloud.ibm.com",
            True,
            "https://private.iam.cloud.ibm.com",
            "https://api.global-search-tagging.cloud.ibm.com",
            "https://globalcatalog.cloud.ibm.com/api/v1",
        ),
        (
            "https://test.cloud.ibm.com",
            False,
            "https://iam.test.cloud.ibm.com",
            "https://api.global-search-tagging.test.cloud.ibm.com",
            "https://globalcatalog.test.cloud.ibm.com/api/v1",
        ),
        (
            "https://test.cloud.ibm.com",
            True,
            "https://private.iam.test.cloud.ibm.com",
            "https://api.global-search-tagging.test.cloud.ibm.com",
            "https://globalcatalog.test.cloud.ibm.com/api/v1",
        ),
    ],
)
def test_iam_search_and_catalog(url: str, private: bool, iam: str, search: str, catalog: str) -> None:
    assert iam_url(url, private) == iam
    assert global_search_url(url) == search
    assert global_catalog_url(url) == catalog
    config = resolve_config(token="t", url=url, instance=CS, private_endpoint=private, environ={})
    assert (config.iam_url, config.search_url, config.catalog_url) == (iam, search, catalog)


def test_private_endpoint_keeps_runtime_and_iam_off_public_hosts() -> None:
    for crn in (CE, CD):
        config = resolve_config(token="t", instance=crn, private_endpoint=True, environ={})
        for hop in (config.runtime_url, config.iam_url):
            assert hop is not None and urlsplit(hop).hostname.startswith("private.")  # type: ignore[union-attr]
        # Global Search and Catalog have no private host in the official SDK either.
        assert not urlsplit(config.search_url).hostname.startswith("private.")  # type: ignore[arg-type,union-attr]
        other = config.with_instance(CD if crn == CE else CE)
        assert urlsplit(other.runtime_url).hostname.startswith("private.")  # type: ignore[arg-type,union-attr]


EMU = "http://127.0.0.1:8000"


def test_environment_overrides_every_derived_url() -> None:
    environ = {
        "IAM_URL": f"{EMU}/iam/",
        "GLOBAL_SEARCH_URL": f"{EMU}/gs",
        "GLOBAL_CATALOG_URL": f"{EMU}/gc",
        "QRT_RUNTIME_URL": f"{EMU}/api/v1/",
    }
    for instance in (CD, "by-name", None):
        config = resolve_config(token="t", instance=instance, private_endpoint=True, environ=environ)
        assert config.iam_url == f"{EMU}/iam"
        assert config.search_url == f"{EMU}/gs"
        assert config.catalog_url == f"{EMU}/gc"
        assert config.runtime_url == f"{EMU}/api/v1"
        assert config.source("runtime_url") == Source("environment", "QRT_RUNTIME_URL")
        assert config.with_instance(CE).runtime_url == f"{EMU}/api/v1"
        assert config.runtime_url_for(CE) == f"{EMU}/api/v1"


def test_an_override_rescues_a_url_no_prefix_fits() -> None:
    environ = {
        "IAM_URL": f"{EMU}/iam",
        "GLOBAL_SEARCH_URL": f"{EMU}/gs",
        "GLOBAL_CATALOG_URL": f"{EMU}/gc",
        "QRT_RUNTIME_URL": f"{EMU}/api/v1",
    }
    config = resolve_config(token="t", url="http://[::1]:8000", instance=CE, environ=environ)
    assert config.runtime_url == f"{EMU}/api/v1"
    with pytest.raises(ConfigurationError, match="no service prefix"):
        resolve_config(token="t", url="http://[::1]:8000", instance=CE, environ={})


def test_a_url_resolver_replaces_the_default_and_wins_over_the_environment() -> None:
    calls: list[tuple[Any, ...]] = []

    def resolver(url: str, instance: str, private: bool, channel: str) -> str:
        calls.append((url, instance, private, channel))
        return f"https://runtime.example.com/{instance.split(':')[5]}/"

    environ = {"QRT_RUNTIME_URL": f"{EMU}/api/v1"}
    config = resolve_config(token="t", instance=CD, channel="ibm_cloud", url_resolver=resolver, environ=environ)
    assert config.runtime_url == "https://runtime.example.com/eu-de"
    assert config.source("runtime_url") == Source("argument", "url_resolver")
    assert calls == [("https://cloud.ibm.com", CD, False, "ibm_cloud")]
    assert config.with_instance(CE).runtime_url == "https://runtime.example.com/us-east"
    # Not called until the instance is a CRN.
    assert resolve_config(token="t", instance="name", url_resolver=resolver, environ={}).runtime_url is None
    assert len(calls) == 2

    with pytest.raises(ConfigurationError, match="must return a URL string"):
        resolve_config(token="t", instance=CD, url_resolver=lambda *a: None, environ={})  # type: ignore[arg-type,return-value]
