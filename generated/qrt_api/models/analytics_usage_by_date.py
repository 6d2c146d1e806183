# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analytics_usage_date_group import AnalyticsUsageDateGroup


T = TypeVar("T", bound="AnalyticsUsageByDate")


@_attrs_define
class AnalyticsUsageByDate:
    """
    Attributes:
        data (list[AnalyticsUsageDateGroup]):
        interval_start (datetime.datetime | Unset):
        interval_end (datetime.datetime | Unset):
    """

    data: list[AnalyticsUsageDateGroup]
    interval_start: datetime.datetime | Unset = UNSET
    interval_end: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        interval_start: str | Unset = UNSET
        if not isinstance(self.interval_start, Unset):
            interval_start = self.interval_start.isoformat()

        interval_end: str | Unset = UNSET
        if not isinstance(self.interval_end, Unset):
            interval_end = self.interval_end.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if interval_start is not UNSET:
            field_dict["interval_start"] = interval_start
        if interval_end is not UNSET:
            field_dict["interval_end"] = interval_end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analytics_usage_date_group import AnalyticsUsageDateGroup  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AnalyticsUsageDateGroup.from_dict(data_item_data)

            data.append(data_item)

        _interval_start = d.pop("interval_start", UNSET)
        interval_start: datetime.datetime | Unset
        if isinstance(_interval_start, Unset):
            interval_start = UNSET
        else:
            interval_start = datetime.datetime.fromisoformat(_interval_start)

        _interval_end = d.pop("interval_end", UNSET)
        interval_end: datetime.datetime | Unset
        if isinstance(_interval_end, Unset):
            interval_end = UNSET
        else:
            interval_end = datetime.datetime.fromisoformat(_interval_end)

        analytics_usage_by_date = cls(
            data=data,
            interval_start=interval_start,
            interval_end=interval_end,
        )

        analytics_usage_by_date.additional_properties = d
        return analytics_usage_by_date

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
