"""Users on every store (embedded SQLite+usearch, Milvus Lite): the same contract, through
CollectionUsers, with synthetic unit vectors whose cosines are known exactly.

The geometry used throughout: a person's faces are ``cos_a * centre + sin_a * n_i`` with the n_i
orthogonal to the centre and to each other. A probe ``cos_b * centre + sin_b * n_p`` has cosine
cos_a * cos_b with each face alone, but with the normalised mean of n faces (the user's search
vector) cos_a * cos_b / sqrt(cos_a^2 + sin_a^2 / n): the photo-specific parts average out.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import numpy as np
import pytest

from services.collection.face_collections import FaceCollections
from services.collection.store import EMBEDDING_DIM, FaceStore
from services.collection.users import CollectionUsers
from services.faces import similarity
from tests.unit.collection.contract import BOX, MODEL, expect_error, open_store, unit, with_cosine

COS_A = 0.7  # each face with the person's centre
COS_B = 0.55  # the probe with the centre: each face alone 0.385; a user of 4 faces 0.49


def user_cosine(faces: int) -> float:
    return COS_A * COS_B / float(np.sqrt(COS_A**2 + (1 - COS_A**2) / faces))


@pytest.fixture
def users(core: FaceCollections) -> CollectionUsers:
    return CollectionUsers(core)


def orthonormal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, _ = np.linalg.qr(rng.standard_normal((EMBEDDING_DIM, n)))
    return q.T.astype(np.float32)  # n orthonormal rows


def person(rng: np.random.Generator, faces: int) -> tuple[np.ndarray, np.ndarray]:
    """(faces [n, D] around a centre, a probe of the same person) with the geometry above."""
    basis = orthonormal(rng, faces + 2)
    centre, probe_dir, dirs = basis[0], basis[1], basis[2:]
    sin_a, sin_b = np.sqrt(1 - COS_A**2), np.sqrt(1 - COS_B**2)
    return COS_A * centre + sin_a * dirs, COS_B * centre + sin_b * probe_dir


def score(cos: float) -> float:
    return float(similarity.similarity_from_cosine(cos))


def test_create_list_delete_users(core: FaceCollections, users: CollectionUsers) -> None:
    core.create("c")
    for uid in ("u3", "u1", "u2", "a:b.c-d_e"):
        users.create("c", uid)
    expect_error(grpc.StatusCode.ALREADY_EXISTS, "USER_ALREADY_EXISTS", users.create, "c", "u1")
    for bad in ("", "a b", "x" * 129, "a/b", 'a"b'):
        error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.create, "c", bad)
        assert error.metadata["field"] == "user_id"
    assert core.describe("c").user_count == 4

    seen, token, pages = [], "", 0
    while True:
        page = users.list_users("c", 3, token)
        seen += [(u.user_id, u.face_count) for u in page.items]
        pages, token = pages + 1, page.next_token
        if not token:
            break
    assert seen == [("a:b.c-d_e", 0), ("u1", 0), ("u2", 0), ("u3", 0)] and pages == 2
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.list_users, "c", 501, "")

    users.delete("c", "u2")
    expect_error(grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND", users.delete, "c", "u2")
    assert [u.user_id for u in users.list_users("c", 0, "").items] == ["a:b.c-d_e", "u1", "u3"]
    assert core.describe("c").user_count == 3
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", users.create, "nope", "u1")
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", users.list_users, "nope", 0, "")
    core.create("other")  # users are per collection
    users.create("other", "u1")
    assert core.describe("other").user_count == 1 and core.describe("c").user_count == 3
    core.delete("c")  # takes its users with it
    core.create("c")
    assert core.describe("c").user_count == 0 and users.list_users("c", 0, "").items == []


def test_associate_reasons(core: FaceCollections, users: CollectionUsers) -> None:
    rng = np.random.default_rng(10)
    core.create("c")
    faces, _ = person(rng, 2)
    mean = similarity.l2_normalize(faces.mean(axis=0))  # alice's search vector once a1, a2 are hers
    third = with_cosine(mean, 0.35, rng)  # a poorer photo: similarity ~88 to the user
    a1, a2, a3 = core.add("c", [BOX] * 3, np.vstack([faces, third]))
    loose = unit(rng, 2)
    stranger, other_face = core.add("c", [BOX] * 2, loose)
    users.create("c", "alice")
    users.create("c", "bob")
    assert users.associate("c", "bob", [other_face.face_id], None).done == [other_face.face_id]

    unknown = str(uuid.uuid4())
    asked = [a1.face_id, a2.face_id, stranger.face_id, other_face.face_id, unknown, "not-a-uuid", a1.face_id]
    outcome = users.associate("c", "alice", asked, None)  # default threshold 75
    assert outcome.done == [a1.face_id, a2.face_id]  # a1 seeds the empty user; a2 matches it
    refused = {r.face_id: r for r in outcome.refused}
    assert [r.face_id for r in outcome.refused] == [stranger.face_id, other_face.face_id, unknown, "not-a-uuid"]
    low = refused[stranger.face_id]
    assert low.reasons == ("LOW_MATCH_CONFIDENCE",) and low.user_id == "alice"
    assert low.confidence == pytest.approx(score(float(faces[0] @ loose[0])), abs=0.01)  # against the seed
    assert low.confidence < 75
    assert refused[other_face.face_id].reasons == ("ASSOCIATED_TO_A_DIFFERENT_USER",)
    assert refused[other_face.face_id].user_id == "bob"
    assert refused[unknown].reasons == refused["not-a-uuid"].reasons == ("FACE_NOT_FOUND",)
    assert outcome.user_face_count == 2

    # Later faces are compared with the user's search vector (the normalised mean of a1, a2).
    expected = score(0.35)
    strict = users.associate("c", "alice", [a3.face_id], expected + 0.5)
    assert strict.done == [] and strict.refused[0].confidence == pytest.approx(expected, abs=0.01)
    assert users.associate("c", "alice", [a3.face_id, a1.face_id], expected - 0.5).done == [a3.face_id, a1.face_id]
    assert users.store.describe_user("c", "alice").face_count == 3
    assert [(u.user_id, u.face_count) for u in users.list_users("c", 0, "").items] == [("alice", 3), ("bob", 1)]

    for bad_ids in ([], [str(uuid.uuid4()) for _ in range(101)]):
        error = expect_error(
            grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.associate, "c", "alice", bad_ids, None
        )
        assert error.metadata["field"] == "face_ids"
    for bad in (-1.0, 100.5, float("nan")):
        expect_error(
            grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.associate, "c", "alice", [a1.face_id], bad
        )
    expect_error(grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND", users.associate, "c", "carol", [a1.face_id], None)
    expect_error(
        grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", users.associate, "nope", "alice", [a1.face_id], None
    )


def test_disassociate_and_deleting_faces_or_users(core: FaceCollections, users: CollectionUsers) -> None:
    rng = np.random.default_rng(11)
    core.create("c")
    faces, _ = person(rng, 3)
    stored = core.add("c", [BOX] * 3, faces)
    ids = [f.face_id for f in stored]
    free = core.add("c", [BOX], unit(rng))[0].face_id
    users.create("c", "alice")
    users.create("c", "bob")
    assert users.associate("c", "alice", ids, 0.0).done == ids

    unknown = str(uuid.uuid4())
    outcome = users.disassociate("c", "bob", [ids[0], free, unknown])
    assert outcome.done == [] and outcome.user_face_count == 0
    assert [(r.face_id, r.user_id, r.reasons) for r in outcome.refused] == [
        (ids[0], "alice", ("ASSOCIATED_TO_A_DIFFERENT_USER",)),
        (free, "", ("ASSOCIATED_TO_A_DIFFERENT_USER",)),
        (unknown, "bob", ("FACE_NOT_FOUND",)),
    ]
    outcome = users.disassociate("c", "alice", [ids[2]])
    assert outcome.done == [ids[2]] and outcome.user_face_count == 2
    assert users.associate("c", "bob", [ids[2]], None).done == [ids[2]]  # free again: bob may take it

    # Deleting a face removes it from its user; deleting a user leaves its faces.
    core.delete_faces("c", [ids[0]])
    assert users.store.describe_user("c", "alice").face_count == 1
    assert users.store.user_embeddings("c", "alice")["alice"].shape == (1, EMBEDDING_DIM)
    users.delete("c", "alice")
    assert core.describe("c").face_count == 3 and core.describe("c").user_count == 1
    assert users.associate("c", "bob", [ids[1]], 0.0).done == [ids[1]]  # alice's face is nobody's now
    expect_error(grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND", users.disassociate, "c", "alice", [ids[1]])


def test_user_found_where_no_single_face_passes(core: FaceCollections, users: CollectionUsers) -> None:
    rng = np.random.default_rng(12)
    core.create("c")
    faces, probe = person(rng, 4)
    alice = core.add("c", [BOX] * 4, faces)
    others = core.add("c", [BOX] * 4, unit(rng, 4))
    users.create("c", "alice")
    users.create("c", "empty")
    users.associate("c", "alice", [f.face_id for f in alice], 0.0)
    for i, face in enumerate(others):
        users.create("c", f"other{i}")
        users.associate("c", f"other{i}", [face.face_id], None)

    # Each face alone: cosine 0.385, below the cosine of 99 (~0.47); the user: 0.49, above it.
    assert core.search_by_vector("c", probe, 10, 99.0) == []
    search = users.prepare_search("c", None, 99.0)
    found = users.find_by_vector(search, probe)
    assert [m.user_id for m in found] == ["alice"]
    assert found[0].similarity == pytest.approx(score(user_cosine(4)), abs=0.01)

    everyone = users.find_by_vector(users.prepare_search("c", 500, 0.0), probe)
    assert everyone[0].user_id == "alice" and "empty" not in {m.user_id for m in everyone}  # no faces: unsearchable
    assert [m.similarity for m in everyone] == sorted((m.similarity for m in everyone), reverse=True)
    assert len(users.find_by_vector(users.prepare_search("c", 2, 0.0), probe)) == 2

    # By face: its own user is included; by user: the user itself is left out.
    by_face = users.find_by_face(users.prepare_search("c", None, 80.0), alice[0].face_id)
    assert by_face[0].user_id == "alice"
    by_user = users.find_by_user(users.prepare_search("c", 500, 0.0), "alice")
    assert "alice" not in {m.user_id for m in by_user} and len(by_user) == 4
    assert users.find_by_user(users.prepare_search("c", 10, 0.0), "empty") == []
    expect_error(grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND", users.find_by_user, search, "nobody")
    expect_error(grpc.StatusCode.NOT_FOUND, "FACE_NOT_FOUND", users.find_by_face, search, str(uuid.uuid4()))
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.find_by_face, search, "x")
    for bad_max in (0, 501):
        expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.prepare_search, "c", bad_max, 80.0)
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", users.prepare_search, "c", 10, 101.0)
    expect_error(grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND", users.prepare_search, "nope", 10, 80.0)


def test_other_face_model_version(store: FaceStore) -> None:
    rng = np.random.default_rng(13)
    old = FaceCollections(store, "sface-old")
    old.create("c")
    face = old.add("c", [BOX], unit(rng))[0]
    CollectionUsers(old).create("c", "alice")
    CollectionUsers(old).associate("c", "alice", [face.face_id], None)
    new = CollectionUsers(FaceCollections(store, "sface-new"))
    # Listing, creating, disassociating and deleting compare no vectors; associating and searching do.
    assert [u.user_id for u in new.list_users("c", 0, "").items] == ["alice"]
    for fn, args in ((new.associate, ("c", "alice", [face.face_id], None)), (new.prepare_search, ("c", 10, 80.0))):
        expect_error(grpc.StatusCode.FAILED_PRECONDITION, "FACE_MODEL_MISMATCH", fn, *args)
    assert new.disassociate("c", "alice", [face.face_id]).done == [face.face_id]
    new.delete("c", "alice")


def test_reopen_keeps_users(kind: str, tmp_path: Path) -> None:
    rng = np.random.default_rng(14)
    first = FaceCollections(open_store(kind, tmp_path), MODEL)
    first.create("c")
    faces, probe = person(rng, 2)
    stored = first.add("c", [BOX] * 2, faces)
    CollectionUsers(first).create("c", "alice")
    CollectionUsers(first).create("c", "bob")
    CollectionUsers(first).associate("c", "alice", [f.face_id for f in stored], 0.0)
    first.store.close()
    again = FaceCollections(open_store(kind, tmp_path), MODEL)
    try:
        users = CollectionUsers(again)
        assert [(u.user_id, u.face_count) for u in users.list_users("c", 0, "").items] == [("alice", 2), ("bob", 0)]
        assert again.describe("c").user_count == 2
        found = users.find_by_vector(users.prepare_search("c", 10, 0.0), probe)
        assert [m.user_id for m in found] == ["alice"]
    finally:
        again.store.close()
