# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BackendStatus")


@_attrs_define
class BackendStatus:
    """
    Attributes:
        length_queue (int): Jobs waiting on the backend.
        state (bool | Unset): true when the backend accepts jobs.
        status (str | Unset): A short status text, e.g. `active`, `internal`, `maintenance`.
        message (str | Unset):
        backend_version (str | Unset):
    """

    length_queue: int
    state: bool | Unset = UNSET
    status: str | Unset = UNSET
    message: str | Unset = UNSET
    backend_version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        length_queue = self.length_queue

        state = self.state

        status = self.status

        message = self.message

        backend_version = self.backend_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "length_queue": length_queue,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state
        if status is not UNSET:
            field_dict["status"] = status
        if message is not UNSET:
            field_dict["message"] = message
        if backend_version is not UNSET:
            field_dict["backend_version"] = backend_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        length_queue = d.pop("length_queue")

        state = d.pop("state", UNSET)

        status = d.pop("status", UNSET)

        message = d.pop("message", UNSET)

        backend_version = d.pop("backend_version", UNSET)

        backend_status = cls(
            length_queue=length_queue,
            state=state,
            status=status,
            message=message,
            backend_version=backend_version,
        )

        backend_status.additional_properties = d
        return backend_status

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
