# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

WorkloadUser = Literal["me"]

WORKLOAD_USER_VALUES: set[WorkloadUser] = {
    "me",
}


def check_workload_user(value: str) -> WorkloadUser:
    if value in WORKLOAD_USER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORKLOAD_USER_VALUES!r}")
