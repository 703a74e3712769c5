"""Face image quality: brightness and sharpness, each 0-100 (higher = brighter / sharper).

brightness: mean luma (BT.601, as cv2's BGR->GRAY) of the face box, clipped to the image,
    scaled from 0-255 to 0-100.
sharpness: variance of the Laplacian of the 112x112 aligned chip's grey image (the chip makes
    it independent of the face's size in pixels), squashed to 0-100 as
    100 * v / (v + SHARPNESS_HALF). SHARPNESS_HALF = 50 puts the score at 50 for a variance
    of 50: measured on 199 LFW/CompreFace faces, sharp faces have a median variance of ~145
    (score ~74), and the same faces blurred by a Gaussian of sigma 1 / 2 / 4 chip pixels
    ~51 / ~17 / ~6 (scores ~50 / ~25 / ~10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

SHARPNESS_HALF: Final = 50.0


@dataclass(frozen=True)
class FaceQuality:
    """Brightness and sharpness of one face, each 0-100."""

    brightness: float
    sharpness: float


def _grey(image_bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    if image_bgr.ndim == 2:
        return image_bgr
    return np.asarray(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


def brightness(image_bgr: NDArray[np.uint8], box: NDArray[np.floating] | None = None) -> float:
    """Mean luma 0-100 of ``box`` (x, y, width, height in pixels; None = whole image)."""
    region = image_bgr
    if box is not None:
        height, width = image_bgr.shape[:2]
        x, y, w, h = (float(v) for v in box)
        x0, y0 = max(0, int(np.floor(x))), max(0, int(np.floor(y)))
        x1, y1 = min(width, int(np.ceil(x + w))), min(height, int(np.ceil(y + h)))
        if x1 <= x0 or y1 <= y0:
            return 0.0
        region = image_bgr[y0:y1, x0:x1]  # crop first: only the face is converted
    return float(_grey(np.ascontiguousarray(region)).mean()) * 100.0 / 255.0


def laplacian_variance(chip_bgr: NDArray[np.uint8]) -> float:
    """Variance of the 3x3 Laplacian of the chip's grey image."""
    return float(cv2.Laplacian(_grey(chip_bgr), cv2.CV_64F).var())


def sharpness_from_variance(variance: float) -> float:
    """Squash a Laplacian variance (>= 0) to 0-100, monotonic increasing."""
    v = max(0.0, float(variance))
    return 100.0 * v / (v + SHARPNESS_HALF)


def sharpness(chip_bgr: NDArray[np.uint8]) -> float:
    """Sharpness 0-100 of an aligned 112x112 chip (see module doc)."""
    return sharpness_from_variance(laplacian_variance(chip_bgr))


def face_quality(image_bgr: NDArray[np.uint8], box: NDArray[np.floating], chip_bgr: NDArray[np.uint8]) -> FaceQuality:
    """Quality of one detected face: brightness of its box, sharpness of its aligned chip (the same
    112x112 chip the embedder reads, aligned once: services/faces/alignment.py)."""
    return FaceQuality(brightness=brightness(image_bgr, box), sharpness=sharpness(chip_bgr))
