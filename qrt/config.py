"""Resolving arguments, environment variables and saved accounts into one frozen :class:`ResolvedConfig`.

Which account is the base (first match wins), as in the official SDK:

1. ``name=``: that saved account (the environment is not consulted);
2. ``token=``: an account built from the arguments;
3. ``QISKIT_IBM_TOKEN``: the environment account (``QISKIT_IBM_URL``, ``_INSTANCE``, ``_CHANNEL``, and the qrt
   additions ``_PRIVATE_ENDPOINT``, ``_REGION``, ``_VERIFY``, ``_PROXY``, ``_PLANS_PREFERENCE``, ``_TAGS``);
4. the account file: the flagged default (``is_default_account``), then the per-channel default names
   (see :func:`qrt.accounts.find_default_account`).

Then every argument that is not None replaces the base account's value: an explicit argument always wins. URLs are
derived last; ``IAM_URL``, ``GLOBAL_SEARCH_URL``, ``GLOBAL_CATALOG_URL`` and ``QRT_RUNTIME_URL`` override them.
Every field records its :class:`Source`; :meth:`ResolvedConfig.describe` prints the table. The token is a
:class:`Secret` and shows only in redacted form. Nothing here touches the network.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Final, Literal, cast, final
from urllib.parse import urlsplit, urlunsplit

from qrt.accounts import (
    DEFAULT_CHANNEL,
    DEFAULT_URL,
    SavedAccount,
    check_bool,
    check_channel,
    check_instance,
    check_proxies,
    check_region,
    check_str_list,
    check_token,
    check_url,
    check_verify,
    find_default_account,
    load_account,
    read_accounts,
    resolve_filename,
)
from qrt.errors import AccountNotFoundError, ConfigurationError

__all__ = [
    "Channel",
    "ProxyConfig",
    "ResolvedConfig",
    "Secret",
    "Source",
    "SourceKind",
    "Timeouts",
    "UrlResolver",
    "default_runtime_url_resolver",
    "global_catalog_url",
    "global_search_url",
    "iam_url",
    "is_crn",
    "resolve_config",
]

logger = logging.getLogger(__name__)

Channel = Literal["ibm_quantum_platform", "ibm_cloud", "local"]
SourceKind = Literal["argument", "environment", "account", "default", "derived"]
UrlResolver = Callable[[str, str, bool, str], str]
"""``(url, instance_crn, private_endpoint, channel) -> runtime API base URL``, as the official ``url_resolver``."""

# Variables of the environment account other than its trigger, QISKIT_IBM_TOKEN.
_ENV_ACCOUNT_VARS: Final = (
    "QISKIT_IBM_URL",
    "QISKIT_IBM_INSTANCE",
    "QISKIT_IBM_PRIVATE_ENDPOINT",
    "QISKIT_IBM_REGION",
    "QISKIT_IBM_VERIFY",
    "QISKIT_IBM_PROXY",
    "QISKIT_IBM_PLANS_PREFERENCE",
    "QISKIT_IBM_TAGS",
)
_TRUE: Final = frozenset({"1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off"})
_REGION_LABEL: Final = re.compile(r"[A-Za-z0-9-]+")
_WHERE_ARGS: Final = "Service"


# -- small value types --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a configuration value came from.

    ``kind`` is ``argument``, ``environment`` (``detail`` names the variable), ``account`` (``detail`` names the
    account and its file), ``default``, or ``derived`` (computed from other fields; ``detail`` says from what).
    """

    kind: SourceKind
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.detail}" if self.detail else self.kind


_ARGUMENT: Final = Source("argument")
_DEFAULT: Final = Source("default")


@final
class Secret:
    """A string that stays out of reprs, ``str()``, logs and messages; :meth:`reveal` returns it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"Secret needs a str, got {type(value).__name__}")
        self._value = value

    def reveal(self) -> str:
        """The secret itself. Send it where it belongs; never print or log it."""
        return self._value

    def redacted(self) -> str:
        """``'****'``, followed by the last 4 characters when the secret is long enough (16+) to spare them."""
        return "****" + self._value[-4:] if len(self._value) >= 16 else "****"

    def __repr__(self) -> str:
        return f"Secret({self.redacted()!r})"

    def __str__(self) -> str:
        return self.redacted()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))


def _redact_url(url: str) -> str:
    """``url`` with any password in it replaced by ``****``."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:****@{host}"))
    except ValueError:
        return "<unparseable URL>"


@dataclass(frozen=True)
class ProxyConfig:
    """Proxies for every hop: ``urls`` maps a scheme (``"https"``), or a scheme and host (``"https://host"``),
    to a proxy URL, as in the official ``proxies={"urls": ...}``; optional NTLM credentials go with it."""

    urls: Mapping[str, str] = field(default_factory=dict, hash=False)
    username_ntlm: str | None = None
    password_ntlm: Secret | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "urls", MappingProxyType(dict(self.urls)))

    @classmethod
    def from_mapping(cls, value: Mapping[str, Any] | None, where: str) -> ProxyConfig | None:
        """Validate the official ``proxies`` dict and freeze it."""
        checked = check_proxies(value, where)
        if checked is None:
            return None
        password = checked.get("password_ntlm")
        return cls(
            urls=checked.get("urls", {}),
            username_ntlm=checked.get("username_ntlm"),
            password_ntlm=None if password is None else Secret(password),
        )

    def to_dict(self, *, reveal: bool = False) -> dict[str, Any]:
        """The official saved form; the NTLM password is redacted unless ``reveal``."""
        result: dict[str, Any] = {"urls": dict(self.urls)}
        if self.username_ntlm is not None and self.password_ntlm is not None:
            result["username_ntlm"] = self.username_ntlm
            result["password_ntlm"] = self.password_ntlm.reveal() if reveal else str(self.password_ntlm)
        return result

    def __repr__(self) -> str:
        urls = {key: _redact_url(value) for key, value in self.urls.items()}
        ntlm = f", username_ntlm={self.username_ntlm!r}, password_ntlm='****'" if self.username_ntlm else ""
        return f"ProxyConfig(urls={urls!r}{ntlm})"


@dataclass(frozen=True)
class Timeouts:
    """Seconds: to connect, to read a response, to submit a job (uploads can be large), and for IAM calls."""

    connect: float = 5.0
    read: float = 60.0
    job_submit: float = 900.0
    iam: float = 60.0

    def __str__(self) -> str:
        return f"connect={self.connect:g}s read={self.read:g}s job_submit={self.job_submit:g}s iam={self.iam:g}s"


# -- URL derivation ---------------------------------------------------------------------------------------------------


def is_crn(value: object) -> bool:
    """Whether ``value`` is an IBM Cloud resource name (a string starting with ``crn:``)."""
    return isinstance(value, str) and value.startswith("crn:")


def _crn_region(crn: str) -> str:
    # Field 6 of crn:v1:<cname>:<ctype>:<service>:<location>:<scope>:<service-instance>:...
    fields = crn.split(":")
    if len(fields) < 7 or any(ch.isspace() for ch in crn):
        raise ConfigurationError(
            f"Instance {crn!r} is not a complete CRN; expected "
            "'crn:v1:<cname>:<ctype>:quantum-computing:<region>:a/<account>:<instance>::', as the IBM Cloud "
            "console shows it."
        )
    region = fields[5]
    if not _REGION_LABEL.fullmatch(region):
        raise ConfigurationError(
            f"Instance {crn!r} has the location {region!r}, which is not a region name such as 'us-east'."
        )
    return region


def _scheme_and_host(url: object, what: str = "url") -> tuple[str, str]:
    if not isinstance(url, str):
        raise ConfigurationError(f"`{what}` must be a URL string such as 'https://cloud.ibm.com', got {url!r}.")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise ConfigurationError(f"`{what}` {url!r} cannot be parsed as a URL ({exc}).") from None
    if not parts.scheme or not host:
        raise ConfigurationError(f"`{what}` {url!r} needs a scheme and a host, such as 'https://cloud.ibm.com'.")
    if ":" in host or any(ch.isspace() for ch in host):
        raise ConfigurationError(
            f"`{what}` {url!r} has the host {host!r}, to which no service prefix can be added; "
            "use a DNS name, or set the derived URLs directly (QRT_RUNTIME_URL, IAM_URL, ...)."
        )
    return parts.scheme, host


def default_runtime_url_resolver(
    url: str,
    instance: str | None,
    private_endpoint: bool | None = False,
    channel: str = "ibm_quantum_platform",
) -> str:
    """The runtime API base URL for an IBM Cloud ``url`` and an instance CRN, as the official resolver computes it.

    - not a CRN, or ``"experimental"`` in ``url``: ``url`` unchanged;
    - private: ``{scheme}://private.{region}.quantum.{host}/api/v1``;
    - public: ``{scheme}://{region}.quantum.{host}/api/v1``, with no region label for ``us-east``.

    The port and path of ``url`` are dropped and its host is lower-cased. ``channel`` is accepted for signature
    compatibility and unused: both channels share the hosts. Raises ConfigurationError for a CRN with too few
    fields or a URL without a scheme and host.
    """
    del channel  # unused, as in the official resolver
    if not is_crn(instance) or (isinstance(url, str) and "experimental" in url):
        return url
    assert instance is not None
    region = _crn_region(instance)
    scheme, host = _scheme_and_host(url)
    if private_endpoint:
        return f"{scheme}://private.{region}.quantum.{host}/api/v1"
    prefix = "" if region == "us-east" else f"{region}."
    return f"{scheme}://{prefix}quantum.{host}/api/v1"


def iam_url(url: str, private_endpoint: bool = False) -> str:
    """IBM Cloud IAM for ``url``: ``{scheme}://[private.]iam.{host}`` (``https://iam.cloud.ibm.com``,
    ``https://private.iam.test.cloud.ibm.com``, ...)."""
    scheme, host = _scheme_and_host(url)
    return f"{scheme}://{'private.' if private_endpoint else ''}iam.{host}"


def global_search_url(url: str) -> str:
    """IBM Cloud Global Search for ``url``; always public, as in the official SDK."""
    scheme, host = _scheme_and_host(url)
    return f"{scheme}://api.global-search-tagging.{host}"


def global_catalog_url(url: str) -> str:
    """IBM Cloud Global Catalog for ``url``; always public, as in the official SDK."""
    scheme, host = _scheme_and_host(url)
    return f"{scheme}://globalcatalog.{host}/api/v1"


# -- the resolved configuration -------------------------------------------------------------------------------------

_DESCRIBED: Final = (
    "channel",
    "token",
    "instance",
    "instance_auto",
    "url",
    "runtime_url",
    "iam_url",
    "search_url",
    "catalog_url",
    "private_endpoint",
    "region",
    "plans_preference",
    "tags",
    "proxies",
    "verify",
    "trust_env",
    "timeouts",
    "max_retries",
)
_PENDING_RUNTIME: Final = Source("derived", "once the instance is a CRN")


@dataclass(frozen=True)
class ResolvedConfig:
    """Everything a Service needs to talk to IBM Quantum, resolved once, immutable, with the source of each value.

    ``runtime_url`` is None until the instance is a CRN; :meth:`with_instance` returns a copy for a resolved
    instance. For the ``local`` channel every remote field is None.
    """

    channel: Channel
    token: Secret | None
    instance: str | None
    url: str | None
    runtime_url: str | None
    iam_url: str | None
    search_url: str | None
    catalog_url: str | None
    private_endpoint: bool = False
    region: str | None = None
    plans_preference: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    proxies: ProxyConfig | None = None
    verify: bool | str = True
    trust_env: bool = True
    timeouts: Timeouts = Timeouts()
    max_retries: int = 5
    instance_auto: bool = False
    account_name: str | None = None
    account_file: str | None = None
    url_resolver: UrlResolver | None = field(default=None, repr=False, compare=False)
    provenance: Mapping[str, Source] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "provenance", MappingProxyType(dict(self.provenance)))

    @property
    def is_local(self) -> bool:
        """Whether this is the ``local`` channel (no account, no network)."""
        return self.channel == "local"

    def source(self, name: str) -> Source:
        """Where the field ``name`` came from."""
        try:
            return self.provenance[name]
        except KeyError:
            raise KeyError(f"no provenance for {name!r}; fields: {', '.join(_DESCRIBED)}") from None

    def describe(self) -> str:
        """A table of every field, its value (secrets redacted) and its source."""
        rows = [("field", "value", "source")]
        for name in _DESCRIBED:
            rows.append((name, _show(getattr(self, name)), str(self.provenance.get(name, _DEFAULT))))
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        lines = []
        if self.account_name is not None:
            lines.append(f"account {self.account_name!r} in {self.account_file}")
        for i, (name, value, source) in enumerate(rows):
            lines.append(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {source}".rstrip())
            if i == 0:
                lines.append(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 6}")
        return "\n".join(lines)

    def runtime_url_for(self, instance: str) -> str:
        """The runtime API base URL for the instance CRN ``instance``."""
        url, _ = self._derive_runtime_url(instance)
        if url is None:
            raise ConfigurationError(
                f"Cannot derive the runtime URL for instance {instance!r}: it is not a CRN. "
                "Pass the instance CRN, or set QRT_RUNTIME_URL."
            )
        return url

    def with_instance(self, instance: str, *, source: Source | None = None) -> ResolvedConfig:
        """A copy using ``instance`` (normally the CRN a name resolved to), with the runtime URL re-derived."""
        if self.is_local:
            raise ConfigurationError("The local channel has no instances.")
        checked = check_instance(instance, "with_instance")
        if checked is None or checked == "auto":
            raise ConfigurationError("with_instance needs an instance CRN or name, not None or 'auto'.")
        runtime_url, runtime_source = self._derive_runtime_url(checked)
        provenance = dict(self.provenance)
        provenance["instance"] = source or Source("derived", "resolved by the service")
        provenance["runtime_url"] = runtime_source
        return replace(self, instance=checked, runtime_url=runtime_url, provenance=provenance)

    def saved_format(self, *, reveal: bool = False) -> dict[str, Any]:
        """The account in the official saved form (the dict ``active_account()`` returns); secrets redacted
        unless ``reveal``."""
        if self.is_local:
            return {"channel": "local"}
        instance = "auto" if self.instance_auto and self.instance is None else self.instance
        token = None if self.token is None else (self.token.reveal() if reveal else str(self.token))
        values: dict[str, Any] = {
            "token": token,
            "instance": instance,
            "proxies": None if self.proxies is None else self.proxies.to_dict(reveal=reveal),
            "verify": self.verify,
            "channel": self.channel,
            "url": self.url,
            "private_endpoint": self.private_endpoint,
            "region": self.region,
            "plans_preference": list(self.plans_preference) or None,
            "tags": list(self.tags) or None,
        }
        return {key: value for key, value in values.items() if value is not None}

    def _derive_runtime_url(self, instance: str | None) -> tuple[str | None, Source]:
        override = self.provenance.get("runtime_url")
        if override is not None and override.kind == "environment":
            return self.runtime_url, override
        assert self.url is not None
        return _runtime_url(self.url, instance, self.private_endpoint, self.channel, self.url_resolver)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return repr(list(value))
    if isinstance(value, str | Secret | Timeouts):
        return str(value)
    return repr(value)


def _runtime_url(
    url: str, instance: str | None, private_endpoint: bool, channel: str, resolver: UrlResolver | None
) -> tuple[str | None, Source]:
    if not is_crn(instance):
        return None, _PENDING_RUNTIME
    assert instance is not None
    if resolver is None:
        return (
            default_runtime_url_resolver(url, instance, private_endpoint, channel),
            Source("derived", "from url, instance and private_endpoint"),
        )
    result = resolver(url, instance, private_endpoint, channel)
    if not isinstance(result, str):
        raise ConfigurationError(f"url_resolver returned {type(result).__name__}; it must return a URL string.")
    check_url(result, "url_resolver result", "runtime URL")
    return result.rstrip("/"), Source("argument", "url_resolver")


# -- the environment ------------------------------------------------------------------------------------------------


class _Environment:
    """Typed reads of environment variables; an empty value counts as unset."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._mapping = mapping

    def get(self, key: str) -> str | None:
        value = self._mapping.get(key)
        return value if value else None

    def source(self, key: str) -> Source:
        return Source("environment", key)

    def where(self, key: str) -> str:
        return f"environment variable {key}"

    def flag(self, key: str) -> bool | None:
        value = self.get(key)
        if value is None:
            return None
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ConfigurationError(f"{self.where(key)} is {value!r}; expected true or false (or 1/0, yes/no).")

    def url(self, key: str) -> str | None:
        value = self.get(key)
        return None if value is None else check_url(value.strip(), self.where(key), key).rstrip("/")

    def str_list(self, key: str) -> tuple[str, ...] | None:
        value = self.get(key)
        if value is None:
            return None
        return tuple(item.strip() for item in value.split(",") if item.strip())

    def verify(self, key: str) -> bool | str | None:
        value = self.get(key)
        if value is None:
            return None
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        return value  # a CA bundle path, checked with the other sources below

    def proxy(self, key: str) -> ProxyConfig | None:
        value = self.get(key)
        if value is None:
            return None
        value = value.strip()
        try:
            parts = urlsplit(value)
            ok = parts.scheme in ("http", "https", "socks5", "socks5h") and bool(parts.hostname)
        except ValueError:
            ok = False
        if not ok:
            raise ConfigurationError(
                f"{self.where(key)} is {_redact_url(value)!r}; expected one proxy URL such as "
                "'http://proxy.example.com:8080'."
            )
        return ProxyConfig(urls={"http": value, "https": value})

    def non_negative_int(self, key: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        try:
            number = int(value.strip())
        except ValueError:
            number = -1
        if number < 0:
            raise ConfigurationError(f"{self.where(key)} is {value!r}; expected a whole number, 0 or more.")
        return number

    def channel(self) -> tuple[str, Source]:
        """``QISKIT_IBM_CHANNEL`` if set, else the default channel."""
        value = self.get("QISKIT_IBM_CHANNEL")
        if value is None:
            return DEFAULT_CHANNEL, _DEFAULT
        return check_channel(value.strip(), self.where("QISKIT_IBM_CHANNEL")), self.source("QISKIT_IBM_CHANNEL")


# -- resolution -----------------------------------------------------------------------------------------------------

_Picked = dict[str, tuple[Any, Source]]


def _defaults() -> _Picked:
    return {
        "url": (DEFAULT_URL, _DEFAULT),
        "instance": (None, _DEFAULT),
        "private_endpoint": (False, _DEFAULT),
        "verify": (True, _DEFAULT),
        "proxies": (None, _DEFAULT),
        "region": (None, _DEFAULT),
        "plans_preference": (None, _DEFAULT),
        "tags": (None, _DEFAULT),
    }


def _from_saved(saved: SavedAccount) -> _Picked:
    source = Source("account", f"{saved.name!r} in {saved.filename}")
    where = f"account {saved.name!r} in {saved.filename}"
    proxies = ProxyConfig.from_mapping(saved.proxies, where)
    values: dict[str, Any] = {
        "channel": saved.channel,
        "token": saved.token,
        "url": saved.url,
        "instance": saved.instance,
        "private_endpoint": saved.private_endpoint,
        "verify": saved.verify,
        "proxies": proxies,
        "region": saved.region,
        "plans_preference": saved.plans_preference,
        "tags": saved.tags,
    }
    return {key: (value, source if key in saved.present else _DEFAULT) for key, value in values.items()}


def _from_environment(env: _Environment, channel: tuple[str, Source]) -> _Picked | None:
    token = env.get("QISKIT_IBM_TOKEN")
    if token is None:
        return None
    picked = _defaults()
    picked["channel"] = channel
    picked["token"] = (token, env.source("QISKIT_IBM_TOKEN"))
    readers: dict[str, tuple[str, Callable[[str], Any]]] = {
        "url": ("QISKIT_IBM_URL", env.url),
        "instance": ("QISKIT_IBM_INSTANCE", lambda key: check_instance(env.get(key), env.where(key))),
        "private_endpoint": ("QISKIT_IBM_PRIVATE_ENDPOINT", env.flag),
        "region": ("QISKIT_IBM_REGION", lambda key: check_region(env.get(key), env.where(key))),
        "verify": ("QISKIT_IBM_VERIFY", env.verify),
        "proxies": ("QISKIT_IBM_PROXY", env.proxy),
        "plans_preference": ("QISKIT_IBM_PLANS_PREFERENCE", env.str_list),
        "tags": ("QISKIT_IBM_TAGS", env.str_list),
    }
    for name, (key, read) in readers.items():
        value = read(key)
        if value is not None:
            picked[name] = (value, env.source(key))
    return picked


def _check_arguments(
    *,
    channel: object,
    token: object,
    url: object,
    name: object,
    instance: object,
    proxies: object,
    verify: object,
    private_endpoint: object,
    region: object,
    plans_preference: object,
    tags: object,
) -> dict[str, Any]:
    """The given (non-None) arguments, validated and normalised."""
    where = _WHERE_ARGS
    if name is not None and (not isinstance(name, str) or not name):
        raise ConfigurationError(f"{where}: invalid `name` {name!r}; expected a non-empty account name.")
    checks: dict[str, Callable[[Any], Any]] = {
        "channel": lambda v: check_channel(v, where),
        "token": lambda v: check_token(v, where),
        "url": lambda v: check_url(v, where),
        "instance": lambda v: check_instance(v, where),
        "proxies": lambda v: ProxyConfig.from_mapping(v, where),
        "verify": lambda v: check_verify(v, where),
        "private_endpoint": lambda v: check_bool(v, where, "private_endpoint"),
        "region": lambda v: check_region(v, where),
        "plans_preference": lambda v: check_str_list(v, where, "plans_preference"),
        "tags": lambda v: check_str_list(v, where, "tags"),
    }
    given = {
        "channel": channel,
        "token": token,
        "url": url,
        "instance": instance,
        "proxies": proxies,
        "verify": verify,
        "private_endpoint": private_endpoint,
        "region": region,
        "plans_preference": plans_preference,
        "tags": tags,
    }
    return {key: checks[key](value) for key, value in given.items() if value is not None}


def _local_config() -> ResolvedConfig:
    provenance = {name: _DEFAULT for name in _DESCRIBED}
    provenance["channel"] = _ARGUMENT
    return ResolvedConfig(
        channel="local",
        token=None,
        instance=None,
        url=None,
        runtime_url=None,
        iam_url=None,
        search_url=None,
        catalog_url=None,
        provenance=provenance,
    )


def _not_found(path: str, entries: Mapping[str, Any], channel: str) -> AccountNotFoundError:
    if not os.path.exists(path):
        state = f"{path} does not exist"
    elif entries and all(isinstance(e, dict) and e.get("channel") == "ibm_quantum" for e in entries.values()):
        state = f"{path} holds only accounts of the retired 'ibm_quantum' channel"
    else:
        state = f"{path} has no account for the channel {channel!r}"
    return AccountNotFoundError(
        f"No account to use: no name= or token= was given, QISKIT_IBM_TOKEN is not set, and {state}. "
        "Save one with Service.save_account(token=..., instance=...), set QISKIT_IBM_TOKEN, or pass token=...."
    )


def resolve_config(
    *,
    channel: str | None = None,
    token: str | None = None,
    url: str | None = None,
    filename: str | os.PathLike[str] | None = None,
    name: str | None = None,
    instance: str | None = None,
    proxies: Mapping[str, Any] | None = None,
    verify: bool | str | None = None,
    private_endpoint: bool | None = None,
    url_resolver: UrlResolver | None = None,
    region: str | None = None,
    plans_preference: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ResolvedConfig:
    """Resolve the arguments of :class:`qrt.Service`, the environment and the account file into one config.

    ``environ`` defaults to ``os.environ``; pass a mapping to resolve hermetically. ``channel="local"`` reads no
    file and no environment variable. See the module docstring for the precedence.
    """
    if channel == "local":
        return _local_config()
    if url_resolver is not None and not callable(url_resolver):
        raise ConfigurationError(f"{_WHERE_ARGS}: `url_resolver` must be callable, got {url_resolver!r}.")
    args = _check_arguments(
        channel=channel,
        token=token,
        url=url,
        name=name,
        instance=instance,
        proxies=proxies,
        verify=verify,
        private_endpoint=private_endpoint,
        region=region,
        plans_preference=plans_preference,
        tags=tags,
    )
    env = _Environment(os.environ if environ is None else environ)

    account_name: str | None = None
    account_file: str | None = None
    picked: _Picked
    if name is not None:
        saved = load_account(name, resolve_filename(filename))
        picked, account_name, account_file = _from_saved(saved), saved.name, saved.filename
    elif "token" in args:
        picked = _defaults()
        picked["channel"] = (args["channel"], _ARGUMENT) if "channel" in args else env.channel()
        picked["token"] = (args["token"], _ARGUMENT)
    else:
        fallback = env.channel() if "channel" not in args else (args["channel"], _ARGUMENT)
        env_account = _from_environment(env, fallback)
        if env_account is not None:
            picked = env_account
        else:
            ignored = [key for key in _ENV_ACCOUNT_VARS if env.get(key) is not None]
            if ignored:
                logger.warning(
                    "%s set without QISKIT_IBM_TOKEN; the environment account needs the token, so %s ignored.",
                    ", ".join(ignored),
                    "it is" if len(ignored) == 1 else "they are",
                )
            path = resolve_filename(filename)
            entries = read_accounts(path)
            found = find_default_account(entries, args.get("channel"), fallback[0])
            if found is None:
                raise _not_found(path, entries, fallback[0])
            saved = SavedAccount.from_entry(found, entries[found], path)
            picked, account_name, account_file = _from_saved(saved), saved.name, saved.filename

    for key, value in args.items():
        picked[key] = (value, _ARGUMENT)
    return _finish(picked, env, url_resolver, account_name, account_file)


def _finish(
    picked: _Picked,
    env: _Environment,
    url_resolver: UrlResolver | None,
    account_name: str | None,
    account_file: str | None,
) -> ResolvedConfig:
    provenance = {key: source for key, (_, source) in picked.items()}
    channel = cast(Channel, picked["channel"][0])
    url = cast(str, picked["url"][0])
    private_endpoint = cast(bool, picked["private_endpoint"][0])

    instance = cast("str | None", picked["instance"][0])
    instance_auto = instance == "auto"
    provenance["instance_auto"] = provenance["instance"] if instance_auto else _DEFAULT
    if instance_auto:
        instance = None

    verify = cast("bool | str", picked["verify"][0])
    if isinstance(verify, str) and not os.path.exists(verify):
        raise ConfigurationError(
            f"`verify` from {provenance['verify']} names the CA bundle {verify!r}, which does not exist. "
            "Pass the path of a PEM file or folder, or True to use the system CAs."
        )

    proxies = cast("ProxyConfig | None", picked["proxies"][0])
    trust_env = env.flag("QRT_TRUST_ENV")
    if trust_env is not None:
        provenance["trust_env"] = env.source("QRT_TRUST_ENV")
    else:
        trust_env = proxies is None
        provenance["trust_env"] = Source(
            "derived", "from proxies (none set)" if proxies is None else "from proxies (set explicitly)"
        )

    # Derived only when not overridden, so an override also rescues a url no prefix can be added to.
    from_url = Source("derived", "from url")
    hops: dict[str, tuple[str, Callable[[], str], Source]] = {
        "iam_url": (
            "IAM_URL",
            lambda: iam_url(url, private_endpoint),
            Source("derived", "from url and private_endpoint"),
        ),
        "search_url": ("GLOBAL_SEARCH_URL", lambda: global_search_url(url), from_url),
        "catalog_url": ("GLOBAL_CATALOG_URL", lambda: global_catalog_url(url), from_url),
    }
    urls: dict[str, str] = {}
    for name, (var, derive, derived_source) in hops.items():
        override = env.url(var)
        urls[name], provenance[name] = (
            (override, env.source(var)) if override is not None else (derive(), derived_source)
        )

    runtime_override = None if url_resolver is not None else env.url("QRT_RUNTIME_URL")
    if runtime_override is not None:
        runtime_url: str | None = runtime_override
        provenance["runtime_url"] = env.source("QRT_RUNTIME_URL")
    else:
        runtime_url, provenance["runtime_url"] = _runtime_url(url, instance, private_endpoint, channel, url_resolver)

    max_retries = env.non_negative_int("QRT_MAX_RETRIES")
    provenance["max_retries"] = _DEFAULT if max_retries is None else env.source("QRT_MAX_RETRIES")
    provenance["timeouts"] = _DEFAULT
    token = cast(str, picked["token"][0])

    config = ResolvedConfig(
        channel=channel,
        token=Secret(token),
        instance=instance,
        url=url,
        runtime_url=runtime_url,
        iam_url=urls["iam_url"],
        search_url=urls["search_url"],
        catalog_url=urls["catalog_url"],
        private_endpoint=private_endpoint,
        region=cast("str | None", picked["region"][0]),
        plans_preference=cast("tuple[str, ...] | None", picked["plans_preference"][0]) or (),
        tags=cast("tuple[str, ...] | None", picked["tags"][0]) or (),
        proxies=proxies,
        verify=verify,
        trust_env=trust_env,
        max_retries=5 if max_retries is None else max_retries,
        instance_auto=instance_auto,
        account_name=account_name,
        account_file=account_file,
        url_resolver=url_resolver,
        provenance=provenance,
    )
    logger.debug(
        "resolved config: channel=%s instance=%s runtime_url=%s account=%s token from %s",
        config.channel,
        config.instance,
        config.runtime_url,
        account_name,
        config.source("token"),
    )
    return config
