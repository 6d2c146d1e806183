# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QpuUsage")


@_attrs_define
class QpuUsage:
    """
    Attributes:
        qpu_charge_time_seconds (float | Unset): Billed quantum time in seconds.
        status (str | Unset): Known values `pending` (billing still being computed) and `complete`.
    """

    qpu_charge_time_seconds: float | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qpu_charge_time_seconds = self.qpu_charge_time_seconds

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if qpu_charge_time_seconds is not UNSET:
            field_dict["qpu_charge_time_seconds"] = qpu_charge_time_seconds
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        qpu_charge_time_seconds = d.pop("qpu_charge_time_seconds", UNSET)

        status = d.pop("status", UNSET)

        qpu_usage = cls(
            qpu_charge_time_seconds=qpu_charge_time_seconds,
            status=status,
        )

        qpu_usage.additional_properties = d
        return qpu_usage

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
