"""ImageNet-1k MobileNetV2 (torchvision weights, exported by model_repository/convert/).

Pre-process: torchvision's evaluation transform — shorter side to 256, centre crop 224 — on
RGB pixels, sent as UINT8 NCHW (the graph normalises with ImageNet mean/std itself).
The graph ends in a softmax: the output is probabilities over the 1000 classes.
"""

from __future__ import annotations

from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

INPUT_NAME: Final = "image"
OUTPUT_NAME: Final = "probs"
CROP: Final = 224
RESIZE: Final = 256
CLASSES: Final = 1000


def preprocess(image_bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """[3, 224, 224] UINT8 RGB: resize so the shorter side is 256, then take the centre 224x224."""
    height, width = image_bgr.shape[:2]
    scale = RESIZE / min(height, width)
    new_w, new_h = max(CROP, round(width * scale)), max(CROP, round(height * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(image_bgr, (new_w, new_h), interpolation=interpolation)
    top, left = (new_h - CROP) // 2, (new_w - CROP) // 2
    crop = resized[top : top + CROP, left : left + CROP, ::-1]  # BGR → RGB
    return np.ascontiguousarray(crop.transpose(2, 0, 1))


def preprocess_crop(crop_bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """[3, 224, 224] UINT8 RGB of a detection's crop, stretched whole (no centre crop, so the
    object is not cut)."""
    height, width = crop_bgr.shape[:2]
    interpolation = cv2.INTER_AREA if min(height, width) > CROP else cv2.INTER_LINEAR
    resized = cv2.resize(crop_bgr, (CROP, CROP), interpolation=interpolation)
    return np.ascontiguousarray(resized[:, :, ::-1].transpose(2, 0, 1))


def top_classes(probs: NDArray[np.float32], min_probability: float) -> list[tuple[int, float]]:
    """(class index, probability) of every class at or above ``min_probability``, best first."""
    order = np.argsort(-probs, kind="stable")
    return [(int(i), float(probs[i])) for i in order if probs[i] >= min_probability]
