"""qrt.wire: the runtime JSON encoding, primitive params and results (no official SDK here)."""

from __future__ import annotations

import json
import logging
import math
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter, ParameterVector
from qiskit.circuit.library import RZZGate
from qiskit.primitives.containers import BitArray, DataBin, PrimitiveResult, PubResult, SamplerPubResult
from qiskit.primitives.containers.bindings_array import BindingsArray
from qiskit.primitives.containers.estimator_pub import EstimatorPub
from qiskit.primitives.containers.observables_array import ObservablesArray
from qiskit.primitives.containers.sampler_pub import SamplerPub
from qiskit.quantum_info import Operator, Pauli, PauliList, SparsePauliOp

from qrt import wire
from qrt.errors import QrtError, WireFormatError

# ---------------------------------------------------------------------------------------------
# helpers


def same(a: Any, b: Any) -> bool:
    """Deep equality for wire values, including qiskit containers without ``__eq__``."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if type(a) is not type(b):
        return False
    if isinstance(a, PrimitiveResult):
        return same(a.metadata, b.metadata) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, PubResult):  # SamplerPubResult too (type already checked)
        return same(a.data, b.data) and same(a.metadata, b.metadata)
    if isinstance(a, DataBin):
        return a.shape == b.shape and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, BindingsArray):
        return a.shape == b.shape and a.data.keys() == b.data.keys() and all(same(a.data[k], b.data[k]) for k in a.data)
    if isinstance(a, ObservablesArray):
        return a.shape == b.shape and a.tolist() == b.tolist()
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def roundtrip(obj: Any) -> Any:
    text = wire.dumps(obj)
    json.loads(text)  # plain JSON, readable without qrt
    return wire.loads(text)


def bell(*, measure: bool = True) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    if measure:
        qc.measure_all()
    return qc


def param_circuit() -> QuantumCircuit:
    a, b = Parameter("a"), Parameter("b")
    qc = QuantumCircuit(QuantumRegister(3, "q"), ClassicalRegister(2, "alpha"), ClassicalRegister(1, "beta"))
    qc.ry(a, 0)
    qc.rz(b + 2 * a, 1)
    qc.cx(0, 2)
    qc.measure([0, 1], [0, 1])
    qc.measure(2, 2)
    return qc


def sampler_result() -> PrimitiveResult:
    rng = np.random.default_rng(1)
    alpha = BitArray(rng.integers(0, 4, size=(2, 3, 10, 1), dtype=np.uint8), 2)
    beta = BitArray(rng.integers(0, 2, size=(2, 3, 10, 1), dtype=np.uint8), 1)
    meas = BitArray(rng.integers(0, 255, size=(10, 2), dtype=np.uint8), 9)
    return PrimitiveResult(
        [
            SamplerPubResult(DataBin(alpha=alpha, beta=beta, shape=(2, 3)), {"shots": 10, "circuit_metadata": {}}),
            SamplerPubResult(DataBin(meas=meas, shape=()), {"shots": 10, "circuit_metadata": {"n": [1, 2]}}),
        ],
        metadata={"version": 2},
    )


def estimator_result() -> PrimitiveResult:
    return PrimitiveResult(
        [
            PubResult(
                DataBin(evs=np.array([1.0, -0.25]), stds=np.array([0.0, 0.01]), shape=(2,)),
                {"target_precision": 0.015625, "shots": 4096, "circuit_metadata": {}},
            ),
            PubResult(
                DataBin(evs=np.array(0.5), stds=np.array(0.1), shape=()),
                {"target_precision": 0.1, "shots": 100, "circuit_metadata": {"tag": "x"}},
            ),
        ],
        metadata={"version": 2},
    )


# ---------------------------------------------------------------------------------------------
# import cost


def test_importing_wire_and_execution_loads_neither_qiskit_nor_numpy() -> None:
    code = (
        "import sys, qrt.wire, qrt.execution\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('qiskit', 'qiskit_aer', 'numpy'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# encoding round trips


def test_circuit_with_parameters_and_several_registers_round_trips() -> None:
    qc = param_circuit()
    qc.metadata = {"experiment": "t1", "values": [1, 2.5], "when": datetime(2024, 5, 1, tzinfo=UTC)}
    back = roundtrip(qc)
    assert back == qc
    assert [r.name for r in back.cregs] == ["alpha", "beta"]
    assert [p.name for p in back.parameters] == ["a", "b"]
    assert back.metadata == qc.metadata


def test_circuit_wrapper_is_compressed_base64_qpy() -> None:
    import base64
    import io
    import zlib

    from qiskit import qpy

    tree = wire.encode(bell())
    assert tree["__type__"] == "QuantumCircuit"
    raw = zlib.decompress(base64.standard_b64decode(tree["__value__"]))
    assert raw[:6] == b"QISKIT"
    assert raw[6] <= wire.SERVICE_QPY_VERSION  # the format version the service can read
    assert qpy.load(io.BytesIO(raw))[0] == bell()


def test_circuit_with_parameter_vector_and_rzz_round_trips() -> None:
    v = ParameterVector("v", 3)
    qc = QuantumCircuit(3)
    for i in range(3):
        qc.rx(v[i], i)
    qc.append(RZZGate(v[0] * v[1]), [0, 1])
    qc.measure_all()
    assert roundtrip(qc) == qc


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12, dtype=np.int64).reshape(3, 4),
        np.array([[1.5, -2.0], [np.inf, np.nan]], dtype=np.float32),
        np.array([1 + 2j, -3.5j], dtype=np.complex128),
        np.array([True, False, True]),
        np.zeros((2, 0, 3), dtype=np.uint8),
        np.array(7.25),
        np.array(["ab", "c"]),
    ],
    ids=["int64-2d", "float32-nan", "complex", "bool", "empty", "0-d", "unicode"],
)
def test_arrays_keep_dtype_shape_and_values(array: np.ndarray) -> None:
    back = roundtrip(array)
    assert same(back, array)


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(
        dtype=st.sampled_from([np.uint8, np.int16, np.int64, np.float64, np.complex64, np.bool_]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    )
)
def test_any_numeric_array_round_trips(array: np.ndarray) -> None:
    assert same(roundtrip(array), array)


def test_object_arrays_travel_as_lists() -> None:
    array = np.array([1, "x", None], dtype=object)
    assert wire.encode(array) == {"__type__": "ndarray", "__value__": [1, "x", None]}


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
plain_trees = st.recursive(
    json_scalars | st.complex_numbers(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(plain_trees)
def test_plain_trees_with_complex_numbers_round_trip(tree: Any) -> None:
    assert same(roundtrip(tree), tree)


def test_scalars_sets_and_datetimes() -> None:
    assert roundtrip(1 + 2j) == 1 + 2j
    assert roundtrip({1, "a", 2.5}) == {1, "a", 2.5}
    moment = datetime(2025, 2, 3, 4, 5, 6, 789, tzinfo=timezone(timedelta(hours=2)))
    assert roundtrip(moment) == moment
    assert wire.encode(np.int32(4)) == 4
    assert wire.encode(np.bool_(True)) is True
    assert wire.encode(np.complex64(1j)) == {"__type__": "complex", "__value__": [0.0, 1.0]}
    assert wire.encode((1, [2, (3,)])) == [1, [2, [3]]]
    assert wire.encode({1: "a", None: 2}) == {"1": "a", "null": 2}


def test_parameter_keeps_name_and_uuid() -> None:
    p = Parameter("θ_1")
    back = roundtrip(p)
    assert isinstance(back, Parameter)
    assert back.name == "θ_1"
    assert back.uuid == p.uuid
    assert back == p


def test_parameter_expression_is_refused_with_a_clear_error() -> None:
    a = Parameter("a")
    with pytest.raises(WireFormatError, match=r"cannot encode the parameter expression 2\*a"):
        wire.dumps(2 * a)


@pytest.mark.parametrize(
    "op",
    [
        SparsePauliOp.from_list([("XZI", 1.0), ("YYZ", -0.5 + 0.25j)]),
        Pauli("-iXYZ"),
        PauliList(["XX", "-ZY", "iII"]),
        Operator(np.array([[0, 1], [1, 0]], dtype=complex)),
    ],
    ids=["SparsePauliOp", "Pauli", "PauliList", "Operator"],
)
def test_quantum_info_operators_round_trip(op: Any) -> None:
    back = roundtrip(op)
    assert type(back) is type(op)
    assert back == op


def test_observables_and_bindings_arrays_round_trip() -> None:
    obs = ObservablesArray([[{"ZZ": 1.0, "XI": 0.5}, {"IZ": -1.0}]])
    assert same(roundtrip(obs), obs)
    bindings = BindingsArray({("a", "b"): np.arange(12.0).reshape(3, 2, 2), "c": np.ones((3, 2))})
    back = roundtrip(bindings)
    assert same(back, bindings)
    assert back.shape == (3, 2)


def test_instruction_round_trips() -> None:
    gate = RZZGate(0.25)
    back = roundtrip(gate)
    assert back == gate


def test_bit_array_round_trips() -> None:
    bits = BitArray(np.array([[[0b101], [0b011]], [[0], [0b111]]], dtype=np.uint8), 3)
    back = roundtrip(bits)
    assert back == bits
    assert back.get_counts() == bits.get_counts()


@pytest.mark.parametrize("make", [sampler_result, estimator_result], ids=["sampler", "estimator"])
def test_primitive_results_round_trip(make: Any) -> None:
    result = make()
    back = wire.result_from_json(wire.result_to_json(result))
    assert same(back, result)
    assert back[0].data.shape == result[0].data.shape


def test_result_wrappers_have_the_runtime_layout() -> None:
    tree = json.loads(wire.result_to_json(sampler_result()))
    assert tree["__type__"] == "PrimitiveResult"
    assert tree["__value__"]["metadata"] == {"version": 2}
    pub = tree["__value__"]["pub_results"][0]
    assert pub["__type__"] == "SamplerPubResult"
    data = pub["__value__"]["data"]
    assert data["__type__"] == "DataBin"
    assert data["__value__"]["field_names"] == ["alpha", "beta"]
    assert data["__value__"]["shape"] == [2, 3]
    alpha = data["__value__"]["fields"]["alpha"]
    assert alpha["__type__"] == "BitArray"
    assert alpha["__value__"]["num_bits"] == 2
    assert alpha["__value__"]["array"]["__type__"] == "ndarray"
    estimator_tree = json.loads(wire.result_to_json(estimator_result()))
    assert estimator_tree["__value__"]["pub_results"][0]["__type__"] == "PubResult"


def test_result_functions_check_their_types() -> None:
    with pytest.raises(WireFormatError, match="result_to_json expects a PrimitiveResult, got dict"):
        wire.result_to_json({})  # type: ignore[arg-type]
    with pytest.raises(WireFormatError, match="results are not a PrimitiveResult, got a list"):
        wire.result_from_json("[1, 2]")
    with pytest.raises(WireFormatError, match="not valid JSON"):
        wire.result_from_json("{nope")


# ---------------------------------------------------------------------------------------------
# decoding edge cases


def test_loads_takes_bytes_and_decode_is_idempotent() -> None:
    text = wire.dumps({"c": bell(), "a": np.arange(3), "z": 1j})
    from_bytes = wire.loads(text.encode())
    assert from_bytes["c"] == bell() and from_bytes["z"] == 1j
    tree = json.loads(text)
    once = wire.decode(tree)
    twice = wire.decode(once)
    assert twice["c"] == bell()
    assert same(twice["a"], np.arange(3))
    assert tree == json.loads(text)  # decode does not change its input


def test_unknown_types_stay_raw_dicts_with_a_debug_log(caplog: pytest.LogCaptureFixture) -> None:
    text = json.dumps(
        {"spans": {"__type__": "ExecutionSpans", "__value__": {"spans": []}}, "n": {"__type__": 3, "__value__": 1}}
    )
    with caplog.at_level(logging.DEBUG, logger="qrt.wire"):
        out = wire.loads(text)
    assert out == {
        "spans": {"__type__": "ExecutionSpans", "__value__": {"spans": []}},
        "n": {"__type__": 3, "__value__": 1},
    }
    assert "'ExecutionSpans'" in caplog.text


def test_settings_outside_quantum_info_operators_are_not_instantiated() -> None:
    for module, cls in [
        ("os", "system"),
        ("qiskit.quantum_info.operators", "os"),
        ("qiskit.circuit", "QuantumCircuit"),
    ]:
        tree = {"__type__": "settings", "__module__": module, "__class__": cls, "__value__": {}}
        assert wire.decode(tree) == tree


def test_settings_with_integer_keys_are_flagged_and_restored() -> None:
    class Fake:  # mimics a qiskit object whose settings use integer keys
        __module__ = "qiskit.fake"
        settings: ClassVar[dict[str, Any]] = {"table": {0: "a", 1: {2: "b"}}}

    tree = wire.encode(Fake())
    assert tree["__value__"] == {"table": {"0": "a", "1": {"2": "b", "__int_keys__": True}, "__int_keys__": True}}
    assert wire._restore_int_keys(tree["__value__"]) == Fake.settings


def test_extrapolator_names_inside_ndarray_wrappers_stay_strings() -> None:
    assert wire.loads('{"__type__": "ndarray", "__value__": "linear"}') == "linear"
    assert same(wire.loads('{"__type__": "ndarray", "__value__": [[1, 2]]}'), np.array([[1, 2]]))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"__type__": "ndarray", "__value__": "%%%"}', r"cannot decode ndarray: .*"),
        ('{"__type__": "ndarray", "__value__": "aGVsbG8="}', r"invalid zlib data"),
        ('{"__type__": "QuantumCircuit", "__value__": 5}', r"expected a base64 string, got int"),
        ('{"__type__": "complex", "__value__": [1]}', r"complex must be a \[real, imag\] pair"),
        ('{"__type__": "datetime", "__value__": "yesterday"}', r"cannot decode datetime"),
        ('{"__type__": "BitArray", "__value__": {"array": []}}', r"BitArray payload needs 'array' and 'num_bits'"),
        ('{"__type__": "PrimitiveResult", "__value__": {}}', r"needs a 'pub_results' list"),
        ('{"__type__": "Parameter", "__value__": "AAE="}', r"Parameter payload is too short"),
    ],
)
def test_broken_payloads_of_known_types_raise(text: str, message: str) -> None:
    with pytest.raises(WireFormatError, match=message):
        wire.loads(text)


def test_decompression_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import zlib

    monkeypatch.setattr(wire, "_MAX_INFLATED_BYTES", 1000)
    bomb = base64.standard_b64encode(zlib.compress(b"\0" * 5000)).decode()
    with pytest.raises(WireFormatError, match="inflates beyond 1000 bytes"):
        wire.loads(json.dumps({"__type__": "ndarray", "__value__": bomb}))


def test_unencodable_objects_raise() -> None:
    with pytest.raises(WireFormatError, match="cannot encode an object of type object"):
        wire.dumps(object())
    with pytest.raises(WireFormatError, match="cannot encode a dict key of type tuple"):
        wire.dumps({(1, 2): 3})


def test_wire_format_error_is_a_value_error_in_the_tree() -> None:
    assert issubclass(WireFormatError, QrtError)
    assert issubclass(WireFormatError, ValueError)


# ---------------------------------------------------------------------------------------------
# sampler params


def test_sampler_params_round_trip_pubs_and_options() -> None:
    qc = param_circuit()
    values = np.random.default_rng(3).random((4, 2))
    options = {
        "default_shots": 300,
        "simulator": {"seed_simulator": 11},
        "twirling": {"enable_gates": True},
        "environment": {"job_tags": ["a"]},
        "max_execution_time": 60,
    }
    params = wire.sampler_params([bell(), (qc, values), (qc, values[0], 55)], options=options, shots=77)
    assert json.loads(json.dumps(params)) == params  # JSON-ready as it is
    assert params["version"] == 2 and params["support_qiskit"] is True
    assert params["options"] == {
        "default_shots": 300,
        "simulator": {"seed_simulator": 11},
        "twirling": {"enable_gates": True},
    }
    assert [len(row) for row in params["pubs"]] == [3, 3, 3]

    pubs, parsed_options = wire.parse_sampler_params(json.loads(json.dumps(params)))
    assert parsed_options == params["options"]
    assert [pub.shots for pub in pubs] == [77, 77, 55]
    assert pubs[0].circuit == bell()
    assert pubs[1].circuit == qc
    assert pubs[1].parameter_values.shape == (4,)
    assert same(pubs[1].parameter_values.as_array(qc.parameters), values)
    assert pubs[2].parameter_values.shape == ()
    assert same(pubs[2].parameter_values.as_array(qc.parameters), values[0])


def test_sampler_params_accepts_pub_objects_and_keeps_their_shots() -> None:
    pub = SamplerPub.coerce((bell(), None, 9))
    params = wire.sampler_params([pub], shots=1000)
    assert params["pubs"][0][2] == 9
    assert params["options"] == {}
    (back,), _ = wire.parse_sampler_params(params)
    assert back.shots == 9


def test_parse_sampler_params_takes_none_values_and_short_pubs() -> None:
    circuit = wire.encode(bell())
    pubs, options = wire.parse_sampler_params({"pubs": [[circuit], [circuit, None, None], [circuit, None]]})
    assert options == {}
    assert [p.shots for p in pubs] == [None, None, None]
    assert all(p.parameter_values.shape == () for p in pubs)


def test_parse_sampler_params_takes_named_parameter_values() -> None:
    qc = param_circuit()
    (pub,), _ = wire.parse_sampler_params(
        {"pubs": [[wire.encode(qc), {"a": [0.1, 0.2], "b": [0.3, 0.4]}, 10]], "options": None}
    )
    assert pub.parameter_values.shape == (2,)
    assert same(pub.parameter_values.as_array(qc.parameters), np.array([[0.1, 0.3], [0.2, 0.4]]))


def _sampler_body(*pubs: Any, **extra: Any) -> dict[str, Any]:
    return {"pubs": list(pubs), "options": {}, "version": 2, **extra}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([], "params must be a JSON object, got a list"),
        ({"options": {}}, "params.pubs missing"),
        ({"pubs": {"a": 1}}, "params.pubs must be a list of pubs, got an object"),
        (_sampler_body(version=1), "params.version must be 2 (the v2 primitives), got 1"),
        ({"pubs": [], "options": [1]}, "params.options must be a JSON object, got a list"),
        (_sampler_body("x"), "pub 0: expected a list [circuit, parameter values, shots], got str"),
        (_sampler_body([]), "pub 0: expected a list [circuit, parameter values, shots], got 0 elements"),
        (_sampler_body(["c", None, 1, 2]), "pub 0: expected a list [circuit, parameter values, shots], got 4 elements"),
        (_sampler_body([None, None, 10]), "pub 0: circuit missing"),
        (_sampler_body(["OPENQASM 3;"]), "pub 0: circuit must be a QuantumCircuit (QPY), got str"),
        (
            _sampler_body([{"__type__": "Mystery", "__value__": 1}]),
            "pub 0: circuit must be a QuantumCircuit (QPY), got an undecodable 'Mystery' object",
        ),
    ],
)
def test_malformed_sampler_params_raise(params: Any, message: str) -> None:
    with pytest.raises(WireFormatError) as info:
        wire.parse_sampler_params(params)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (lambda c: [c, None, 0], "pub 1: shots must be a positive integer or null, got 0"),
        (lambda c: [c, None, 2.5], "pub 1: shots must be a positive integer or null, got 2.5"),
        (lambda c: [c, None, True], "pub 1: shots must be a positive integer or null, got True"),
        (lambda c: [c, [[1.0, 2.0, 3.0]], 5], "pub 1: parameter values do not fit the circuit: "),
    ],
)
def test_malformed_sampler_pubs_name_the_pub(row: Any, message: str) -> None:
    good = [wire.encode(param_circuit()), [0.1, 0.2], 5]
    with pytest.raises(WireFormatError) as info:
        wire.parse_sampler_params(_sampler_body(good, row(wire.encode(param_circuit()))))
    assert str(info.value).startswith(message)


def test_sampler_params_reports_the_bad_pub_on_the_client_side() -> None:
    with pytest.raises(WireFormatError, match=r"^pub 1: "):
        wire.sampler_params([bell(), (param_circuit(), [1.0])])


# ---------------------------------------------------------------------------------------------
# estimator params


def test_estimator_params_round_trip_pubs_and_options() -> None:
    qc = param_circuit().remove_final_measurements(inplace=False)
    plain = bell(measure=False)
    obs = SparsePauliOp.from_list([("ZZI", 1.0), ("XIX", 0.5)])
    values = np.random.default_rng(5).random((3, 2))
    params = wire.estimator_params(
        [(plain, "ZZ"), (qc, [[obs], ["IIZ"]], values, 0.05)],
        options={"resilience_level": 1, "default_precision": 0.02, "environment": {"log_level": "INFO"}},
        precision=0.1,
    )
    assert json.loads(json.dumps(params)) == params
    assert params["resilience_level"] == 1
    assert params["options"] == {"default_precision": 0.02}
    row = params["pubs"][1]
    assert row[1] == [[{"ZZI": 1.0, "XIX": 0.5}], [{"IIZ": 1.0}]]
    assert row[3] == 0.05

    pubs, options = wire.parse_estimator_params(json.loads(json.dumps(params)))
    assert options == {"default_precision": 0.02, "resilience_level": 1}
    assert [p.precision for p in pubs] == [0.1, 0.05]
    assert pubs[0].circuit == plain
    assert pubs[0].observables.tolist() == {"ZZ": 1.0}
    assert pubs[1].circuit == qc
    assert pubs[1].shape == (2, 3)
    assert pubs[1].observables.tolist() == [[{"ZZI": 1.0, "XIX": 0.5}], [{"IIZ": 1.0}]]
    assert same(pubs[1].parameter_values.as_array(qc.parameters), values)


def test_parse_estimator_params_takes_observable_objects() -> None:
    obs = SparsePauliOp.from_list([("ZZ", 2.0)])
    params = {"pubs": [[wire.encode(bell(measure=False)), wire.encode(obs)]], "version": 2}
    (pub,), options = wire.parse_estimator_params(params)
    assert options == {}
    assert pub.precision is None
    assert pub.observables.tolist() == {"ZZ": 2.0}
    assert isinstance(pub, EstimatorPub)


def _est_row(*rest: Any) -> list[Any]:
    return [wire.encode(bell(measure=False)), *rest]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_est_row("ZZ"), _est_row("ZZ"), _est_row()], "pub 2: observables missing"),
        ([_est_row(None, None, 0.1)], "pub 0: observables missing"),
        (
            [_est_row("ZZ", None, 0.1, 5)],
            "pub 0: expected a list [circuit, observables, parameter values, precision], got 5 elements",
        ),
        ([_est_row("ZZ", None, 0)], "pub 0: precision must be a positive number or null, got 0"),
        ([_est_row("ZZ", None, "high")], "pub 0: precision must be a positive number or null, got 'high'"),
        ([_est_row("ZZ", None, float("nan"))], "pub 0: precision must be a positive number or null, got nan"),
        ([_est_row("QQ")], "pub 0: observables invalid: "),
        ([_est_row("ZZZ")], "pub 0: The number of qubits of the circuit (2) does not match"),
        ([_est_row("ZZ", [1.0])], "pub 0: parameter values do not fit the circuit: "),
        ([[None, "ZZ"]], "pub 0: circuit missing"),
    ],
)
def test_malformed_estimator_params_raise(rows: list[Any], message: str) -> None:
    with pytest.raises(WireFormatError) as info:
        wire.parse_estimator_params({"pubs": rows, "version": 2})
    assert str(info.value).startswith(message)


def test_compressed_payloads_share_one_inflation_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many small bombs in one body must not add up to gigabytes: one budget per decoding call."""
    import json

    import numpy as np

    from qrt import wire

    monkeypatch.setattr(wire, "_MAX_INFLATED_TOTAL", 3_000_000)
    one = wire.encode(np.zeros(1_000_000 // 8))  # about 1 MB once inflated, a few KB compressed
    assert isinstance(wire.loads(json.dumps([one, one])), list)  # 2 MB: within the budget
    with pytest.raises(WireFormatError, match="inflates beyond"):
        wire.loads(json.dumps([one, one, one, one]))  # 4 MB in one call: refused
    assert len(wire.decode([one, one])) == 2  # a new call gets a new budget


def test_pickled_arrays_are_refused() -> None:
    """An object array can only be loaded with pickle, which would run code named by the payload."""
    import base64
    import io
    import json
    import zlib

    import numpy as np

    from qrt import wire

    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    data = base64.standard_b64encode(zlib.compress(buffer.getvalue())).decode()  # as the encoder packs arrays
    with pytest.raises(WireFormatError, match="allow_pickle=False"):
        wire.loads(json.dumps({"__type__": "ndarray", "__value__": data}))
