"""Brightness and sharpness scores."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from services.faces import quality
from services.faces.alignment import align_face


def textured_chip(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.integers(0, 256, (28, 28, 3), dtype=np.uint8)
    return np.asarray(cv2.resize(noise, (112, 112), interpolation=cv2.INTER_LINEAR), np.uint8)


def test_blurred_chip_is_less_sharp() -> None:
    chip = textured_chip()
    blurred = [np.asarray(cv2.GaussianBlur(chip, (0, 0), sigma), np.uint8) for sigma in (1.0, 2.0, 4.0)]
    scores = [quality.sharpness(c) for c in [chip, *blurred]]
    assert all(a > b for a, b in itertools.pairwise(scores))
    assert 0 <= scores[-1] < scores[0] <= 100


def test_flat_chip_has_zero_sharpness() -> None:
    assert quality.sharpness(np.full((112, 112, 3), 128, np.uint8)) == 0.0


def test_sharpness_squash() -> None:
    assert quality.sharpness_from_variance(0) == 0
    assert quality.sharpness_from_variance(quality.SHARPNESS_HALF) == pytest.approx(50)
    assert quality.sharpness_from_variance(1e9) == pytest.approx(100, abs=1e-3)
    values = [quality.sharpness_from_variance(v) for v in (1, 10, 100, 1000)]
    assert values == sorted(values)


def test_brighter_is_brighter() -> None:
    dark = np.full((50, 50, 3), 40, np.uint8)
    light = np.full((50, 50, 3), 200, np.uint8)
    assert quality.brightness(light) > quality.brightness(dark)
    assert quality.brightness(np.full((5, 5, 3), 255, np.uint8)) == pytest.approx(100)
    assert quality.brightness(np.zeros((5, 5, 3), np.uint8)) == 0


def test_brightness_of_a_box_clips_to_the_image() -> None:
    image = np.zeros((100, 100, 3), np.uint8)
    image[:50] = 255
    assert quality.brightness(image, np.array([10, 0, 20, 50])) == pytest.approx(100)
    assert quality.brightness(image, np.array([10, -50, 20, 100])) == pytest.approx(100)
    assert quality.brightness(image, np.array([0, 25, 100, 50])) == pytest.approx(50)
    assert quality.brightness(image, np.array([200, 200, 10, 10])) == 0.0


def test_face_quality_combines_box_brightness_and_chip_sharpness() -> None:
    image = np.full((200, 200, 3), 20, np.uint8)
    image[40:160, 40:160] = cv2.resize(textured_chip(1), (120, 120))
    landmarks = np.array([[80, 90], [120, 90], [100, 110], [84, 130], [116, 130]], np.float32)
    result = quality.face_quality(image, np.array([40, 40, 120, 120]), align_face(image, landmarks))
    assert isinstance(result, quality.FaceQuality)
    assert result.brightness > quality.brightness(image) and 0 < result.sharpness <= 100
