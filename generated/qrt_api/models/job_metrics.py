# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_timestamps import JobTimestamps
    from ..models.qpu_usage import QpuUsage


T = TypeVar("T", bound="JobMetrics")


@_attrs_define
class JobMetrics:
    """
    Attributes:
        caller (str | Unset): The client application that created the job.
        timestamps (JobTimestamps | Unset):
        usage (QpuUsage | Unset):
        circuits_execution_time_ns (int | None | Unset):
        qiskit_version (None | str | Unset):
    """

    caller: str | Unset = UNSET
    timestamps: JobTimestamps | Unset = UNSET
    usage: QpuUsage | Unset = UNSET
    circuits_execution_time_ns: int | None | Unset = UNSET
    qiskit_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caller = self.caller

        timestamps: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timestamps, Unset):
            timestamps = self.timestamps.to_dict()

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        circuits_execution_time_ns: int | None | Unset
        if isinstance(self.circuits_execution_time_ns, Unset):
            circuits_execution_time_ns = UNSET
        else:
            circuits_execution_time_ns = self.circuits_execution_time_ns

        qiskit_version: None | str | Unset
        if isinstance(self.qiskit_version, Unset):
            qiskit_version = UNSET
        else:
            qiskit_version = self.qiskit_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if caller is not UNSET:
            field_dict["caller"] = caller
        if timestamps is not UNSET:
            field_dict["timestamps"] = timestamps
        if usage is not UNSET:
            field_dict["usage"] = usage
        if circuits_execution_time_ns is not UNSET:
            field_dict["circuits_execution_time_ns"] = circuits_execution_time_ns
        if qiskit_version is not UNSET:
            field_dict["qiskit_version"] = qiskit_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_timestamps import JobTimestamps  # noqa: PLC0415
        from ..models.qpu_usage import QpuUsage  # noqa: PLC0415

        d = dict(src_dict)
        caller = d.pop("caller", UNSET)

        _timestamps = d.pop("timestamps", UNSET)
        timestamps: JobTimestamps | Unset
        if isinstance(_timestamps, Unset):
            timestamps = UNSET
        else:
            timestamps = JobTimestamps.from_dict(_timestamps)

        _usage = d.pop("usage", UNSET)
        usage: QpuUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = QpuUsage.from_dict(_usage)

        def _parse_circuits_execution_time_ns(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        circuits_execution_time_ns = _parse_circuits_execution_time_ns(d.pop("circuits_execution_time_ns", UNSET))

        def _parse_qiskit_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        qiskit_version = _parse_qiskit_version(d.pop("qiskit_version", UNSET))

        job_metrics = cls(
            caller=caller,
            timestamps=timestamps,
            usage=usage,
            circuits_execution_time_ns=circuits_execution_time_ns,
            qiskit_version=qiskit_version,
        )

        job_metrics.additional_properties = d
        return job_metrics

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
