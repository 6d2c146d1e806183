# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobCreateResponse")


@_attrs_define
class JobCreateResponse:
    """
    Attributes:
        id (str):
        backend (str | Unset): The backend the job was queued on.
        session_id (None | str | Unset):
        private (bool | Unset):
        calibration_id (None | str | Unset):
    """

    id: str
    backend: str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    private: bool | Unset = UNSET
    calibration_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        backend = self.backend

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        private = self.private

        calibration_id: None | str | Unset
        if isinstance(self.calibration_id, Unset):
            calibration_id = UNSET
        else:
            calibration_id = self.calibration_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if backend is not UNSET:
            field_dict["backend"] = backend
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if private is not UNSET:
            field_dict["private"] = private
        if calibration_id is not UNSET:
            field_dict["calibration_id"] = calibration_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        backend = d.pop("backend", UNSET)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        private = d.pop("private", UNSET)

        def _parse_calibration_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calibration_id = _parse_calibration_id(d.pop("calibration_id", UNSET))

        job_create_response = cls(
            id=id,
            backend=backend,
            session_id=session_id,
            private=private,
            calibration_id=calibration_id,
        )

        job_create_response.additional_properties = d
        return job_create_response

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
