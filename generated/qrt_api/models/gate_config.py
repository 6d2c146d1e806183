# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GateConfig")


@_attrs_define
class GateConfig:
    """
    Attributes:
        name (str):
        parameters (list[str] | None | Unset): Parameter names; null in some real configurations.
        qasm_def (None | str | Unset):
        coupling_map (list[list[int]] | None | Unset):
    """

    name: str
    parameters: list[str] | None | Unset = UNSET
    qasm_def: None | str | Unset = UNSET
    coupling_map: list[list[int]] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        parameters: list[str] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, list):
            parameters = self.parameters

        else:
            parameters = self.parameters

        qasm_def: None | str | Unset
        if isinstance(self.qasm_def, Unset):
            qasm_def = UNSET
        else:
            qasm_def = self.qasm_def

        coupling_map: list[list[int]] | None | Unset
        if isinstance(self.coupling_map, Unset):
            coupling_map = UNSET
        elif isinstance(self.coupling_map, list):
            coupling_map = []
            for coupling_map_type_0_item_data in self.coupling_map:
                coupling_map_type_0_item = coupling_map_type_0_item_data

                coupling_map.append(coupling_map_type_0_item)

        else:
            coupling_map = self.coupling_map

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if qasm_def is not UNSET:
            field_dict["qasm_def"] = qasm_def
        if coupling_map is not UNSET:
            field_dict["coupling_map"] = coupling_map

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_parameters(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                parameters_type_0 = cast(list[str], data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        def _parse_qasm_def(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        qasm_def = _parse_qasm_def(d.pop("qasm_def", UNSET))

        def _parse_coupling_map(data: object) -> list[list[int]] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                coupling_map_type_0 = []
                _coupling_map_type_0 = data
                for coupling_map_type_0_item_data in _coupling_map_type_0:
                    coupling_map_type_0_item = cast(list[int], coupling_map_type_0_item_data)

                    coupling_map_type_0.append(coupling_map_type_0_item)

                return coupling_map_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[list[int]] | None | Unset, data)

        coupling_map = _parse_coupling_map(d.pop("coupling_map", UNSET))

        gate_config = cls(
            name=name,
            parameters=parameters,
            qasm_def=qasm_def,
            coupling_map=coupling_map,
        )

        gate_config.additional_properties = d
        return gate_config

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
