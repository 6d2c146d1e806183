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
    from ..models.gate_config import GateConfig
    from ..models.processor_type import ProcessorType


T = TypeVar("T", bound="BackendConfiguration")


@_attrs_define
class BackendConfiguration:
    """A backend's configuration. Only a few keys are typed; every other key (`channels`,
    `u_channel_lo`, `timing_constraints`, `rep_delay_range`, ...) is kept as is.

        Attributes:
            backend_name (str):
            n_qubits (int):
            backend_version (str | Unset):
            basis_gates (list[str] | Unset):
            gates (list[GateConfig] | Unset):
            coupling_map (list[list[int]] | None | Unset):
            supported_instructions (list[str] | Unset):
            dt (float | Unset): Sample time in nanoseconds (a float in real data).
            dtm (float | Unset): Measurement sample time in nanoseconds.
            online_date (datetime.datetime | Unset):
            simulator (bool | Unset):
            local (bool | Unset):
            conditional (bool | Unset):
            open_pulse (bool | Unset):
            memory (bool | Unset):
            max_shots (int | Unset):
            max_experiments (int | Unset):
            processor_type (ProcessorType | Unset):
    """

    backend_name: str
    n_qubits: int
    backend_version: str | Unset = UNSET
    basis_gates: list[str] | Unset = UNSET
    gates: list[GateConfig] | Unset = UNSET
    coupling_map: list[list[int]] | None | Unset = UNSET
    supported_instructions: list[str] | Unset = UNSET
    dt: float | Unset = UNSET
    dtm: float | Unset = UNSET
    online_date: datetime.datetime | Unset = UNSET
    simulator: bool | Unset = UNSET
    local: bool | Unset = UNSET
    conditional: bool | Unset = UNSET
    open_pulse: bool | Unset = UNSET
    memory: bool | Unset = UNSET
    max_shots: int | Unset = UNSET
    max_experiments: int | Unset = UNSET
    processor_type: ProcessorType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backend_name = self.backend_name

        n_qubits = self.n_qubits

        backend_version = self.backend_version

        basis_gates: list[str] | Unset = UNSET
        if not isinstance(self.basis_gates, Unset):
            basis_gates = self.basis_gates

        gates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.gates, Unset):
            gates = []
            for gates_item_data in self.gates:
                gates_item = gates_item_data.to_dict()
                gates.append(gates_item)

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

        supported_instructions: list[str] | Unset = UNSET
        if not isinstance(self.supported_instructions, Unset):
            supported_instructions = self.supported_instructions

        dt = self.dt

        dtm = self.dtm

        online_date: str | Unset = UNSET
        if not isinstance(self.online_date, Unset):
            online_date = self.online_date.isoformat()

        simulator = self.simulator

        local = self.local

        conditional = self.conditional

        open_pulse = self.open_pulse

        memory = self.memory

        max_shots = self.max_shots

        max_experiments = self.max_experiments

        processor_type: dict[str, Any] | Unset = UNSET
        if not isinstance(self.processor_type, Unset):
            processor_type = self.processor_type.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend_name": backend_name,
                "n_qubits": n_qubits,
            }
        )
        if backend_version is not UNSET:
            field_dict["backend_version"] = backend_version
        if basis_gates is not UNSET:
            field_dict["basis_gates"] = basis_gates
        if gates is not UNSET:
            field_dict["gates"] = gates
        if coupling_map is not UNSET:
            field_dict["coupling_map"] = coupling_map
        if supported_instructions is not UNSET:
            field_dict["supported_instructions"] = supported_instructions
        if dt is not UNSET:
            field_dict["dt"] = dt
        if dtm is not UNSET:
            field_dict["dtm"] = dtm
        if online_date is not UNSET:
            field_dict["online_date"] = online_date
        if simulator is not UNSET:
            field_dict["simulator"] = simulator
        if local is not UNSET:
            field_dict["local"] = local
        if conditional is not UNSET:
            field_dict["conditional"] = conditional
        if open_pulse is not UNSET:
            field_dict["open_pulse"] = open_pulse
        if memory is not UNSET:
            field_dict["memory"] = memory
        if max_shots is not UNSET:
            field_dict["max_shots"] = max_shots
        if max_experiments is not UNSET:
            field_dict["max_experiments"] = max_experiments
        if processor_type is not UNSET:
            field_dict["processor_type"] = processor_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gate_config import GateConfig  # noqa: PLC0415
        from ..models.processor_type import ProcessorType  # noqa: PLC0415

        d = dict(src_dict)
        backend_name = d.pop("backend_name")

        n_qubits = d.pop("n_qubits")

        backend_version = d.pop("backend_version", UNSET)

        basis_gates = cast(list[str], d.pop("basis_gates", UNSET))

        _gates = d.pop("gates", UNSET)
        gates: list[GateConfig] | Unset = UNSET
        if _gates is not UNSET:
            gates = []
            for gates_item_data in _gates:
                gates_item = GateConfig.from_dict(gates_item_data)

                gates.append(gates_item)

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

        supported_instructions = cast(list[str], d.pop("supported_instructions", UNSET))

        dt = d.pop("dt", UNSET)

        dtm = d.pop("dtm", UNSET)

        _online_date = d.pop("online_date", UNSET)
        online_date: datetime.datetime | Unset
        if isinstance(_online_date, Unset):
            online_date = UNSET
        else:
            online_date = datetime.datetime.fromisoformat(_online_date)

        simulator = d.pop("simulator", UNSET)

        local = d.pop("local", UNSET)

        conditional = d.pop("conditional", UNSET)

        open_pulse = d.pop("open_pulse", UNSET)

        memory = d.pop("memory", UNSET)

        max_shots = d.pop("max_shots", UNSET)

        max_experiments = d.pop("max_experiments", UNSET)

        _processor_type = d.pop("processor_type", UNSET)
        processor_type: ProcessorType | Unset
        if isinstance(_processor_type, Unset):
            processor_type = UNSET
        else:
            processor_type = ProcessorType.from_dict(_processor_type)

        backend_configuration = cls(
            backend_name=backend_name,
            n_qubits=n_qubits,
            backend_version=backend_version,
            basis_gates=basis_gates,
            gates=gates,
            coupling_map=coupling_map,
            supported_instructions=supported_instructions,
            dt=dt,
            dtm=dtm,
            online_date=online_date,
            simulator=simulator,
            local=local,
            conditional=conditional,
            open_pulse=open_pulse,
            memory=memory,
            max_shots=max_shots,
            max_experiments=max_experiments,
            processor_type=processor_type,
        )

        backend_configuration.additional_properties = d
        return backend_configuration

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
