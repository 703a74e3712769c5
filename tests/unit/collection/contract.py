"""Shared pieces of the store contract suites (test_store_contract.py, test_users_contract.py):
how each store is opened, synthetic unit vectors with known cosines, typed-error checks."""

from __future__ import annotations

from pathlib import Path

import grpc
import numpy as np
import pytest

from services.collection.embedded import EmbeddedStore
from services.collection.milvus import MilvusStore
from services.collection.store import EMBEDDING_DIM, FaceStore
from services.common.errors import FacetError
from services.faces import similarity

STORES = ["embedded", "milvus"]
MODEL = "sface-test-1"
BOX = ((0.1, 0.2, 0.3, 0.4), 99.5)


def open_store(kind: str, directory: Path) -> FaceStore:
    if kind == "embedded":
        return EmbeddedStore(directory / "embedded")
    return MilvusStore(str(directory / "milvus.db"))


def unit(rng: np.random.Generator, n: int = 1) -> np.ndarray:
    return similarity.l2_normalize(rng.standard_normal((n, EMBEDDING_DIM)))


def with_cosine(base: np.ndarray, cos: float, rng: np.random.Generator) -> np.ndarray:
    """A unit vector whose cosine with the unit vector ``base`` is exactly ``cos``."""
    other = rng.standard_normal(EMBEDDING_DIM)
    other -= other @ base * base
    other /= np.linalg.norm(other)
    return (cos * base + np.sqrt(1 - cos**2) * other).astype(np.float32)


def expect_error(code: grpc.StatusCode, reason: str, fn, *args) -> FacetError:  # type: ignore[no-untyped-def]
    with pytest.raises(FacetError) as caught:
        fn(*args)
    assert (caught.value.code, caught.value.reason) == (code, reason), caught.value.message
    return caught.value
