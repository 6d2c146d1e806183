# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_params import JobParams
    from ..models.job_program import JobProgram
    from ..models.job_state import JobState
    from ..models.qpu_usage import QpuUsage


T = TypeVar("T", bound="JobResponse")


@_attrs_define
class JobResponse:
    """
    Attributes:
        id (str):
        created (datetime.datetime):
        program (JobProgram):
        state (JobState):
        status (str): Known values Queued, Running, Completed, Cancelled, "Cancelled - Ran too long", Failed.
        backend (str | Unset):
        params (JobParams | Unset): The program's input, free-form here. For the V2 primitives it is `{pubs, options,
            version,
            support_qiskit}` with circuits in RuntimeEncoder envelopes; for the executor, a quantum program.
        runtime (str | Unset):
        tags (list[str] | Unset):
        session_id (None | str | Unset):
        user_id (str | Unset):
        usage (QpuUsage | Unset):
        private (bool | Unset):
        estimated_running_time_seconds (float | None | Unset):
        cost (int | Unset): Maximum execution time in seconds.
        calibration_id (None | str | Unset):
    """

    id: str
    created: datetime.datetime
    program: JobProgram
    state: JobState
    status: str
    backend: str | Unset = UNSET
    params: JobParams | Unset = UNSET
    runtime: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    session_id: None | str | Unset = UNSET
    user_id: str | Unset = UNSET
    usage: QpuUsage | Unset = UNSET
    private: bool | Unset = UNSET
    estimated_running_time_seconds: float | None | Unset = UNSET
    cost: int | Unset = UNSET
    calibration_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created = self.created.isoformat()

        program = self.program.to_dict()

        state = self.state.to_dict()

        status = self.status

        backend = self.backend

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        runtime = self.runtime

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        user_id = self.user_id

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        private = self.private

        estimated_running_time_seconds: float | None | Unset
        if isinstance(self.estimated_running_time_seconds, Unset):
            estimated_running_time_seconds = UNSET
        else:
            estimated_running_time_seconds = self.estimated_running_time_seconds

        cost = self.cost

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
                "created": created,
                "program": program,
                "state": state,
                "status": status,
            }
        )
        if backend is not UNSET:
            field_dict["backend"] = backend
        if params is not UNSET:
            field_dict["params"] = params
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if tags is not UNSET:
            field_dict["tags"] = tags
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if usage is not UNSET:
            field_dict["usage"] = usage
        if private is not UNSET:
            field_dict["private"] = private
        if estimated_running_time_seconds is not UNSET:
            field_dict["estimated_running_time_seconds"] = estimated_running_time_seconds
        if cost is not UNSET:
            field_dict["cost"] = cost
        if calibration_id is not UNSET:
            field_dict["calibration_id"] = calibration_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_params import JobParams  # noqa: PLC0415
        from ..models.job_program import JobProgram  # noqa: PLC0415
        from ..models.job_state import JobState  # noqa: PLC0415
        from ..models.qpu_usage import QpuUsage  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        program = JobProgram.from_dict(d.pop("program"))

        state = JobState.from_dict(d.pop("state"))

        status = d.pop("status")

        backend = d.pop("backend", UNSET)

        _params = d.pop("params", UNSET)
        params: JobParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = JobParams.from_dict(_params)

        runtime = d.pop("runtime", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        user_id = d.pop("user_id", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: QpuUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = QpuUsage.from_dict(_usage)

        private = d.pop("private", UNSET)

        def _parse_estimated_running_time_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        estimated_running_time_seconds = _parse_estimated_running_time_seconds(
            d.pop("estimated_running_time_seconds", UNSET)
        )

        cost = d.pop("cost", UNSET)

        def _parse_calibration_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calibration_id = _parse_calibration_id(d.pop("calibration_id", UNSET))

        job_response = cls(
            id=id,
            created=created,
            program=program,
            state=state,
            status=status,
            backend=backend,
            params=params,
            runtime=runtime,
            tags=tags,
            session_id=session_id,
            user_id=user_id,
            usage=usage,
            private=private,
            estimated_running_time_seconds=estimated_running_time_seconds,
            cost=cost,
            calibration_id=calibration_id,
        )

        job_response.additional_properties = d
        return job_response

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
