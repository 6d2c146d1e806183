"""qrt.execution: running Sampler and Estimator pubs on Aer (and on any BackendV2)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qiskit.primitives.containers import BitArray, PrimitiveResult, PubResult, SamplerPubResult
from qiskit.providers.basic_provider import BasicSimulator
from qiskit.quantum_info import SparsePauliOp
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel, ReadoutError

from qrt.errors import ConfigurationError
from qrt.execution import DEFAULT_PRECISION, DEFAULT_SHOTS, ignored_options, run_estimator, run_sampler


@pytest.fixture(scope="module")
def aer() -> AerSimulator:
    return AerSimulator()


def bell(*, measure: bool = True) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    if measure:
        qc.measure_all()
    return qc


def seeded(seed: int, **extra: object) -> dict[str, object]:
    return {"simulator": {"seed_simulator": seed}, **extra}


# ---------------------------------------------------------------------------------------------
# Sampler


def test_bell_pair_gives_only_correlated_outcomes_in_a_binomial_split(aer: AerSimulator) -> None:
    shots = 4000
    result = run_sampler(aer, [bell()], shots=shots, options=seeded(1234))
    counts = result[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == shots
    sigma = math.sqrt(shots * 0.25)
    assert abs(counts.get("00", 0) - shots / 2) < 5 * sigma


def test_sampler_result_has_the_official_structure(aer: AerSimulator) -> None:
    qc = bell()
    qc.metadata = {"label": "bell"}
    result = run_sampler(aer, [qc], options=seeded(1))
    assert isinstance(result, PrimitiveResult)
    assert result.metadata == {"version": 2}
    (pub,) = result
    assert isinstance(pub, SamplerPubResult)
    assert pub.metadata == {"shots": DEFAULT_SHOTS, "circuit_metadata": {"label": "bell"}}
    assert list(pub.data) == ["meas"]
    assert isinstance(pub.data.meas, BitArray)
    assert pub.data.meas.num_bits == 2
    assert pub.data.meas.num_shots == DEFAULT_SHOTS


def test_several_classical_registers_get_one_bit_array_each(aer: AerSimulator) -> None:
    qc = QuantumCircuit(QuantumRegister(3), ClassicalRegister(1, "first"), ClassicalRegister(2, "rest"))
    qc.x(0)
    qc.x(2)
    qc.measure(0, 0)
    qc.measure([1, 2], [1, 2])
    (pub,) = run_sampler(aer, [qc], shots=50, options=seeded(2))
    assert list(pub.data) == ["first", "rest"]
    assert pub.data.first.get_counts() == {"1": 50}
    assert pub.data.rest.get_counts() == {"10": 50}


def test_parametrized_circuit_sweeps_keep_the_pub_shape(aer: AerSimulator) -> None:
    theta = Parameter("theta")
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.measure_all()
    values = np.array([[0.0], [math.pi], [0.0], [math.pi]]).reshape(2, 2, 1)
    (pub,) = run_sampler(aer, [(qc, values)], shots=64, options=seeded(3))
    assert pub.data.meas.shape == (2, 2)
    assert pub.data.meas.get_counts((0, 0)) == {"0": 64}
    assert pub.data.meas.get_counts((0, 1)) == {"1": 64}
    assert pub.data.meas.get_counts((1, 1)) == {"1": 64}


def test_several_pubs_keep_their_order_and_shots(aer: AerSimulator) -> None:
    one = QuantumCircuit(1)
    one.x(0)
    one.measure_all()
    result = run_sampler(aer, [(bell(), None, 30), one, (one, None, 7)], shots=20, options=seeded(4))
    assert [r.metadata["shots"] for r in result] == [30, 20, 7]
    assert result[1].data.meas.get_counts() == {"1": 20}
    assert set(result[0].data.meas.get_counts()) <= {"00", "11"}


def test_same_seed_same_counts_and_other_seed_other_counts(aer: AerSimulator) -> None:
    theta = Parameter("t")
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.ry(theta, 1)
    qc.cx(0, 2)
    qc.measure_all()
    pubs = [bell(), (qc, [[0.3], [1.1]])]
    first = run_sampler(aer, pubs, shots=500, options=seeded(99))
    second = run_sampler(AerSimulator(), pubs, shots=500, options=seeded(99))
    other = run_sampler(aer, pubs, shots=500, options=seeded(100))
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a.data.meas.array, b.data.meas.array)
    assert not np.array_equal(first[0].data.meas.array, other[0].data.meas.array)


def test_top_level_seed_and_seed_zero_are_honoured(aer: AerSimulator) -> None:
    a = run_sampler(aer, [bell()], shots=200, options={"seed_simulator": 0})
    b = run_sampler(aer, [bell()], shots=200, options={"simulator": {"seed_simulator": 0}})
    assert np.array_equal(a[0].data.meas.array, b[0].data.meas.array)


@pytest.mark.parametrize(
    ("pub_shots", "call_shots", "default_shots", "expected"),
    [
        (11, 22, 33, 11),
        (None, 22, 33, 22),
        (None, None, 33, 33),
        (None, None, None, DEFAULT_SHOTS),
    ],
)
def test_sampler_shots_precedence(
    aer: AerSimulator, pub_shots: int | None, call_shots: int | None, default_shots: int | None, expected: int
) -> None:
    (pub,) = run_sampler(aer, [(bell(), None, pub_shots)], shots=call_shots, options={"default_shots": default_shots})
    assert pub.metadata["shots"] == expected
    assert pub.data.meas.num_shots == expected


def test_noise_model_option_is_applied(aer: AerSimulator) -> None:
    noise = NoiseModel()
    noise.add_all_qubit_readout_error(ReadoutError([[0.0, 1.0], [1.0, 0.0]]))  # every readout flips
    zero = QuantumCircuit(1)
    zero.measure_all()
    (pub,) = run_sampler(aer, [zero], shots=40, options=seeded(5, simulator={"noise_model": noise}))
    assert pub.data.meas.get_counts() == {"1": 40}
    (clean,) = run_sampler(aer, [zero], shots=40, options=seeded(5))
    assert clean.data.meas.get_counts() == {"0": 40}


def test_any_backend_v2_works_through_qiskits_backend_sampler() -> None:
    result = run_sampler(BasicSimulator(), [bell()], shots=300, options=seeded(6))
    counts = result[0].data.meas.get_counts()
    assert set(counts) <= {"00", "11"} and sum(counts.values()) == 300
    assert result[0].metadata == {"shots": 300, "circuit_metadata": {}}
    again = run_sampler(BasicSimulator(), [bell()], shots=300, options=seeded(6))
    assert again[0].data.meas.get_counts() == counts


def test_classified_meas_type_runs_and_level_one_data_is_refused(aer: AerSimulator) -> None:
    (pub,) = run_sampler(aer, [bell()], shots=10, options={"execution": {"meas_type": "classified"}})
    assert pub.data.meas.num_shots == 10
    with pytest.raises(ConfigurationError) as info:
        run_sampler(aer, [bell()], options={"execution": {"meas_type": "kerneled"}})
    assert str(info.value) == (
        "option execution.meas_type='kerneled' is not available in local simulation, which yields "
        "classified bits only; use 'classified' or leave it unset"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"default_shots": 0}, "option default_shots must be a positive integer, got 0"),
        ({"default_shots": "many"}, "option default_shots must be a positive integer, got 'many'"),
        (
            {"simulator": {"seed_simulator": -1}},
            "option simulator.seed_simulator must be a non-negative integer, got -1",
        ),
        ({"seed_simulator": 1.5}, "option seed_simulator must be a non-negative integer, got 1.5"),
        ({"simulator": [1]}, "option 'simulator' must be a mapping, got list"),
        (
            {"execution": {"meas_type": "raw"}},
            "option execution.meas_type must be 'classified', 'kerneled' or 'avg_kerneled', got 'raw'",
        ),
    ],
)
def test_bad_sampler_options_raise(aer: AerSimulator, options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        run_sampler(aer, [bell()], options=options)
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# Estimator


def test_bell_state_expectation_values(aer: AerSimulator) -> None:
    obs = [
        SparsePauliOp("ZZ"),
        SparsePauliOp("XX"),
        SparsePauliOp("ZI"),
        SparsePauliOp.from_list([("ZZ", 0.5), ("YY", -0.5)]),
    ]
    result = run_estimator(aer, [(bell(measure=False), obs)], options=seeded(7))
    assert result.metadata == {"version": 2}
    (pub,) = result
    assert isinstance(pub, PubResult) and not isinstance(pub, SamplerPubResult)
    assert pub.metadata == {"target_precision": DEFAULT_PRECISION, "shots": 4096, "circuit_metadata": {}}
    evs, stds = pub.data.evs, pub.data.stds
    assert evs.shape == stds.shape == (4,)
    assert evs[0] == pytest.approx(1.0, abs=DEFAULT_PRECISION)
    assert evs[1] == pytest.approx(1.0, abs=DEFAULT_PRECISION)
    assert abs(evs[2]) < 5 * DEFAULT_PRECISION
    assert evs[3] == pytest.approx(1.0, abs=DEFAULT_PRECISION)


def test_parametrized_estimator_pub_broadcasts(aer: AerSimulator) -> None:
    theta = Parameter("theta")
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    values = np.array([[0.0], [math.pi / 2], [math.pi]])
    (pub,) = run_estimator(aer, [(qc, [["Z"], ["X"]], values)], precision=0.02, options=seeded(8))
    assert pub.data.evs.shape == (2, 3)
    expected = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]])
    assert np.all(np.abs(pub.data.evs - expected) < 5 * 0.02)


def test_estimator_same_seed_same_values(aer: AerSimulator) -> None:
    qc = QuantumCircuit(1)
    qc.ry(0.7, 0)
    a = run_estimator(aer, [(qc, "Z")], precision=0.05, options=seeded(9))
    b = run_estimator(aer, [(qc, "Z")], precision=0.05, options=seeded(9))
    assert a[0].data.evs == b[0].data.evs


@pytest.mark.parametrize(
    ("pub_precision", "call_precision", "options", "expected"),
    [
        (0.2, 0.1, {"default_shots": 400, "default_precision": 0.05}, 0.2),
        (None, 0.1, {"default_shots": 400, "default_precision": 0.05}, 0.1),
        (None, None, {"default_shots": 400, "default_precision": 0.05}, 0.05),
        (None, None, {"default_precision": 0.25}, 0.25),
        (None, None, {}, DEFAULT_PRECISION),
    ],
)
def test_estimator_precision_precedence(
    aer: AerSimulator,
    pub_precision: float | None,
    call_precision: float | None,
    options: dict[str, object],
    expected: float,
) -> None:
    (pub,) = run_estimator(
        aer, [(bell(measure=False), "ZZ", None, pub_precision)], precision=call_precision, options=options
    )
    assert pub.metadata["target_precision"] == pytest.approx(expected)
    assert pub.metadata["shots"] == math.ceil(1.0 / pub.metadata["target_precision"] ** 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"default_precision": 0}, "option default_precision must be a positive number, got 0"),
        ({"default_precision": float("inf")}, "option default_precision must be a positive number, got inf"),
        ({"default_shots": -3}, "option default_shots must be a positive integer, got -3"),
    ],
)
def test_bad_estimator_options_raise(aer: AerSimulator, options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        run_estimator(aer, [(bell(measure=False), "ZZ")], options=options)
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# ignored options


def test_ignored_options_lists_every_set_leaf_not_honoured() -> None:
    options = {
        "default_shots": 100,
        "default_precision": 0.1,
        "resilience_level": 1,
        "seed_estimator": 3,
        "simulator": {"seed_simulator": 1, "noise_model": object(), "coupling_map": [[0, 1]], "basis_gates": None},
        "twirling": {"enable_gates": True, "num_randomizations": 4},
        "dynamical_decoupling": {},
        "execution": {"meas_type": "classified", "init_qubits": False},
    }
    assert ignored_options(options) == [
        "default_precision",
        "execution.init_qubits",
        "resilience_level",
        "seed_estimator",
        "simulator.coupling_map",
        "twirling.enable_gates",
        "twirling.num_randomizations",
    ]
    assert ignored_options(options, primitive="estimator") == [
        "execution.init_qubits",
        "execution.meas_type",
        "resilience_level",
        "seed_estimator",
        "simulator.coupling_map",
        "simulator.noise_model",
        "twirling.enable_gates",
        "twirling.num_randomizations",
    ]
    assert ignored_options(None) == []
    assert ignored_options({"default_shots": 5, "seed_simulator": 2}) == []


def test_max_shots_refuses_pubs_before_running() -> None:
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp
    from qiskit_aer import AerSimulator

    from qrt.errors import ConfigurationError

    circuit = QuantumCircuit(1)
    circuit.measure_all()
    backend = AerSimulator()
    with pytest.raises(ConfigurationError, match="pub 1 needs 5000 shots, more than this backend's max_shots"):
        run_sampler(backend, [(circuit, None, 10), (circuit, None, 5000)], max_shots=1000)
    assert run_sampler(backend, [(circuit, None, 1000)], max_shots=1000)[0].metadata["shots"] == 1000
    plain = QuantumCircuit(1)
    with pytest.raises(ConfigurationError, match="needs 10000 shots"):
        run_estimator(backend, [(plain, SparsePauliOp("Z"), None, 0.01)], max_shots=1000)
