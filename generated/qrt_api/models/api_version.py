# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiVersion")


@_attrs_define
class ApiVersion:
    """
    Attributes:
        version (str): The version, a date `YYYY-MM-DD`, as sent in the IBM-API-Version header.
        sunset_date (datetime.date | None | Unset): The day the version stops working; absent or null for the live
            version.
        status (str | Unset): Known values `live` and `deprecated`.
    """

    version: str
    sunset_date: datetime.date | None | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        sunset_date: None | str | Unset
        if isinstance(self.sunset_date, Unset):
            sunset_date = UNSET
        elif isinstance(self.sunset_date, datetime.date):
            sunset_date = self.sunset_date.isoformat()
        else:
            sunset_date = self.sunset_date

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
            }
        )
        if sunset_date is not UNSET:
            field_dict["sunset_date"] = sunset_date
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        def _parse_sunset_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sunset_date_type_0 = datetime.date.fromisoformat(data)

                return sunset_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        sunset_date = _parse_sunset_date(d.pop("sunset_date", UNSET))

        status = d.pop("status", UNSET)

        api_version = cls(
            version=version,
            sunset_date=sunset_date,
            status=status,
        )

        api_version.additional_properties = d
        return api_version

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
