# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

SessionMode = Literal["batch", "dedicated"]

SESSION_MODE_VALUES: set[SessionMode] = {
    "batch",
    "dedicated",
}


def check_session_mode(value: str) -> SessionMode:
    if value in SESSION_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SESSION_MODE_VALUES!r}")
