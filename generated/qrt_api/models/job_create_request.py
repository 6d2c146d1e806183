# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_params import JobParams


T = TypeVar("T", bound="JobCreateRequest")


@_attrs_define
class JobCreateRequest:
    """
    Attributes:
        program_id (str): The program, e.g. `sampler`, `estimator`, `executor`.
        backend (str):
        params (JobParams | Unset): The program's input, free-form here. For the V2 primitives it is `{pubs, options,
            version,
            support_qiskit}` with circuits in RuntimeEncoder envelopes; for the executor, a quantum program.
        runtime (str | Unset): A runtime image to run the program in.
        tags (list[str] | Unset):
        log_level (str | Unset): Known values critical, error, warning, info, debug (case-insensitive).
        cost (int | Unset): Maximum execution time in seconds.
        session_id (str | Unset):
        private (bool | Unset): When true, params and results are deleted after the job finishes.
        calibration_id (str | Unset):
    """

    program_id: str
    backend: str
    params: JobParams | Unset = UNSET
    runtime: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    log_level: str | Unset = UNSET
    cost: int | Unset = UNSET
    session_id: str | Unset = UNSET
    private: bool | Unset = UNSET
    calibration_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program_id = self.program_id

        backend = self.backend

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        runtime = self.runtime

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        log_level = self.log_level

        cost = self.cost

        session_id = self.session_id

        private = self.private

        calibration_id = self.calibration_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "program_id": program_id,
                "backend": backend,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if tags is not UNSET:
            field_dict["tags"] = tags
        if log_level is not UNSET:
            field_dict["log_level"] = log_level
        if cost is not UNSET:
            field_dict["cost"] = cost
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if private is not UNSET:
            field_dict["private"] = private
        if calibration_id is not UNSET:
            field_dict["calibration_id"] = calibration_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_params import JobParams  # noqa: PLC0415

        d = dict(src_dict)
        program_id = d.pop("program_id")

        backend = d.pop("backend")

        _params = d.pop("params", UNSET)
        params: JobParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = JobParams.from_dict(_params)

        runtime = d.pop("runtime", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        log_level = d.pop("log_level", UNSET)

        cost = d.pop("cost", UNSET)

        session_id = d.pop("session_id", UNSET)

        private = d.pop("private", UNSET)

        calibration_id = d.pop("calibration_id", UNSET)

        job_create_request = cls(
            program_id=program_id,
            backend=backend,
            params=params,
            runtime=runtime,
            tags=tags,
            log_level=log_level,
            cost=cost,
            session_id=session_id,
            private=private,
            calibration_id=calibration_id,
        )

        job_create_request.additional_properties = d
        return job_create_request

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
