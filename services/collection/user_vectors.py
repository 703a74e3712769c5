"""A user's search vector and user ranking: the maths, with no store or API types.

A user's search vector is the **normalised mean** of its faces' unit embeddings. Why the mean and
not the best single face:

* A genuine probe: each photo of a person is the person's "centre" plus photo-specific noise
  (pose, light, expression). Averaging k photos cancels part of that noise, so a new photo's
  cosine with the mean is higher than its typical cosine with any one photo — a person enrolled
  from several photos is found where each photo alone falls below the threshold.
* An impostor probe: the mean, once normalised, is just another unit vector in face space. Under
  the isotropic model the calibration rests on, an unrelated probe's cosine with any fixed unit
  vector has the same distribution, so the calibrated scale (fitted on single face pairs,
  services/faces/similarity.py) keeps its meaning: a threshold of 80 stands for ~1e-2 false
  matches per compared user, 99 for ~1e-5, exactly as for faces. Best-of-k would instead give an
  impostor k chances, multiplying the false-match rate by up to k.

The isotropy holds only roughly for real embeddings; bench/users_lfw.py measures the strangers'
false-match rate at 80 and 99 for users of 1 and of 2–3 faces (docs/collections.md, "Users").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from services.faces import similarity


@dataclass(frozen=True)
class UserScore:
    user_id: str
    similarity: float  # calibrated 0–100


def search_vector(embeddings: NDArray[np.float32]) -> NDArray[np.float32]:
    """The normalised mean of a user's face embeddings [n, D] (n >= 1), as a unit vector [D]."""
    faces = similarity.l2_normalize(np.asarray(embeddings, dtype=np.float32).reshape(len(embeddings), -1))
    if len(faces) == 0:
        raise ValueError("a user without faces has no search vector")
    return similarity.l2_normalize(faces.mean(axis=0))


def search_vectors(groups: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
    """``search_vector`` of every group of faces [n_i, D] at once (n_i >= 1): [len(groups), D].
    One pass over all faces instead of a loop per user (10k users: milliseconds)."""
    counts = np.fromiter((len(g) for g in groups), dtype=np.int64, count=len(groups))
    faces = similarity.l2_normalize(np.concatenate(groups).astype(np.float32, copy=False))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return similarity.l2_normalize(np.add.reduceat(faces, starts, axis=0))


def similarity_to(query: NDArray[np.float32], vector: NDArray[np.float32]) -> float:
    """Calibrated similarity between one face embedding and a search vector."""
    cos = float(similarity.l2_normalize(query).reshape(-1) @ similarity.l2_normalize(vector).reshape(-1))
    return float(similarity.similarity_from_cosine(cos))


def rank_users(
    query: NDArray[np.float32],
    users: Mapping[str, NDArray[np.float32]],
    threshold: float,
    limit: int,
    exclude: str = "",
) -> list[UserScore]:
    """Users (id -> face embeddings) scoring >= threshold against ``query``, best first (ties by
    user id), at most ``limit``; ``exclude`` is left out (a user searching for others)."""
    ids = [u for u in users if u != exclude and len(users[u])]
    if not ids:
        return []
    cosines = search_vectors([users[u] for u in ids]) @ similarity.l2_normalize(query).reshape(-1)
    scores = similarity.similarity_from_cosine(cosines)
    ranked = sorted(
        (UserScore(u, float(s)) for u, s in zip(ids, scores, strict=True) if float(s) >= threshold),
        key=lambda m: (-m.similarity, m.user_id),
    )
    return ranked[:limit]
