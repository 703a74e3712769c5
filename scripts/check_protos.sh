#!/usr/bin/env bash
# Fails (exit 1) when the committed stubs in facet/ differ from what
# scripts/gen_protos.sh produces from protos/ now. Run by CI.
#
# Usage: scripts/check_protos.sh   (PYTHON as for gen_protos.sh)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

scripts/gen_protos.sh "$tmp"

# Compare only what the generator owns; __pycache__ and the like are noise.
if ! diff -r -u --exclude=__pycache__ --exclude='*.pyc' "$tmp/facet" facet >"$tmp/diff.txt" 2>&1; then
  echo "generated stubs are stale: run make protos" >&2
  echo "(differences between a fresh generation and the committed facet/ follow)" >&2
  head -n 200 "$tmp/diff.txt" >&2
  exit 1
fi
echo "generated stubs are up to date"
