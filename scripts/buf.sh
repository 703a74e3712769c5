#!/usr/bin/env bash
# Runs the pinned Buf CLI (npm package @bufbuild/buf ships the binary, so no other install is
# needed). Used by gen_protos.sh, check_protos.sh and lint_protos.sh.
set -euo pipefail
BUF_VERSION="1.75.0"
exec npx --yes "@bufbuild/buf@${BUF_VERSION}" "$@"
