"""Age/gender chips (dlib-exact sampling), input tensors and decoding."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from services.faces import attributes as A

FIXTURES = Path(__file__).parent / "fixtures"


def pattern_image(height: int, width: int) -> np.ndarray:
    """The deterministic integer image the dlib fixture was made from (high-frequency on purpose:
    any difference in sampling lattice or pyramid phase shows)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    channels = [(x * x * 3 + y * x * 5 + y * y + c * 50) % 256 // 2 + (x // 7 + y // 5) % 2 * 100 for c in range(3)]
    return np.stack(channels, -1).astype(np.uint8)


def test_dlib_pyramid_down_equals_dlib() -> None:
    data = np.load(FIXTURES / "dlib_chips.npz")
    assert np.array_equal(data["pyramid_in"], pattern_image(17, 23))
    np.testing.assert_array_equal(A.dlib_pyramid_down(data["pyramid_in"]), data["pyramid_out"])


@pytest.mark.parametrize("case", ["small", "large"])
@pytest.mark.parametrize("size", [32, 64])
def test_chip_equals_dlib_extract_image_chip(case: str, size: int) -> None:
    """dlib 20.0.1: extract_image_chip(img, get_face_chip_details(shape, size, 0.2)) with dlib's
    own 5 points; 'large' needs 2-3 pyramid levels, both are rotated."""
    data = np.load(FIXTURES / "dlib_chips.npz")
    landmarks = data[f"{case}_landmarks"].astype(np.float64)
    matrix = A.chip_to_image_transform(landmarks, size, template=A.DLIB_TEMPLATE)
    chip = A.extract_chip(pattern_image(300, 400), matrix, size)
    expected = data[f"{case}_chip{size}"]
    difference = np.abs(chip.astype(int) - expected.astype(int))
    assert difference.max() <= 1  # float truncation can flip the last unit
    assert np.count_nonzero(difference) <= 3


def test_chip_geometry_follows_dlib_chip_details() -> None:
    # Template scaled by 100 px and shifted: dlib's frame (padding 0.2) gives 2.1875 image
    # pixels per chip pixel, centre at the template's (0.5, 0.5) -> (100, 110), and an
    # extraction rectangle spanning 64 * 2.1875 - 1 = 139 pixels.
    landmarks = A.YUNET_TEMPLATE * 100 + [50, 60]
    matrix = A.chip_to_image_transform(landmarks, 64)
    np.testing.assert_allclose(matrix @ [0, 0, 1], [30.5, 40.5], atol=1e-6)
    np.testing.assert_allclose(matrix @ [63, 63, 1], [169.5, 179.5], atol=1e-6)
    np.testing.assert_allclose(matrix[:, :2], np.eye(2) * 139 / 63, atol=1e-9)


def test_pyramid_levels_match_dlib_thresholds() -> None:
    # Measured on dlib 20.0.1 for a 64 px chip: spans up to 126 px are read directly, 127 needs
    # one halving, 252.5 two.
    spans = (100, 126, 127, 200, 252, 252.5, 600)
    assert [A.pyramid_levels(s, 64) for s in spans] == [0, 0, 1, 1, 1, 2, 3]


def test_face_off_the_image_is_black_not_an_error() -> None:
    image = np.full((100, 100, 3), 200, np.uint8)
    landmarks = A.YUNET_TEMPLATE * 80 + [-60, -50]  # mostly above-left of the image
    gender, age = A.attribute_chips(image, landmarks)
    assert gender.shape == (32, 32, 3) and age.shape == (64, 64, 3)
    assert age[0, 0].max() == 0 and age[-1, -1].max() == 200
    nowhere = A.YUNET_TEMPLATE * 80 + [5000, 5000]
    assert A.attribute_chips(image, nowhere)[1].max() == 0


def test_attribute_chips_are_rgb() -> None:
    image = np.zeros((200, 200, 3), np.uint8)
    image[..., 0] = 255  # blue in BGR
    gender, age = A.attribute_chips(image, A.YUNET_TEMPLATE * 60 + [70, 70])
    assert gender[16, 16].tolist() == [0, 0, 255] and age[32, 32].tolist() == [0, 0, 255]


def test_prepare_batch_normalises_like_the_manifest() -> None:
    chip = np.zeros((32, 32, 3), np.uint8)
    chip[..., 0], chip[..., 1], chip[..., 2] = 255, 128, 0  # R, G, B
    batch = A.prepare_batch([chip, chip], 32)
    assert batch.shape == (2, 3, 32, 32) and batch.dtype == np.float32
    np.testing.assert_allclose(
        batch[1, :, 5, 5],
        [(255 - 122.781998) / 256, (128 - 117.000999) / 256, (0 - 104.297997) / 256],
        rtol=1e-6,
    )
    assert A.prepare_batch([], 64).shape == (0, 3, 64, 64)
    with pytest.raises(ValueError):
        A.prepare_batch([chip], 64)


def test_attribute_batches_shapes() -> None:
    image = np.zeros((120, 120, 3), np.uint8)
    gender, age = A.attribute_batches(image, np.stack([A.YUNET_TEMPLATE * 50 + 20] * 2))
    assert gender.shape == (2, 3, 32, 32) and age.shape == (2, 3, 64, 64)
    gender, age = A.attribute_batches(image, np.zeros((0, 5, 2)))
    assert gender.shape == (0, 3, 32, 32) and age.shape == (0, 3, 64, 64)


def test_decode_age() -> None:
    probs = np.zeros((4, 81), np.float32)
    probs[0, 30] = 1.0
    probs[1, 0] = 1.0
    probs[2, 20] = probs[2, 40] = 0.5
    probs[3] = 1.0 / 81
    ages = A.decode_age(probs)
    np.testing.assert_allclose(ages.value[:3], [30.0, 0.25, 30.0], atol=1e-5)
    assert ages.low[:3].tolist() == [30, 0, 20] and ages.high[:3].tolist() == [30, 0, 40]
    assert ages.low[3] == 2 and ages.high[3] == 78  # uniform: 2.5th and 97.5th percentile
    assert ages.value.dtype == np.float32 and ages.low.dtype == ages.high.dtype == np.int32
    empty = A.decode_age(np.zeros((0, 81), np.float32))
    assert empty.value.shape == empty.low.shape == (0,) and empty.low.dtype == np.int32


def test_decode_gender() -> None:
    genders = A.decode_gender(np.array([[0.2, 0.8], [0.7, 0.3], [0.5, 0.5]], np.float32))
    assert genders.is_male.tolist() == [True, False, False]
    np.testing.assert_allclose(genders.confidence, [80, 70, 50], atol=1e-4)
    empty = A.decode_gender(np.zeros((0, 2), np.float32))
    assert empty.is_male.shape == (0,) and empty.is_male.dtype == np.bool_
    assert empty.confidence.dtype == np.float32


def test_templates_are_consistent() -> None:
    # YuNet's eye centres sit between dlib's corners of the same eye (image left / right).
    left = A.DLIB_TEMPLATE[[2, 3]].mean(axis=0)
    right = A.DLIB_TEMPLATE[[0, 1]].mean(axis=0)
    assert math.dist(A.YUNET_TEMPLATE[0], left) < 0.03 and math.dist(A.YUNET_TEMPLATE[1], right) < 0.03


def test_single_face_accessors() -> None:
    probs = np.zeros((2, 81), np.float32)
    probs[:, 35] = 1.0
    ages = A.decode_age(probs)
    assert len(ages) == 2 and ages.face(1) == A.AgeEstimate(35.0, 35, 35)
    genders = A.decode_gender(np.array([[0.1, 0.9]], np.float32))
    assert genders.face(0).is_male is True and genders.face(0).confidence == pytest.approx(90, abs=1e-4)


def test_very_large_faces_take_the_bounded_path_and_stay_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_EXACT_PIXELS the crop is area-averaged first; the chip stays within a few grey
    levels of dlib's own (exact) result."""
    yy, xx = np.mgrid[0:700, 0:700].astype(np.float64)
    smooth = 127 + 60 * np.sin(xx / 23.0) * np.cos(yy / 31.0) + 40 * np.sin((xx + yy) / 47.0)
    image = np.repeat(smooth[..., None], 3, axis=2).astype(np.uint8)
    landmarks = A.YUNET_TEMPLATE * 420 + [130, 120]
    exact = A.attribute_chips(image, landmarks)
    monkeypatch.setattr(A, "MAX_EXACT_PIXELS", 1)
    bounded = A.attribute_chips(image, landmarks)
    for fast, reference in zip(bounded, exact, strict=True):
        difference = np.abs(fast.astype(int) - reference.astype(int))
        assert difference.mean() < 1.0 and difference.max() <= 6
