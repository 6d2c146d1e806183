# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

BackendListField = Literal["wait_time_seconds"]

BACKEND_LIST_FIELD_VALUES: set[BackendListField] = {
    "wait_time_seconds",
}


def check_backend_list_field(value: str) -> BackendListField:
    if value in BACKEND_LIST_FIELD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BACKEND_LIST_FIELD_VALUES!r}")
