"""The face model version a collection is bound to: the embedder's name and weights hash.

Derived from model_repository/manifest.json, so rebuilding the repository with other weights
changes the version and old collections are refused instead of being searched with incomparable
vectors. The hash is the entry's ``version_sha256`` when it has one, else its ``onnx_sha256`` (the
file Triton serves). ``version_sha256`` names an earlier build whose embeddings this one
reproduces: a graph rewrite that changes only float rounding (the embedder's PReLU rewrite: 2.9e-6
from the original graph, verify_models.py's limit 1e-4) keeps the version, so nobody has to
re-index for a speed-up. Anything that changes what the embeddings mean must drop it.
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
            return f"{model}-{(entry.get('version_sha256') or entry['onnx_sha256'])[:12]}"
    raise LookupError(f"{manifest} has no entry for {model}")
