# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_mode import SessionMode, check_session_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionCreateRequest")


@_attrs_define
class SessionCreateRequest:
    """
    Attributes:
        mode (SessionMode):
        max_ttl (int | Unset): Maximum session lifetime in seconds (server default 28800).
        backend (str | Unset):
        backend_name (str | Unset): Older spelling of `backend`.
        instance (str | Unset): The instance CRN.
    """

    mode: SessionMode
    max_ttl: int | Unset = UNSET
    backend: str | Unset = UNSET
    backend_name: str | Unset = UNSET
    instance: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode: str = self.mode

        max_ttl = self.max_ttl

        backend = self.backend

        backend_name = self.backend_name

        instance = self.instance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
            }
        )
        if max_ttl is not UNSET:
            field_dict["max_ttl"] = max_ttl
        if backend is not UNSET:
            field_dict["backend"] = backend
        if backend_name is not UNSET:
            field_dict["backend_name"] = backend_name
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = check_session_mode(d.pop("mode"))

        max_ttl = d.pop("max_ttl", UNSET)

        backend = d.pop("backend", UNSET)

        backend_name = d.pop("backend_name", UNSET)

        instance = d.pop("instance", UNSET)

        session_create_request = cls(
            mode=mode,
            max_ttl=max_ttl,
            backend=backend,
            backend_name=backend_name,
            instance=instance,
        )

        session_create_request.additional_properties = d
        return session_create_request

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
