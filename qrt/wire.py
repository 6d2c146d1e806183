"""The Qiskit Runtime wire format: primitive inputs (job ``params``) and results as JSON.

The runtime API carries qiskit objects inside ordinary JSON as wrappers
``{"__type__": <name>, "__value__": <payload>}``: circuits as zlib-compressed, base64 QPY,
numpy arrays as compressed ``.npy`` files, complex numbers as ``[re, im]`` pairs, primitive
results as nested wrappers. This module speaks that format both ways, so that qrt's client
talks to IBM's service and qrt's emulator talks to the official SDK. See ``docs/wire-format.md``.

``encode``/``decode`` convert between objects and JSON-ready trees (dicts, lists, scalars);
``dumps``/``loads`` add the text step. Wrappers of a type this module does not know are left as
they are (a plain dict), never an error. A known wrapper with a broken payload raises
:class:`~qrt.errors.WireFormatError`.

qiskit and numpy are imported only when an object needs them, so importing this module is cheap.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import contextvars
import io
import json
import logging
import math
import struct
import sys
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from qrt.errors import WireFormatError

if TYPE_CHECKING:
    from qiskit.primitives.containers import PrimitiveResult
    from qiskit.primitives.containers.estimator_pub import EstimatorPub
    from qiskit.primitives.containers.sampler_pub import SamplerPub

__all__ = [
    "SERVICE_QPY_VERSION",
    "decode",
    "dumps",
    "encode",
    "estimator_params",
    "loads",
    "parse_estimator_params",
    "parse_sampler_params",
    "result_from_json",
    "result_to_json",
    "sampler_params",
]

_log = logging.getLogger(__name__)

SERVICE_QPY_VERSION = 17
"""The newest QPY format the runtime service reads; circuits are written in it (or older)."""

# A few bytes of zlib can claim gigabytes: one payload may not inflate beyond _MAX_INFLATED_BYTES, and all the
# payloads of one loads()/decode() call together not beyond _MAX_INFLATED_TOTAL.
_MAX_INFLATED_BYTES = 1 << 30
_MAX_INFLATED_TOTAL = 1 << 30
_inflate_budget: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("qrt_wire_inflate", default=None)


@contextlib.contextmanager
def _inflation_budget() -> Iterator[None]:
    """Share one inflation budget among the payloads of one decoding call (nested calls reuse it)."""
    if _inflate_budget.get() is not None:
        yield
        return
    token = _inflate_budget.set([_MAX_INFLATED_TOTAL])
    try:
        yield
    finally:
        _inflate_budget.reset(token)

# Options that belong to the job body (tags, log level, cost), not to the primitive's params.
_RUNTIME_ONLY_OPTIONS = ("environment", "max_execution_time")

# ZNE extrapolator names travel in "ndarray" wrappers as bare strings.
_EXTRAPOLATOR_NAMES = frozenset(
    {"linear", "exponential", "double_exponential", "fallback"} | {f"polynomial_degree_{n}" for n in range(1, 8)}
)

_PARAMETER_HEADER = struct.Struct("!H16s")  # QPY PARAMETER: name length, uuid bytes


# --------------------------------------------------------------------------------------------
# Encoding


def dumps(obj: Any) -> str:
    """Serialise ``obj`` to runtime-encoded JSON text."""
    return json.dumps(encode(obj))


def encode(obj: Any) -> Any:
    """Return ``obj`` as a JSON-ready tree: plain dicts, lists and scalars with ``__type__`` wrappers.

    Raises:
        WireFormatError: an object has no wire representation.
    """
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if isinstance(obj, float):
        return float(obj)  # also turns numpy.float64 into a plain float
    if isinstance(obj, complex):
        return {"__type__": "complex", "__value__": [obj.real, obj.imag]}
    if isinstance(obj, Mapping):
        return {_encode_key(key): encode(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode(item) for item in obj]
    if isinstance(obj, (set, frozenset)):
        return {"__type__": "set", "__value__": [encode(item) for item in obj]}
    if isinstance(obj, date):  # datetime is a date
        return {"__type__": "datetime", "__value__": obj.isoformat()}
    np = sys.modules.get("numpy")  # a numpy object implies numpy is imported already
    if np is not None and isinstance(obj, np.ndarray):
        return _encode_ndarray(obj)
    if np is not None and isinstance(obj, np.generic):
        return encode(obj.item())
    return _encode_other(obj)


def _encode_key(key: Any) -> str:
    # JSON object keys are strings; convert scalars the way the json module does.
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    raise WireFormatError(f"cannot encode a dict key of type {type(key).__name__}: keys must be strings")


def _encode_ndarray(array: Any) -> dict[str, Any]:
    import numpy as np

    if array.dtype == object:
        # Object arrays cannot go through .npy without pickle; they travel as nested lists.
        return {"__type__": "ndarray", "__value__": encode(array.tolist())}
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return {"__type__": "ndarray", "__value__": _pack(buffer.getvalue(), compress=True)}


def _encode_other(obj: Any) -> Any:
    """Encode a qiskit (or qiskit-aer) object, or raise."""
    module = type(obj).__module__.split(".", 1)[0]
    if module not in ("qiskit", "qiskit_aer", "qiskit_ibm_runtime"):
        raise WireFormatError(f"cannot encode an object of type {type(obj).__qualname__}")

    from qiskit.circuit import Instruction, Parameter, ParameterExpression, QuantumCircuit
    from qiskit.circuit.parametertable import ParameterView
    from qiskit.primitives.containers import (
        BitArray,
        DataBin,
        PrimitiveResult,
        PubResult,
        SamplerPubResult,
    )
    from qiskit.primitives.containers.bindings_array import BindingsArray
    from qiskit.primitives.containers.estimator_pub import EstimatorPub
    from qiskit.primitives.containers.observables_array import ObservablesArray
    from qiskit.primitives.containers.sampler_pub import SamplerPub
    from qiskit.result import Result
    from qiskit.transpiler import CouplingMap

    if isinstance(obj, QuantumCircuit):
        return {"__type__": "QuantumCircuit", "__value__": _pack(_qpy_bytes(obj), compress=True)}
    if isinstance(obj, SamplerPubResult):
        return _wrap("SamplerPubResult", {"data": obj.data, "metadata": obj.metadata})
    if isinstance(obj, PubResult):
        return _wrap("PubResult", {"data": obj.data, "metadata": obj.metadata})
    if isinstance(obj, PrimitiveResult):
        return _wrap("PrimitiveResult", {"pub_results": list(obj), "metadata": obj.metadata})
    if isinstance(obj, DataBin):
        fields = {name: obj[name] for name in obj}
        value = {"field_names": list(fields), "shape": list(obj.shape), "fields": fields}
        return _wrap("DataBin", value)
    if isinstance(obj, BitArray):
        return _wrap("BitArray", {"array": obj.array, "num_bits": obj.num_bits})
    if isinstance(obj, BindingsArray):
        data = {json.dumps(list(names)): values for names, values in obj.data.items()}
        return _wrap("BindingsArray", {"shape": list(obj.shape), "data": data})
    if isinstance(obj, ObservablesArray):
        return _wrap("ObservablesArray", obj.tolist())
    if isinstance(obj, SamplerPub):
        return encode(_sampler_pub_tuple(obj))
    if isinstance(obj, EstimatorPub):
        return encode(_estimator_pub_tuple(obj))
    if isinstance(obj, Parameter):
        name = obj.name.encode("utf-8")
        raw = _PARAMETER_HEADER.pack(len(name), obj.uuid.bytes) + name
        return {"__type__": "Parameter", "__value__": _pack(raw, compress=False)}
    if isinstance(obj, ParameterExpression):
        raise WireFormatError(f"cannot encode the parameter expression {obj}: bind it, or put it inside a circuit")
    if isinstance(obj, Instruction):
        holder = QuantumCircuit(obj.num_qubits, obj.num_clbits)
        holder.append(obj, holder.qubits, holder.clbits)
        return {"__type__": "Instruction", "__value__": _pack(_qpy_bytes(holder), compress=True)}
    if isinstance(obj, ParameterView):
        return encode(list(obj))
    if isinstance(obj, CouplingMap):
        return [list(edge) for edge in obj.get_edges()]
    if isinstance(obj, Result):
        return _wrap("Result", obj.to_dict())
    aer_noise = sys.modules.get("qiskit_aer.noise")
    if aer_noise is not None and isinstance(obj, aer_noise.NoiseModel):
        return _wrap("NoiseModel", obj.to_dict())
    settings = getattr(obj, "settings", None)
    if isinstance(settings, Mapping):
        value = encode(settings)
        if _has_int_keys(settings):
            value = _mark_int_keys(settings, value)
        return {
            "__type__": "settings",
            "__module__": type(obj).__module__,
            "__class__": type(obj).__name__,
            "__value__": value,
        }
    raise WireFormatError(f"cannot encode an object of type {type(obj).__qualname__}")


def _wrap(type_name: str, value: Any) -> dict[str, Any]:
    return {"__type__": type_name, "__value__": encode(value)}


def _has_int_keys(tree: Any) -> bool:
    if isinstance(tree, Mapping):
        return any(isinstance(k, int) and not isinstance(k, bool) for k in tree) or any(
            _has_int_keys(v) for v in tree.values()
        )
    return False


def _mark_int_keys(original: Any, encoded: Any) -> Any:
    """Flag every encoded dict whose original had integer keys with ``"__int_keys__": true``."""
    if not isinstance(original, Mapping) or not isinstance(encoded, dict):
        return encoded
    marked = {_encode_key(k): _mark_int_keys(v, encoded[_encode_key(k)]) for k, v in original.items()}
    if any(isinstance(k, int) and not isinstance(k, bool) for k in original):
        marked["__int_keys__"] = True
    return marked


def _pack(raw: bytes, *, compress: bool) -> str:
    return base64.standard_b64encode(zlib.compress(raw) if compress else raw).decode("ascii")


def _qpy_bytes(circuit: Any) -> bytes:
    from qiskit import qpy

    buffer = io.BytesIO()
    qpy.dump(
        circuit,
        buffer,
        metadata_serializer=_MetadataEncoder,
        version=min(SERVICE_QPY_VERSION, qpy.QPY_VERSION),
    )
    return buffer.getvalue()


class _MetadataEncoder(json.JSONEncoder):
    """Encodes circuit metadata inside QPY with the same wrappers."""

    def default(self, o: Any) -> Any:
        return encode(o)


class _MetadataDecoder(json.JSONDecoder):
    """Decodes circuit metadata inside QPY with the same wrappers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["object_hook"] = _decode_object
        super().__init__(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# Decoding


def loads(text: str | bytes) -> Any:
    """Parse runtime-encoded JSON text into objects.

    Raises:
        WireFormatError: the text is not JSON, or a known wrapper has a broken payload.
    """
    try:
        with _inflation_budget():
            return json.loads(text, object_hook=_decode_object)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WireFormatError(f"not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise WireFormatError("JSON nested too deeply") from exc


def decode(tree: Any) -> Any:
    """Decode the ``__type__`` wrappers in an already parsed JSON tree (bottom-up, like ``loads``).

    Values that are not dicts or lists (including already decoded objects) pass through unchanged.
    """
    try:
        with _inflation_budget():
            return _decode_tree(tree)
    except RecursionError as exc:
        raise WireFormatError("JSON nested too deeply") from exc


def _decode_tree(tree: Any) -> Any:
    if isinstance(tree, dict):
        return _decode_object({key: _decode_tree(value) for key, value in tree.items()})
    if isinstance(tree, list):
        return [_decode_tree(item) for item in tree]
    return tree


def _decode_object(obj: dict[str, Any]) -> Any:
    type_name = obj.get("__type__")
    if not isinstance(type_name, str) or "__value__" not in obj:
        return obj
    decoder = _DECODERS.get(type_name)
    if decoder is None:
        _log.debug("left a wire object of unknown __type__ %r undecoded", type_name)
        return obj
    try:
        return decoder(obj["__value__"], obj)
    except WireFormatError:
        raise
    except Exception as exc:  # a broken payload can fail in many ways inside qiskit/numpy
        raise WireFormatError(f"cannot decode {type_name}: {type(exc).__name__}: {exc}") from exc


def _unpack(value: Any, *, compressed: bool) -> bytes:
    if not isinstance(value, str):
        raise WireFormatError(f"expected a base64 string, got {type(value).__name__}")
    try:
        raw = base64.standard_b64decode(value.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise WireFormatError(f"invalid base64: {exc}") from exc
    if not compressed:
        return raw
    budget = _inflate_budget.get()
    allowed = min(_MAX_INFLATED_BYTES, budget[0]) if budget is not None else _MAX_INFLATED_BYTES
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, allowed)
    except zlib.error as exc:
        raise WireFormatError(f"invalid zlib data: {exc}") from exc
    if inflater.unconsumed_tail:
        raise WireFormatError(f"compressed payload inflates beyond {allowed} bytes (left of the limit for this body)")
    if budget is not None:
        budget[0] -= len(out)
    return out


def _decode_datetime(value: Any, _: dict[str, Any]) -> Any:
    if not isinstance(value, str):
        raise WireFormatError(f"datetime must be an ISO 8601 string, got {type(value).__name__}")
    return datetime.fromisoformat(value)


def _decode_complex(value: Any, _: dict[str, Any]) -> Any:
    if not isinstance(value, list) or len(value) != 2:
        raise WireFormatError("complex must be a [real, imag] pair")
    return complex(float(value[0]), float(value[1]))


def _decode_ndarray(value: Any, _: dict[str, Any]) -> Any:
    import numpy as np

    if isinstance(value, str):
        if value in _EXTRAPOLATOR_NAMES:
            return value
        return np.load(io.BytesIO(_unpack(value, compressed=True)), allow_pickle=False)
    if isinstance(value, (list, int, float, bool)):
        return np.array(value)
    raise WireFormatError(f"ndarray payload must be a string or a list, got {type(value).__name__}")


def _decode_set(value: Any, _: dict[str, Any]) -> Any:
    if not isinstance(value, list):
        raise WireFormatError("set payload must be a list")
    return set(value)


def _load_circuits(payload: Any) -> list[Any]:
    from qiskit import qpy

    circuits = qpy.load(io.BytesIO(_unpack(payload, compressed=True)), metadata_deserializer=_MetadataDecoder)
    if not circuits:
        raise WireFormatError("QPY payload holds no circuit")
    return list(circuits)


def _decode_circuit(value: Any, _: dict[str, Any]) -> Any:
    return _load_circuits(value)[0]


def _decode_instruction(value: Any, _: dict[str, Any]) -> Any:
    circuit = _load_circuits(value)[0]
    if not circuit.data:
        raise WireFormatError("Instruction payload holds an empty circuit")
    return circuit.data[0].operation


def _decode_parameter(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.circuit import Parameter

    raw = _unpack(value, compressed=False)
    if len(raw) < _PARAMETER_HEADER.size:
        raise WireFormatError("Parameter payload is too short")
    name_size, uuid_bytes = _PARAMETER_HEADER.unpack_from(raw)
    name = raw[_PARAMETER_HEADER.size : _PARAMETER_HEADER.size + name_size]
    if len(name) != name_size:
        raise WireFormatError("Parameter payload is truncated")
    return Parameter(name.decode("utf-8"), uuid=uuid.UUID(bytes=uuid_bytes))


def _decode_settings(value: Any, obj: dict[str, Any]) -> Any:
    # Only public quantum_info operator classes are rebuilt; the module named in the payload is
    # checked, never imported, so a payload cannot make us import or call arbitrary code.
    module, class_name = obj.get("__module__"), obj.get("__class__")
    if not (
        isinstance(module, str)
        and isinstance(class_name, str)
        and module.startswith("qiskit.quantum_info.operators")
        and isinstance(value, dict)
    ):
        _log.debug("left a 'settings' wire object of %s.%s undecoded", module, class_name)
        return obj
    import qiskit.quantum_info

    cls = getattr(qiskit.quantum_info, class_name, None)
    if not isinstance(cls, type) or not cls.__module__.startswith("qiskit.quantum_info.operators"):
        _log.debug("left a 'settings' wire object of %s.%s undecoded", module, class_name)
        return obj
    return cls(**_restore_int_keys(value))


def _restore_int_keys(tree: Any) -> Any:
    if not isinstance(tree, dict):
        return tree
    flagged = tree.get("__int_keys__") is True
    out: dict[Any, Any] = {}
    for key, value in tree.items():
        if key == "__int_keys__" and flagged:
            continue
        if flagged and isinstance(key, str) and key.lstrip("-").isdigit():
            key = int(key)
        out[key] = _restore_int_keys(value)
    return out


def _decode_result(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.result import Result

    return Result.from_dict(value)


def _decode_observables(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.primitives.containers.observables_array import ObservablesArray

    return ObservablesArray(value)


def _decode_bindings(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.primitives.containers.bindings_array import BindingsArray

    if not isinstance(value, dict):
        raise WireFormatError("BindingsArray payload must be an object")
    shape = value.get("shape")
    data = value.get("data")
    kwargs: dict[str, Any] = {"shape": tuple(shape) if isinstance(shape, list) else shape}
    if isinstance(data, dict):
        decoded: dict[tuple[str, ...], Any] = {}
        for key, values in data.items():
            names = json.loads(key, object_hook=_decode_object)
            if isinstance(names, str):
                names = [names]
            if not isinstance(names, list):
                raise WireFormatError(f"BindingsArray key {key!r} is not a list of parameter names")
            decoded[tuple(str(getattr(n, "name", n)) for n in names)] = values
        kwargs["data"] = decoded
    elif data:
        raise WireFormatError(f"BindingsArray data must be an object, got {type(data).__name__}")
    return BindingsArray(**kwargs)


def _decode_bit_array(value: Any, _: dict[str, Any]) -> Any:
    import numpy as np
    from qiskit.primitives.containers import BitArray

    if not isinstance(value, dict) or "array" not in value or "num_bits" not in value:
        raise WireFormatError("BitArray payload needs 'array' and 'num_bits'")
    return BitArray(np.asarray(value["array"], dtype=np.uint8), int(value["num_bits"]))


def _decode_data_bin(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.primitives.containers import DataBin

    if not isinstance(value, dict) or not isinstance(value.get("fields"), dict):
        raise WireFormatError("DataBin payload needs 'fields'")
    shape = value.get("shape")
    return DataBin(shape=tuple(shape) if isinstance(shape, list) else shape, **value["fields"])


def _pub_result_parts(value: Any) -> tuple[Any, dict[str, Any]]:
    if not isinstance(value, dict) or "data" not in value:
        raise WireFormatError("pub result payload needs 'data'")
    metadata = value.get("metadata")
    return value["data"], metadata if isinstance(metadata, dict) else {}


def _decode_sampler_pub_result(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.primitives.containers import SamplerPubResult

    data, metadata = _pub_result_parts(value)
    return SamplerPubResult(data, metadata)


def _decode_pub_result(value: Any, _: dict[str, Any]) -> Any:
    # EstimatorPubResult (an SDK subclass) arrives here too: its wire form is a PubResult's.
    from qiskit.primitives.containers import PubResult

    data, metadata = _pub_result_parts(value)
    return PubResult(data, metadata)


def _decode_primitive_result(value: Any, _: dict[str, Any]) -> Any:
    from qiskit.primitives.containers import PrimitiveResult

    if not isinstance(value, dict) or not isinstance(value.get("pub_results"), list):
        raise WireFormatError("PrimitiveResult payload needs a 'pub_results' list")
    metadata = value.get("metadata")
    return PrimitiveResult(value["pub_results"], metadata if isinstance(metadata, dict) else {})


def _decode_noise_model(value: Any, obj: dict[str, Any]) -> Any:
    try:
        from qiskit_aer.noise import NoiseModel
    except ImportError:
        _log.debug("left a NoiseModel undecoded: qiskit-aer is not installed")
        return obj
    return NoiseModel.from_dict(value)


def _decode_to_json(value: Any, _: dict[str, Any]) -> Any:
    return value


_DECODERS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "datetime": _decode_datetime,
    "complex": _decode_complex,
    "ndarray": _decode_ndarray,
    "set": _decode_set,
    "QuantumCircuit": _decode_circuit,
    "Instruction": _decode_instruction,
    "Parameter": _decode_parameter,
    "settings": _decode_settings,
    "Result": _decode_result,
    "ObservablesArray": _decode_observables,
    "BindingsArray": _decode_bindings,
    "BitArray": _decode_bit_array,
    "DataBin": _decode_data_bin,
    "SamplerPubResult": _decode_sampler_pub_result,
    "PubResult": _decode_pub_result,
    "EstimatorPubResult": _decode_pub_result,
    "PrimitiveResult": _decode_primitive_result,
    "NoiseModel": _decode_noise_model,
    "to_json": _decode_to_json,
}


# --------------------------------------------------------------------------------------------
# Primitive params


def _sampler_pub_tuple(pub: Any) -> list[Any]:
    return [pub.circuit, pub.parameter_values.as_array(pub.circuit.parameters), pub.shots]


def _estimator_pub_tuple(pub: Any) -> list[Any]:
    return [
        pub.circuit,
        pub.observables.tolist(),
        pub.parameter_values.as_array(pub.circuit.parameters),
        pub.precision,
    ]


def sampler_params(
    pubs: Iterable[Any], *, options: Mapping[str, Any] | None = None, shots: int | None = None
) -> dict[str, Any]:
    """Build the ``params`` of a v2 Sampler job, JSON-ready.

    Each pub is anything ``SamplerPub.coerce`` accepts; ``shots`` applies to pubs without their
    own, as in ``Sampler.run(shots=)``. Pubs travel as ``[circuit, parameter values, shots]``.
    ``options`` is the primitive options dict; see :func:`_params` for the keys it moves or drops.

    Raises:
        WireFormatError: a pub cannot be coerced or an option cannot be encoded.
    """
    from qiskit.primitives.containers.sampler_pub import SamplerPub

    return _params(_pub_rows(pubs, SamplerPub.coerce, shots, _sampler_pub_tuple), options)


def estimator_params(
    pubs: Iterable[Any], *, options: Mapping[str, Any] | None = None, precision: float | None = None
) -> dict[str, Any]:
    """Build the ``params`` of a v2 Estimator job, JSON-ready.

    Each pub is anything ``EstimatorPub.coerce`` accepts; ``precision`` applies to pubs without
    their own. Pubs travel as ``[circuit, observables, parameter values, precision]``.

    Raises:
        WireFormatError: a pub cannot be coerced or an option cannot be encoded.
    """
    from qiskit.primitives.containers.estimator_pub import EstimatorPub

    return _params(_pub_rows(pubs, EstimatorPub.coerce, precision, _estimator_pub_tuple), options)


def _pub_rows(
    pubs: Iterable[Any], coerce: Callable[[Any, Any], Any], default: Any, to_row: Callable[[Any], list[Any]]
) -> list[list[Any]]:
    """Coerce each pub (``default`` shots or precision for those without) into its wire row."""
    rows = []
    for index, pub in enumerate(pubs):
        try:
            coerced = coerce(pub, default)
        except (TypeError, ValueError) as exc:
            raise WireFormatError(f"pub {index}: {exc}") from exc
        rows.append(to_row(coerced))
    return rows


def _params(rows: list[list[Any]], options: Mapping[str, Any] | None) -> dict[str, Any]:
    """Assemble params as the service expects them.

    ``resilience_level`` moves out of the options to the top level of params, where the service
    reads it; ``environment`` and ``max_execution_time`` are left out, because they belong to the
    job body (tags, log level, cost), not to the primitive.
    """
    program_options = dict(options or {})
    resilience_level = program_options.pop("resilience_level", None)
    for key in _RUNTIME_ONLY_OPTIONS:
        program_options.pop(key, None)
    params: dict[str, Any] = {
        "pubs": encode(rows),
        "options": encode(program_options),
        "version": 2,
        "support_qiskit": True,
    }
    if resilience_level is not None:
        params["resilience_level"] = encode(resilience_level)
    return params


def parse_sampler_params(params: Mapping[str, Any]) -> tuple[list[SamplerPub], dict[str, Any]]:
    """Decode the ``params`` of a v2 Sampler job into coerced pubs and the options dict.

    Accepts the params as parsed from the JSON body (wrappers not yet decoded) or already decoded.

    Raises:
        WireFormatError: a field is missing or malformed; the message names it.
    """
    from qiskit.primitives.containers.sampler_pub import SamplerPub

    rows, options = _split_params(params)
    pubs = []
    for index, row in enumerate(rows):
        items = _pub_items(row, index, 3, "[circuit, parameter values, shots]")
        circuit = _pub_circuit(items, index)
        values = items[1] if len(items) > 1 else None
        shots = items[2] if len(items) > 2 else None
        if shots is not None and (isinstance(shots, bool) or not isinstance(shots, int) or shots <= 0):
            raise WireFormatError(f"pub {index}: shots must be a positive integer or null, got {shots!r}")
        pubs.append(SamplerPub(circuit, _bindings(circuit, values, index), shots))
    return pubs, options


def parse_estimator_params(params: Mapping[str, Any]) -> tuple[list[EstimatorPub], dict[str, Any]]:
    """Decode the ``params`` of a v2 Estimator job into coerced pubs and the options dict.

    Raises:
        WireFormatError: a field is missing or malformed; the message names it.
    """
    from qiskit.primitives.containers.estimator_pub import EstimatorPub
    from qiskit.primitives.containers.observables_array import ObservablesArray

    rows, options = _split_params(params)
    pubs = []
    for index, row in enumerate(rows):
        items = _pub_items(row, index, 4, "[circuit, observables, parameter values, precision]")
        circuit = _pub_circuit(items, index)
        if len(items) < 2 or items[1] is None:
            raise WireFormatError(f"pub {index}: observables missing")
        try:
            observables = ObservablesArray.coerce(items[1])
        except (TypeError, ValueError) as exc:
            raise WireFormatError(f"pub {index}: observables invalid: {exc}") from exc
        values = items[2] if len(items) > 2 else None
        precision = items[3] if len(items) > 3 else None
        if precision is not None and (
            isinstance(precision, bool)
            or not isinstance(precision, (int, float))
            or not math.isfinite(precision)
            or precision <= 0
        ):
            raise WireFormatError(f"pub {index}: precision must be a positive number or null, got {precision!r}")
        bindings = _bindings(circuit, values, index)
        try:
            pubs.append(EstimatorPub.coerce((circuit, observables, bindings, precision)))
        except (TypeError, ValueError) as exc:  # qubit counts or shapes that do not broadcast
            raise WireFormatError(f"pub {index}: {exc}") from exc
    return pubs, options


def _bindings(circuit: Any, values: Any, index: int) -> Any:
    """Coerce parameter values against ``circuit`` alone, so their errors are named as theirs."""
    from qiskit.primitives.containers.sampler_pub import SamplerPub

    try:
        return SamplerPub.coerce((circuit, values)).parameter_values
    except (TypeError, ValueError) as exc:
        raise WireFormatError(f"pub {index}: parameter values do not fit the circuit: {exc}") from exc


def _split_params(params: Any) -> tuple[list[Any], dict[str, Any]]:
    if not isinstance(params, Mapping):
        raise WireFormatError(f"params must be a JSON object, got {_kind(params)}")
    version = params.get("version", 2)
    if version != 2 or isinstance(version, bool):
        raise WireFormatError(f"params.version must be 2 (the v2 primitives), got {version!r}")
    if "pubs" not in params:
        raise WireFormatError("params.pubs missing")
    decoded = decode(dict(params))
    rows = decoded["pubs"]
    if not isinstance(rows, list):
        raise WireFormatError(f"params.pubs must be a list of pubs, got {_kind(rows)}")
    options = decoded.get("options")
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise WireFormatError(f"params.options must be a JSON object, got {_kind(options)}")
    options = dict(options)
    if decoded.get("resilience_level") is not None:
        options["resilience_level"] = decoded["resilience_level"]
    return rows, options


def _pub_items(row: Any, index: int, most: int, layout: str) -> list[Any]:
    from qiskit.circuit import QuantumCircuit

    if isinstance(row, QuantumCircuit):
        return [row]
    if not isinstance(row, (list, tuple)):
        raise WireFormatError(f"pub {index}: expected a list {layout}, got {_kind(row)}")
    if not 1 <= len(row) <= most:
        raise WireFormatError(f"pub {index}: expected a list {layout}, got {len(row)} elements")
    return list(row)


def _pub_circuit(items: list[Any], index: int) -> Any:
    from qiskit.circuit import QuantumCircuit

    circuit = items[0] if items else None
    if circuit is None:
        raise WireFormatError(f"pub {index}: circuit missing")
    if not isinstance(circuit, QuantumCircuit):
        raise WireFormatError(f"pub {index}: circuit must be a QuantumCircuit (QPY), got {_kind(circuit)}")
    return circuit


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        type_name = value.get("__type__")
        return f"an undecodable {type_name!r} object" if isinstance(type_name, str) else "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return type(value).__name__


# --------------------------------------------------------------------------------------------
# Results


def result_to_json(result: PrimitiveResult[Any]) -> str:
    """Serialise a ``PrimitiveResult`` as the text of ``GET /v1/jobs/{id}/results``.

    Raises:
        WireFormatError: ``result`` is not a PrimitiveResult.
    """
    from qiskit.primitives.containers import PrimitiveResult

    if not isinstance(result, PrimitiveResult):
        raise WireFormatError(f"result_to_json expects a PrimitiveResult, got {type(result).__name__}")
    return dumps(result)


def result_from_json(text: str | bytes) -> PrimitiveResult[Any]:
    """Parse the text of ``GET /v1/jobs/{id}/results`` into a ``PrimitiveResult``.

    Raises:
        WireFormatError: the text is not a runtime-encoded PrimitiveResult.
    """
    from qiskit.primitives.containers import PrimitiveResult

    result = loads(text)
    if not isinstance(result, PrimitiveResult):
        raise WireFormatError(f"results are not a PrimitiveResult, got {_kind(result)}")
    return result
