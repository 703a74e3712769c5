"""CenterNet output decoding: score floor, same-class NMS, ratio boxes, confidence mapping."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from services.labels import detector


def rows(*items: tuple[float, float, float, float, float, int]) -> np.ndarray:
    out = np.zeros((detector.TOP_K, 6), np.float32)
    for i, item in enumerate(items):
        out[i] = item
    return out


def test_decode_drops_low_scores_and_maps_boxes_to_ratios() -> None:
    found = detector.decode(rows((128, 0, 384, 256, 0.9, 16), (0, 0, 10, 10, 0.05, 1)), min_score=0.1, nms_iou=0.5)
    assert len(found) == 1
    assert found[0].class_index == 16
    assert found[0].box == pytest.approx((0.25, 0.0, 0.5, 0.5))
    assert found[0].confidence == pytest.approx(100 * np.sqrt(0.9))


def test_same_class_duplicates_merge_other_classes_do_not() -> None:
    found = detector.decode(
        rows(
            (0, 0, 200, 200, 0.8, 0), (5, 5, 205, 205, 0.6, 0), (5, 5, 205, 205, 0.5, 15), (300, 300, 400, 400, 0.4, 0)
        ),
        min_score=0.1,
        nms_iou=0.5,
    )
    assert [(d.class_index, round(d.score, 1)) for d in found] == [(0, 0.8), (15, 0.5), (0, 0.4)]


def test_confidence_mapping_is_monotone_and_bounded() -> None:
    scores = np.linspace(0, 1, 101)
    confidences = [detector.score_to_confidence(float(s)) for s in scores]
    assert confidences[0] == 0 and confidences[-1] == 100
    assert all(a <= b for a, b in itertools.pairwise(confidences))
    assert detector.score_to_confidence(0.25) == pytest.approx(50)


def test_preprocess_stretches_to_512_rgb() -> None:
    image = np.zeros((100, 300, 3), np.uint8)
    image[:, :, 0] = 255  # blue in BGR
    tensor = detector.preprocess(image)
    assert tensor.shape == (512, 512, 3) and tensor.dtype == np.uint8
    assert tensor[..., 2].min() == 255 and tensor[..., 0].max() == 0  # now RGB: blue last
