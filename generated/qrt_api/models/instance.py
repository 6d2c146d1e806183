# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Instance")


@_attrs_define
class Instance:
    """
    Attributes:
        backends (list[str] | Unset):
        instance_limit (int | None | Unset): Use `instance_limit_seconds`.
        instance_limit_seconds (None | str | Unset):
        plan_id (str | Unset):
        usage_allocation_seconds (None | str | Unset):
    """

    backends: list[str] | Unset = UNSET
    instance_limit: int | None | Unset = UNSET
    instance_limit_seconds: None | str | Unset = UNSET
    plan_id: str | Unset = UNSET
    usage_allocation_seconds: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backends: list[str] | Unset = UNSET
        if not isinstance(self.backends, Unset):
            backends = self.backends

        instance_limit: int | None | Unset
        if isinstance(self.instance_limit, Unset):
            instance_limit = UNSET
        else:
            instance_limit = self.instance_limit

        instance_limit_seconds: None | str | Unset
        if isinstance(self.instance_limit_seconds, Unset):
            instance_limit_seconds = UNSET
        else:
            instance_limit_seconds = self.instance_limit_seconds

        plan_id = self.plan_id

        usage_allocation_seconds: None | str | Unset
        if isinstance(self.usage_allocation_seconds, Unset):
            usage_allocation_seconds = UNSET
        else:
            usage_allocation_seconds = self.usage_allocation_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if backends is not UNSET:
            field_dict["backends"] = backends
        if instance_limit is not UNSET:
            field_dict["instance_limit"] = instance_limit
        if instance_limit_seconds is not UNSET:
            field_dict["instance_limit_seconds"] = instance_limit_seconds
        if plan_id is not UNSET:
            field_dict["plan_id"] = plan_id
        if usage_allocation_seconds is not UNSET:
            field_dict["usage_allocation_seconds"] = usage_allocation_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        backends = cast(list[str], d.pop("backends", UNSET))

        def _parse_instance_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        instance_limit = _parse_instance_limit(d.pop("instance_limit", UNSET))

        def _parse_instance_limit_seconds(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance_limit_seconds = _parse_instance_limit_seconds(d.pop("instance_limit_seconds", UNSET))

        plan_id = d.pop("plan_id", UNSET)

        def _parse_usage_allocation_seconds(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        usage_allocation_seconds = _parse_usage_allocation_seconds(d.pop("usage_allocation_seconds", UNSET))

        instance = cls(
            backends=backends,
            instance_limit=instance_limit,
            instance_limit_seconds=instance_limit_seconds,
            plan_id=plan_id,
            usage_allocation_seconds=usage_allocation_seconds,
        )

        instance.additional_properties = d
        return instance

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
