# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
"""Provenance of this generated package."""

SPEC_SHA256 = "f0d36c7075fc2ddeef42ac4e91cb18ec2c326c2ce3093ce71df179f3e77a6491"
SPEC_VERSION = "1.0.0"
API_VERSION = "2026-04-15"
GENERATOR = "openapi-python-client 0.29.1"
FORMATTER = "ruff 0.17.6"
