"""qrt.wire and qrt.execution against the official SDK (qiskit-ibm-runtime) as the oracle.

The official primitives' job params, captured just before they would be sent, decode with qrt into
equal pubs, and qrt builds the very same params; results travel both ways between qrt and the
official ``RuntimeEncoder``/``RuntimeDecoder``; and qrt's execution gives the official local mode's
counts and expectation values for the same seed.
"""

from __future__ import annotations

import importlib
import json
import math
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qiskit.primitives.containers import DataBin, PrimitiveResult, PubResult
from qiskit.primitives.containers.bindings_array import BindingsArray
from qiskit.primitives.containers.observables_array import ObservablesArray
from qiskit.quantum_info import Pauli, SparsePauliOp
from qiskit_aer import AerSimulator

from qrt import execution, wire

pytestmark = pytest.mark.interop


class _Captured(Exception):
    def __init__(self, inputs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.inputs = inputs


@pytest.fixture(scope="module")
def official() -> SimpleNamespace:
    # Imported here, not at collection, so `-m "not interop"` stays fast.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runtime = importlib.import_module("qiskit_ibm_runtime")
        local = importlib.import_module("qiskit_ibm_runtime.fake_provider.local_service")
    return SimpleNamespace(
        encoder=runtime.RuntimeEncoder,
        decoder=runtime.RuntimeDecoder,
        sampler=runtime.SamplerV2,
        estimator=runtime.EstimatorV2,
        local_service=local.QiskitRuntimeLocalService,
    )


@pytest.fixture
def official_params(official: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, Any]]:
    """Return the JSON params the official v2 primitive sends for ``run(pubs, **kwargs)``.

    The remote and the local paths receive the same ``inputs`` dict; the remote one sends it as
    ``params`` through ``RuntimeEncoder``. We stop the local path right there.
    """

    def capture(self: Any, program_id: str, inputs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        raise _Captured(inputs)

    monkeypatch.setattr(official.local_service, "_run", capture)

    def run(kind: str, pubs: list[Any], options: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        with warnings.catch_warnings(), pytest.raises(_Captured) as info:
            # The SDK deprecates its v2 primitives and mixed shots/precision across pubs.
            warnings.simplefilter("ignore", DeprecationWarning)
            getattr(official, kind)(mode=AerSimulator(), options=options).run(pubs, **kwargs)
        result: dict[str, Any] = json.loads(json.dumps(info.value.inputs, cls=official.encoder))
        return result

    return run


def same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and (a.tolist() == b.tolist() if a.dtype == object else a.tobytes() == b.tobytes())
        )
    if isinstance(a, float) and isinstance(b, float):
        # numpy.float64 is a float and travels as a plain JSON number, in both libraries.
        return a == b or (math.isnan(a) and math.isnan(b))
    if type(a) is not type(b):
        return False
    if isinstance(a, PrimitiveResult):
        return same(a.metadata, b.metadata) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, PubResult):
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
    return bool(a == b)


# Shared, so circuits built twice are equal (a Parameter is identified by its uuid).
A, B = Parameter("a"), Parameter("b")


def sweep_circuit(*, measure: bool) -> QuantumCircuit:
    a, b = A, B
    qc = QuantumCircuit(
        QuantumRegister(3, "q"), ClassicalRegister(2, "alpha"), ClassicalRegister(1, "beta"), name="sweep"
    )
    qc.ry(a, 0)
    qc.rx(b, 1)
    qc.cx(0, 2)
    qc.rz(a - b, 2)
    if measure:
        qc.measure([0, 1], [0, 1])
        qc.measure(2, 2)
    else:
        qc.remove_final_measurements()
    return qc


def bell(*, measure: bool = True) -> QuantumCircuit:
    qc = QuantumCircuit(2, name="bell")
    qc.h(0)
    qc.cx(0, 1)
    if measure:
        qc.measure_all()
    return qc


# ---------------------------------------------------------------------------------------------
# job params


SAMPLER_OPTIONS: dict[str, Any] = {
    "default_shots": 300,
    "simulator": {"seed_simulator": 4},
    "twirling": {"enable_gates": True},
    "execution": {"meas_type": "classified"},
}


def sampler_pubs() -> list[Any]:
    values = np.random.default_rng(2).random((2, 3, 2))
    return [bell(), (sweep_circuit(measure=True), values), (sweep_circuit(measure=True), [0.5, 0.25], 17)]


def test_official_sampler_params_decode_into_equal_pubs(official_params: Callable[..., dict[str, Any]]) -> None:
    params = official_params("sampler", sampler_pubs(), SAMPLER_OPTIONS, shots=64)
    pubs, options = wire.parse_sampler_params(params)
    assert options == SAMPLER_OPTIONS
    originals = sampler_pubs()
    assert [p.shots for p in pubs] == [64, 64, 17]
    assert pubs[0].circuit == originals[0]
    assert pubs[1].circuit == originals[1][0]
    assert pubs[1].parameter_values.shape == (2, 3)
    assert same(pubs[1].parameter_values.as_array(pubs[1].circuit.parameters), originals[1][1])
    assert same(pubs[2].parameter_values.as_array(pubs[2].circuit.parameters), np.array([0.5, 0.25]))


def test_qrt_builds_the_same_sampler_params_as_the_official_sdk(
    official_params: Callable[..., dict[str, Any]],
) -> None:
    theirs = official_params("sampler", sampler_pubs(), SAMPLER_OPTIONS, shots=64)
    ours = wire.sampler_params(sampler_pubs(), options=SAMPLER_OPTIONS, shots=64)
    assert ours == theirs


ESTIMATOR_OPTIONS: dict[str, Any] = {"default_precision": 0.05, "resilience_level": 1, "seed_estimator": 3}


def estimator_pubs() -> list[Any]:
    obs = SparsePauliOp.from_list([("ZZI", 1.0), ("XIX", -0.5)])
    values = np.random.default_rng(3).random((4, 2))
    return [(bell(measure=False), "ZZ"), (sweep_circuit(measure=False), [[obs], [Pauli("IYZ")]], values, 0.1)]


def test_official_estimator_params_decode_into_equal_pubs(official_params: Callable[..., dict[str, Any]]) -> None:
    params = official_params("estimator", estimator_pubs(), ESTIMATOR_OPTIONS, precision=0.2)
    assert params["resilience_level"] == 1
    pubs, options = wire.parse_estimator_params(params)
    assert options == ESTIMATOR_OPTIONS
    originals = estimator_pubs()
    assert [p.precision for p in pubs] == [0.2, 0.1]
    assert pubs[0].circuit == originals[0][0]
    assert pubs[0].observables.tolist() == {"ZZ": 1.0}
    assert pubs[1].circuit == originals[1][0]
    assert pubs[1].shape == (2, 4)
    assert pubs[1].observables.tolist() == [[{"ZZI": 1.0, "XIX": -0.5}], [{"IYZ": 1.0}]]
    assert same(pubs[1].parameter_values.as_array(pubs[1].circuit.parameters), originals[1][2])


def test_qrt_builds_the_same_estimator_params_as_the_official_sdk(
    official_params: Callable[..., dict[str, Any]],
) -> None:
    theirs = official_params("estimator", estimator_pubs(), ESTIMATOR_OPTIONS, precision=0.2)
    ours = wire.estimator_params(estimator_pubs(), options=ESTIMATOR_OPTIONS, precision=0.2)
    assert ours == theirs


# ---------------------------------------------------------------------------------------------
# results


def our_results() -> list[PrimitiveResult]:
    backend = AerSimulator()
    options = {"simulator": {"seed_simulator": 21}}
    sampled = execution.run_sampler(
        backend, [bell(), (sweep_circuit(measure=True), np.full((2, 2), 0.4))], shots=128, options=options
    )
    estimated = execution.run_estimator(
        backend,
        [(bell(measure=False), ["ZZ", "XX", "ZI"]), (sweep_circuit(measure=False), "ZZZ", [0.1, 0.2])],
        options=options,
    )
    return [sampled, estimated]


def test_official_decoder_reads_qrt_results(official: SimpleNamespace) -> None:
    for ours in our_results():
        theirs = json.loads(wire.result_to_json(ours), cls=official.decoder)
        assert same(theirs, ours)
    sampled = json.loads(wire.result_to_json(our_results()[0]), cls=official.decoder)
    assert sampled[1].data.alpha.get_counts() == our_results()[0][1].data.alpha.get_counts()


def test_qrt_reads_results_the_official_encoder_writes(official: SimpleNamespace) -> None:
    for result in our_results():
        text = json.dumps(result, cls=official.encoder)
        assert same(wire.result_from_json(text), result)


def test_qrt_reads_official_local_mode_results(official: SimpleNamespace) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler = official.sampler(mode=AerSimulator(), options={"simulator": {"seed_simulator": 8}})
        result = sampler.run([bell()], shots=50).result()
    back = wire.result_from_json(json.dumps(result, cls=official.encoder))
    assert back[0].data.meas.get_counts() == result[0].data.meas.get_counts()
    assert back[0].metadata == result[0].metadata == {"shots": 50, "circuit_metadata": {}}


# ---------------------------------------------------------------------------------------------
# single objects


def interop_objects() -> list[Any]:
    return [
        sweep_circuit(measure=True),
        Parameter("φ"),
        1.5 - 2j,
        {1, 2, 3},
        datetime(2026, 4, 15, 12, 30, tzinfo=UTC),
        np.array([[1 + 1j, 0], [2, -1j]]),
        np.arange(6, dtype=np.int16).reshape(3, 2),
        SparsePauliOp.from_list([("XY", 0.5), ("ZZ", 1.0)]),
        Pauli("-XZ"),
        BindingsArray({("a", "b"): np.arange(6.0).reshape(3, 2)}),
        ObservablesArray([{"ZZ": 1.0}, {"XI": 0.5, "IY": 0.5}]),
    ]


@pytest.mark.parametrize("index", range(len(interop_objects())))
def test_single_objects_cross_both_ways(official: SimpleNamespace, index: int) -> None:
    obj = interop_objects()[index]
    ours = wire.dumps(obj)
    theirs = json.dumps(obj, cls=official.encoder)
    assert json.loads(ours) == json.loads(theirs)  # the same wire text, up to whitespace
    assert same(json.loads(ours, cls=official.decoder), obj)
    assert same(wire.loads(theirs), obj)


@settings(max_examples=25, deadline=None)
@given(
    hnp.arrays(
        dtype=hnp.scalar_dtypes(),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
    )
)
def test_official_decoder_reads_any_qrt_array(array: np.ndarray) -> None:
    decoder = importlib.import_module("qiskit_ibm_runtime").RuntimeDecoder
    assert same(json.loads(wire.dumps(array), cls=decoder), array)


# ---------------------------------------------------------------------------------------------
# execution fidelity with the official local mode


def test_sampler_counts_match_the_official_local_mode(official: SimpleNamespace) -> None:
    options = {"simulator": {"seed_simulator": 77}, "default_shots": 333}
    pubs = [bell(), (sweep_circuit(measure=True), [[0.3, 0.9], [1.2, 2.0]])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = official.sampler(mode=AerSimulator(), options=options).run(pubs).result()
    ours = execution.run_sampler(AerSimulator(), pubs, options=options)
    assert same(ours, theirs)


def test_estimator_values_match_the_official_local_mode(official: SimpleNamespace) -> None:
    options = {"simulator": {"seed_simulator": 78}, "default_shots": 2000}
    pubs = [(bell(measure=False), ["ZZ", "XX", "YY"]), (sweep_circuit(measure=False), "ZZI", [0.4, 1.0])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = official.estimator(mode=AerSimulator(), options=options).run(pubs).result()
    ours = execution.run_estimator(AerSimulator(), pubs, options=options)
    assert same(ours, theirs)
    assert ours[0].metadata["target_precision"] == pytest.approx(1 / math.sqrt(2000))
