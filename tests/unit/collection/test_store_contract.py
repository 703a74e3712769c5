"""The FaceStore contract, run against every implementation (embedded SQLite+usearch, Milvus Lite).

Driven through FaceCollections (validation, model-version check, calibrated similarity) with
synthetic unit vectors whose cosines are known, so search order and thresholds are checked
exactly rather than by eye.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import numpy as np
import pytest

from services.collection.face_collections import FaceCollections
from services.collection.store import FaceStore
from services.faces import similarity
from tests.unit.collection.contract import BOX, MODEL, expect_error, open_store, unit, with_cosine


def test_create_describe_list_delete(core: FaceCollections) -> None:
    info = core.create("people.v1-A_b")
    assert (info.collection_id, info.face_model_version, info.face_count) == ("people.v1-A_b", MODEL, 0)
    described = core.describe("people.v1-A_b")
    assert described.face_count == 0 and described.face_model_version == MODEL
    assert abs(described.created_at - info.created_at) < 1e-3
    expect_error(grpc.StatusCode.ALREADY_EXISTS, "COLLECTION_ALREADY_EXISTS", core.create, "people.v1-A_b")
    assert [c.collection_id for c in core.list_collections(0, "").items] == ["people.v1-A_b"]
    core.delete("people.v1-A_b")
    assert core.list_collections(0, "").items == []
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.describe, "people.v1-A_b")
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.delete, "people.v1-A_b")
    core.create("people.v1-A_b")  # the id is free again, and the new collection is empty
    assert core.describe("people.v1-A_b").face_count == 0


@pytest.mark.parametrize("bad", ["", "a b", "x" * 256, "naïve", "a/b", 'a"b'])
def test_bad_collection_ids_refused(core: FaceCollections, bad: str) -> None:
    for fn in (core.create, core.describe, core.delete):
        error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", fn, bad)
        assert error.metadata["field"] == "collection_id"


def test_list_collections_pages(core: FaceCollections) -> None:
    ids = [f"c{i:02d}" for i in range(7)]
    for cid in reversed(ids):
        core.create(cid)
    seen, token, pages = [], "", 0
    while True:
        page = core.list_collections(3, token)
        seen += [c.collection_id for c in page.items]
        pages += 1
        token = page.next_token
        if not token:
            break
    assert seen == ids and pages == 3
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.list_collections, 4097, "")
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.list_collections, 3, "!!not a token!!")


def test_index_list_delete_faces(core: FaceCollections) -> None:
    rng = np.random.default_rng(1)
    core.create("c")
    stored = core.add("c", [BOX] * 5, unit(rng, 5), external_image_id="photo-1.jpg")
    assert len({f.face_id for f in stored}) == 5 and len({f.image_id for f in stored}) == 1
    assert all(f.external_image_id == "photo-1.jpg" and f.box == BOX[0] for f in stored)
    assert core.describe("c").face_count == 5

    listed, token = [], ""
    while True:
        page = core.list_faces("c", 2, token)
        listed += page.items
        token = page.next_token
        if not token:
            break
    assert [f.face_id for f in listed] == sorted(f.face_id for f in stored)
    first = listed[0]
    assert first.box == pytest.approx(BOX[0], abs=1e-6) and first.confidence == pytest.approx(BOX[1], abs=1e-4)

    unknown = str(uuid.uuid4())
    deleted, missing = core.delete_faces("c", [stored[0].face_id, unknown, "not-a-uuid", stored[1].face_id])
    assert deleted == [stored[0].face_id, stored[1].face_id]
    assert missing == [unknown, "not-a-uuid"]
    assert core.describe("c").face_count == 3
    assert {f.face_id for f in core.list_faces("c", 0, "").items} == {f.face_id for f in stored[2:]}
    # Deleted faces are gone from search too.
    hits = core.search_by_vector("c", unit(rng)[0], 4096, 0.0)
    assert {m.face.face_id for m in hits} == {f.face_id for f in stored[2:]}
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.delete_faces, "c", [])
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.delete_faces, "nope", [unknown])


def test_search_order_threshold_and_limit(core: FaceCollections) -> None:
    rng = np.random.default_rng(2)
    core.create("c")
    probe = unit(rng)[0]
    cosines = [0.9, 0.75, 0.6, 0.45, 0.3, 0.1, -0.2]
    vectors = np.stack([with_cosine(probe, c, rng) for c in cosines])
    stored = core.add("c", [BOX] * len(cosines), vectors[::-1])  # stored in reverse: order must come from search
    by_cos = list(reversed(stored))  # by_cos[i] has cosines[i]
    expected_scores = similarity.similarity_from_cosine(np.array(cosines))

    hits = core.search_by_vector("c", probe, 4096, 0.0)
    assert [m.face.face_id for m in hits] == [f.face_id for f in by_cos if True][: len(hits)]
    for match, score in zip(hits, expected_scores, strict=False):
        assert match.similarity == pytest.approx(float(score), abs=0.01)

    threshold = 80.0
    above = [f.face_id for f, s in zip(by_cos, expected_scores, strict=True) if s >= threshold]
    assert [m.face.face_id for m in core.search_by_vector("c", probe, None, None)] == above  # default: 80
    assert 0 < len(above) < len(cosines)  # the threshold really splits this set
    assert all(m.similarity >= 99.0 for m in core.search_by_vector("c", probe, 100, 99.0))
    assert [m.face.face_id for m in core.search_by_vector("c", probe, 2, 0.0)] == [f.face_id for f in by_cos[:2]]

    # By face id: the face itself is left out, the rest ranked by cosine to it.
    own = core.search_by_face("c", by_cos[0].face_id, 4096, 0.0)
    assert by_cos[0].face_id not in {m.face.face_id for m in own}
    assert [m.similarity for m in own] == sorted((m.similarity for m in own), reverse=True)
    assert len(own) >= 1

    for bad in (-1.0, 100.5, float("nan")):
        expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.search_by_vector, "c", probe, 10, bad)
    for bad_k in (0, 4097):
        expect_error(
            grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.search_by_vector, "c", probe, bad_k, 0.0
        )


def test_search_identical_vector_scores_100(core: FaceCollections) -> None:
    rng = np.random.default_rng(3)
    core.create("c")
    vectors = unit(rng, 20)
    stored = core.add("c", [BOX] * 20, vectors)
    hits = core.search_by_vector("c", vectors[7], 1, 80.0)
    assert [m.face.face_id for m in hits] == [stored[7].face_id]
    assert hits[0].similarity == pytest.approx(100.0, abs=1e-3)
    assert core.search_by_vector("c", unit(rng)[0], 10, 80.0) == []  # random directions: no match
    core.create("empty")
    assert core.search_by_vector("empty", vectors[0], 10, 0.0) == []


def test_collections_are_isolated(core: FaceCollections) -> None:
    rng = np.random.default_rng(4)
    core.create("a")
    core.create("b")
    vector = unit(rng)
    in_a = core.add("a", [BOX], vector)
    core.add("b", [BOX], vector)
    assert [m.face.face_id for m in core.search_by_vector("a", vector[0], 10, 0.0)] == [in_a[0].face_id]
    core.delete("b")
    assert core.describe("a").face_count == 1
    assert len(core.search_by_vector("a", vector[0], 10, 0.0)) == 1


def test_not_found_paths(core: FaceCollections) -> None:
    rng = np.random.default_rng(5)
    missing_face = str(uuid.uuid4())
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.list_faces, "nope", 0, "")
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.search_by_vector, "nope", unit(rng)[0], 5, 80)
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.search_by_face, "nope", missing_face, 5, 80)
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", core.add, "nope", [BOX], unit(rng))
    core.create("c")
    expect_error(grpc.StatusCode.NOT_FOUND, "FACE_NOT_FOUND", core.search_by_face, "c", missing_face, 5, 80)
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.search_by_face, "c", "x", 5, 80)
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", core.add, "c", [BOX], unit(rng), "bad id!")


def test_other_face_model_version_refused(store: FaceStore) -> None:
    rng = np.random.default_rng(6)
    old = FaceCollections(store, "sface-old")
    old.create("c")
    face = old.add("c", [BOX], unit(rng))[0]
    new = FaceCollections(store, "sface-new")
    # Describing, listing and deleting still work: they do not compare vectors.
    assert new.describe("c").face_model_version == "sface-old"
    assert len(new.list_faces("c", 0, "").items) == 1
    for fn, args in (
        (new.search_by_vector, ("c", unit(rng)[0], 5, 80.0)),
        (new.search_by_face, ("c", face.face_id, 5, 80.0)),
        (new.add, ("c", [BOX], unit(rng))),
    ):
        error = expect_error(grpc.StatusCode.FAILED_PRECONDITION, "FACE_MODEL_MISMATCH", fn, *args)
        assert error.metadata["collection_face_model_version"] == "sface-old"
    assert old.describe("c").face_count == 1  # the refused add stored nothing


def test_reopen_keeps_everything(kind: str, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    first = FaceCollections(open_store(kind, tmp_path), MODEL)
    first.create("c")
    vectors = unit(rng, 30)
    stored = first.add("c", [BOX] * 30, vectors)
    first.delete_faces("c", [stored[0].face_id])
    first.store.close()
    again = FaceCollections(open_store(kind, tmp_path), MODEL)
    try:
        assert again.describe("c").face_count == 29
        hits = again.search_by_vector("c", vectors[5], 1, 80.0)
        assert [m.face.face_id for m in hits] == [stored[5].face_id]
        assert again.search_by_vector("c", vectors[0], 1, 99.0) == []  # the deleted face stayed deleted
    finally:
        again.store.close()
