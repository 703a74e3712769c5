"""Whole-image properties: brightness, sharpness, contrast and dominant colours (OpenCV).

brightness: mean luma (BT.601, cv2's BGR→GRAY) scaled 0–100.
contrast: standard deviation of the luma / 127.5, scaled 0–100 (clipped).
sharpness: variance v of the 3x3 Laplacian of the grey image resized to 512 px on its longer
    side, as 100 * v / (v + SHARPNESS_HALF) — the face service's squashing (same constant).
dominant colours: k-means (k = 8, k-means++ seeding, fixed RNG seed, so repeatable) on the
    RGB pixels of the image shrunk to at most 128 px a side; clusters whose centres lie
    within MERGE_DISTANCE of a larger one are merged into it, clusters under 1 % of the pixels
    are dropped; the rest are reported largest first, at most 10.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

SHARPNESS_HALF: Final = 50.0
SHARPNESS_SIDE: Final = 512
COLOR_SIDE: Final = 128
CLUSTERS: Final = 8
MERGE_DISTANCE: Final = 30.0  # Euclidean distance in RGB 0–255
MIN_SHARE: Final = 0.01
MAX_COLORS: Final = 10


@dataclass(frozen=True)
class DominantColor:
    rgb: tuple[int, int, int]
    share: float  # 0–1
    name: str

    @property
    def hex_code(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


@dataclass(frozen=True)
class ImageProperties:
    brightness: float
    sharpness: float
    contrast: float
    colors: list[DominantColor]


def _shrink(image: NDArray[np.uint8], side: int) -> NDArray[np.uint8]:
    height, width = image.shape[:2]
    scale = side / max(height, width)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def simple_color_name(rgb: tuple[int, int, int]) -> str:
    """Nearest simple name by hue, saturation and value (rules in this function)."""
    h, s, v = colorsys.rgb_to_hsv(*(c / 255.0 for c in rgb))
    hue = h * 360.0
    if v < 0.18:
        return "black"
    if s < 0.2:
        return "white" if v > 0.85 else "gray"
    if (hue < 45 or hue >= 345) and v < 0.65:
        return "brown"
    if hue < 15 or hue >= 345:
        return "pink" if s < 0.5 and v > 0.7 else "red"
    if hue < 45:
        return "orange"
    if hue < 70:
        return "yellow"
    if hue < 165:
        return "green"
    if hue < 200:
        return "cyan"
    if hue < 260:
        return "blue"
    if hue < 300:
        return "purple"
    return "pink"


def dominant_colors(image_bgr: NDArray[np.uint8]) -> list[DominantColor]:
    pixels = _shrink(image_bgr, COLOR_SIDE)[:, :, ::-1].reshape(-1, 3).astype(np.float32)
    k = min(CLUSTERS, len(np.unique(pixels, axis=0)))
    cv2.setRNGSeed(12345)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    _, assigned, centres = cv2.kmeans(pixels, k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)  # type: ignore[call-overload]
    counts = np.bincount(np.asarray(assigned).ravel(), minlength=k).astype(np.float64)
    order = list(np.argsort(-counts, kind="stable"))
    merged: list[tuple[NDArray[np.float64], float]] = []  # (weighted centre sum, count)
    for i in order:
        if counts[i] == 0:
            continue
        centre = centres[i].astype(np.float64)
        for j, (total, count) in enumerate(merged):
            if np.linalg.norm(total / count - centre) < MERGE_DISTANCE:
                merged[j] = (total + centre * counts[i], count + counts[i])
                break
        else:
            merged.append((centre * counts[i], float(counts[i])))
    size = float(len(pixels))
    colors = []
    for total, count in sorted(merged, key=lambda m: -m[1]):
        if count / size < MIN_SHARE:
            continue
        r, g, b = (round(float(v)) for v in np.clip(total / count, 0, 255))
        colors.append(DominantColor((r, g, b), count / size, simple_color_name((r, g, b))))
    return colors[:MAX_COLORS]


def image_properties(image_bgr: NDArray[np.uint8]) -> ImageProperties:
    grey = np.asarray(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    brightness = float(grey.mean()) * 100.0 / 255.0
    contrast = min(100.0, float(grey.std()) * 100.0 / 127.5)
    variance = float(cv2.Laplacian(_shrink(grey, SHARPNESS_SIDE), cv2.CV_64F).var())
    sharpness = 100.0 * variance / (variance + SHARPNESS_HALF)
    return ImageProperties(brightness, sharpness, contrast, dominant_colors(image_bgr))
