#!/usr/bin/env bash
# Install the local Triton Inference Server for development and CI (CPU, Python backend):
#   .triton/        the whole nvidia-pytriton wheel, extracted (never pip-installed: the package
#                   pins numpy<2, and only its tritonserver binary and backends are used; the
#                   binaries find their libraries through RPATH into nvidia_pytriton.libs/)
#   .venv-triton/   the interpreter the Python-backend stub runs models with: numpy 1 (the stub's
#                   ABI) + onnxruntime, pinned in model_repository/triton-requirements.txt
# Idempotent: every step writes a marker file last and is skipped while its marker matches;
# a step interrupted half-way has no marker and is redone from scratch.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON_BIN="${PYTHON_BIN:-python3.11}"
PYTRITON_REQ="nvidia-pytriton==0.7.0"
PYTRITON_WHEEL="nvidia_pytriton-0.7.0-py3-none-manylinux_2_35_x86_64.whl"
PYTRITON_SHA256="21f063ff93bb426d0c06b7a55e7eb9efcfe62c0dddd9a908e9877e18710128df"
CACHE=".cache/wheels"
TRITON_DIR=".triton"
VENV=".venv-triton"
REQUIREMENTS="model_repository/triton-requirements.txt"
SERVER_DIR="$TRITON_DIR/pytriton/tritonserver"

say() { printf 'setup_triton: %s\n' "$*"; }
die() { printf 'setup_triton: ERROR: %s\n' "$*" >&2; exit 1; }
sha256() { sha256sum "$1" | cut -d' ' -f1; }

command -v "$PYTHON_BIN" >/dev/null || die "$PYTHON_BIN not found (set PYTHON_BIN to a Python 3.11)"
[[ "$("$PYTHON_BIN" -c 'import sys; print(sys.version_info[:2] == (3, 11))')" == True ]] \
    || die "$PYTHON_BIN is not Python 3.11 (the Python-backend stub used here is built for 3.11)"

# 1. The wheel, fetched once and checked against the pinned hash.
wheel="$CACHE/$PYTRITON_WHEEL"
if [[ -f "$wheel" && "$(sha256 "$wheel")" == "$PYTRITON_SHA256" ]]; then
    say "wheel cached: $wheel"
else
    rm -f "$wheel"
    mkdir -p "$CACHE"
    say "pip download --no-deps $PYTRITON_REQ -> $CACHE/"
    "$PYTHON_BIN" -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check \
        -d "$CACHE" "$PYTRITON_REQ" \
        || die "registry unreachable? could not fetch $PYTRITON_REQ"
    [[ -f "$wheel" ]] || die "pip did not fetch $PYTRITON_WHEEL (this needs Linux x86_64, glibc >= 2.35)"
    got="$(sha256 "$wheel")"
    if [[ "$got" != "$PYTRITON_SHA256" ]]; then
        rm -f "$wheel"
        die "$PYTRITON_WHEEL has sha256 $got, expected $PYTRITON_SHA256"
    fi
    say "sha256 ok ($PYTRITON_SHA256)"
fi

# 2. The extracted wheel, with the Python 3.11 stub copied beside libtriton_python.so: at the
#    same depth as before, so the stub's RPATH into nvidia_pytriton.libs/ still resolves.
marker="$TRITON_DIR/.facet-extracted"
if [[ -f "$marker" && "$(cat "$marker")" == "$PYTRITON_SHA256" ]]; then
    say "$TRITON_DIR/ present"
else
    say "extracting $PYTRITON_WHEEL -> $TRITON_DIR/"
    rm -rf "$TRITON_DIR" "$TRITON_DIR.partial"
    # zipfile keeps no permissions by itself: restore the mode bits stored in the wheel.
    "$PYTHON_BIN" - "$wheel" "$TRITON_DIR.partial" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        path = archive.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            os.chmod(path, mode)
PY
    stub="python_backend_stubs/3.11/triton_python_backend_stub"
    cp "$TRITON_DIR.partial/pytriton/tritonserver/$stub" \
        "$TRITON_DIR.partial/pytriton/tritonserver/backends/python/"
    chmod 0755 "$TRITON_DIR.partial/pytriton/tritonserver/bin/tritonserver" \
        "$TRITON_DIR.partial/pytriton/tritonserver/backends/python/triton_python_backend_stub"
    say "copied $stub -> backends/python/"
    echo "$PYTRITON_SHA256" >"$TRITON_DIR.partial/.facet-extracted"
    mv "$TRITON_DIR.partial" "$TRITON_DIR"
fi

# 3. The model runtime environment. Its marker records the requirements it was built from.
want="$(sha256 "$REQUIREMENTS")"
marker="$VENV/.facet-installed"
if [[ -f "$marker" && "$(cat "$marker")" == "$want" ]]; then
    say "$VENV/ present"
else
    say "creating $VENV/ from $REQUIREMENTS"
    rm -rf "$VENV"
    "$PYTHON_BIN" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" \
        || die "pip install -r $REQUIREMENTS failed (registry unreachable?)"
    "$VENV/bin/python" -c 'import numpy, onnxruntime; assert numpy.__version__.startswith("1.")' \
        || die "$VENV does not import numpy 1 + onnxruntime"
    echo "$want" >"$marker"
fi

# tritonserver --help exits 1, so check the dynamic linking instead of running it.
if ldd "$SERVER_DIR/bin/tritonserver" | grep -q "not found"; then
    die "$SERVER_DIR/bin/tritonserver misses libraries: $(ldd "$SERVER_DIR/bin/tritonserver" | grep "not found" | tr -s ' \t\n' ' ')"
fi
say "ready. Start Triton with:"
say "  PATH=$ROOT/$VENV/bin:\$PATH $ROOT/$SERVER_DIR/bin/tritonserver \\"
say "    --model-repository $ROOT/model_repository/models --backend-directory $ROOT/$SERVER_DIR/backends"
