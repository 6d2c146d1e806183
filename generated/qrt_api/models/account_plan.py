# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountPlan")


@_attrs_define
class AccountPlan:
    """
    Attributes:
        plan_id (str | Unset):
        backends (list[str] | Unset):
        usage_allocation_seconds (int | None | Unset):
        usage_limit_seconds (int | None | Unset):
        unallocated_usage_seconds (int | None | Unset):
        max_ttl (int | None | Unset):
        active_ttl (int | None | Unset):
        interactive_ttl (int | None | Unset):
        start_time (datetime.datetime | None | Unset):
        end_time (datetime.datetime | None | Unset):
    """

    plan_id: str | Unset = UNSET
    backends: list[str] | Unset = UNSET
    usage_allocation_seconds: int | None | Unset = UNSET
    usage_limit_seconds: int | None | Unset = UNSET
    unallocated_usage_seconds: int | None | Unset = UNSET
    max_ttl: int | None | Unset = UNSET
    active_ttl: int | None | Unset = UNSET
    interactive_ttl: int | None | Unset = UNSET
    start_time: datetime.datetime | None | Unset = UNSET
    end_time: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        plan_id = self.plan_id

        backends: list[str] | Unset = UNSET
        if not isinstance(self.backends, Unset):
            backends = self.backends

        usage_allocation_seconds: int | None | Unset
        if isinstance(self.usage_allocation_seconds, Unset):
            usage_allocation_seconds = UNSET
        else:
            usage_allocation_seconds = self.usage_allocation_seconds

        usage_limit_seconds: int | None | Unset
        if isinstance(self.usage_limit_seconds, Unset):
            usage_limit_seconds = UNSET
        else:
            usage_limit_seconds = self.usage_limit_seconds

        unallocated_usage_seconds: int | None | Unset
        if isinstance(self.unallocated_usage_seconds, Unset):
            unallocated_usage_seconds = UNSET
        else:
            unallocated_usage_seconds = self.unallocated_usage_seconds

        max_ttl: int | None | Unset
        if isinstance(self.max_ttl, Unset):
            max_ttl = UNSET
        else:
            max_ttl = self.max_ttl

        active_ttl: int | None | Unset
        if isinstance(self.active_ttl, Unset):
            active_ttl = UNSET
        else:
            active_ttl = self.active_ttl

        interactive_ttl: int | None | Unset
        if isinstance(self.interactive_ttl, Unset):
            interactive_ttl = UNSET
        else:
            interactive_ttl = self.interactive_ttl

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.datetime):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        elif isinstance(self.end_time, datetime.datetime):
            end_time = self.end_time.isoformat()
        else:
            end_time = self.end_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if plan_id is not UNSET:
            field_dict["plan_id"] = plan_id
        if backends is not UNSET:
            field_dict["backends"] = backends
        if usage_allocation_seconds is not UNSET:
            field_dict["usage_allocation_seconds"] = usage_allocation_seconds
        if usage_limit_seconds is not UNSET:
            field_dict["usage_limit_seconds"] = usage_limit_seconds
        if unallocated_usage_seconds is not UNSET:
            field_dict["unallocated_usage_seconds"] = unallocated_usage_seconds
        if max_ttl is not UNSET:
            field_dict["max_ttl"] = max_ttl
        if active_ttl is not UNSET:
            field_dict["active_ttl"] = active_ttl
        if interactive_ttl is not UNSET:
            field_dict["interactive_ttl"] = interactive_ttl
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan_id = d.pop("plan_id", UNSET)

        backends = cast(list[str], d.pop("backends", UNSET))

        def _parse_usage_allocation_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        usage_allocation_seconds = _parse_usage_allocation_seconds(d.pop("usage_allocation_seconds", UNSET))

        def _parse_usage_limit_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        usage_limit_seconds = _parse_usage_limit_seconds(d.pop("usage_limit_seconds", UNSET))

        def _parse_unallocated_usage_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        unallocated_usage_seconds = _parse_unallocated_usage_seconds(d.pop("unallocated_usage_seconds", UNSET))

        def _parse_max_ttl(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ttl = _parse_max_ttl(d.pop("max_ttl", UNSET))

        def _parse_active_ttl(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_ttl = _parse_active_ttl(d.pop("active_ttl", UNSET))

        def _parse_interactive_ttl(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        interactive_ttl = _parse_interactive_ttl(d.pop("interactive_ttl", UNSET))

        def _parse_start_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.datetime.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        def _parse_end_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.datetime.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_time = _parse_end_time(d.pop("end_time", UNSET))

        account_plan = cls(
            plan_id=plan_id,
            backends=backends,
            usage_allocation_seconds=usage_allocation_seconds,
            usage_limit_seconds=usage_limit_seconds,
            unallocated_usage_seconds=unallocated_usage_seconds,
            max_ttl=max_ttl,
            active_ttl=active_ttl,
            interactive_ttl=interactive_ttl,
            start_time=start_time,
            end_time=end_time,
        )

        account_plan.additional_properties = d
        return account_plan

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
