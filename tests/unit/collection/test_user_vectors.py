"""The user search vector (normalised mean of the faces) and user ranking."""

from __future__ import annotations

import numpy as np
import pytest

from services.collection.user_vectors import rank_users, search_vector, similarity_to
from services.faces import similarity

D = 128


def test_one_face_is_its_own_search_vector() -> None:
    face = similarity.l2_normalize(np.arange(1, D + 1, dtype=np.float32))
    assert np.allclose(search_vector(face[None]), face, atol=1e-6)
    assert similarity_to(face, search_vector(face[None])) == pytest.approx(100.0, abs=1e-3)


def test_mean_of_unit_faces_normalised() -> None:
    a, b = np.eye(D, dtype=np.float32)[:2]
    assert np.allclose(search_vector(np.stack([a, b])), (a + b) / np.sqrt(2), atol=1e-6)
    # Faces are normalised first: a long vector does not outweigh a short one.
    assert np.allclose(search_vector(np.stack([10 * a, b])), (a + b) / np.sqrt(2), atol=1e-6)
    assert np.isclose(np.linalg.norm(search_vector(np.stack([a, b, -a]))), 1.0)
    with pytest.raises(ValueError):
        search_vector(np.zeros((0, D), dtype=np.float32))


def test_rank_users_order_threshold_limit_exclude() -> None:
    e = np.eye(D, dtype=np.float32)
    query = e[0]
    users = {
        "b": e[[0]],  # cosine 1
        "a": e[[0]],  # tie with b: ascending id first
        "c": np.stack([e[0], e[1]]),  # cosine 0.707
        "d": e[[2]],  # cosine 0
    }
    ranked = rank_users(query, users, threshold=0.0, limit=10)
    assert [m.user_id for m in ranked] == ["a", "b", "c", "d"]
    assert ranked[2].similarity == pytest.approx(float(similarity.similarity_from_cosine(np.sqrt(0.5))), abs=1e-3)
    assert [m.user_id for m in rank_users(query, users, threshold=99.0, limit=10)] == ["a", "b", "c"]
    assert [m.user_id for m in rank_users(query, users, threshold=0.0, limit=2)] == ["a", "b"]
    assert [m.user_id for m in rank_users(query, users, 0.0, 10, exclude="a")] == ["b", "c", "d"]
    assert rank_users(query, {}, 0.0, 10) == []


def test_the_mean_keeps_the_impostor_scale_and_raises_genuine_scores() -> None:
    """Why the calibrated scale still applies: under isotropic noise an unrelated probe's cosine
    with a user's normalised mean spreads like its cosine with one face, while a new photo of the
    person scores higher against the mean of 3 photos than against one photo."""
    rng = np.random.default_rng(0)
    people, probes = 400, 50
    centres = similarity.l2_normalize(rng.standard_normal((people, D)))
    noise = 0.9  # photo-to-photo spread: genuine single-face cosine ~0.45 in 128-d, ~0.57 with the mean of 3

    def photos(n: int) -> np.ndarray:
        return similarity.l2_normalize(
            centres[:, None, :] + noise * rng.standard_normal((people, n, D)) / np.sqrt(D / 1.5)
        )

    enrolled, new_photo = photos(3), photos(1)[:, 0]
    single = enrolled[:, 0]
    user = np.stack([search_vector(p) for p in enrolled])
    strangers = similarity.l2_normalize(rng.standard_normal((probes, D)))

    impostor_single = (strangers @ single.T).ravel()
    impostor_user = (strangers @ user.T).ravel()
    assert impostor_user.std() == pytest.approx(impostor_single.std(), rel=0.05)
    assert abs(impostor_user.mean() - impostor_single.mean()) < 0.01

    genuine_single = np.einsum("pd,pd->p", new_photo, single)
    genuine_user = np.einsum("pd,pd->p", new_photo, user)
    assert genuine_user.mean() > genuine_single.mean() + 0.05
    assert (genuine_user > genuine_single).mean() > 0.9
