"""The account file shared with the official SDK: ``~/.qiskit/qiskit-ibm.json``.

The file is one JSON object mapping account names to account objects, written with ``sort_keys=True, indent=4``
exactly as ``qiskit-ibm-runtime`` writes it, so either library reads what the other wrote. What qrt adds:

- every write is a read-modify-write under an inter-process lock (``<file>.lock``), and replaces the file
  atomically (temporary file in the same folder, flush, fsync, rename), so concurrent writers lose nothing and a
  reader never sees half a file;
- the file is written with mode 0600, and a folder qrt creates gets 0700;
- a malformed file raises :class:`~qrt.errors.AccountFileError` and is never overwritten; reading never creates it;
- entries and keys qrt does not know are kept; legacy ``ibm_quantum`` entries stay in the file, are left out of
  listings, and raise :class:`~qrt.errors.RetiredChannelError` when loaded.

This module knows nothing of the network; :mod:`qrt.config` turns a loaded account into a resolved configuration.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

from qrt._filelock import LockTimeoutError, exclusive_lock
from qrt.errors import (
    AccountAlreadyExistsError,
    AccountFileError,
    AccountNotFoundError,
    ConfigurationError,
    InvalidAccountError,
    RetiredChannelError,
)

__all__ = [
    "CHANNELS",
    "DEFAULT_CHANNEL",
    "DEFAULT_NAME_CLOUD",
    "DEFAULT_NAME_QUANTUM_PLATFORM",
    "DEFAULT_URL",
    "RETIRED_CHANNEL",
    "SavedAccount",
    "default_account_file",
    "default_account_name",
    "delete_account",
    "find_default_account",
    "load_account",
    "read_accounts",
    "resolve_filename",
    "save_account",
    "saved_accounts",
]

logger = logging.getLogger(__name__)

DEFAULT_CHANNEL: Final = "ibm_quantum_platform"
CHANNELS: Final = ("ibm_quantum_platform", "ibm_cloud")
RETIRED_CHANNEL: Final = "ibm_quantum"
DEFAULT_URL: Final = "https://cloud.ibm.com"
DEFAULT_NAME_QUANTUM_PLATFORM: Final = "default-ibm-quantum-platform"
DEFAULT_NAME_CLOUD: Final = "default-ibm-cloud"
# The official SDK also counts the bare name "default" as a default name when filtering listings.
_DEFAULT_NAMES: Final = frozenset({"default", DEFAULT_NAME_QUANTUM_PLATFORM, DEFAULT_NAME_CLOUD})
_DEFAULT_FLAG: Final = "is_default_account"
_REGIONS: Final = ("us-east", "eu-de")
_PROXY_KEYS: Final = ("urls", "username_ntlm", "password_ntlm")
# Keys qrt understands inside an entry; anything else is carried over untouched when an entry is replaced.
_KNOWN_KEYS: Final = frozenset(
    {
        "channel",
        "token",
        "url",
        "instance",
        "proxies",
        "verify",
        "private_endpoint",
        "region",
        "plans_preference",
        "tags",
        _DEFAULT_FLAG,
    }
)
# The key order of the dicts ``saved_accounts`` returns, as the official SDK returns them.
_LISTING_ORDER: Final = (
    "token",
    "instance",
    "proxies",
    "verify",
    "channel",
    "url",
    "private_endpoint",
    "region",
    "plans_preference",
    "tags",
)

_T = TypeVar("_T")
# Seconds to wait for another process's save; a save takes milliseconds, so this only trips on a hung writer.
_LOCK_TIMEOUT = 30.0


# -- paths and names ---------------------------------------------------------------------------------------------


def default_account_file() -> str:
    """``~/.qiskit/qiskit-ibm.json``, computed now (so a changed ``HOME`` is honoured)."""
    return os.path.join(os.path.expanduser("~"), ".qiskit", "qiskit-ibm.json")


def resolve_filename(filename: str | os.PathLike[str] | None) -> str:
    """The account file to use: ``filename`` with ``~`` expanded, or the default file."""
    if filename is None:
        return default_account_file()
    path = os.fspath(filename)
    if not isinstance(path, str) or not path:
        raise ConfigurationError("`filename` must be a non-empty path, or None for ~/.qiskit/qiskit-ibm.json.")
    return os.path.expanduser(path)


def default_account_name(channel: str | None) -> str:
    """The per-channel default account name: ``default-ibm-cloud`` for ibm_cloud, else the platform one."""
    return DEFAULT_NAME_CLOUD if channel == "ibm_cloud" else DEFAULT_NAME_QUANTUM_PLATFORM


# -- validation, shared with qrt.config -----------------------------------------------------------------------------


def retired_channel_message(where: str) -> str:
    """The message for anything still using the ``ibm_quantum`` channel."""
    return (
        f"{where}: the 'ibm_quantum' channel (IBM Quantum Platform Classic) was retired and no longer works. "
        "Create an API key on IBM Quantum Platform (https://quantum.cloud.ibm.com) and save it with "
        "Service.save_account(token=..., instance=..., overwrite=True); "
        "channel='ibm_quantum_platform' is the default."
    )


def _shown(value: object, *, longest: int = 24) -> str:
    """``value`` for an error message, unless it could be a secret put in the wrong argument (an API key)."""
    if isinstance(value, str) and (len(value) > longest or ("://" not in value and len(value) > 16)):
        return f"(a {len(value)}-character value, not shown: it may be a key passed in the wrong argument)"
    return repr(value)


def _shown_url(value: str) -> str:
    """A URL for an error message: without credentials; a value that is no URL at all is not shown."""
    if "://" not in value:
        return _shown(value)
    try:
        parts = urlsplit(value)
        has_credentials = bool(parts.username or parts.password)
    except ValueError:
        return _shown(value)
    if has_credentials:
        netloc = parts.netloc.rpartition("@")[2]
        value = parts._replace(netloc=f"****@{netloc}").geturl()
    return repr(value)


def check_channel(value: object, where: str) -> str:
    """Return ``value`` if it is a channel an account can have; raise a typed error otherwise."""
    if value == RETIRED_CHANNEL:
        raise RetiredChannelError(retired_channel_message(where))
    if value not in CHANNELS:
        extra = " 'local' needs no account and is not saved." if value == "local" else ""
        raise InvalidAccountError(
            f"{where}: invalid `channel` {_shown(value)}; expected 'ibm_quantum_platform' (the default) "
            f"or 'ibm_cloud'.{extra}"
        )
    assert isinstance(value, str)
    return value


def check_token(value: object, where: str) -> str:
    """Return ``value`` if it is a non-empty string. The message never shows the value."""
    if not isinstance(value, str):
        raise InvalidAccountError(
            f"{where}: invalid `token`; expected a non-empty string (an IBM Cloud API key), got {type(value).__name__}."
        )
    if not value:
        raise InvalidAccountError(
            f"{where}: invalid `token`; expected a non-empty string (an IBM Cloud API key), got an empty string."
        )
    return value


def check_url(value: object, where: str, field_name: str = "url") -> str:
    """Return ``value`` if it is an absolute http(s) URL with a host."""
    example = " such as 'https://cloud.ibm.com'" if field_name == "url" else ""
    if not isinstance(value, str):
        raise InvalidAccountError(
            f"{where}: invalid `{field_name}`; expected an http(s) URL{example}, got {type(value).__name__}."
        )
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError as exc:
        raise InvalidAccountError(
            f"{where}: invalid `{field_name}` {_shown_url(value)}; it cannot be parsed as a URL ({exc})."
        ) from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidAccountError(
            f"{where}: invalid `{field_name}` {_shown_url(value)}; expected an http(s) URL with a host{example}."
        )
    return value


def check_instance(value: object, where: str) -> str | None:
    """Return ``value`` if it is None or a non-empty string (a CRN, an instance name, or ``"auto"``)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidAccountError(
            f"{where}: invalid `instance` {value!r}; expected an IBM Cloud CRN, an instance name, or 'auto'."
        )
    return value


def check_region(value: object, where: str) -> str | None:
    """Return ``value`` if it is None, empty (no preference), ``us-east`` or ``eu-de``."""
    if value is None or value == "":
        return None
    if value not in _REGIONS:
        raise InvalidAccountError(f"{where}: invalid `region` {value!r}; expected 'us-east' or 'eu-de'.")
    assert isinstance(value, str)
    return value


def check_str_list(value: object, where: str, field_name: str) -> tuple[str, ...] | None:
    """Return ``value`` as a tuple if it is None or a list (or tuple) of strings."""
    if value is None:
        return None
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise InvalidAccountError(
            f"{where}: invalid `{field_name}` {value!r}; expected a list of strings, such as "
            f"{['open'] if field_name == 'plans_preference' else ['my-tag']!r}."
        )
    return tuple(value)


def check_bool(value: object, where: str, field_name: str) -> bool:
    """Return ``value`` if it is a bool."""
    if not isinstance(value, bool):
        raise InvalidAccountError(f"{where}: invalid `{field_name}` {value!r}; expected True or False.")
    return value


def check_verify(value: object, where: str) -> bool | str:
    """Return ``value`` if it is a bool or a non-empty path string (a CA bundle file or folder)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value:
        return value
    raise InvalidAccountError(f"{where}: invalid `verify` {value!r}; expected True, False, or the path of a CA bundle.")


def check_proxies(value: object, where: str) -> dict[str, Any] | None:
    """Return the proxies mapping normalised (None members dropped), or None. Passwords never appear in messages.

    The shape is the official one: ``{"urls": {"https": "http://proxy:8080", ...}, "username_ntlm": ...,
    "password_ntlm": ...}``.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidAccountError(
            f"{where}: invalid `proxies`; expected a dict with the keys 'urls', 'username_ntlm' and "
            f"'password_ntlm', got {type(value).__name__}."
        )
    unknown = sorted(str(key) for key in value if key not in _PROXY_KEYS)
    if unknown:
        raise InvalidAccountError(
            f"{where}: unknown `proxies` keys {unknown}; the keys are 'urls', 'username_ntlm' and 'password_ntlm'."
        )
    urls = value.get("urls")
    if urls is not None and (
        not isinstance(urls, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in urls.items())
    ):
        raise InvalidAccountError(
            f"{where}: invalid `proxies['urls']`; expected a dict mapping a protocol, or a protocol and host, "
            f"to a proxy URL, such as {{'https': 'http://proxy.example.com:8080'}}, got {type(urls).__name__}."
        )
    user = value.get("username_ntlm")
    password = value.get("password_ntlm")
    if user is not None and not isinstance(user, str):
        raise InvalidAccountError(f"{where}: invalid `proxies['username_ntlm']`; expected a string.")
    if password is not None and not isinstance(password, str):
        raise InvalidAccountError(f"{where}: invalid `proxies['password_ntlm']`; expected a string.")
    if (user is None) != (password is None):
        given = "username_ntlm" if user is not None else "password_ntlm"
        missing = "password_ntlm" if user is not None else "username_ntlm"
        raise InvalidAccountError(
            f"{where}: NTLM proxy authentication needs both 'username_ntlm' and 'password_ntlm', or neither; "
            f"got {given} without {missing}."
        )
    result: dict[str, Any] = {}
    if urls is not None:
        result["urls"] = dict(urls)
    if user is not None:
        result["username_ntlm"] = user
        result["password_ntlm"] = password
    return result


# -- one saved account ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedAccount:
    """One validated entry of the account file. ``present`` names the keys the entry actually had."""

    name: str
    filename: str
    channel: str
    token: str = field(repr=False)
    url: str
    instance: str | None
    private_endpoint: bool
    verify: bool | str
    proxies: Mapping[str, Any] | None = field(repr=False)
    region: str | None
    plans_preference: tuple[str, ...] | None
    tags: tuple[str, ...] | None
    is_default: bool
    present: frozenset[str] = field(repr=False)

    @classmethod
    def from_entry(cls, name: str, entry: object, filename: str) -> SavedAccount:
        """Validate one raw entry. Raises RetiredChannelError for ``ibm_quantum``, InvalidAccountError otherwise."""
        where = f"account {name!r} in {filename}"
        if not isinstance(entry, dict):
            raise InvalidAccountError(f"{where}: expected a JSON object, got {type(entry).__name__}.")
        channel = entry.get("channel")
        if channel is None:
            raise InvalidAccountError(
                f"{where}: the entry has no `channel`; expected 'ibm_quantum_platform' or 'ibm_cloud'. "
                f"Fix it, or remove it with Service.delete_account(name={name!r}, filename=...)."
            )
        private = entry.get("private_endpoint")
        verify = entry.get("verify")
        return cls(
            name=name,
            filename=filename,
            channel=check_channel(channel, where),
            token=check_token(entry.get("token"), where),
            url=check_url(entry["url"], where) if entry.get("url") is not None else DEFAULT_URL,
            instance=check_instance(entry.get("instance"), where),
            private_endpoint=False if private is None else check_bool(private, where, "private_endpoint"),
            verify=True if verify is None else check_verify(verify, where),
            proxies=check_proxies(entry.get("proxies"), where),
            region=check_region(entry.get("region"), where),
            plans_preference=check_str_list(entry.get("plans_preference"), where, "plans_preference"),
            tags=check_str_list(entry.get("tags"), where, "tags"),
            is_default=bool(entry.get(_DEFAULT_FLAG)),
            present=frozenset(key for key, val in entry.items() if val is not None),
        )

    def to_saved_format(self) -> dict[str, Any]:
        """The entry as ``saved_accounts`` returns it (the official key order, plus the default flag if set)."""
        values: dict[str, Any] = {
            "token": self.token,
            "instance": self.instance,
            "proxies": _copy_proxies(self.proxies),
            "verify": self.verify,
            "channel": self.channel,
            "url": self.url,
            "private_endpoint": self.private_endpoint,
            "region": self.region,
            "plans_preference": None if self.plans_preference is None else list(self.plans_preference),
            "tags": None if self.tags is None else list(self.tags),
        }
        result = {key: values[key] for key in _LISTING_ORDER if values[key] is not None}
        if self.is_default:
            result[_DEFAULT_FLAG] = True
        return result

    def __repr__(self) -> str:
        return (
            f"SavedAccount(name={self.name!r}, filename={self.filename!r}, channel={self.channel!r}, "
            f"instance={self.instance!r}, url={self.url!r}, is_default={self.is_default!r})"
        )


def _copy_proxies(proxies: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if proxies is None:
        return None
    copied = dict(proxies)
    if "urls" in copied:
        copied["urls"] = dict(copied["urls"])
    return copied


# -- reading ---------------------------------------------------------------------------------------------------------


def read_accounts(filename: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The raw contents of the account file, in file order; ``{}`` if it does not exist (it is not created)."""
    return _read(resolve_filename(filename))


def _read(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise AccountFileError(f"Cannot read the account file {path}: {exc.strerror or exc}.", filename=path) from None
    return _parse(raw, path)


def _parse(raw: bytes, path: str) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AccountFileError(
            f"The account file {path} is not UTF-8 text (bad byte at offset {exc.start}). qrt left it "
            "unchanged; fix it or move it away.",
            filename=path,
        ) from None
    # An empty file holds no accounts; the official SDK leaves one behind if it dies mid-write.
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AccountFileError(
            f"The account file {path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno} "
            f"(char {exc.pos}). qrt left it unchanged; fix it or move it away.",
            filename=path,
        ) from None
    if not isinstance(data, dict):
        raise AccountFileError(
            f"The account file {path} must hold a JSON object mapping account names to accounts, "
            f"got a JSON {type(data).__name__}. qrt left it unchanged; fix it or move it away.",
            filename=path,
        )
    return data


def _is_legacy(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("channel") == RETIRED_CHANNEL


def _is_flagged(entry: object) -> bool:
    return isinstance(entry, dict) and bool(entry.get(_DEFAULT_FLAG))


def load_account(name: str, filename: str | os.PathLike[str] | None = None) -> SavedAccount:
    """Load the account saved under ``name``.

    Raises AccountNotFoundError if there is none, RetiredChannelError for a legacy ``ibm_quantum`` entry, and
    InvalidAccountError if the entry fails validation.
    """
    path = resolve_filename(filename)
    data = _read(path)
    if name not in data:
        known = [key for key, entry in data.items() if not _is_legacy(entry)]
        listing = f" Saved accounts: {', '.join(repr(k) for k in known)}." if known else " It holds no account."
        hint = "" if os.path.exists(path) else " (the file does not exist)"
        raise AccountNotFoundError(
            f"No account named {name!r} in {path}{hint}.{listing} "
            f"Save one with Service.save_account(token=..., name={name!r})."
        )
    logger.debug("loading account %r from %s", name, path)
    return SavedAccount.from_entry(name, data[name], path)


def find_default_account(entries: Mapping[str, Any], channel: str | None, fallback_channel: str) -> str | None:
    """The name of the account to use when none is named, following the official order, or None.

    1. with ``channel``: its flagged default, else its per-channel default name, else its last account in file
       order; without: the first flagged default of any channel;
    2. the same channel rule with ``fallback_channel`` (``QISKIT_IBM_CHANNEL`` or the default channel);
    3. the ``default-ibm-quantum-platform`` entry, else the ``default-ibm-cloud`` entry.
    """

    def by_channel(wanted: str) -> str | None:
        named: str | None = None
        last: str | None = None
        for key, entry in entries.items():
            if not isinstance(entry, dict) or entry.get("channel") != wanted:
                continue
            if entry.get(_DEFAULT_FLAG):
                return key
            if key == default_account_name(wanted):
                named = key
            last = key
        return named or last

    if channel is not None:
        found = by_channel(channel)
    else:
        found = next((key for key, entry in entries.items() if _is_flagged(entry)), None)
    if found is None:
        found = by_channel(fallback_channel)
    if found is None:
        found = next((key for key in (DEFAULT_NAME_QUANTUM_PLATFORM, DEFAULT_NAME_CLOUD) if key in entries), None)
    return found


# -- writing ---------------------------------------------------------------------------------------------------------


def _update(path: str, mutate: Callable[[dict[str, Any]], tuple[_T, bool]]) -> _T:
    """Run ``mutate`` on the file's contents under the lock; write the result if it reports a change."""
    real = os.path.realpath(path)
    try:
        _ensure_folder(os.path.dirname(real))
        with exclusive_lock(real + ".lock", timeout=_LOCK_TIMEOUT):
            data = _read(real)
            if os.path.exists(real) and not os.access(real, os.W_OK):
                raise AccountFileError(
                    f"The account file {path} is read-only; qrt does not change it. Make it writable first.",
                    filename=path,
                )
            result, changed = mutate(data)
            if changed:
                _write_atomically(real, data)
            return result
    except LockTimeoutError as exc:
        raise AccountFileError(f"Cannot lock the account file {path}: {exc}.", filename=path) from None
    except OSError as exc:
        raise AccountFileError(f"Cannot write the account file {path}: {exc.strerror or exc}.", filename=path) from None


def _ensure_folder(folder: str) -> None:
    if os.path.isdir(folder):
        return
    # Only the leaf folder gets 0700; parents that os.makedirs creates follow the umask, as with mkdir -p.
    os.makedirs(folder, mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)


def _write_atomically(path: str, data: Mapping[str, Any]) -> None:
    folder, base = os.path.split(path)
    # Byte-compatible with the official writer: sorted keys, 4-space indent, ASCII escapes, no trailing newline.
    text = json.dumps(data, sort_keys=True, indent=4)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _keep_owner(tmp: str, path: str) -> None:
    # When root edits a user's file (sudo), the replacement must stay the user's.
    if sys.platform == "win32" or os.geteuid() != 0:
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if st.st_uid != 0 or st.st_gid != 0:
        os.chown(tmp, st.st_uid, st.st_gid)


def _fsync_folder(folder: str) -> None:
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _save_channel(channel: object, environ: Mapping[str, str]) -> str:
    if channel is not None:
        return check_channel(channel, "save_account")
    from_env = environ.get("QISKIT_IBM_CHANNEL")
    if from_env:
        return check_channel(from_env, "environment variable QISKIT_IBM_CHANNEL")
    return DEFAULT_CHANNEL


def save_account(
    token: str | None = None,
    url: str | None = None,
    instance: str | None = None,
    channel: str | None = None,
    filename: str | os.PathLike[str] | None = None,
    name: str | None = None,
    proxies: Mapping[str, Any] | None = None,
    verify: bool | str | None = None,
    overwrite: bool = False,
    set_as_default: bool | None = None,
    private_endpoint: bool | None = False,
    region: str | None = None,
    plans_preference: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> None:
    """Save an account to the account file (see :meth:`qrt.Service.save_account`)."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    where = "save_account"
    resolved_channel = _save_channel(channel, env)
    if name is not None and (not isinstance(name, str) or not name):
        raise InvalidAccountError(f"{where}: invalid `name` {name!r}; expected a non-empty string.")
    account_name = name or default_account_name(resolved_channel)
    path = resolve_filename(filename)

    entry: dict[str, Any] = {
        "channel": resolved_channel,
        "token": check_token(token, where),
        "url": DEFAULT_URL if url is None else check_url(url, where),
    }
    if private_endpoint is not None:
        entry["private_endpoint"] = check_bool(private_endpoint, where, "private_endpoint")
    optional: dict[str, Any] = {
        "instance": check_instance(instance, where),
        "verify": None if verify is None else check_verify(verify, where),
        "proxies": check_proxies(proxies, where),
        "region": check_region(region, where),
        "plans_preference": check_str_list(plans_preference, where, "plans_preference"),
        "tags": check_str_list(tags, where, "tags"),
    }
    for key, value in optional.items():
        if value is not None:
            entry[key] = list(value) if isinstance(value, tuple) else value

    def mutate(data: dict[str, Any]) -> tuple[None, bool]:
        old = data.get(account_name)
        if account_name in data and not overwrite:
            raise AccountAlreadyExistsError(
                f"An account named {account_name!r} already exists in {path}. Pass overwrite=True to replace it."
            )
        new = dict(entry)
        if isinstance(old, dict):
            # Keys written by newer or other tools survive an overwrite.
            new.update({key: val for key, val in old.items() if key not in _KNOWN_KEYS})
        # set_as_default=None leaves the flag as it was, so re-saving the default account keeps it the default.
        if set_as_default or (set_as_default is None and _is_flagged(old)):
            new[_DEFAULT_FLAG] = True
        if set_as_default:
            for other, other_entry in data.items():
                if other == account_name or not _is_flagged(other_entry):
                    continue
                if not overwrite:
                    raise AccountAlreadyExistsError(
                        f"Account {other!r} is already the default account in {path}. Pass overwrite=True "
                        f"to make {account_name!r} the default instead."
                    )
                del other_entry[_DEFAULT_FLAG]
        data[account_name] = new
        return None, True

    logger.debug("saving account %r to %s", account_name, path)
    _update(path, mutate)


def saved_accounts(
    default: bool | None = None,
    channel: str | None = None,
    filename: str | os.PathLike[str] | None = None,
    name: str | None = None,
) -> dict[str, dict[str, Any]]:
    """List saved accounts (see :meth:`qrt.Service.saved_accounts`)."""
    if channel is not None:
        check_channel(channel, "saved_accounts")
    path = resolve_filename(filename)
    result: dict[str, dict[str, Any]] = {}
    for key, entry in _read(path).items():
        # Legacy entries, and values that are not objects (no account ever is), stay in the file unlisted.
        if _is_legacy(entry) or not isinstance(entry, dict):
            continue
        if name is not None and key != name:
            continue
        if default is not None:
            is_default = key in _DEFAULT_NAMES or _is_flagged(entry)
            if is_default != bool(default):
                continue
        if channel is not None and entry.get("channel") != channel:
            continue
        result[key] = SavedAccount.from_entry(key, entry, path).to_saved_format()
    return result


def delete_account(
    filename: str | os.PathLike[str] | None = None,
    name: str | None = None,
    channel: str | None = None,
) -> bool:
    """Delete a saved account (see :meth:`qrt.Service.delete_account`). True if it existed."""
    if name is None:
        if channel == RETIRED_CHANNEL:
            raise RetiredChannelError(
                retired_channel_message("delete_account")
                + " To delete a legacy entry, pass its name, e.g. name='default-ibm-quantum'."
            )
        if channel is not None:
            check_channel(channel, "delete_account")
    elif not isinstance(name, str) or not name:
        raise ConfigurationError(f"delete_account: invalid `name` {name!r}; expected a non-empty string.")
    target = name or default_account_name(channel)
    path = resolve_filename(filename)
    if not os.path.exists(path):
        return False

    def mutate(data: dict[str, Any]) -> tuple[bool, bool]:
        if target not in data:
            return False, False
        del data[target]
        return True, True

    logger.debug("deleting account %r from %s", target, path)
    return _update(path, mutate)
