"""The face model version collections are bound to: version_sha256 when pinned, else onnx_sha256."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.collection.model_version import face_model_version


def manifest(tmp_path: Path, **embedder: str) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"models": [{"name": "face_embedder", **embedder}]}))
    return path


def test_version_follows_the_served_file_when_not_pinned(tmp_path: Path) -> None:
    assert face_model_version(manifest(tmp_path, onnx_sha256="c14165ec6e2e" + "0" * 52)) == "face_embedder-c14165ec6e2e"


def test_a_pinned_version_survives_a_rounding_only_rewrite(tmp_path: Path) -> None:
    path = manifest(tmp_path, onnx_sha256="c14165ec6e2e" + "0" * 52, version_sha256="ab872eaae25a" + "0" * 52)
    assert face_model_version(path) == "face_embedder-ab872eaae25a"


def test_the_shipped_manifest_keeps_the_version_existing_collections_carry() -> None:
    # Collections indexed before the PReLU rewrite carry this version; changing it would refuse them all.
    assert face_model_version() == "face_embedder-ab872eaae25a"


def test_a_manifest_without_the_embedder_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"models": []}))
    with pytest.raises(LookupError):
        face_model_version(path)
