#!/usr/bin/env bash
# Build the base image the Containerfiles default to replacing: a Debian bookworm root file system
# made with debootstrap, with Python 3.11, committed with buildah as ${BASE_TAG}. It stands in for
# the official python:3.11-slim-bookworm where image registries are out of reach (CI here); the
# Containerfiles work on either, because both have `python3.11` on PATH and no compiler.
#
#   deploy/images/bookworm-base.sh            # -> localhost/facet-base:bookworm-py3.11
#
# The Debian mirror is the one apt already uses on this machine (DEBIAN_MIRROR overrides it).
# Idempotent: an existing ${BASE_TAG} is kept unless REBUILD=1.
set -euo pipefail

BASE_TAG="${BASE_TAG:-localhost/facet-base:bookworm-py3.11}"
BUILDAH=(buildah --storage-driver vfs)
WORK="${WORK:-$(mktemp -d /tmp/facet-rootfs.XXXXXX)}"
say() { printf 'bookworm-base: %s\n' "$*"; }

if [[ "${REBUILD:-0}" != 1 ]] && "${BUILDAH[@]}" inspect --type image "$BASE_TAG" >/dev/null 2>&1; then
    say "$BASE_TAG present"
    exit 0
fi

mirror="${DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
    # deb822 sources first (URIs: line of the stanza whose suites include bookworm), then sources.list.
    mirror="$(awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ {print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
    [[ -n "$mirror" ]] || mirror="$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
fi
[[ -n "$mirror" ]] || { say "no bookworm mirror in apt's sources: set DEBIAN_MIRROR"; exit 1; }

trap 'rm -rf "$WORK"' EXIT
say "debootstrap bookworm (minbase + python3.11) into $WORK/rootfs"
# python3.11-venv brings ensurepip (the build stages make venvs); debootstrap resolves no virtual
# packages, so its python3.11-distutils dependency is named by the real package (python3-distutils).
# libpython3.11: the shared libpython that Triton's Python-backend stub links (python:3.11-slim has it
# in /usr/local/lib). libgomp1: OpenMP, which some scientific wheels load.
debootstrap --variant=minbase --include=python3.11,libpython3.11,python3.11-venv,python3-distutils,python3-lib2to3,ca-certificates,libgomp1 \
    bookworm "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; cp "$WORK/rootfs/debootstrap/debootstrap.log" /tmp/facet-debootstrap-failed.log 2>/dev/null; exit 1; }
# The package caches and lists are not part of an image.
rm -rf "$WORK"/rootfs/var/cache/apt/archives/*.deb "$WORK"/rootfs/var/lib/apt/lists/* "$WORK"/rootfs/var/log/*
tar -C "$WORK/rootfs" -cf "$WORK/rootfs.tar" .

ctr="$("${BUILDAH[@]}" from scratch)"
"${BUILDAH[@]}" add "$ctr" "$WORK/rootfs.tar" /
"${BUILDAH[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --cmd /bin/bash "$ctr"
"${BUILDAH[@]}" commit --quiet --rm "$ctr" "$BASE_TAG" >/dev/null
say "committed $BASE_TAG"
