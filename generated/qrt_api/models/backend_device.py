# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backend_device_status import BackendDeviceStatus
    from ..models.clops import Clops
    from ..models.performance_metrics import PerformanceMetrics
    from ..models.processor_type import ProcessorType
    from ..models.wait_time import WaitTime


T = TypeVar("T", bound="BackendDevice")


@_attrs_define
class BackendDevice:
    """One backend in the list. Other keys (e.g. `class`, `physical_qubits`) are kept.

    Attributes:
        name (str):
        queue_length (int): Jobs waiting on the backend.
        status (BackendDeviceStatus | Unset):
        is_simulator (bool | Unset):
        qubits (int | None | Unset):
        clops (Clops | None | Unset):
        processor_type (None | ProcessorType | Unset):
        performance_metrics (PerformanceMetrics | Unset):
        wait_time_seconds (None | Unset | WaitTime): Present only when listed with `fields=wait_time_seconds`.
    """

    name: str
    queue_length: int
    status: BackendDeviceStatus | Unset = UNSET
    is_simulator: bool | Unset = UNSET
    qubits: int | None | Unset = UNSET
    clops: Clops | None | Unset = UNSET
    processor_type: None | ProcessorType | Unset = UNSET
    performance_metrics: PerformanceMetrics | Unset = UNSET
    wait_time_seconds: None | Unset | WaitTime = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.clops import Clops  # noqa: PLC0415
        from ..models.processor_type import ProcessorType  # noqa: PLC0415
        from ..models.wait_time import WaitTime  # noqa: PLC0415

        name = self.name

        queue_length = self.queue_length

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        is_simulator = self.is_simulator

        qubits: int | None | Unset
        if isinstance(self.qubits, Unset):
            qubits = UNSET
        else:
            qubits = self.qubits

        clops: dict[str, Any] | None | Unset
        if isinstance(self.clops, Unset):
            clops = UNSET
        elif isinstance(self.clops, Clops):
            clops = self.clops.to_dict()
        else:
            clops = self.clops

        processor_type: dict[str, Any] | None | Unset
        if isinstance(self.processor_type, Unset):
            processor_type = UNSET
        elif isinstance(self.processor_type, ProcessorType):
            processor_type = self.processor_type.to_dict()
        else:
            processor_type = self.processor_type

        performance_metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.performance_metrics, Unset):
            performance_metrics = self.performance_metrics.to_dict()

        wait_time_seconds: dict[str, Any] | None | Unset
        if isinstance(self.wait_time_seconds, Unset):
            wait_time_seconds = UNSET
        elif isinstance(self.wait_time_seconds, WaitTime):
            wait_time_seconds = self.wait_time_seconds.to_dict()
        else:
            wait_time_seconds = self.wait_time_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "queue_length": queue_length,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if is_simulator is not UNSET:
            field_dict["is_simulator"] = is_simulator
        if qubits is not UNSET:
            field_dict["qubits"] = qubits
        if clops is not UNSET:
            field_dict["clops"] = clops
        if processor_type is not UNSET:
            field_dict["processor_type"] = processor_type
        if performance_metrics is not UNSET:
            field_dict["performance_metrics"] = performance_metrics
        if wait_time_seconds is not UNSET:
            field_dict["wait_time_seconds"] = wait_time_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backend_device_status import BackendDeviceStatus  # noqa: PLC0415
        from ..models.clops import Clops  # noqa: PLC0415
        from ..models.performance_metrics import PerformanceMetrics  # noqa: PLC0415
        from ..models.processor_type import ProcessorType  # noqa: PLC0415
        from ..models.wait_time import WaitTime  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        queue_length = d.pop("queue_length")

        _status = d.pop("status", UNSET)
        status: BackendDeviceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = BackendDeviceStatus.from_dict(_status)

        is_simulator = d.pop("is_simulator", UNSET)

        def _parse_qubits(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        qubits = _parse_qubits(d.pop("qubits", UNSET))

        def _parse_clops(data: object) -> Clops | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clops_type_0 = Clops.from_dict(data)

                return clops_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Clops | None | Unset, data)

        clops = _parse_clops(d.pop("clops", UNSET))

        def _parse_processor_type(data: object) -> None | ProcessorType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                processor_type_type_0 = ProcessorType.from_dict(data)

                return processor_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProcessorType | Unset, data)

        processor_type = _parse_processor_type(d.pop("processor_type", UNSET))

        _performance_metrics = d.pop("performance_metrics", UNSET)
        performance_metrics: PerformanceMetrics | Unset
        if isinstance(_performance_metrics, Unset):
            performance_metrics = UNSET
        else:
            performance_metrics = PerformanceMetrics.from_dict(_performance_metrics)

        def _parse_wait_time_seconds(data: object) -> None | Unset | WaitTime:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                wait_time_seconds_type_0 = WaitTime.from_dict(data)

                return wait_time_seconds_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WaitTime, data)

        wait_time_seconds = _parse_wait_time_seconds(d.pop("wait_time_seconds", UNSET))

        backend_device = cls(
            name=name,
            queue_length=queue_length,
            status=status,
            is_simulator=is_simulator,
            qubits=qubits,
            clops=clops,
            processor_type=processor_type,
            performance_metrics=performance_metrics,
            wait_time_seconds=wait_time_seconds,
        )

        backend_device.additional_properties = d
        return backend_device

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
