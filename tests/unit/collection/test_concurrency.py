"""Many readers and writers on one store at once: no lost update, no torn read."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from services.collection.embedded import EmbeddedStore
from services.collection.milvus import MilvusStore
from services.collection.store import EMBEDDING_DIM, FaceStore, StoredFace


@pytest.fixture(params=["embedded", "milvus"])
def store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    opened: FaceStore = (
        EmbeddedStore(tmp_path / "e") if request.param == "embedded" else MilvusStore(str(tmp_path / "m.db"))
    )
    yield opened
    opened.close()


def batch(rng: np.random.Generator, tag: str, n: int = 2) -> tuple[list[StoredFace], np.ndarray]:
    faces = [StoredFace(str(uuid.uuid4()), tag, tag, (0.0, 0.0, 0.5, 0.5), 90.0) for _ in range(n)]
    vectors = rng.standard_normal((n, EMBEDDING_DIM)).astype(np.float32)
    return faces, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_parallel_writers_readers_deleters(store: FaceStore) -> None:
    store.create_collection("c", "m")
    writers, batches_each = 6, 15
    written: list[str] = []
    deleted: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer(seed: int) -> None:
        rng = np.random.default_rng(seed)
        for i in range(batches_each):
            faces, vectors = batch(rng, f"w{seed}-{i}")
            store.add_faces("c", faces, vectors)
            with lock:
                written.extend(f.face_id for f in faces)
            if i % 5 == 4:  # delete one of our own faces now and then
                gone = store.delete_faces("c", [faces[0].face_id])
                assert gone == [faces[0].face_id]
                with lock:
                    deleted.append(faces[0].face_id)

    def reader(seed: int) -> None:
        rng = np.random.default_rng(1000 + seed)
        while not stop.is_set():
            probe = rng.standard_normal(EMBEDDING_DIM).astype(np.float32)
            hits = store.search("c", probe / np.linalg.norm(probe), 5, -1.0)
            assert [h.cosine for h in hits] == sorted((h.cosine for h in hits), reverse=True)
            page = store.list_faces("c", 50, "")
            by_image: dict[str, int] = {}
            for face in page.items:
                by_image[face.image_id] = by_image.get(face.image_id, 0) + 1

    def guarded(fn, arg):  # type: ignore[no-untyped-def]
        try:
            fn(arg)
        except BaseException as exc:
            errors.append(exc)

    with ThreadPoolExecutor(max_workers=writers + 3) as pool:
        readers = [pool.submit(guarded, reader, r) for r in range(3)]
        for future in [pool.submit(guarded, writer, w) for w in range(writers)]:
            future.result()
        stop.set()
        for future in readers:
            future.result()
    assert not errors, errors[0]
    expected = set(written) - set(deleted)
    listed = {f.face_id for f in store.list_faces("c", 4096, "").items}
    assert listed == expected
    assert store.describe_collection("c").face_count == len(expected) == writers * batches_each * 2 - len(deleted)


def test_concurrent_create_same_collection_only_one_wins(store: FaceStore) -> None:
    results: list[str] = []

    def create() -> None:
        try:
            store.create_collection("same", "m")
            results.append("created")
        except Exception as exc:
            results.append(getattr(exc, "reason", repr(exc)))

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["COLLECTION_ALREADY_EXISTS"] * 7 + ["created"]
