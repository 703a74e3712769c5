"""Face similarity: cosine of SFace embeddings mapped to a 0-100 score with a stated meaning.

The score is built so that a threshold means an (estimated) false-match rate, the probability
that two photos of DIFFERENT people score at or above it:

    S = 100 - SCALE * FMR(cos) ** (1 / SHAPE),   clipped to [0, 100]

with FMR(cos) = P(impostor cosine >= cos) modelled as a normal upper tail, Q((cos - MU) / SIGMA).
SCALE and SHAPE put the anchors S=80 at FMR 1e-2 and S=99 at FMR 1e-5 (so S=90 is ~2e-3 and
S=95 ~4e-4). MU and SIGMA were fitted on the tail of ~2 million cross-identity pairs of LFW
View 1 DevTrain images through this service's own detector, alignment and embedder; measured
and extrapolated ranges are stated in docs/similarity.md with the command that reproduces them
(bench/calibrate_similarity.py).
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

# Normal model of the impostor cosine's upper tail (fitted by bench/calibrate_similarity.py).
IMPOSTOR_MU: Final = 0.0804
IMPOSTOR_SIGMA: Final = 0.0899
# (similarity, false-match rate) points the scale passes through.
ANCHOR_LOW: Final = (80.0, 1e-2)
ANCHOR_HIGH: Final = (99.0, 1e-5)
SHAPE: Final = math.log10(ANCHOR_LOW[1] / ANCHOR_HIGH[1]) / math.log10(
    (100.0 - ANCHOR_LOW[0]) / (100.0 - ANCHOR_HIGH[0])
)
SCALE: Final = (100.0 - ANCHOR_LOW[0]) / ANCHOR_LOW[1] ** (1.0 / SHAPE)

_STANDARD_NORMAL: Final = NormalDist()


def l2_normalize(embeddings: ArrayLike) -> NDArray[np.float32]:
    """L2-normalise along the last axis (a zero vector stays zero)."""
    values = np.asarray(embeddings, dtype=np.float32)
    norms = np.linalg.norm(values, axis=-1, keepdims=True)
    return (values / np.maximum(norms, np.float32(1e-12))).astype(np.float32)


def cosine(a: ArrayLike, b: ArrayLike) -> NDArray[np.float32]:
    """Cosine similarity of embeddings, normalising them first.

    a: [D] or [N, D]; b: [D] or [M, D]. Returns a 0-d array, [N], [M] or [N, M] accordingly.
    """
    return np.asarray(l2_normalize(a) @ l2_normalize(b).T, dtype=np.float32)


def estimated_fmr(cos: ArrayLike) -> NDArray[np.float64]:
    """Modelled false-match rate at a cosine threshold: P(impostor cosine >= cos)."""
    z = (np.asarray(cos, dtype=np.float64) - IMPOSTOR_MU) / IMPOSTOR_SIGMA
    # erfc keeps precision far into the tail, where 1 - cdf would round to 0.
    tail = np.vectorize(lambda v: 0.5 * math.erfc(v / math.sqrt(2.0)), otypes=[np.float64])
    return np.asarray(tail(z), dtype=np.float64)


def similarity_from_fmr(fmr: ArrayLike) -> NDArray[np.float32]:
    """Score 0-100 for a false-match rate (monotonic decreasing)."""
    rate = np.clip(np.asarray(fmr, dtype=np.float64), 0.0, 1.0)
    score = 100.0 - SCALE * rate ** (1.0 / SHAPE)
    return np.asarray(np.clip(score, 0.0, 100.0), dtype=np.float32)


def fmr_for_similarity(similarity: ArrayLike) -> NDArray[np.float64]:
    """The modelled false-match rate a similarity threshold stands for."""
    gap = np.clip(100.0 - np.asarray(similarity, dtype=np.float64), 0.0, 100.0)
    return np.asarray(np.minimum((gap / SCALE) ** SHAPE, 1.0), dtype=np.float64)


def similarity_from_cosine(cos: ArrayLike) -> NDArray[np.float32]:
    """Cosine of two embeddings -> similarity 0-100 (monotonic non-decreasing in cos)."""
    return similarity_from_fmr(estimated_fmr(cos))


def cosine_for_similarity(similarity: ArrayLike) -> NDArray[np.float64]:
    """Inverse of similarity_from_cosine: the cosine threshold for a similarity threshold.

    Defined for similarity in (S(-inf), 100); 100 maps to +inf-like (a cosine above 1) and 0 to
    the cosine where the score starts to rise from 0.
    """
    rate = np.clip(fmr_for_similarity(similarity), 1e-300, 1.0 - 1e-16)
    inv = np.vectorize(lambda p: -_STANDARD_NORMAL.inv_cdf(p), otypes=[np.float64])
    return np.asarray(IMPOSTOR_MU + IMPOSTOR_SIGMA * inv(rate), dtype=np.float64)
