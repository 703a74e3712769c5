#!/usr/bin/env bash
# Lints the public API with Buf (rules in buf.yaml: STANDARD + COMMENTS) and,
# when a base ref is available, checks for breaking changes (FILE rules).
#
# Usage: scripts/lint_protos.sh
#   BUF_AGAINST  what `buf breaking` compares with (default: the main branch of
#                this repository, ".git#branch=main"); set to "none" to skip.
#
# Buf is pinned and fetched from npm (@bufbuild/buf ships the binary), so no
# other install is needed.
set -euo pipefail

BUF_VERSION="1.75.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

buf() { npx --yes "@bufbuild/buf@${BUF_VERSION}" "$@"; }

buf lint
echo "buf lint: ok"

against="${BUF_AGAINST:-.git#branch=main}"
if [[ "$against" == "none" ]]; then
  echo "buf breaking: skipped (BUF_AGAINST=none)"
elif [[ "$against" == ".git#branch=main" ]] && ! git rev-parse --verify -q main >/dev/null; then
  echo "buf breaking: skipped (no main branch to compare with yet)"
else
  buf breaking --against "$against"
  echo "buf breaking: ok against $against"
fi
