# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

WorkloadModeFilter = Literal["batch", "job", "session"]

WORKLOAD_MODE_FILTER_VALUES: set[WorkloadModeFilter] = {
    "batch",
    "job",
    "session",
}


def check_workload_mode_filter(value: str) -> WorkloadModeFilter:
    if value in WORKLOAD_MODE_FILTER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORKLOAD_MODE_FILTER_VALUES!r}")
