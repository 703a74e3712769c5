#!/usr/bin/env bash
# Lints the public API with Buf (rules in buf.yaml: STANDARD + COMMENTS) and checks it for
# breaking changes (FILE rules) against what users already have.
#
# Usage: scripts/lint_protos.sh
#   BUF_AGAINST  what `buf breaking` compares with; default: the last release tag (v*) when there
#                is one, else the previous commit (HEAD~1), so a commit that breaks the API fails
#                CI. Set to a buf input (".git#branch=main", ".git#tag=v0.1.0") or to "none".
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

scripts/buf.sh lint
echo "buf lint: ok"

against="${BUF_AGAINST:-}"
ref=""
if [[ -z "$against" ]]; then
  if ref="$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null)"; then
    against=".git#tag=$ref"
  elif git rev-parse --verify -q 'HEAD~1' >/dev/null; then
    ref="HEAD~1"
    against=".git#ref=HEAD~1"
  else
    echo "buf breaking: skipped (no earlier commit or release tag to compare with)"
    exit 0
  fi
fi
if [[ "$against" == "none" ]]; then
  echo "buf breaking: skipped (BUF_AGAINST=none)"
  exit 0
fi

config=()
if [[ -n "$ref" ]] && ! git show "$ref:protos/facet/v1/common.proto" 2>/dev/null | grep -q '^option go_package'; then
  # The baseline predates the language options (go_package, java_*): setting them for the first
  # time breaks no generated code, as none could be generated for those languages before.
  config=(--config '{"version": "v2", "modules": [{"path": "protos"}], "breaking": {"use": ["FILE"],
    "except": ["FILE_SAME_GO_PACKAGE", "FILE_SAME_JAVA_PACKAGE", "FILE_SAME_JAVA_MULTIPLE_FILES",
               "FILE_SAME_JAVA_OUTER_CLASSNAME"]}}')
fi
scripts/buf.sh breaking --against "$against" "${config[@]}"
echo "buf breaking: ok against $against"
