"""Cosine and the calibrated 0-100 similarity scale."""

from __future__ import annotations

import numpy as np
import pytest

from services.faces import similarity as S


def test_cosine_normalises_and_broadcasts() -> None:
    a = np.array([3.0, 4.0])
    b = np.array([[6.0, 8.0], [-4.0, 3.0], [0.0, 0.0]])
    assert float(S.cosine(a, a * 10)) == pytest.approx(1.0)
    np.testing.assert_allclose(S.cosine(a, b), [1.0, 0.0, 0.0], atol=1e-6)
    assert S.cosine(b, b).shape == (3, 3)


def test_anchors() -> None:
    assert float(S.similarity_from_fmr(1e-2)) == pytest.approx(80.0, abs=1e-4)
    assert float(S.similarity_from_fmr(1e-5)) == pytest.approx(99.0, abs=1e-4)
    assert float(S.fmr_for_similarity(80)) == pytest.approx(1e-2, rel=1e-6)
    assert float(S.fmr_for_similarity(99)) == pytest.approx(1e-5, rel=1e-6)


def test_published_thresholds_are_pinned() -> None:
    """docs/similarity.md publishes these; a change of constants must update the docs."""
    expected = {80: 0.2895, 90: 0.3388, 95: 0.3813, 99: 0.4638}
    for similarity, cos in expected.items():
        assert float(S.cosine_for_similarity(similarity)) == pytest.approx(cos, abs=1e-4)


def test_monotonic_and_bounded() -> None:
    cos = np.linspace(-1, 1, 2001)
    scores = S.similarity_from_cosine(cos)
    assert scores.dtype == np.float32
    assert np.all(np.diff(scores) >= 0)
    assert scores.min() == 0.0 and scores.max() <= 100.0
    assert scores[0] == 0.0 and scores[-1] > 99.9


def test_inverse_round_trips() -> None:
    for similarity in (1.0, 20.0, 50.0, 80.0, 90.0, 95.0, 99.0, 99.9):
        cos = S.cosine_for_similarity(similarity)
        assert float(S.similarity_from_cosine(cos)) == pytest.approx(similarity, abs=1e-3)


def test_estimated_fmr_is_a_tail_probability() -> None:
    assert float(S.estimated_fmr(S.IMPOSTOR_MU)) == pytest.approx(0.5)
    assert float(S.estimated_fmr(S.IMPOSTOR_MU + 5 * S.IMPOSTOR_SIGMA)) == pytest.approx(2.87e-7, rel=1e-2)
