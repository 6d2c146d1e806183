# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_metric import ErrorMetric


T = TypeVar("T", bound="PerformanceMetrics")


@_attrs_define
class PerformanceMetrics:
    """
    Attributes:
        two_q_error_best (ErrorMetric | Unset):
        two_q_error_layered (ErrorMetric | Unset):
        two_q_error_median (ErrorMetric | Unset):
        readout_error_median (ErrorMetric | Unset):
    """

    two_q_error_best: ErrorMetric | Unset = UNSET
    two_q_error_layered: ErrorMetric | Unset = UNSET
    two_q_error_median: ErrorMetric | Unset = UNSET
    readout_error_median: ErrorMetric | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        two_q_error_best: dict[str, Any] | Unset = UNSET
        if not isinstance(self.two_q_error_best, Unset):
            two_q_error_best = self.two_q_error_best.to_dict()

        two_q_error_layered: dict[str, Any] | Unset = UNSET
        if not isinstance(self.two_q_error_layered, Unset):
            two_q_error_layered = self.two_q_error_layered.to_dict()

        two_q_error_median: dict[str, Any] | Unset = UNSET
        if not isinstance(self.two_q_error_median, Unset):
            two_q_error_median = self.two_q_error_median.to_dict()

        readout_error_median: dict[str, Any] | Unset = UNSET
        if not isinstance(self.readout_error_median, Unset):
            readout_error_median = self.readout_error_median.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if two_q_error_best is not UNSET:
            field_dict["two_q_error_best"] = two_q_error_best
        if two_q_error_layered is not UNSET:
            field_dict["two_q_error_layered"] = two_q_error_layered
        if two_q_error_median is not UNSET:
            field_dict["two_q_error_median"] = two_q_error_median
        if readout_error_median is not UNSET:
            field_dict["readout_error_median"] = readout_error_median

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_metric import ErrorMetric  # noqa: PLC0415

        d = dict(src_dict)
        _two_q_error_best = d.pop("two_q_error_best", UNSET)
        two_q_error_best: ErrorMetric | Unset
        if isinstance(_two_q_error_best, Unset):
            two_q_error_best = UNSET
        else:
            two_q_error_best = ErrorMetric.from_dict(_two_q_error_best)

        _two_q_error_layered = d.pop("two_q_error_layered", UNSET)
        two_q_error_layered: ErrorMetric | Unset
        if isinstance(_two_q_error_layered, Unset):
            two_q_error_layered = UNSET
        else:
            two_q_error_layered = ErrorMetric.from_dict(_two_q_error_layered)

        _two_q_error_median = d.pop("two_q_error_median", UNSET)
        two_q_error_median: ErrorMetric | Unset
        if isinstance(_two_q_error_median, Unset):
            two_q_error_median = UNSET
        else:
            two_q_error_median = ErrorMetric.from_dict(_two_q_error_median)

        _readout_error_median = d.pop("readout_error_median", UNSET)
        readout_error_median: ErrorMetric | Unset
        if isinstance(_readout_error_median, Unset):
            readout_error_median = UNSET
        else:
            readout_error_median = ErrorMetric.from_dict(_readout_error_median)

        performance_metrics = cls(
            two_q_error_best=two_q_error_best,
            two_q_error_layered=two_q_error_layered,
            two_q_error_median=two_q_error_median,
            readout_error_median=readout_error_median,
        )

        performance_metrics.additional_properties = d
        return performance_metrics

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
