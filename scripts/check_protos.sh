#!/usr/bin/env bash
# Fails (exit 1) when any committed generated code (Python, Go, Java, TypeScript: see
# scripts/gen_protos.sh) differs from what protos/ generate now. Run by CI and `make lint`.
#
# Usage: scripts/check_protos.sh   (PYTHON and tools as for gen_protos.sh)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

scripts/gen_protos.sh "$tmp"

status=0
for dir in clients/python/src/facet/v1 clients/go/facetv1 clients/java/src/main/java/dev/facet/v1 clients/typescript/src/gen; do
  # Compare only what the generator owns: the package __init__ is hand-written, caches are noise.
  if ! diff -r -u --exclude=__pycache__ --exclude='*.pyc' --exclude=__init__.py "$tmp/$dir" "$dir" >>"$tmp/diff.txt" 2>&1; then
    echo "generated code in $dir is stale: run make protos" >&2
    status=1
  fi
done
if [[ $status -ne 0 ]]; then
  echo "(differences between a fresh generation and the committed files follow)" >&2
  head -n 200 "$tmp/diff.txt" >&2
  exit 1
fi
echo "generated code is up to date (Python, Go, Java, TypeScript)"
