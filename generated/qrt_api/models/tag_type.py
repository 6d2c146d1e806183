# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
from typing import Literal

TagType = Literal["job"]

TAG_TYPE_VALUES: set[TagType] = {
    "job",
}


def check_tag_type(value: str) -> TagType:
    if value in TAG_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TAG_TYPE_VALUES!r}")
