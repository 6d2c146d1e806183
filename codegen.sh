#!/usr/bin/env bash
# Generate the qrt_api client package from the OpenAPI spec (see docs/codegen.md).
#
#   ./codegen.sh            regenerate generated/qrt_api
#   ./codegen.sh --check    regenerate into a temporary folder and compare; exit 1 if generated/ is stale
#
# Options (mostly for tests): --spec PATH (default spec/qiskit-runtime.yaml), --out DIR (default
# generated/qrt_api). Uses ${PYTHON:-python}; the generator and ruff are taken from that interpreter's
# environment first, then from PATH.
set -euo pipefail

GENERATOR_VERSION="0.29.1"
# ruff formats the generated code, so its version is part of what makes the output reproducible.
RUFF_VERSION="0.17.6"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

fail() {
    echo "codegen: $*" >&2
    exit 2
}

mode="write"
spec="spec/qiskit-runtime.yaml"
out="generated/qrt_api"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --check) mode="check"; shift ;;
        --spec) [[ $# -ge 2 ]] || fail "--spec needs a path"; spec="$2"; shift 2 ;;
        --out) [[ $# -ge 2 ]] || fail "--out needs a directory"; out="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; fail "unknown argument: $1" ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Relative --spec/--out are taken from the caller's directory; everything else from the repo root.
out_shown="$out"
[[ "$spec" = /* ]] || spec="$PWD/$spec"
[[ "$out" = /* ]] || out="$PWD/$out"
config="$root/spec/codegen.yaml"
[[ -f "$spec" ]] || fail "spec not found: $spec"
[[ -f "$config" ]] || fail "generator config not found: $config"

PYTHON="${PYTHON:-python}"
command -v "$PYTHON" >/dev/null 2>&1 || fail "python not found ($PYTHON); set PYTHON or activate the venv"
py_bin="$("$PYTHON" -c 'import os, sys; print(os.path.dirname(sys.executable))')"
export PATH="$py_bin:$PATH"

# -- tool versions -------------------------------------------------------------------------------
command -v openapi-python-client >/dev/null 2>&1 \
    || fail "openapi-python-client not found; install it: $PYTHON -m pip install openapi-python-client==$GENERATOR_VERSION"
have_gen="$(openapi-python-client --version 2>&1 | sed -n 's/.*version: *//p')"
[[ "$have_gen" == "$GENERATOR_VERSION" ]] \
    || fail "openapi-python-client $GENERATOR_VERSION is required (found '${have_gen:-unknown}'); install it: $PYTHON -m pip install openapi-python-client==$GENERATOR_VERSION"
command -v ruff >/dev/null 2>&1 || fail "ruff not found; install it: $PYTHON -m pip install ruff==$RUFF_VERSION"
have_ruff="$(ruff --version 2>&1 | sed -n 's/^ruff *//p')"
[[ "$have_ruff" == "$RUFF_VERSION" ]] \
    || fail "ruff $RUFF_VERSION is required to format generated code (found '${have_ruff:-unknown}'); install it: $PYTHON -m pip install ruff==$RUFF_VERSION"

# -- validate the spec -----------------------------------------------------------------------------
"$PYTHON" - "$spec" <<'PY' || fail "the spec is not valid OpenAPI; fix $spec and run again"
import sys

import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
except yaml.YAMLError as exc:
    print(f"codegen: {path}: YAML error: {exc}", file=sys.stderr)
    sys.exit(1)
if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3."):
    print(f"codegen: {path}: not an OpenAPI 3 document", file=sys.stderr)
    sys.exit(1)
validator = OpenAPIV31SpecValidator if str(doc["openapi"]).startswith("3.1") else OpenAPIV30SpecValidator
errors = list(validator(doc).iter_errors())
for err in errors[:20]:
    where = " > ".join(str(p) for p in err.path) or "(root)"
    print(f"codegen: {path}: at {where}: {str(err.message).splitlines()[0][:300]}", file=sys.stderr)
if len(errors) > 20:
    print(f"codegen: ... and {len(errors) - 20} more errors", file=sys.stderr)
sys.exit(1 if errors else 0)
PY

# -- generate into a fresh temporary folder ------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/qrt-codegen.XXXXXX")"
trap 'rm -rf "$work"' EXIT
new="$work/qrt_api"

set +e
gen_log="$(cd "$work" && openapi-python-client generate --path "$spec" --output-path "$new" \
    --meta none --fail-on-warning --config "$config" 2>&1)"
gen_rc=$?
set -e
# A warning means the generator dropped something (an endpoint, a model) without failing.
if [[ $gen_rc -ne 0 ]] || grep -qi 'warning' <<<"$gen_log"; then
    printf '%s\n' "$gen_log" >&2
    fail "openapi-python-client failed or warned (rc=$gen_rc); the spec must generate cleanly"
fi

# -- check, stamp and smoke-import the new package ---------------------------------------------------
"$PYTHON" -B - "$spec" "$new" "$GENERATOR_VERSION" "$RUFF_VERSION" <<'PY' || fail "post-generation checks failed"
import hashlib
import importlib
import json
import pkgutil
import shutil
import sys
from pathlib import Path

import yaml

spec_path, pkg_dir, gen_version, ruff_version = sys.argv[1:5]
pkg = Path(pkg_dir)
spec_bytes = Path(spec_path).read_bytes()
doc = yaml.safe_load(spec_bytes)

# Every operation must have its module; the generator can skip one with no more than a warning.
missing = []
methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
for route, item in doc.get("paths", {}).items():
    for method, op in item.items():
        if method not in methods:
            continue
        op_id = op.get("operationId")
        tags = op.get("tags") or ["default"]
        module = pkg / "api" / tags[0] / f"{op_id}.py"
        if not op_id or not module.is_file():
            missing.append(f"{method.upper()} {route} (operationId {op_id!r}) -> {module.relative_to(pkg)}")
if missing:
    print("codegen: operations without a generated module:", file=sys.stderr)
    for line in missing:
        print(f"  {line}", file=sys.stderr)
    sys.exit(1)

for cache in list(pkg.rglob(".ruff_cache")) + list(pkg.rglob("__pycache__")):
    shutil.rmtree(cache)

header = (
    f"# Generated from spec/qiskit-runtime.yaml by ./codegen.sh (openapi-python-client {gen_version}).\n"
    "# Do not edit: change the spec and regenerate.\n"
)
for py in sorted(pkg.rglob("*.py")):
    py.write_text(header + py.read_text(encoding="utf-8"), encoding="utf-8")

info = doc.get("info", {})
api_version = info.get("x-ibm-api-version")
if not api_version:
    print("codegen: the spec has no info.x-ibm-api-version", file=sys.stderr)
    sys.exit(1)
(pkg / "py.typed").write_text("", encoding="utf-8")
(pkg / "_stamp.py").write_text(
    header
    + '"""Provenance of this generated package."""\n\n'
    + f"SPEC_SHA256 = {json.dumps(hashlib.sha256(spec_bytes).hexdigest())}\n"
    + f"SPEC_VERSION = {json.dumps(str(info.get('version', '')))}\n"
    + f"API_VERSION = {json.dumps(str(api_version))}\n"
    + f"GENERATOR = {json.dumps('openapi-python-client ' + gen_version)}\n"
    + f"FORMATTER = {json.dumps('ruff ' + ruff_version)}\n",
    encoding="utf-8",
)

# Import every module from the temporary copy, so a broken package never replaces a working one.
sys.path.insert(0, str(pkg.parent))
top = importlib.import_module("qrt_api")
for mod in pkgutil.walk_packages(top.__path__, "qrt_api."):
    importlib.import_module(mod.name)
if not hasattr(top, "Client"):
    print("codegen: qrt_api has no Client", file=sys.stderr)
    sys.exit(1)
PY

# -- write or compare ------------------------------------------------------------------------------
if [[ "$mode" == "check" ]]; then
    status=0
    "$PYTHON" -B - "$new" "$out" "$out_shown" <<'PY' || status=$?
import sys
from pathlib import Path

new, cur, shown = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]


def files(base: Path) -> dict[str, Path]:
    if not base.is_dir():
        return {}
    return {
        str(p.relative_to(base)): p
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".ruff_cache" not in p.parts
    }


fresh, current = files(new), files(cur)
changed = sorted(k for k in fresh.keys() & current.keys() if fresh[k].read_bytes() != current[k].read_bytes())
added = sorted(fresh.keys() - current.keys())
removed = sorted(current.keys() - fresh.keys())
if not (changed or added or removed):
    print(f"codegen: {shown} is up to date")
    sys.exit(0)
print(
    f"codegen: {shown} is stale; regenerating would change {len(changed)}, add {len(added)}"
    f" and remove {len(removed)} files"
)
for label, names in (("changed", changed), ("added", added), ("removed", removed)):
    for name in names[:15]:
        print(f"  {label}: {name}")
    if len(names) > 15:
        print(f"  ... {len(names) - 15} more {label}")
print("run ./codegen.sh to regenerate")
sys.exit(1)
PY
    exit "$status"
fi

mkdir -p "$(dirname "$out")"
rm -rf "$out"
mv "$new" "$out"
echo "codegen: wrote $out_shown"
