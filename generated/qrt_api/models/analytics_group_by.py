# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

AnalyticsGroupBy = Literal["backend", "instance", "plan", "subscription_id", "user_id"]

ANALYTICS_GROUP_BY_VALUES: set[AnalyticsGroupBy] = {
    "backend",
    "instance",
    "plan",
    "subscription_id",
    "user_id",
}


def check_analytics_group_by(value: str) -> AnalyticsGroupBy:
    if value in ANALYTICS_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ANALYTICS_GROUP_BY_VALUES!r}")
