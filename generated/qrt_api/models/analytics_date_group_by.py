# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

AnalyticsDateGroupBy = Literal["instance"]

ANALYTICS_DATE_GROUP_BY_VALUES: set[AnalyticsDateGroupBy] = {
    "instance",
}


def check_analytics_date_group_by(value: str) -> AnalyticsDateGroupBy:
    if value in ANALYTICS_DATE_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ANALYTICS_DATE_GROUP_BY_VALUES!r}")
