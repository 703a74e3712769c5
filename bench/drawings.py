"""Drawings rendered here, for measuring the "Illustrated" content type without shipping art.

Two kinds: non-photorealistic renderings of benign photos (OpenCV's pencil sketch, its
stylization filter, and a classic cartoon filter: edge mask over a posterised bilateral
smoothing), and flat clip-art drawn from primitives (sky, ground, a house, a sun, a smiling
figure, random colours and placement). No real drawings or clip-art exist in any package
reachable here, so these stand in for them; docs/moderation.md says so next to the figures.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

Image = np.ndarray  # H x W x 3 uint8 BGR (OpenCV's stubs type results loosely)


def pencil_grey(bgr: Image) -> Image:
    grey, _ = cv2.pencilSketch(bgr, sigma_s=60, sigma_r=0.07, shade_factor=0.05)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


def pencil_colour(bgr: Image) -> Image:
    return cv2.pencilSketch(bgr, sigma_s=60, sigma_r=0.07, shade_factor=0.05)[1]


def stylized(bgr: Image) -> Image:
    return cv2.stylization(bgr, sigma_s=60, sigma_r=0.45)


def cartoon(bgr: Image) -> Image:
    grey = cv2.medianBlur(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), 7)
    edges = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 9, 5)
    colour = bgr
    for _ in range(4):
        colour = cv2.bilateralFilter(colour, 9, 60, 60)
    colour = (colour // 48) * 48 + 24
    return cv2.bitwise_and(colour, colour, mask=edges)


RENDERINGS: dict[str, Callable[[Image], Image]] = {
    "pencil sketch (grey)": pencil_grey,
    "pencil sketch (colour)": pencil_colour,
    "stylization (painting)": stylized,
    "cartoon filter": cartoon,
}


def clip_art(seed: int) -> Image:
    """A flat, outlined clip-art scene: sky, ground, house, sun and a smiling stick figure."""
    rng = np.random.default_rng(seed)

    def colour() -> tuple[int, int, int]:
        return tuple(int(c) for c in rng.integers(30, 256, 3))  # type: ignore[return-value]

    img = np.full((360, 480, 3), colour(), np.uint8)
    ink = (0, 0, 0)
    horizon = int(rng.integers(220, 300))
    cv2.rectangle(img, (0, horizon), (480, 360), colour(), -1)
    sun = (int(rng.integers(300, 450)), int(rng.integers(40, 100)))
    cv2.circle(img, sun, 35, colour(), -1)
    cv2.circle(img, sun, 35, ink, 3)
    x = int(rng.integers(30, 200))
    cv2.rectangle(img, (x, horizon - 100), (x + 130, horizon + 10), colour(), -1)
    cv2.rectangle(img, (x, horizon - 100), (x + 130, horizon + 10), ink, 3)
    roof = np.array([[x - 15, horizon - 100], [x + 65, horizon - 170], [x + 145, horizon - 100]], np.int32)
    cv2.fillPoly(img, [roof], colour())
    cv2.polylines(img, [roof], True, ink, 3)
    cx, cy = int(rng.integers(300, 430)), horizon - 60
    cv2.circle(img, (cx, cy), 28, colour(), -1)
    cv2.circle(img, (cx, cy), 28, ink, 3)
    for dx in (-10, 10):
        cv2.circle(img, (cx + dx, cy - 6), 4, ink, -1)
    cv2.ellipse(img, (cx, cy + 6), (12, 8), 0, 0, 180, ink, 3)
    cv2.line(img, (cx, cy + 28), (cx, cy + 80), ink, 4)
    cv2.line(img, (cx - 30, cy + 45), (cx + 30, cy + 45), ink, 4)
    return img
