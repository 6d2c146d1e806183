"""``Service``: the entry point, composing the account file, the configuration and (later) the network rooms."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from qrt import accounts
from qrt.config import ResolvedConfig, UrlResolver, resolve_config

__all__ = ["Service"]


class Service:
    """A connection to IBM Quantum (or, with ``channel="local"``, to local simulators).

    The arguments are those of the official ``QiskitRuntimeService``; how they combine with the environment and
    the account file is described in ``docs/configuration.md``. Construction resolves them into :attr:`config`
    and makes no network call.
    """

    def __init__(
        self,
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
    ) -> None:
        self._config = resolve_config(
            channel=channel,
            token=token,
            url=url,
            filename=filename,
            name=name,
            instance=instance,
            proxies=proxies,
            verify=verify,
            private_endpoint=private_endpoint,
            url_resolver=url_resolver,
            region=region,
            plans_preference=plans_preference,
            tags=tags,
        )

    @property
    def config(self) -> ResolvedConfig:
        """The resolved configuration; ``config.describe()`` shows where each value came from."""
        return self._config

    @property
    def channel(self) -> str:
        """``ibm_quantum_platform``, ``ibm_cloud`` or ``local``."""
        return self._config.channel

    def active_account(self, *, include_token: bool = False) -> dict[str, Any]:
        """The account in use, in the saved-file form. The token (and any NTLM proxy password) is redacted
        unless ``include_token=True``."""
        return self._config.saved_format(reveal=include_token)

    def __repr__(self) -> str:
        config = self._config
        if config.is_local:
            return "<Service channel='local'>"
        where = f" account={config.account_name!r}" if config.account_name else ""
        return (
            f"<Service channel={config.channel!r} instance={config.instance!r} "
            f"runtime_url={config.runtime_url!r}{where}>"
        )

    # -- the account file (same signatures as the official SDK) ------------------------------------------------

    @staticmethod
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
    ) -> None:
        """Save an account to ``~/.qiskit/qiskit-ibm.json`` (or ``filename``), in the official SDK's format.

        Args:
            token: IBM Cloud API key.
            url: IBM Cloud base URL; defaults to ``https://cloud.ibm.com``.
            instance: The instance CRN, its name, or ``"auto"`` to select one at construction.
            channel: ``ibm_quantum_platform`` (default, or ``QISKIT_IBM_CHANNEL``) or ``ibm_cloud``.
            filename: The account file.
            name: Account name; defaults to ``default-ibm-quantum-platform`` (``default-ibm-cloud`` for ibm_cloud).
            proxies: ``{"urls": {...}, "username_ntlm": ..., "password_ntlm": ...}``.
            verify: Verify TLS certificates (True, False, or the path of a CA bundle).
            overwrite: Replace an account of the same name, or move the default flag from another account.
            set_as_default: True flags this account ``is_default_account``; False clears the flag; None keeps the
                flag an overwritten account had.
            private_endpoint: Use the IBM Cloud private endpoints.
            region: ``us-east`` or ``eu-de``, preferred when an instance is selected automatically.
            plans_preference: Plan names in order of preference, for automatic selection.
            tags: Instance tags required for automatic selection.

        Raises:
            AccountAlreadyExistsError: The name, or another default, exists and ``overwrite`` is False.
            InvalidAccountError: A value is invalid (RetiredChannelError for ``ibm_quantum``).
            AccountFileError: The file is malformed or cannot be written; it is left unchanged.
        """
        accounts.save_account(
            token=token,
            url=url,
            instance=instance,
            channel=channel,
            filename=filename,
            name=name,
            proxies=proxies,
            verify=verify,
            overwrite=overwrite,
            set_as_default=set_as_default,
            private_endpoint=private_endpoint,
            region=region,
            plans_preference=plans_preference,
            tags=tags,
        )

    @staticmethod
    def saved_accounts(
        default: bool | None = None,
        channel: str | None = None,
        filename: str | os.PathLike[str] | None = None,
        name: str | None = None,
    ) -> dict[str, dict[str, Any]]:
        """The saved accounts, ``{name: account}``, filtered by ``default``, ``channel`` and ``name``.

        ``default=True`` keeps the default names and the account flagged ``is_default_account``; ``False`` keeps
        the others. Legacy ``ibm_quantum`` entries are left out. Reading never creates the file.
        """
        return accounts.saved_accounts(default=default, channel=channel, filename=filename, name=name)

    @staticmethod
    def delete_account(
        filename: str | os.PathLike[str] | None = None,
        name: str | None = None,
        channel: str | None = None,
    ) -> bool:
        """Delete the account ``name`` (default: the per-channel default name). True if it existed."""
        return accounts.delete_account(filename=filename, name=name, channel=channel)
