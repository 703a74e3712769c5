#!/usr/bin/env bash
# Build Facet's three images with buildah, then smoke-check them (`make images`):
#   localhost/facet:${TAG}             gateway, Rekognition front and every Python service
#   localhost/facet-triton-cpu:${TAG}  Triton on the CPU with the models baked in
#   localhost/facet-models:${TAG}      the model repository for the gpu overlay's init container
# BASE_IMAGE defaults to the debootstrap'd bookworm base (bookworm-base.sh builds it), because image
# registries may be out of reach; set BASE_IMAGE=python:3.11-slim-bookworm to use the official one.
# Any OCI builder works on the same Containerfiles (podman build, docker build); see docs/deploy.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TAG="${TAG:-0.1.0}"
BUILDAH=(buildah --storage-driver vfs)
say() { printf 'images: %s\n' "$*"; }

if [[ -z "${BASE_IMAGE:-}" ]]; then
    bash deploy/images/bookworm-base.sh
    BASE_IMAGE=localhost/facet-base:bookworm-py3.11
fi
build_args=(--build-arg "BASE_IMAGE=$BASE_IMAGE")
# pip inside the build trusts what pip on this machine trusts (a TLS-inspecting proxy's CA, say).
cert="${PIP_CERT:-$(python3 -m pip config get global.cert 2>/dev/null || true)}"
if [[ -n "$cert" && -f "$cert" ]]; then
    build_args+=(--volume "$cert:/run/facet-build/ca.crt:ro" --build-arg PIP_CERT=/run/facet-build/ca.crt)
fi

bud() {  # bud <tag> <Containerfile> [--target T]
    local tag="$1" file="$2"; shift 2
    local started=$SECONDS
    "${BUILDAH[@]}" bud --isolation chroot --pull=false --layers "${build_args[@]}" "$@" \
        -f "$file" -t "$tag" . >"/tmp/facet-image-${tag##*/}.log" 2>&1 \
        || { tail -30 "/tmp/facet-image-${tag##*/}.log"; say "FAILED: $tag (log above)"; exit 1; }
    say "built $tag in $((SECONDS - started)) s, $("${BUILDAH[@]}" images --format '{{.Size}}' "$tag")"
}

images="${IMAGES:-facet triton-cpu models}"  # IMAGES="triton-cpu" rebuilds one
[[ " $images " == *" facet "* ]] && bud "localhost/facet:$TAG" deploy/images/facet.Containerfile
[[ " $images " == *" triton-cpu "* ]] && bud "localhost/facet-triton-cpu:$TAG" deploy/images/triton.Containerfile --target triton-cpu
[[ " $images " == *" models "* ]] && bud "localhost/facet-models:$TAG" deploy/images/triton.Containerfile --target models
"${BUILDAH[@]}" images --filter reference="localhost/facet*"
TAG="$TAG" bash deploy/images/smoke.sh
