# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_period import UsagePeriod


T = TypeVar("T", bound="InstanceUsage")


@_attrs_define
class InstanceUsage:
    """
    Attributes:
        instance_id (str):
        plan_id (str):
        usage_consumed_seconds (float):
        usage_period (UsagePeriod | Unset):
        usage_limit_seconds (float | None | Unset):
        usage_allocation_seconds (float | None | Unset):
        usage_limit_reached (bool | Unset):
    """

    instance_id: str
    plan_id: str
    usage_consumed_seconds: float
    usage_period: UsagePeriod | Unset = UNSET
    usage_limit_seconds: float | None | Unset = UNSET
    usage_allocation_seconds: float | None | Unset = UNSET
    usage_limit_reached: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instance_id = self.instance_id

        plan_id = self.plan_id

        usage_consumed_seconds = self.usage_consumed_seconds

        usage_period: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage_period, Unset):
            usage_period = self.usage_period.to_dict()

        usage_limit_seconds: float | None | Unset
        if isinstance(self.usage_limit_seconds, Unset):
            usage_limit_seconds = UNSET
        else:
            usage_limit_seconds = self.usage_limit_seconds

        usage_allocation_seconds: float | None | Unset
        if isinstance(self.usage_allocation_seconds, Unset):
            usage_allocation_seconds = UNSET
        else:
            usage_allocation_seconds = self.usage_allocation_seconds

        usage_limit_reached = self.usage_limit_reached

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instance_id": instance_id,
                "plan_id": plan_id,
                "usage_consumed_seconds": usage_consumed_seconds,
            }
        )
        if usage_period is not UNSET:
            field_dict["usage_period"] = usage_period
        if usage_limit_seconds is not UNSET:
            field_dict["usage_limit_seconds"] = usage_limit_seconds
        if usage_allocation_seconds is not UNSET:
            field_dict["usage_allocation_seconds"] = usage_allocation_seconds
        if usage_limit_reached is not UNSET:
            field_dict["usage_limit_reached"] = usage_limit_reached

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_period import UsagePeriod  # noqa: PLC0415

        d = dict(src_dict)
        instance_id = d.pop("instance_id")

        plan_id = d.pop("plan_id")

        usage_consumed_seconds = d.pop("usage_consumed_seconds")

        _usage_period = d.pop("usage_period", UNSET)
        usage_period: UsagePeriod | Unset
        if isinstance(_usage_period, Unset):
            usage_period = UNSET
        else:
            usage_period = UsagePeriod.from_dict(_usage_period)

        def _parse_usage_limit_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        usage_limit_seconds = _parse_usage_limit_seconds(d.pop("usage_limit_seconds", UNSET))

        def _parse_usage_allocation_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        usage_allocation_seconds = _parse_usage_allocation_seconds(d.pop("usage_allocation_seconds", UNSET))

        usage_limit_reached = d.pop("usage_limit_reached", UNSET)

        instance_usage = cls(
            instance_id=instance_id,
            plan_id=plan_id,
            usage_consumed_seconds=usage_consumed_seconds,
            usage_period=usage_period,
            usage_limit_seconds=usage_limit_seconds,
            usage_allocation_seconds=usage_allocation_seconds,
            usage_limit_reached=usage_limit_reached,
        )

        instance_usage.additional_properties = d
        return instance_usage

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
