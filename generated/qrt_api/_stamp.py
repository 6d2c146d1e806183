# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client 0.29.1).
# Do not edit: change the spec and regenerate.
"""Provenance of this generated package."""

SPEC_SHA256 = "d85c1787bdfb6437b3c9bd7f44c767874c78ab3b6522236eceade7d5d34033a7"
SPEC_VERSION = "1.0.0"
API_VERSION = "2026-04-15"
GENERATOR = "openapi-python-client 0.29.1"
FORMATTER = "ruff 0.17.6"
