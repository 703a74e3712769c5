"""DB text detection: input preparation and post-processing (binarise, contours, unclip).

The network (PP-OCRv6 small, model `text_detector`) maps a BGR image whose sides are
multiples of 32 to a text-probability map of the same size. Post-processing follows
PaddleOCR's DBPostProcess with RapidOCR 3.10's defaults: pixels above 0.3 are text, a 2x2
dilation joins broken strokes, each contour's minimum-area rectangle is kept when its mean
probability is at least 0.5, then grown by the DB "unclip" offset (area x 1.6 / perimeter,
with pyclipper) because the network is trained to predict shrunken text kernels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pyclipper

INPUT_NAME = "x"
OUTPUT_NAME = "fetch_name_0"
# The detector sees the image with its short side scaled to 736 px (RapidOCR's default), but
# enlarged at most 2x (small images are usually small because their text is large, and
# detection time grows with the pixel count) and never with a long side above 2000 px
# (RapidOCR's max_side_len): a long thin banner would otherwise become a huge input.
TARGET_SHORT_SIDE = 736
MAX_UPSCALE = 2.0
MAX_LONG_SIDE = 2000
STRIDE = 32
UNCLIP_RATIO = 1.6
MIN_SIDE = 3.0  # px in the probability map; smaller regions are noise
MAX_CANDIDATES = 1000


@dataclass(frozen=True)
class DetectorInput:
    tensor: np.ndarray  # [3, H, W] UINT8 BGR
    scale_x: float  # original px per network px
    scale_y: float


def prepare(bgr: np.ndarray) -> DetectorInput:
    h, w = bgr.shape[:2]
    scale = min(MAX_UPSCALE, TARGET_SHORT_SIDE / min(h, w)) if min(h, w) < TARGET_SHORT_SIDE else 1.0
    scale = min(scale, MAX_LONG_SIDE / max(h, w))
    net_h = max(STRIDE, round(h * scale / STRIDE) * STRIDE)
    net_w = max(STRIDE, round(w * scale / STRIDE) * STRIDE)
    resized = cv2.resize(bgr, (net_w, net_h), interpolation=cv2.INTER_LINEAR)
    return DetectorInput(np.ascontiguousarray(resized.transpose(2, 0, 1)), w / net_w, h / net_h)


@dataclass(frozen=True)
class TextRegion:
    """A text region the detector found (not a request's region of interest: layout.RegionOfInterest)."""

    quad: np.ndarray  # [4, 2] float32 original px: top-left, top-right, bottom-right, bottom-left (image order)
    score: float  # mean text probability inside the kernel, 0–1


def _mini_box(points: np.ndarray) -> tuple[np.ndarray, float]:
    """Minimum-area rectangle as [tl, tr, br, bl] (image order) and its shorter side."""
    rect = cv2.minAreaRect(points.astype(np.float32))
    box = order_quad(cv2.boxPoints(rect))
    return box, float(min(rect[1]))


def order_quad(points: np.ndarray) -> np.ndarray:
    """Order 4 corners clockwise starting at the top-left (smallest x+y wins ties)."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates (y down), starting near -180°
    start = int(np.argmin(pts[:, 0] + pts[:, 1]))
    return np.roll(pts, -start, axis=0)


def _mean_score(prob: np.ndarray, box: np.ndarray) -> float:
    h, w = prob.shape
    x0 = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    x1 = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    y0 = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    y1 = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    cv2.fillPoly(mask, [(box - [x0, y0]).astype(np.int32)], 1)
    return float(cv2.mean(prob[y0 : y1 + 1, x0 : x1 + 1], mask)[0])


def unclip(box: np.ndarray, ratio: float = UNCLIP_RATIO) -> np.ndarray | None:
    """Grow a polygon by area x ratio / perimeter (DB's inverse of its training shrink)."""
    area = cv2.contourArea(box.astype(np.float32))
    length = cv2.arcLength(box.astype(np.float32), True)
    if length <= 0:
        return None
    offset = pyclipper.PyclipperOffset()
    offset.AddPath([tuple(p) for p in box.tolist()], pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    expanded = offset.Execute(area * ratio / length)
    if len(expanded) != 1:
        return None
    return np.asarray(expanded[0], dtype=np.float32)


def regions(
    prob: np.ndarray,
    source: DetectorInput,
    image_size: tuple[int, int],
    *,
    pixel_threshold: float = 0.3,
    box_threshold: float = 0.5,
) -> list[TextRegion]:
    """Text regions from the probability map ``prob`` [H, W] in original-image pixels."""
    width, height = image_size
    mask = cv2.dilate((prob > pixel_threshold).astype(np.uint8), np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found: list[TextRegion] = []
    for contour in contours[:MAX_CANDIDATES]:
        box, short = _mini_box(contour.reshape(-1, 2))
        if short < MIN_SIDE:
            continue
        score = _mean_score(prob, box)
        if score < box_threshold:
            continue
        grown = unclip(box)
        if grown is None:
            continue
        box, short = _mini_box(grown)
        if short < MIN_SIDE + 2:
            continue
        quad = box * np.array([source.scale_x, source.scale_y], dtype=np.float32)
        quad[:, 0] = np.clip(quad[:, 0], 0, width)
        quad[:, 1] = np.clip(quad[:, 1], 0, height)
        if np.linalg.norm(quad[0] - quad[1]) <= 3 or np.linalg.norm(quad[0] - quad[3]) <= 3:
            continue
        found.append(TextRegion(quad, score))
    return found
