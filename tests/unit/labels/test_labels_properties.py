"""Image properties on synthetic images whose answers are known."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from services.labels import classifier
from services.labels.properties import dominant_colors, image_properties, simple_color_name


def bgr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return rgb[2], rgb[1], rgb[0]


def test_flat_images_brightness_contrast_sharpness() -> None:
    white = np.full((100, 100, 3), 255, np.uint8)
    black = np.zeros((100, 100, 3), np.uint8)
    assert image_properties(white).brightness == pytest.approx(100)
    assert image_properties(black).brightness == pytest.approx(0)
    assert image_properties(white).contrast == pytest.approx(0)
    assert image_properties(white).sharpness == pytest.approx(0)
    half = black.copy()
    half[:, 50:] = 255
    assert image_properties(half).contrast == pytest.approx(100, abs=0.5)


def test_sharp_checkerboard_is_sharper_than_its_blur() -> None:
    board = (np.indices((256, 256)).sum(axis=0) // 8 % 2 * 255).astype(np.uint8)
    board = cv2.cvtColor(board, cv2.COLOR_GRAY2BGR)
    blurred = cv2.GaussianBlur(board, (0, 0), 4)
    assert image_properties(board).sharpness > image_properties(blurred).sharpness + 20


def test_dominant_colors_of_known_blocks() -> None:
    image = np.zeros((200, 200, 3), np.uint8)
    image[:, :100] = bgr((220, 20, 20))  # 50 % red
    image[:, 100:160] = bgr((20, 40, 200))  # 30 % blue
    image[:, 160:] = bgr((250, 250, 250))  # 20 % white
    colors = dominant_colors(image)
    assert [c.name for c in colors] == ["red", "blue", "white"]
    assert [round(c.share, 2) for c in colors] == pytest.approx([0.5, 0.3, 0.2], abs=0.02)
    assert colors[0].hex_code == "#dc1414"


@pytest.mark.parametrize(
    ("rgb", "name"),
    [
        ((0, 0, 0), "black"), ((255, 255, 255), "white"), ((128, 128, 128), "gray"), ((230, 30, 30), "red"),
        ((250, 150, 20), "orange"), ((240, 230, 30), "yellow"), ((30, 200, 40), "green"), ((20, 210, 220), "cyan"),
        ((30, 60, 220), "blue"), ((140, 40, 200), "purple"), ((250, 120, 200), "pink"), ((120, 70, 30), "brown"),
    ],
)  # fmt: skip
def test_simple_color_names(rgb: tuple[int, int, int], name: str) -> None:
    assert simple_color_name(rgb) == name


def test_classifier_preprocess_centre_crops_rgb() -> None:
    image = np.zeros((300, 600, 3), np.uint8)
    image[:, 250:350] = bgr((255, 0, 0))  # a red vertical band in the middle
    tensor = classifier.preprocess(image)
    assert tensor.shape == (3, 224, 224) and tensor.dtype == np.uint8
    assert tensor[0, 112, 112] == 255 and tensor[2, 112, 112] == 0  # channel 0 is red
    assert tensor[0, 112, 0] == 0  # the crop's left edge is outside the band
