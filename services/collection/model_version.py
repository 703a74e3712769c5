"""The face model version a collection is bound to: the embedder's name and weights hash.

Derived from model_repository/manifest.json (the ``onnx_sha256`` of ``face_embedder``, the file
Triton serves), so rebuilding the repository with other weights changes the version and old
collections are refused instead of being searched with incomparable vectors.
"""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[2] / "model_repository" / "manifest.json"
EMBEDDER = "face_embedder"


def face_model_version(manifest: Path = MANIFEST, model: str = EMBEDDER) -> str:
    entries = json.loads(manifest.read_text())["models"]
    for entry in entries:
        if entry["name"] == model:
            return f"{model}-{entry['onnx_sha256'][:12]}"
    raise LookupError(f"{manifest} has no entry for {model}")
