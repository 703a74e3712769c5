#!/usr/bin/env bash
# Generates every client's stubs from protos/facet/v1/*.proto with `buf generate` (buf.gen.yaml):
#   clients/python/src/facet/v1/   Python (*_pb2.py, *_pb2.pyi, *_pb2_grpc.py), the `facet.v1`
#                                  package the server imports too
#   clients/go/facetv1/            Go (protoc-gen-go + protoc-gen-go-grpc)
#   clients/java/src/main/java/dev/facet/v1/  Java (protoc's java + grpc_java_plugin)
#   clients/typescript/src/gen/    TypeScript (ts-proto for @grpc/grpc-js)
# The output is committed; scripts/check_protos.sh fails CI when any of it is stale.
#
# Usage: scripts/gen_protos.sh [OUT_DIR]
#   OUT_DIR  root to write under (default: the repository root)
#   PYTHON   interpreter with grpcio-tools installed (default: .venv/bin/python)
#
# Needs: Debian protobuf-compiler, protoc-gen-go, protoc-gen-go-grpc,
# protobuf-compiler-grpc-java-plugin (`make client-toolchains` installs them), npm.
# The Python stubs carry the grpcio-tools version, so they come from the project's pinned
# grpcio-tools (scripts/buf_python_plugin.py), never a system-wide protoc.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

python="${PYTHON:-.venv/bin/python}"
out_dir="${1:-$repo_root}"

if ! "$python" -c 'import grpc_tools.protoc' 2>/dev/null; then
  echo "gen_protos: '$python' cannot import grpc_tools; run 'make setup' or set PYTHON" >&2
  exit 2
fi
for tool in protoc protoc-gen-go protoc-gen-go-grpc grpc_java_plugin; do
  if ! command -v "$tool" >/dev/null; then
    echo "gen_protos: '$tool' is not on PATH; run 'make client-toolchains'" >&2
    exit 2
  fi
done
if [[ ! -x clients/typescript/node_modules/.bin/protoc-gen-ts_proto ]]; then
  npm ci --prefix clients/typescript --no-audit --no-fund --loglevel=error
fi

# buf.gen.yaml names the Python plugin as .venv/bin/python; honour PYTHON by handing buf a copy.
template="$(mktemp --suffix=.gen.yaml)"
trap 'rm -f "$template"' EXIT
sed "s|\".venv/bin/python\"|\"$python\"|" buf.gen.yaml >"$template"

# Remove earlier output first so that deleting a .proto also deletes its stubs. Hand-written
# files (facet/v1/__init__.py, the Go module file, examples) live outside these patterns.
rm -rf "$out_dir/clients/go/facetv1" "$out_dir/clients/java/src/main/java/dev/facet/v1" "$out_dir/clients/typescript/src/gen"
rm -f "$out_dir"/clients/python/src/facet/v1/*_pb2.py "$out_dir"/clients/python/src/facet/v1/*_pb2.pyi \
  "$out_dir"/clients/python/src/facet/v1/*_pb2_grpc.py

scripts/buf.sh generate --template "$template" --output "$out_dir"
