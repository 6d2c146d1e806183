# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gate_properties import GateProperties
    from ..models.nduv import Nduv


T = TypeVar("T", bound="BackendProperties")


@_attrs_define
class BackendProperties:
    """A backend's calibration data. No key is required: simulators may answer `{}`. Extra keys
    (e.g. `general_qlists`) are kept.

        Attributes:
            backend_name (str | Unset):
            backend_version (str | Unset):
            last_update_date (datetime.datetime | Unset):
            qubits (list[list[Nduv]] | Unset): One list of measurements per qubit.
            gates (list[GateProperties] | Unset):
            general (list[Nduv] | Unset):
    """

    backend_name: str | Unset = UNSET
    backend_version: str | Unset = UNSET
    last_update_date: datetime.datetime | Unset = UNSET
    qubits: list[list[Nduv]] | Unset = UNSET
    gates: list[GateProperties] | Unset = UNSET
    general: list[Nduv] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backend_name = self.backend_name

        backend_version = self.backend_version

        last_update_date: str | Unset = UNSET
        if not isinstance(self.last_update_date, Unset):
            last_update_date = self.last_update_date.isoformat()

        qubits: list[list[dict[str, Any]]] | Unset = UNSET
        if not isinstance(self.qubits, Unset):
            qubits = []
            for qubits_item_data in self.qubits:
                qubits_item = []
                for qubits_item_item_data in qubits_item_data:
                    qubits_item_item = qubits_item_item_data.to_dict()
                    qubits_item.append(qubits_item_item)

                qubits.append(qubits_item)

        gates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.gates, Unset):
            gates = []
            for gates_item_data in self.gates:
                gates_item = gates_item_data.to_dict()
                gates.append(gates_item)

        general: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.general, Unset):
            general = []
            for general_item_data in self.general:
                general_item = general_item_data.to_dict()
                general.append(general_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if backend_name is not UNSET:
            field_dict["backend_name"] = backend_name
        if backend_version is not UNSET:
            field_dict["backend_version"] = backend_version
        if last_update_date is not UNSET:
            field_dict["last_update_date"] = last_update_date
        if qubits is not UNSET:
            field_dict["qubits"] = qubits
        if gates is not UNSET:
            field_dict["gates"] = gates
        if general is not UNSET:
            field_dict["general"] = general

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gate_properties import GateProperties  # noqa: PLC0415
        from ..models.nduv import Nduv  # noqa: PLC0415

        d = dict(src_dict)
        backend_name = d.pop("backend_name", UNSET)

        backend_version = d.pop("backend_version", UNSET)

        _last_update_date = d.pop("last_update_date", UNSET)
        last_update_date: datetime.datetime | Unset
        if isinstance(_last_update_date, Unset):
            last_update_date = UNSET
        else:
            last_update_date = datetime.datetime.fromisoformat(_last_update_date)

        _qubits = d.pop("qubits", UNSET)
        qubits: list[list[Nduv]] | Unset = UNSET
        if _qubits is not UNSET:
            qubits = []
            for qubits_item_data in _qubits:
                qubits_item = []
                _qubits_item = qubits_item_data
                for qubits_item_item_data in _qubits_item:
                    qubits_item_item = Nduv.from_dict(qubits_item_item_data)

                    qubits_item.append(qubits_item_item)

                qubits.append(qubits_item)

        _gates = d.pop("gates", UNSET)
        gates: list[GateProperties] | Unset = UNSET
        if _gates is not UNSET:
            gates = []
            for gates_item_data in _gates:
                gates_item = GateProperties.from_dict(gates_item_data)

                gates.append(gates_item)

        _general = d.pop("general", UNSET)
        general: list[Nduv] | Unset = UNSET
        if _general is not UNSET:
            general = []
            for general_item_data in _general:
                general_item = Nduv.from_dict(general_item_data)

                general.append(general_item)

        backend_properties = cls(
            backend_name=backend_name,
            backend_version=backend_version,
            last_update_date=last_update_date,
            qubits=qubits,
            gates=gates,
            general=general,
        )

        backend_properties.additional_properties = d
        return backend_properties

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
