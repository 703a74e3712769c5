#!/usr/bin/env bash
# Generates the Python stubs for the public API (protos/facet/v1/*.proto) into
# the `facet` package at the repository root: facet/v1/*_pb2.py, *_pb2.pyi and
# *_pb2_grpc.py, plus the package __init__ files. The output is committed;
# scripts/check_protos.sh fails CI when it is stale.
#
# Usage: scripts/gen_protos.sh [OUT_DIR]
#   OUT_DIR  where to write the `facet` package (default: the repository root)
#   PYTHON   interpreter with grpcio-tools installed (default: .venv/bin/python)
#
# The stubs depend on the grpcio-tools version (it stamps its protobuf and gRPC
# versions into them), so always generate with the version pinned by the
# project, never a system-wide one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

python="${PYTHON:-.venv/bin/python}"
out_dir="${1:-$repo_root}"

if ! "$python" -c 'import grpc_tools.protoc' 2>/dev/null; then
  echo "gen_protos: '$python' cannot import grpc_tools; run 'make setup' or set PYTHON" >&2
  exit 2
fi

# A fixed, byte-sorted file order keeps the output independent of the locale.
mapfile -t protos < <(LC_ALL=C ls protos/facet/v1/*.proto | LC_ALL=C sort)

# Remove earlier output first so that deleting a .proto also deletes its stubs.
mkdir -p "$out_dir/facet/v1"
rm -f "$out_dir"/facet/v1/*_pb2.py "$out_dir"/facet/v1/*_pb2.pyi "$out_dir"/facet/v1/*_pb2_grpc.py

"$python" -m grpc_tools.protoc \
  -Iprotos \
  --python_out="$out_dir" \
  --pyi_out="$out_dir" \
  --grpc_python_out="$out_dir" \
  "${protos[@]}"

printf '"""Generated Python stubs for the Facet public API (do not edit; see scripts/gen_protos.sh)."""\n' \
  >"$out_dir/facet/__init__.py"
printf '"""Generated stubs for package facet.v1 (do not edit; regenerate with scripts/gen_protos.sh)."""\n' \
  >"$out_dir/facet/v1/__init__.py"
