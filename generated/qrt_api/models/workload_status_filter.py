# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

WorkloadStatusFilter = Literal["canceled", "completed", "failed", "in_progress", "pending"]

WORKLOAD_STATUS_FILTER_VALUES: set[WorkloadStatusFilter] = {
    "canceled",
    "completed",
    "failed",
    "in_progress",
    "pending",
}


def check_workload_status_filter(value: str) -> WorkloadStatusFilter:
    if value in WORKLOAD_STATUS_FILTER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORKLOAD_STATUS_FILTER_VALUES!r}")
