# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generic_error_item import GenericErrorItem


T = TypeVar("T", bound="GenericErrorDto")


@_attrs_define
class GenericErrorDto:
    """The error body of `/v1/instances/usage`, `/v1/workloads` and the analytics endpoints.

    Attributes:
        trace (str | Unset): Request trace id (a UUID).
        errors (list[GenericErrorItem] | Unset):
    """

    trace: str | Unset = UNSET
    errors: list[GenericErrorItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trace = self.trace

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if trace is not UNSET:
            field_dict["trace"] = trace
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generic_error_item import GenericErrorItem  # noqa: PLC0415

        d = dict(src_dict)
        trace = d.pop("trace", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[GenericErrorItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = GenericErrorItem.from_dict(errors_item_data)

                errors.append(errors_item)

        generic_error_dto = cls(
            trace=trace,
            errors=errors,
        )

        generic_error_dto.additional_properties = d
        return generic_error_dto

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
