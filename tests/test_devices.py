"""qrt.devices: device descriptions, their JSON, their qiskit backends and their Aer simulators."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
from collections import deque
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qrt import devices
from qrt.devices import DeviceSpec, ProcessorType
from qrt.errors import ConfigurationError
from qrt.target import GATE_SIGNATURES, build_target, filter_fractional

DEFAULTS = {spec.name: spec for spec in devices.default_devices()}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def summary(target: Any) -> dict[str, Any]:
    """Instruction -> {qargs: (error, duration)} (or None for global ones), comparable across targets."""
    out: dict[str, Any] = {}
    for name in target.operation_names:
        qargs = target.qargs_for_operation_name(name)
        out[name] = None
        if qargs is not None:
            out[name] = {}
            for q in qargs:
                props = target[name][q]
                out[name][q] = None if props is None else (props.error, props.duration)
    return out


def qubit_summary(target: Any) -> list[tuple[Any, ...]] | None:
    if target.qubit_properties is None:
        return None
    return [(q.t1, q.t2, q.frequency) for q in target.qubit_properties]


# -- DeviceSpec: parsing and validation (pure) -------------------------------------------------------


@st.composite
def specs(draw: st.DrawFn) -> DeviceSpec:
    n = draw(st.integers(2, 24))
    topology = draw(
        st.one_of(
            st.none(),
            # a ring needs at least 3 qubits (DeviceSpec refuses fewer, which another test checks)
            st.sampled_from(["heavy_hex", "line", "grid", "ring", "all_to_all"] if n >= 3
                            else ["heavy_hex", "line", "grid", "all_to_all"]),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1]),
                min_size=1,
                max_size=10,
            ).map(tuple),
        )
    )
    one_q = draw(st.lists(st.sampled_from(["id", "rz", "sx", "x", "h", "ry"]), min_size=1, max_size=4, unique=True))
    two_q = draw(st.lists(st.sampled_from(["cz", "ecr", "cx", "swap"]), max_size=2, unique=True))
    processor = draw(
        st.none()
        | st.builds(
            ProcessorType,
            st.sampled_from(["Heron", "Eagle"]),
            st.sampled_from(["1", "2", "3.1"]),
            st.none() | st.just("L"),
        )
    )
    return DeviceSpec(
        name=draw(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)),
        num_qubits=n,
        topology=topology,
        basis_gates=tuple(two_q + one_q),
        fractional_gates=draw(st.booleans()),
        dynamic_circuits=draw(st.booleans()),
        simulator=draw(st.booleans()),
        seed=draw(st.integers(-(2**40), 2**40)),
        error_scale=draw(st.floats(0, 100, allow_nan=False)),
        processor_type=processor,
        backend_version=draw(st.sampled_from(["1.0.0", "2.3.17"])),
        max_shots=draw(st.none() | st.integers(1, 10**8)),
        max_experiments=draw(st.integers(1, 1000)),
        dt=draw(st.floats(1e-11, 1e-8)),
        online_date=draw(st.datetimes(timezones=st.just(UTC))),
        description=draw(st.none() | st.text(min_size=1, max_size=20)),
    )


@given(spec=specs())
@settings(max_examples=60, deadline=None)
def test_mapping_round_trip(spec: DeviceSpec) -> None:
    mapping = spec.to_mapping()
    assert DeviceSpec.from_mapping(json.loads(json.dumps(mapping))) == spec
    assert DeviceSpec.from_mapping(mapping).to_mapping() == mapping


@pytest.mark.parametrize("spec", devices.default_devices(), ids=lambda s: s.name)
def test_default_devices_round_trip(spec: DeviceSpec) -> None:
    assert DeviceSpec.from_mapping(spec.to_mapping()) == spec


def test_minimal_mapping_uses_defaults() -> None:
    spec = DeviceSpec.from_mapping({"name": "dev", "num_qubits": 7, "online_date": "2024-02-03T04:05:06Z"})
    assert spec.resolved_topology == "heavy_hex"
    assert spec.basis_gates == ("cz", "id", "rz", "sx", "x")
    assert spec.resolved_max_shots == 100_000
    assert spec.resolved_processor_type == ProcessorType("Heron", "2")
    assert spec.online_date == datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)
    sim = DeviceSpec.from_mapping({"name": "sim", "num_qubits": 4, "simulator": True})
    assert sim.resolved_topology == "all_to_all"
    assert sim.resolved_max_shots == 10_000_000
    assert sim.resolved_processor_type is None


def test_constructor_normalises_lists() -> None:
    spec = DeviceSpec(name="d", num_qubits=3, topology=[[2, 1], [0, 1], [1, 2]], basis_gates=["cz", "sx", "cz"])  # type: ignore[arg-type]
    assert spec.topology == ((0, 1), (1, 2))
    assert spec.basis_gates == ("cz", "sx")
    hash(spec)


BAD: list[tuple[dict[str, Any], str]] = [
    ({"num_qubits": 5, "colour": "red"}, "unknown key(s) colour; valid keys are: name, num_qubits"),
    ({}, "num_qubits: required"),
    ({"num_qubits": "5"}, "num_qubits: expected an integer, got '5'"),
    ({"num_qubits": True}, "num_qubits: expected an integer"),
    ({"num_qubits": 0}, "num_qubits: must be between 1 and 1000"),
    ({"num_qubits": 5, "topology": "torus"}, "topology: unknown topology 'torus'"),
    ({"num_qubits": 5, "topology": 3}, "topology: expected one of heavy_hex"),
    ({"num_qubits": 5, "topology": [[0, 9]]}, "topology: edge [0, 9] needs two different qubits in 0..4"),
    ({"num_qubits": 5, "topology": [[1, 1]]}, "topology: edge [1, 1]"),
    ({"num_qubits": 5, "topology": [[0, 1, 2]]}, "topology: each edge must be a pair"),
    ({"num_qubits": 2, "topology": "ring"}, "topology: a ring needs at least 3 qubits"),
    ({"num_qubits": 5, "basis_gates": "cz"}, "basis_gates: expected a list of gate names"),
    ({"num_qubits": 5, "basis_gates": []}, "basis_gates: expected a non-empty list"),
    ({"num_qubits": 5, "basis_gates": ["cz", "magic"]}, "basis_gates: unknown gate 'magic'"),
    ({"num_qubits": 5, "basis_gates": ["cz", "rzz"]}, "set fractional_gates to true"),
    ({"num_qubits": 5, "basis_gates": ["cz", "measure"]}, "'measure' is always supported"),
    ({"num_qubits": 1}, "num_qubits: two-qubit basis gates need at least 2 qubits"),
    ({"num_qubits": 5, "fractional_gates": "yes"}, "fractional_gates: expected true or false"),
    ({"num_qubits": 5, "simulator": 1}, "simulator: expected true or false"),
    ({"num_qubits": 5, "seed": 1.5}, "seed: expected an integer"),
    ({"num_qubits": 5, "error_scale": -1}, "error_scale: must be between 0 and 100"),
    ({"num_qubits": 5, "error_scale": "high"}, "error_scale: expected a number"),
    ({"num_qubits": 5, "dt": 0.5}, "dt: is in seconds"),
    ({"num_qubits": 5, "max_shots": 0}, "max_shots: must be at least 1"),
    ({"num_qubits": 5, "max_experiments": None}, "max_experiments: expected an integer"),
    ({"num_qubits": 5, "backend_version": ""}, "backend_version: expected a non-empty string"),
    ({"num_qubits": 5, "online_date": "yesterday"}, "online_date: expected an ISO 8601 date-time"),
    ({"num_qubits": 5, "processor_type": {"family": "Heron"}}, "processor_type: expected a mapping with family"),
    ({"num_qubits": 5, "processor_type": "Heron"}, "processor_type: expected a mapping"),
]


@pytest.mark.parametrize(("extra", "message"), BAD)
def test_bad_mappings_name_device_and_key(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        DeviceSpec.from_mapping({"name": "qrt_bad", **extra})
    assert str(info.value).startswith("device 'qrt_bad': ")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["name", "x"], "a device entry must be a mapping"),
        ({"num_qubits": 3}, "needs a 'name'"),
        ({"name": "bad name!", "num_qubits": 3}, "device name 'bad name!' is not valid"),
    ],
)
def test_bad_entries(data: Any, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        DeviceSpec.from_mapping(data)


def test_import_does_not_load_qiskit() -> None:
    code = "import sys, qrt.devices, qrt.target; print(sorted(m for m in sys.modules if m.startswith('qiskit')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# -- topologies (pure) -------------------------------------------------------------------------------


def _connected(n: int, edges: tuple[tuple[int, int], ...]) -> bool:
    neighbours: dict[int, set[int]] = {q: set() for q in range(n)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen, todo = {0}, deque([0])
    while todo:
        for other in neighbours[todo.popleft()] - seen:
            seen.add(other)
            todo.append(other)
    return len(seen) == n


@given(n=st.integers(2, 160), topology=st.sampled_from(["heavy_hex", "line", "grid", "ring", "all_to_all"]))
@settings(max_examples=80, deadline=None)
def test_topologies_are_connected(n: int, topology: str) -> None:
    if topology == "ring" and n < 3:
        return
    if topology == "all_to_all" and n > 40:
        n = 40
    layout = devices._layout(DeviceSpec(name="t", num_qubits=n, topology=topology))
    assert layout.edges is not None
    assert all(0 <= a < b < n for a, b in layout.edges)
    assert _connected(n, layout.edges)
    assert len(layout.coords) in (0, n)
    if topology == "heavy_hex":
        degree = [0] * n
        for a, b in layout.edges:
            degree[a] += 1
            degree[b] += 1
        assert max(degree) <= 3
        assert len(set(layout.coords)) == n


def test_known_shapes() -> None:
    assert len(devices._layout(DEFAULTS["qrt_pavia"]).edges or ()) == 4
    assert len(devices._layout(DEFAULTS["qrt_lucca"]).edges or ()) == 17  # 3 x 4 grid
    siena = devices._layout(DEFAULTS["qrt_siena"]).edges or ()
    assert len(siena) == 16  # two rows of 7 and two bridges: one heavy hexagon with tails
    assert devices._layout(DEFAULTS["qrt_simulator"]).edges is None


# -- JSON: determinism and shape (pure) ----------------------------------------------------------------


def _json(spec: DeviceSpec) -> str:
    return json.dumps([devices.configuration(spec), devices.properties(spec), devices.list_entry(spec)])


def test_same_spec_same_json_in_another_process() -> None:
    spec = DEFAULTS["qrt_siena"]
    code = (
        "import json; from qrt import devices; s = {d.name: d for d in devices.default_devices()}['qrt_siena'];"
        "print(json.dumps([devices.configuration(s), devices.properties(s), devices.list_entry(s)]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    assert out.stdout.strip() == _json(spec)
    assert _json(DeviceSpec.from_mapping(spec.to_mapping())) == _json(spec)


def _gate_errors(spec: DeviceSpec) -> list[float]:
    return [g["parameters"][0]["value"] for g in devices.properties(spec)["gates"] if g["gate"] != "reset"]


def test_seed_changes_the_calibration() -> None:
    base = DeviceSpec(name="d", num_qubits=5, topology="line", seed=1)
    other = DeviceSpec(name="d", num_qubits=5, topology="line", seed=2)
    renamed = DeviceSpec(name="e", num_qubits=5, topology="line", seed=1)
    assert _gate_errors(base) != _gate_errors(other)
    assert _gate_errors(base) != _gate_errors(renamed)
    assert devices.configuration(base)["coupling_map"] == devices.configuration(other)["coupling_map"]


def test_error_scale_scales_errors_and_relaxation() -> None:
    one = DeviceSpec(name="d", num_qubits=4, topology="line", seed=3)
    two = DeviceSpec(name="d", num_qubits=4, topology="line", seed=3, error_scale=2.0)
    zero = DeviceSpec(name="d", num_qubits=4, topology="line", seed=3, error_scale=0.0)
    assert _gate_errors(two) == pytest.approx([2 * e for e in _gate_errors(one)])
    assert set(_gate_errors(zero)) == {0.0}
    t1 = [q[0]["value"] for q in devices.properties(one)["qubits"]]
    assert [q[0]["value"] for q in devices.properties(two)["qubits"]] == pytest.approx([t / 2 for t in t1])
    assert [q[4]["value"] for q in devices.properties(zero)["qubits"]] == [0.0] * 4  # readout_error


@pytest.mark.parametrize("spec", devices.default_devices(), ids=lambda s: s.name)
def test_configuration_shape(spec: DeviceSpec) -> None:
    config = devices.configuration(spec)
    json.dumps(config, allow_nan=False)
    assert config["backend_name"] == spec.name
    assert config["n_qubits"] == spec.num_qubits
    assert config["simulator"] is spec.simulator
    assert datetime.fromisoformat(config["online_date"]) == spec.online_date
    required = {"backend_name", "backend_version", "basis_gates", "conditional", "coords", "coupling_map", "gates",
                "local", "memory", "n_qubits", "online_date", "u_channel_lo"}  # fmt: skip
    assert required <= config.keys()
    assert [g["name"] for g in config["gates"]] == config["basis_gates"]
    for gate in config["gates"]:
        assert len(gate["parameters"]) == len(GATE_SIGNATURES[gate["name"]][1])
    assert {"measure", "reset", "delay"} <= set(config["supported_instructions"])
    dynamic = {"if_else", "while_loop", "for_loop", "switch_case"}
    assert (dynamic <= set(config["supported_instructions"])) is spec.dynamic_circuits
    assert ("qasm3" in config["supported_features"]) is spec.dynamic_circuits
    assert ("dynamic_circuits" in config["supported_features"]) is spec.dynamic_circuits
    assert ({"rx", "rzz"} <= set(config["basis_gates"])) is spec.fractional_gates
    if not spec.simulator:
        assert config["dt"] == pytest.approx(spec.dt * 1e9)
        assert len(config["coords"]) == spec.num_qubits


@pytest.mark.parametrize("spec", devices.default_devices(), ids=lambda s: s.name)
def test_properties_shape(spec: DeviceSpec) -> None:
    when = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    props = devices.properties(spec, last_update_date=when)
    json.dumps(props, allow_nan=False)
    if spec.simulator:
        assert props == {}
        return
    assert props["last_update_date"] == when.isoformat()
    assert len(props["qubits"]) == spec.num_qubits
    names = [nduv["name"] for nduv in props["qubits"][0]]
    assert names == ["T1", "T2", "frequency", "anharmonicity", "readout_error", "prob_meas0_prep1",
                     "prob_meas1_prep0", "readout_length"]  # fmt: skip
    for qubit in props["qubits"]:
        values = {nduv["name"]: nduv["value"] for nduv in qubit}
        assert 0 < values["T2"] <= 2 * values["T1"]
        assert 0 < values["readout_error"] < 0.5
    for gate in props["gates"]:
        assert all(isinstance(q, int) for q in gate["qubits"])
        assert gate["name"] == gate["gate"] + "_".join(map(str, gate["qubits"]))
        assert {p["date"] for p in gate["parameters"]} == {when.isoformat()}


def test_status_and_list_entry() -> None:
    spec = DEFAULTS["qrt_lucca"]
    assert devices.status(spec) == {
        "state": True,
        "status": "active",
        "message": "available",
        "length_queue": 0,
        "backend_version": spec.backend_version,
    }
    assert devices.status(spec, status="paused", queue_length=3)["status"] == "internal"
    assert devices.status(spec, status="offline")["state"] is False
    entry = devices.list_entry(spec, status_name="online", queue_length=4)
    json.dumps(entry, allow_nan=False)
    assert entry["name"] == "qrt_lucca" and entry["queue_length"] == 4 and entry["qubits"] == 12
    assert entry["status"] == {"name": "online", "reason": "available"}
    assert entry["is_simulator"] is False
    assert entry["processor_type"] == {"family": "Heron", "revision": "2"}
    assert entry["clops"]["type"] == "hardware"
    metrics = entry["performance_metrics"]
    errors = [g["parameters"][0]["value"] for g in devices.properties(spec)["gates"] if g["gate"] == "cz"]
    assert metrics["two_q_error_best"]["value"] == min(errors)
    assert metrics["two_q_error_best"]["gate"] == "cz"
    sim = devices.list_entry(DEFAULTS["qrt_simulator"])
    assert sim["is_simulator"] is True and sim["clops"] is None and sim["processor_type"] is None
    with pytest.raises(ConfigurationError, match="unknown backend status 'broken'"):
        devices.status(spec, status="broken")
    with pytest.raises(ConfigurationError, match="queue_length"):
        devices.list_entry(spec, queue_length=-1)


# -- qiskit: targets, transpiling, Aer ----------------------------------------------------------------


@pytest.fixture(scope="module")
def backends() -> dict[str, Any]:
    return {name: devices.build_backend(spec) for name, spec in DEFAULTS.items()}


@pytest.mark.parametrize("name", list(DEFAULTS))
def test_json_rebuilds_the_backends_target(name: str, backends: dict[str, Any]) -> None:
    spec = DEFAULTS[name]
    backend = backends[name]
    assert backend.name == name
    assert backend.num_qubits == spec.num_qubits
    rebuilt = build_target(devices.configuration(spec), devices.properties(spec))
    # The backend's target and the JSON come from one calibration, through the same unit arithmetic.
    assert summary(rebuilt) == summary(backend.target)
    assert qubit_summary(rebuilt) == qubit_summary(backend.target)
    assert rebuilt.dt == backend.target.dt
    if spec.fractional_gates:
        assert backend.target.gate_has_angle_bounds("rzz")
        assert {"rx", "rzz"}.isdisjoint(
            build_target(filter_fractional(devices.configuration(spec), False)).operation_names
        )


def test_same_spec_same_target() -> None:
    spec = DeviceSpec.from_mapping(DEFAULTS["qrt_pavia"].to_mapping())
    assert summary(devices.build_backend(spec).target) == summary(devices.build_backend(DEFAULTS["qrt_pavia"]).target)


def _bell() -> Any:
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2)
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure_all()
    return circuit


@pytest.mark.parametrize("name", list(DEFAULTS))
def test_transpiles_bell_circuit(name: str, backends: dict[str, Any]) -> None:
    from qiskit.transpiler import generate_preset_pass_manager

    target = backends[name].target
    out = generate_preset_pass_manager(target=target, optimization_level=1, seed_transpiler=11).run(_bell())
    for inst in out.data:
        if inst.operation.name == "barrier":
            continue
        qargs = tuple(out.find_bit(q).index for q in inst.qubits)
        assert target.instruction_supported(inst.operation.name, qargs), (inst.operation.name, qargs)


@pytest.mark.parametrize("name", ["qrt_pavia", "qrt_verona"])
def test_noisy_runs_are_reproducible(name: str, backends: dict[str, Any]) -> None:
    from qiskit.transpiler import generate_preset_pass_manager

    circuit = generate_preset_pass_manager(target=backends[name].target, optimization_level=1, seed_transpiler=3).run(
        _bell()
    )
    simulator = devices.simulator_for(DEFAULTS[name])
    first = simulator.run(circuit, shots=400, seed_simulator=42).result().get_counts()
    second = simulator.run(circuit, shots=400, seed_simulator=42).result().get_counts()
    assert first == second
    assert sum(first.values()) == 400
    assert set(first) == {"00", "01", "10", "11"}  # noise shows
    assert first["00"] + first["11"] > 300
    assert backends[name].run(circuit, shots=400, seed_simulator=42).result().get_counts() == first


def test_ideal_simulator_gives_only_bell_outcomes(backends: dict[str, Any]) -> None:
    from qiskit.transpiler import generate_preset_pass_manager

    circuit = generate_preset_pass_manager(target=backends["qrt_simulator"].target, optimization_level=1).run(_bell())
    counts = devices.simulator_for(DEFAULTS["qrt_simulator"]).run(circuit, shots=500, seed_simulator=1).result()
    assert set(counts.get_counts()) <= {"00", "11"}


def test_noiseless_device() -> None:
    from qiskit.transpiler import generate_preset_pass_manager

    spec = DeviceSpec(name="calm", num_qubits=3, topology="line", error_scale=0.0)
    circuit = generate_preset_pass_manager(target=devices.build_backend(spec).target, optimization_level=1).run(_bell())
    counts = devices.simulator_for(spec).run(circuit, shots=500, seed_simulator=1).result().get_counts()
    assert set(counts) <= {"00", "11"}


def test_simulator_is_cached_and_thread_safe() -> None:
    spec = DEFAULTS["qrt_pavia"]
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(devices.simulator_for(spec))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 4
    assert all(sim is results[0] for sim in results)
    assert devices.simulator_for(DeviceSpec.from_mapping(spec.to_mapping())) is results[0]


def test_backend_class_is_shared(backends: dict[str, Any]) -> None:
    from qiskit.providers import BackendV2

    cls = devices.device_backend_class()
    assert all(type(b) is cls for b in backends.values())
    assert issubclass(cls, BackendV2)
    assert backends["qrt_verona"].spec == DEFAULTS["qrt_verona"]
    assert "qrt_verona" in repr(backends["qrt_verona"])


# -- the official SDK as an oracle -----------------------------------------------------------------


@pytest.mark.interop
@pytest.mark.parametrize("name", list(DEFAULTS))
def test_official_sdk_reads_our_json(name: str, backends: dict[str, Any]) -> None:
    from qiskit_ibm_runtime.models import BackendStatus
    from qiskit_ibm_runtime.utils.backend_converter import convert_to_target
    from qiskit_ibm_runtime.utils.backend_decoder import configuration_from_server_data, properties_from_server_data

    spec = DEFAULTS[name]
    raw_config = devices.configuration(spec)
    raw_props = devices.properties(spec)
    configuration = configuration_from_server_data(copy.deepcopy(raw_config), use_fractional_gates=None)
    assert configuration is not None
    assert configuration.n_qubits == spec.num_qubits
    properties = properties_from_server_data(copy.deepcopy(raw_props), use_fractional_gates=None) if raw_props else None
    theirs = convert_to_target(configuration, properties)
    ours = backends[name].target
    assert theirs.num_qubits == ours.num_qubits
    assert theirs.dt == ours.dt
    assert summary(theirs) == summary(ours)
    assert qubit_summary(theirs) == qubit_summary(ours)
    # The official filters: dynamic circuits (remote and local flavours), fractional gates.
    assert ("dynamic_circuits" in configuration.supported_features) is spec.dynamic_circuits
    assert ("qasm3" in configuration.supported_features) is spec.dynamic_circuits
    filtered = configuration_from_server_data(copy.deepcopy(raw_config), use_fractional_gates=False)
    assert filtered is not None
    assert filtered.basis_gates == filter_fractional(raw_config, False)["basis_gates"]
    status = devices.status(spec, queue_length=2)
    parsed = BackendStatus(
        backend_name=name,
        backend_version=status["backend_version"],
        operational=status["state"],
        pending_jobs=status["length_queue"],
        status_msg=status["status"],
    )
    assert parsed.operational is True and parsed.pending_jobs == 2
