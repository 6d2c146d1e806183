"""``Service``: the entry point. It composes the rooms: configuration, transport, instances, backends, jobs.

Data flows one way: arguments, environment and account file are resolved once into a frozen
:class:`~qrt.config.ResolvedConfig`; that builds one :class:`~qrt.transport.Transport` (with
:class:`~qrt.auth.IAMAuth`); the transport hands out the generated ``qrt_api`` clients every runtime request goes
through. Nothing here changes after construction, so a Service is safe to share between threads.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from qrt import __version__, accounts
from qrt.config import ResolvedConfig, Source, UrlResolver, is_crn, resolve_config
from qrt.errors import (
    BackendNotFoundError,
    ConfigurationError,
    NotFoundError,
    QrtError,
)

if TYPE_CHECKING:
    import datetime as dt

    from qiskit.providers import BackendV2

    from qrt.backends import BackendCatalog, RuntimeBackend
    from qrt.instances import InstanceDirectory
    from qrt.jobs import RuntimeJob
    from qrt.local import LocalJob, LocalService
    from qrt.transport import Transport
    from qrt_api import Client

__all__ = ["Service", "UsageLimitReachedError"]

logger = logging.getLogger("qrt.service")

USER_AGENT = f"qrt/{__version__}"
_NOT_FOUND_HINT = "Service.backends() lists the backends of your instances."


class UsageLimitReachedError(QrtError):
    """The instance has used up its usage limit; new jobs would be refused."""


class Service:
    """A connection to IBM Quantum (or, with ``channel="local"``, to local simulators).

    The arguments are those of the official ``QiskitRuntimeService``; how they combine with the environment and
    the account file is described in ``docs/configuration.md``. With an instance CRN, construction makes no network
    request; with an instance name, or none, it lists the account's instances once (Global Search and Catalog).
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
        config = resolve_config(
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
        self._lock = threading.Lock()
        self._clients: dict[str, Client] = {}
        self._directory: InstanceDirectory | None = None
        self._local: LocalService | None = None
        if config.is_local:
            self._config = config
            self._order: tuple[str, ...] = ()
            return
        from qrt.auth import IAMAuth
        from qrt.transport import Transport

        if config.token is None or config.iam_url is None:
            raise ConfigurationError(
                "No token to authenticate with: pass token=, save an account, or set QISKIT_IBM_TOKEN."
            )
        self._auth = IAMAuth(config.token.reveal(), config.iam_url, user_agent=USER_AGENT)
        self._transport: Transport = Transport.from_config(config, auth=self._auth, user_agent=USER_AGENT)
        self._catalog: BackendCatalog | None = None
        self._config = config  # discovery URLs come from it; the instance may still be a name or None
        self._config, self._order = self._choose_instances(config)

    # -- construction helpers -------------------------------------------------------------------------------------

    def _choose_instances(self, config: ResolvedConfig) -> tuple[ResolvedConfig, tuple[str, ...]]:
        """The instances this Service uses, highest priority first, and the config with the active one."""
        from qrt.instances import no_match_error, select

        if config.instance is not None and config.instance != "auto" and is_crn(config.instance):
            return config, (config.instance,)  # trusted as given: no request until the first real call
        if config.instance is not None and config.instance != "auto":
            found = self._instance_directory().resolve_name(config.instance)
            chosen = [i.crn for i in found]
            source = Source("derived", f"instance name {config.instance!r} resolved through Global Search")
            return config.with_instance(chosen[0], source=source), tuple(chosen)
        everything = self._instance_directory().all()
        ordered = select(everything, region=config.region, plans_preference=config.plans_preference or None,
                         tags=config.tags or None)
        if not ordered:
            raise no_match_error(region=config.region, plans_preference=config.plans_preference or None,
                                 tags=config.tags or None, available=len(everything))
        if not config.instance_auto:
            logger.warning(
                "No instance was given; using %s (%s plan) out of %d matching: %s. Pass instance= (a CRN makes "
                "construction free of network calls), or instance='auto' to select without this warning.",
                ordered[0].name, ordered[0].plan, len(ordered), ", ".join(i.name for i in ordered),
            )
        source = Source("derived", "auto-selected from the account's instances")
        return config.with_instance(ordered[0].crn, source=source), tuple(i.crn for i in ordered)

    def _instance_directory(self) -> InstanceDirectory:
        from qrt.instances import InstanceDirectory

        with self._lock:
            if self._directory is None:
                config = self._config
                if config.search_url is None or config.catalog_url is None:
                    raise ConfigurationError("No Global Search/Catalog URL: set url= or GLOBAL_SEARCH_URL.")
                self._directory = InstanceDirectory(
                    self._transport.client(config.search_url), self._transport.client(config.catalog_url)
                )
            return self._directory

    def _require_remote(self, what: str) -> None:
        if self._config.is_local:
            raise ConfigurationError(f"{what} needs the IBM Quantum service; this Service uses channel='local'.")

    # -- the basics -----------------------------------------------------------------------------------------------

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

    def active_instance(self) -> str | None:
        """The CRN of the instance requests go to by default (the highest-priority one)."""
        return self._order[0] if self._order else None

    def __repr__(self) -> str:
        config = self._config
        if config.is_local:
            return "<Service channel='local'>"
        where = f" account={config.account_name!r}" if config.account_name else ""
        return (
            f"<Service channel={config.channel!r} instance={self.active_instance()!r} "
            f"runtime_url={config.runtime_url!r}{where}>"
        )

    def close(self) -> None:
        """Close the connection pools (locally: finish the queued jobs and close the job store)."""
        if not self._config.is_local:
            self._transport.close()
        elif self._local is not None:
            self._local.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the generated client -------------------------------------------------------------------------------------

    @property
    def api(self) -> Client:
        """The generated ``qrt_api`` client for the active instance, with this Service's auth, headers, proxies
        and retries, for direct low-level calls (``qrt_api.api.<tag>.<operation>.sync(client=service.api)``)."""
        self._require_remote("service.api")
        active = self.active_instance()
        assert active is not None
        return self.api_for(active)

    def api_for(self, crn: str) -> Client:
        """The generated client for instance ``crn`` (cached; they all share one transport)."""
        self._require_remote("api_for()")
        with self._lock:
            client = self._clients.get(crn)
            # A caller may have closed it (``with service.api:``); the shared pools survive, so make a new one.
            if client is None or client.get_httpx_client().is_closed or client.get_async_httpx_client().is_closed:
                from qrt_api._stamp import API_VERSION

                runtime_url = self._config.runtime_url_for(crn)
                client = self._transport.api_client(runtime_url, crn=crn, api_version=API_VERSION)
                self._clients[crn] = client
            return client

    # -- instances ------------------------------------------------------------------------------------------------

    def instances(self) -> list[dict[str, Any]]:
        """Every instance of the account with a backend allocation: ``crn``, ``plan``, ``name``, ``tags``,
        ``pricing_type``, in Global Search order (fetched once per Service)."""
        self._require_remote("instances()")
        return [i.to_dict() for i in self._instance_directory().all()]

    def _instance_crns(self, instance: str | None) -> tuple[str, ...]:
        """The instances a call should use: the one named (CRN or name), or this Service's, in priority order."""
        if instance is None:
            return self._order
        if is_crn(instance):
            return (instance,)
        return tuple(i.crn for i in self._instance_directory().resolve_name(instance))

    # -- backends -------------------------------------------------------------------------------------------------

    def _backend_catalog(self) -> BackendCatalog:
        from qrt.backends import BackendCatalog

        with self._lock:
            if self._catalog is None:
                self._catalog = BackendCatalog(self.api_for)
            return self._catalog

    def _listed(self, instance: str | None) -> list[tuple[str, dict[str, Any]]]:
        """``(crn, entry)`` for every backend of the instances, first instance first, de-duplicated by name."""
        catalog = self._backend_catalog()
        seen: set[str] = set()
        listed = []
        for crn in self._instance_crns(instance):
            for entry in catalog.entries(crn):
                name = str(entry.get("name"))
                if name in seen or entry.get("class") == "mock":
                    continue
                seen.add(name)
                listed.append((crn, entry))
        return listed

    def backends(
        self,
        name: str | None = None,
        min_num_qubits: int | None = None,
        instance: str | None = None,
        dynamic_circuits: bool | None = None,
        filters: Callable[[RuntimeBackend], bool] | None = None,
        *,
        use_fractional_gates: bool | None = False,
        **kwargs: Any,
    ) -> list[BackendV2]:
        """The backends matching every filter given (:class:`~qrt.backends.RuntimeBackend` objects; local
        simulators with ``channel="local"``).

        One list request per instance; configurations are fetched (concurrently) only when ``dynamic_circuits``
        or a keyword filter needs them. Keyword filters name configuration keys or status attributes
        (``operational``, ``pending_jobs``, ``status_msg``, ``backend_version``); an unknown keyword raises
        :class:`~qrt.errors.ConfigurationError` instead of silently matching nothing.
        """
        if self._config.is_local:
            return self._local_service().backends(name=name, min_num_qubits=min_num_qubits,
                                                  dynamic_circuits=dynamic_circuits, filters=filters)
        from qrt.backends import RuntimeBackend

        catalog = self._backend_catalog()
        chosen = []
        for crn, entry in self._listed(instance):
            if name is not None and entry.get("name") != name:
                continue
            if min_num_qubits:
                qubits = entry.get("qubits")
                if not isinstance(qubits, int):
                    qubits = int(catalog.configuration(crn, str(entry["name"])).get("n_qubits") or 0)
                if qubits < min_num_qubits:
                    continue
            chosen.append(RuntimeBackend(catalog, crn, entry, use_fractional_gates=use_fractional_gates, service=self))
        return catalog.filter(chosen, dynamic_circuits=dynamic_circuits, filters=filters, **kwargs)

    def backend(
        self, name: str, instance: str | None = None, use_fractional_gates: bool | None = False
    ) -> BackendV2:
        """The backend called ``name``. Raises :class:`~qrt.errors.BackendNotFoundError` when there is none."""
        if self._config.is_local:
            return self._local_service().backend(name)
        found = self.backends(name=name, instance=instance, use_fractional_gates=use_fractional_gates)
        if not found:
            raise BackendNotFoundError(f"No backend named {name!r} in {self._where(instance)}. {_NOT_FOUND_HINT}")
        backend = found[0]
        if use_fractional_gates:
            basis = set(backend.configuration().get("basis_gates") or ())
            if not basis & {"rzz", "rx"}:
                raise ConfigurationError(
                    f"Backend {name!r} does not support fractional gates (no rzz or rx among its basis gates); "
                    "pass use_fractional_gates=False or choose another backend."
                )
        return backend

    def least_busy(
        self,
        min_num_qubits: int | None = None,
        instance: str | None = None,
        filters: Callable[[RuntimeBackend], bool] | None = None,
        **kwargs: Any,
    ) -> BackendV2:
        """The online backend with the shortest queue. One list request unless filters need configurations."""
        if self._config.is_local:
            return self._local_service().least_busy(min_num_qubits=min_num_qubits, filters=filters)
        from qrt.backends import RuntimeBackend

        use_fractional = kwargs.pop("use_fractional_gates", False)
        catalog = self._backend_catalog()
        candidates = [
            (crn, entry) for crn, entry in self._listed(instance)
            if (entry.get("status") or {}).get("name") == "online"
            and (not min_num_qubits or (entry.get("qubits") or 0) >= min_num_qubits)
        ]
        backends = [RuntimeBackend(catalog, crn, entry, use_fractional_gates=use_fractional, service=self)
                    for crn, entry in candidates]
        if filters is not None or kwargs:
            backends = catalog.filter(backends, filters=filters, **kwargs)
        if not backends:
            raise BackendNotFoundError(
                f"No online backend matches the criteria in {self._where(instance)}. {_NOT_FOUND_HINT}"
            )
        return min(backends, key=lambda b: int(b.entry.get("queue_length") or 0))

    def _where(self, instance: str | None) -> str:
        crns = self._instance_crns(instance)
        return f"instance {crns[0]}" if len(crns) == 1 else f"{len(crns)} instances"

    # -- jobs -----------------------------------------------------------------------------------------------------

    def job(self, job_id: str) -> RuntimeJob | LocalJob:
        """The job ``job_id``, looked up in the active instance, then in this Service's other instances."""
        if self._config.is_local:
            return self._local_service().job(job_id)
        return self._find_job(job_id)

    def _find_job(self, job_id: str) -> RuntimeJob:
        from qrt.jobs import RuntimeJob
        from qrt_api.api.jobs import get_job

        for crn in self._order:
            try:
                found = get_job.sync(job_id, client=self.api_for(crn), exclude_params=True)
            except NotFoundError:
                continue
            if found is not None and hasattr(found, "to_dict"):
                return RuntimeJob(self, crn, found.to_dict())
        raise NotFoundError(
            f"Job {job_id!r} was not found in {self._where(None)}. Service.jobs() lists your jobs.",
            status_code=404,
        )

    def jobs(
        self,
        limit: int | None = 10,
        skip: int = 0,
        backend_name: str | None = None,
        pending: bool | None = None,
        program_id: str | None = None,
        instance: str | None = None,
        job_tags: Sequence[str] | None = None,
        session_id: str | None = None,
        created_after: dt.datetime | None = None,
        created_before: dt.datetime | None = None,
        descending: bool = True,
    ) -> Sequence[RuntimeJob | LocalJob] | Iterator[RuntimeJob | LocalJob]:
        """Jobs of an instance (default: the active one), newest first unless ``descending=False``.

        With a ``limit``, a list of at most that many jobs. With ``limit=None``, a lazy iterator over every job,
        fetched in pages of 200 (the API's largest), so N jobs cost ceil(N/200) requests.
        """
        if self._config.is_local:
            return self._local_service().jobs(limit=limit, skip=skip, backend_name=backend_name,
                                              pending=pending, program_id=program_id, job_tags=job_tags,
                                              session_id=session_id, created_after=created_after,
                                              created_before=created_before, descending=descending)
        from qrt.jobs import RuntimeJob, iter_job_pages

        crn = self._instance_crns(instance)[0]
        pages = iter_job_pages(
            self.api_for(crn), limit=limit, skip=skip, backend_name=backend_name, pending=pending,
            program_id=program_id, job_tags=job_tags, session_id=session_id, created_after=created_after,
            created_before=created_before, descending=descending,
        )
        jobs = (RuntimeJob(self, crn, data) for data in pages)
        return jobs if limit is None else list(jobs)

    def delete_job(self, job_id: str) -> None:
        """Delete a finished job and its results. A job still running raises :class:`~qrt.errors.ConflictError`."""
        if self._config.is_local:
            self._local_service().delete_job(job_id)
            return
        from qrt_api.api.jobs import delete_job

        job = self._find_job(job_id)  # finds the instance it belongs to
        delete_job.sync_detailed(job_id, client=self.api_for(job.instance))

    def usage(self) -> dict[str, Any]:
        """The active instance's usage; adds ``usage_remaining_seconds`` as the official SDK does."""
        self._require_remote("usage()")
        from qrt_api.api.instances import get_instance_usage

        found = get_instance_usage.sync(client=self.api)
        usage: dict[str, Any] = found.to_dict() if found is not None and hasattr(found, "to_dict") else {}
        limit = usage.get("usage_limit_seconds")
        if limit is None:
            limit = usage.get("usage_allocation_seconds")
        if limit:
            consumed = usage.get("usage_consumed_seconds") or 0
            usage["usage_remaining_seconds"] = max(float(limit) - float(consumed), 0.0)
        return usage

    def check_pending_jobs(self) -> int:
        """The number of jobs still queued or running in the active instance.

        Raises :class:`UsageLimitReachedError` when the instance has used up its usage limit, since a new job
        would be refused.
        """
        self._require_remote("check_pending_jobs()")
        from qrt_api.api.jobs import list_jobs

        usage = self.usage()
        if usage.get("usage_limit_reached"):
            raise UsageLimitReachedError(
                f"Instance {self.active_instance()} has reached its usage limit "
                f"({usage.get('usage_consumed_seconds')} of {usage.get('usage_limit_seconds')} s); new jobs would be "
                "refused until the usage period renews or the limit is raised."
            )
        page = list_jobs.sync(client=self.api, limit=1, pending=True, exclude_params=True)
        count = getattr(page, "count", None)
        return int(count) if isinstance(count, int) else len(getattr(page, "jobs", None) or [])

    # -- local mode -----------------------------------------------------------------------------------------------

    def _local_service(self) -> LocalService:
        with self._lock:
            if self._local is None:
                from qrt.local import LocalService

                self._local = LocalService()
            return self._local

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
