"""The embedded store's HNSW beam grows with the collection (measured in docs/collections.md)."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np

from services.collection.embedded import EmbeddedStore, HnswParams, search_beam
from services.collection.store import EMBEDDING_DIM, StoredFace


def test_beam_never_shrinks_as_collections_grow() -> None:
    sizes = [0, 1, 20_000, 100_000, 100_001, 250_000, 250_001, 1_000_000, 10_000_000]
    beams = [search_beam(n) for n in sizes]
    assert beams == sorted(beams)
    assert search_beam(100_000) == 128
    assert search_beam(1_000_000) == 1024


def _store_with_faces(tmp_path: Path, params: HnswParams, n: int) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path, params)
    store.create_collection("c", "model-a")
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, EMBEDDING_DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    faces = [StoredFace(str(uuid.uuid4()), "img", "", (0.0, 0.0, 1.0, 1.0), 99.0) for _ in range(n)]
    store.add_faces("c", faces, vectors)
    return store


def test_hnsw_search_uses_the_size_dependent_beam(tmp_path: Path) -> None:
    store = _store_with_faces(tmp_path, HnswParams(exact_search_below=0), 50)
    try:
        store.search("c", np.eye(EMBEDDING_DIM, dtype=np.float32)[0], 5, -1.0)
        assert store._collections["c"].index.expansion_search == search_beam(50)
    finally:
        store.close()


def test_a_configured_beam_overrides_the_default(tmp_path: Path) -> None:
    store = _store_with_faces(tmp_path, HnswParams(exact_search_below=0, expansion_search=48), 50)
    try:
        store.search("c", np.eye(EMBEDDING_DIM, dtype=np.float32)[0], 5, -1.0)
        assert store._collections["c"].index.expansion_search == 48
    finally:
        store.close()
