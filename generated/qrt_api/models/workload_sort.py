# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

WorkloadSort = Literal["-createdAt", "createdAt"]

WORKLOAD_SORT_VALUES: set[WorkloadSort] = {
    "-createdAt",
    "createdAt",
}


def check_workload_sort(value: str) -> WorkloadSort:
    if value in WORKLOAD_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORKLOAD_SORT_VALUES!r}")
