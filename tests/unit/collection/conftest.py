"""Fixtures of the store contract suites: every test taking ``store`` or ``core`` runs once per
store implementation (contract.STORES)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.collection.face_collections import FaceCollections
from services.collection.store import FaceStore
from tests.unit.collection.contract import MODEL, STORES, open_store


@pytest.fixture(params=STORES)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(kind: str, tmp_path: Path) -> Iterator[FaceStore]:
    opened = open_store(kind, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def core(store: FaceStore) -> FaceCollections:
    return FaceCollections(store, MODEL)
