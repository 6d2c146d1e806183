# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.qpu_usage import QpuUsage


T = TypeVar("T", bound="Workload")


@_attrs_define
class Workload:
    """
    Attributes:
        id (str): The job or session id.
        created (datetime.datetime | Unset):
        ended (datetime.datetime | None | Unset):
        backend (None | str | Unset):
        instance (str | Unset):
        user_id (str | Unset):
        accepting_jobs (bool | None | Unset): Sessions only; null for jobs.
        mode (str | Unset): Known values job, session, batch.
        status (str | Unset): Known values pending, in_progress, completed, canceled, failed.
        status_reason (None | str | Unset):
        tags (list[str] | Unset):
        usage_seconds (float | None | Unset): Use `usage.qpu_charge_time_seconds`.
        usage (None | QpuUsage | Unset):
        estimated_running_time_seconds (float | None | Unset):
    """

    id: str
    created: datetime.datetime | Unset = UNSET
    ended: datetime.datetime | None | Unset = UNSET
    backend: None | str | Unset = UNSET
    instance: str | Unset = UNSET
    user_id: str | Unset = UNSET
    accepting_jobs: bool | None | Unset = UNSET
    mode: str | Unset = UNSET
    status: str | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    usage_seconds: float | None | Unset = UNSET
    usage: None | QpuUsage | Unset = UNSET
    estimated_running_time_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.qpu_usage import QpuUsage  # noqa: PLC0415

        id = self.id

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        ended: None | str | Unset
        if isinstance(self.ended, Unset):
            ended = UNSET
        elif isinstance(self.ended, datetime.datetime):
            ended = self.ended.isoformat()
        else:
            ended = self.ended

        backend: None | str | Unset
        if isinstance(self.backend, Unset):
            backend = UNSET
        else:
            backend = self.backend

        instance = self.instance

        user_id = self.user_id

        accepting_jobs: bool | None | Unset
        if isinstance(self.accepting_jobs, Unset):
            accepting_jobs = UNSET
        else:
            accepting_jobs = self.accepting_jobs

        mode = self.mode

        status = self.status

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        usage_seconds: float | None | Unset
        if isinstance(self.usage_seconds, Unset):
            usage_seconds = UNSET
        else:
            usage_seconds = self.usage_seconds

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, QpuUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        estimated_running_time_seconds: float | None | Unset
        if isinstance(self.estimated_running_time_seconds, Unset):
            estimated_running_time_seconds = UNSET
        else:
            estimated_running_time_seconds = self.estimated_running_time_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if created is not UNSET:
            field_dict["created"] = created
        if ended is not UNSET:
            field_dict["ended"] = ended
        if backend is not UNSET:
            field_dict["backend"] = backend
        if instance is not UNSET:
            field_dict["instance"] = instance
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if accepting_jobs is not UNSET:
            field_dict["accepting_jobs"] = accepting_jobs
        if mode is not UNSET:
            field_dict["mode"] = mode
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if tags is not UNSET:
            field_dict["tags"] = tags
        if usage_seconds is not UNSET:
            field_dict["usage_seconds"] = usage_seconds
        if usage is not UNSET:
            field_dict["usage"] = usage
        if estimated_running_time_seconds is not UNSET:
            field_dict["estimated_running_time_seconds"] = estimated_running_time_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.qpu_usage import QpuUsage  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = datetime.datetime.fromisoformat(_created)

        def _parse_ended(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_type_0 = datetime.datetime.fromisoformat(data)

                return ended_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ended = _parse_ended(d.pop("ended", UNSET))

        def _parse_backend(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backend = _parse_backend(d.pop("backend", UNSET))

        instance = d.pop("instance", UNSET)

        user_id = d.pop("user_id", UNSET)

        def _parse_accepting_jobs(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        accepting_jobs = _parse_accepting_jobs(d.pop("accepting_jobs", UNSET))

        mode = d.pop("mode", UNSET)

        status = d.pop("status", UNSET)

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_usage_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        usage_seconds = _parse_usage_seconds(d.pop("usage_seconds", UNSET))

        def _parse_usage(data: object) -> None | QpuUsage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = QpuUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QpuUsage | Unset, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        def _parse_estimated_running_time_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        estimated_running_time_seconds = _parse_estimated_running_time_seconds(
            d.pop("estimated_running_time_seconds", UNSET)
        )

        workload = cls(
            id=id,
            created=created,
            ended=ended,
            backend=backend,
            instance=instance,
            user_id=user_id,
            accepting_jobs=accepting_jobs,
            mode=mode,
            status=status,
            status_reason=status_reason,
            tags=tags,
            usage_seconds=usage_seconds,
            usage=usage,
            estimated_running_time_seconds=estimated_running_time_seconds,
        )

        workload.additional_properties = d
        return workload

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
