"""qrt.target: configuration/properties JSON -> qiskit Target, and the fractional-gate filter."""

from __future__ import annotations

import copy
import json
import logging
import math
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt.errors import ConfigurationError
from qrt.target import (
    FRACTIONAL_GATES,
    GATE_SIGNATURES,
    RZZ_ANGLE_BOUNDS,
    build_target,
    filter_fractional,
    is_fractional_gate,
    supports_dynamic_circuits,
    to_si,
)

NOW = "2025-01-01T00:00:00+00:00"


def summary(target: Any) -> dict[str, Any]:
    """Instruction -> {qargs: (error, duration)} (or None for global ones), comparable across targets."""
    out: dict[str, Any] = {}
    for name in target.operation_names:
        qargs = target.qargs_for_operation_name(name)
        if qargs is None:
            out[name] = None
            continue
        out[name] = {}
        for q in qargs:
            props = target[name][q]
            out[name][q] = None if props is None else (props.error, props.duration)
    return out


def assert_same(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        if a[name] is None or b[name] is None:
            assert a[name] == b[name], name
            continue
        assert a[name].keys() == b[name].keys(), name
        for q, left in a[name].items():
            right = b[name][q]
            if left is None or right is None:
                # An instruction without properties equals one whose error and duration are both unknown.
                assert (left or (None, None)) == (right or (None, None)), (name, q)
                continue
            for x, y in zip(left, right, strict=True):
                assert (x is None) == (y is None), (name, q, left, right)
                if x is not None:
                    assert x == pytest.approx(y, rel=1e-12, abs=1e-18), (name, q, left, right)


def small_config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "backend_name": "tiny",
        "backend_version": "1.0.0",
        "n_qubits": 3,
        "basis_gates": ["cz", "id", "rz", "sx", "x"],
        "gates": [
            {"name": "cz", "parameters": [], "qasm_def": "", "coupling_map": [[0, 1], [1, 0], [1, 2], [2, 1]]},
            {"name": "sx", "parameters": [], "qasm_def": "", "coupling_map": [[0], [1], [2]]},
        ],
        "supported_instructions": ["cz", "id", "rz", "sx", "x", "measure", "reset", "delay"],
        "dt": 0.5,
        "online_date": NOW,
        "local": False,
        "simulator": False,
    }
    config.update(overrides)
    return config


def nduv(name: str, value: float, unit: str = "") -> dict[str, Any]:
    return {"date": NOW, "name": name, "unit": unit, "value": value}


def small_properties() -> dict[str, Any]:
    qubits = [
        [nduv("T1", 100 + q, "us"), nduv("T2", 80 + q, "us"), nduv("frequency", 5.0 + q / 10, "GHz"),
         nduv("readout_error", 0.01 * (q + 1)), nduv("readout_length", 1500, "ns")]
        for q in range(3)
    ]  # fmt: skip
    gates = [
        {"gate": "cz", "qubits": pair, "parameters": [nduv("gate_error", 0.005), nduv("gate_length", 68, "ns")]}
        for pair in ([0, 1], [1, 0], [1, 2], [2, 1])
    ]
    gates += [
        {"gate": "sx", "qubits": [q], "parameters": [nduv("gate_error", 2e-4), nduv("gate_length", 32, "ns")]}
        for q in range(3)
    ]
    return {"backend_name": "tiny", "backend_version": "1.0.0", "last_update_date": NOW, "qubits": qubits,
            "gates": gates, "general": []}  # fmt: skip


# -- pure helpers --------------------------------------------------------------------------------


def test_gate_signatures_match_qiskit() -> None:
    from qiskit.circuit.library import get_standard_gate_name_mapping

    mapping = get_standard_gate_name_mapping()
    for name, (width, params) in GATE_SIGNATURES.items():
        assert mapping[name].num_qubits == width, name
        assert len(mapping[name].params) == len(params), name


def test_fractional_gates_follow_ibms_definition() -> None:
    """Fractional: a standard gate with a parameter, except the virtual rz/p/u1 and delay."""
    from qiskit.circuit.library import get_standard_gate_name_mapping

    expected = {
        name
        for name, gate in get_standard_gate_name_mapping().items()
        if gate.params and name not in {"rz", "p", "u1", "delay"} and gate.num_qubits <= 2
    }
    assert expected == FRACTIONAL_GATES
    assert is_fractional_gate("rzz") and is_fractional_gate("rx")
    assert not is_fractional_gate("rz") and not is_fractional_gate("cz") and not is_fractional_gate("measure_2")


@given(
    value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    unit=st.sampled_from(["", "s", "ns", "us", "µs", "ms", "GHz", "MHz", "kHz"]),
)
@settings(max_examples=200)
def test_to_si_matches_qiskit(value: float, unit: str) -> None:
    from qiskit.utils.units import apply_prefix

    assert to_si(value, unit) == apply_prefix(value, unit)


def test_to_si_rejects_unknown_prefix() -> None:
    with pytest.raises(ValueError, match="xs"):
        to_si(1.0, "xs")


names = st.sampled_from([*GATE_SIGNATURES, "measure", "reset", "delay", "if_else", "u3", "play", "measure_2"])


@given(
    basis=st.lists(names, max_size=12),
    supported=st.lists(names, max_size=12),
    flag=st.sampled_from([False, True, None]),
)
@settings(max_examples=150)
def test_filter_fractional(basis: list[str], supported: list[str], flag: bool | None) -> None:
    config = {
        "basis_gates": basis,
        "supported_instructions": supported,
        "gates": [{"name": n, "parameters": []} for n in basis],
        "n_qubits": 2,
    }
    before = copy.deepcopy(config)
    result = filter_fractional(config, flag)
    assert config == before  # the input is untouched
    assert result is not config
    if flag is False:
        assert result["basis_gates"] == [n for n in basis if n not in FRACTIONAL_GATES]
        assert result["supported_instructions"] == [n for n in supported if n not in FRACTIONAL_GATES]
        assert [g["name"] for g in result["gates"]] == result["basis_gates"]
        assert filter_fractional(result, False) == result
    else:
        assert result == config


@pytest.mark.parametrize(
    ("features", "expected"),
    [(None, False), ([], False), (["qobj", "parameters"], False), (["qasm3"], True), (["dynamic_circuits"], True)],
)
def test_supports_dynamic_circuits(features: list[str] | None, expected: bool) -> None:
    assert supports_dynamic_circuits({"supported_features": features}) is expected


# -- build_target ----------------------------------------------------------------------------------


def test_build_target_reads_config_and_properties() -> None:
    target = build_target(small_config(), small_properties())
    assert target.num_qubits == 3
    assert target.dt == 0.5e-9
    assert set(target.operation_names) == {"cz", "id", "rz", "sx", "x", "measure", "reset", "delay"}
    assert set(target.qargs_for_operation_name("cz")) == {(0, 1), (1, 0), (1, 2), (2, 1)}
    assert target["cz"][(1, 2)].error == 0.005
    assert target["cz"][(1, 2)].duration == pytest.approx(68e-9)
    assert target["measure"][(2,)].error == pytest.approx(0.03)
    assert target["measure"][(2,)].duration == pytest.approx(1.5e-6)
    assert target.qubit_properties[1].t1 == pytest.approx(101e-6)
    assert target.qubit_properties[2].frequency == pytest.approx(5.2e9)
    # No coupling map and no properties: the gate works on any qubit.
    assert target.qargs_for_operation_name("rz") is None
    assert set(target.qargs_for_operation_name("delay")) == {(0,), (1,), (2,)}


def test_build_target_without_properties() -> None:
    target = build_target(small_config(), None)
    assert target.qubit_properties is None
    assert target["cz"][(0, 1)] is None
    assert target["measure"][(0,)] is None
    assert set(target.qargs_for_operation_name("sx")) == {(0,), (1,), (2,)}


def test_build_target_tolerates_real_world_quirks(caplog: pytest.LogCaptureFixture) -> None:
    config = small_config(
        basis_gates=["cz", "sx", "rz", "x", "made_up_gate"],
        supported_instructions=["measure", "delay", "if_else", "while_loop", "play", "acquire"],
        channels={"d0": {}},
        timing_constraints={"granularity": 16, "min_length": 64, "pulse_alignment": 16, "acquire_alignment": 16},
    )
    props = small_properties()
    for gate in props["gates"]:
        gate["qubits"] = [str(q) for q in gate["qubits"]]  # the published spec says strings
    props["general_qlists"] = [{"name": "lf_1", "qubits": [0, 1]}]
    props["gates"].append({"gate": "cz", "qubits": [0, 7], "parameters": []})  # a qubit the device lacks
    props["qubits"][0].append({"name": "broken"})
    with caplog.at_level(logging.DEBUG, logger="qrt.target"):
        target = build_target(config, props)
    assert "made_up_gate" not in target.operation_names
    assert "made_up_gate" in caplog.text
    assert {"if_else", "while_loop", "measure", "delay"} <= set(target.operation_names)
    assert "reset" not in target.operation_names  # not in supported_instructions
    assert target["cz"][(1, 0)].error == 0.005
    assert (0, 7) not in target.qargs_for_operation_name("cz")
    assert target.granularity == 16 and target.min_length == 64


def test_build_target_leaves_out_faulty_qubits_and_gates() -> None:
    props = small_properties()
    props["qubits"][2].append(nduv("operational", 0))
    props["gates"][0]["parameters"].append(nduv("operational", 0))  # cz on (0, 1)
    target = build_target(small_config(), props)
    assert set(target.qargs_for_operation_name("cz")) == {(1, 0)}
    assert (2,) not in target.qargs_for_operation_name("measure")
    assert (2,) not in target.qargs_for_operation_name("sx")


@pytest.mark.parametrize("n_qubits", [None, "many", -1])
def test_build_target_needs_n_qubits(n_qubits: Any) -> None:
    config = small_config()
    if n_qubits is None:
        del config["n_qubits"]
    else:
        config["n_qubits"] = n_qubits
    with pytest.raises(ConfigurationError, match="n_qubits"):
        build_target(config)


def test_fractional_gates_and_rzz_angle_bounds() -> None:
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import Operator
    from qiskit.transpiler import generate_preset_pass_manager

    config = small_config(basis_gates=["cz", "rz", "sx", "x", "rx", "rzz"])
    config["gates"].append({"name": "rzz", "parameters": ["theta"], "qasm_def": "", "coupling_map": [[0, 1], [1, 0]]})
    target = build_target(config)
    assert target.gate_has_angle_bounds("rzz")
    assert not target.gate_has_angle_bounds("rx")
    assert build_target(filter_fractional(config, False)).operation_names.isdisjoint({"rx", "rzz"})

    circuit = QuantumCircuit(2)
    circuit.rzz(2.5, 0, 1)
    circuit.rzz(-0.7, 0, 1)
    out = generate_preset_pass_manager(target=target, optimization_level=0, initial_layout=[0, 1]).run(circuit)
    angles = [inst.operation.params[0] for inst in out.data if inst.operation.name == "rzz"]
    assert angles and all(RZZ_ANGLE_BOUNDS[0] <= a <= RZZ_ANGLE_BOUNDS[1] for a in angles)
    # The folded circuit does the same thing (the device's third qubit idles).
    assert Operator.from_circuit(out).equiv(Operator(circuit).expand(Operator.from_label("I")))


@pytest.mark.parametrize("angle", [0.0, 0.3, math.pi / 2, 2.0, math.pi, -0.4, -2.9, 7.5, -11.0, 4 * math.pi])
def test_rzz_folding_is_exact(angle: float) -> None:
    from qiskit import QuantumCircuit
    from qiskit.converters import dag_to_circuit
    from qiskit.quantum_info import Operator

    from qrt.target import _rzz_folding

    folded = dag_to_circuit(_rzz_folding([angle], []))
    reference = QuantumCircuit(2)
    reference.rzz(angle, 0, 1)
    assert Operator(folded) == Operator(reference)  # equal including the global phase
    assert all(0 <= inst.operation.params[0] <= math.pi / 2 for inst in folded.data if inst.operation.name == "rzz")


# -- the official SDK as an oracle -----------------------------------------------------------------


def _fake_files(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = resources.files("qiskit_ibm_runtime.fake_provider.backends") / name
    conf = json.loads((folder / f"conf_{name}.json").read_text())
    props = json.loads((folder / f"props_{name}.json").read_text())
    return conf, props


def official_target(conf: dict[str, Any], props: dict[str, Any] | None) -> Any:
    """What qiskit-ibm-runtime builds from the same JSON, through the path IBMBackend takes."""
    from qiskit_ibm_runtime.utils.backend_converter import convert_to_target
    from qiskit_ibm_runtime.utils.backend_decoder import configuration_from_server_data, properties_from_server_data

    configuration = configuration_from_server_data(copy.deepcopy(conf), use_fractional_gates=None)
    assert configuration is not None
    properties = properties_from_server_data(copy.deepcopy(props), use_fractional_gates=None) if props else None
    return convert_to_target(configuration, properties)


@pytest.mark.interop
@pytest.mark.parametrize("name", ["fractional", "manila", "fez"])
def test_matches_official_converter_on_fake_backends(name: str) -> None:
    conf, props = _fake_files(name)
    ours = build_target(conf, props)
    theirs = official_target(conf, props)
    assert ours.num_qubits == theirs.num_qubits
    assert ours.dt == theirs.dt
    assert_same(summary(ours), summary(theirs))
    for mine, official in zip(ours.qubit_properties, theirs.qubit_properties, strict=True):
        assert (mine.t1, mine.t2, mine.frequency) == (official.t1, official.t2, official.frequency)
    if "rzz" in ours.operation_names:
        assert ours.gate_has_angle_bounds("rzz") and theirs.gate_has_angle_bounds("rzz")


@pytest.mark.interop
@pytest.mark.parametrize("flag", [False, True, None])
def test_filter_matches_official_filter(flag: bool | None) -> None:
    from qiskit_ibm_runtime.utils.backend_decoder import filter_raw_configuration

    conf, _ = _fake_files("fractional")
    official = copy.deepcopy(conf)
    filter_raw_configuration(official, use_fractional_gates=flag)
    assert filter_fractional(conf, flag) == official


def test_a_gate_whose_every_pair_is_down_is_left_out() -> None:
    from qrt.devices import DeviceSpec, configuration, properties

    spec = DeviceSpec(name="tiny", num_qubits=2, topology="line")
    config = configuration(spec)
    props = properties(spec)
    two_qubit = next(g for g in props["gates"] if len(g["qubits"]) == 2)
    gate = two_qubit["gate"]
    for entry in props["gates"]:
        if entry["gate"] == gate:
            entry["parameters"].append({"date": entry["parameters"][0]["date"], "name": "operational", "unit": "",
                                        "value": 0})
    target = build_target(config, props)
    assert gate not in target.operation_names
    assert build_target(config, properties(spec)).qargs_for_operation_name(gate) is not None
