# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nduv import Nduv


T = TypeVar("T", bound="GateProperties")


@_attrs_define
class GateProperties:
    """
    Attributes:
        gate (str):
        qubits (list[int]):
        parameters (list[Nduv] | Unset):
        name (str | Unset):
    """

    gate: str
    qubits: list[int]
    parameters: list[Nduv] | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gate = self.gate

        qubits = self.qubits

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "gate": gate,
                "qubits": qubits,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nduv import Nduv  # noqa: PLC0415

        d = dict(src_dict)
        gate = d.pop("gate")

        qubits = cast(list[int], d.pop("qubits"))

        _parameters = d.pop("parameters", UNSET)
        parameters: list[Nduv] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = Nduv.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        name = d.pop("name", UNSET)

        gate_properties = cls(
            gate=gate,
            qubits=qubits,
            parameters=parameters,
            name=name,
        )

        gate_properties.additional_properties = d
        return gate_properties

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
