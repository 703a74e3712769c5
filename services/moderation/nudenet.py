"""NudeNet 3.4.2 320n detector (optional, AGPL-3.0): body-part detections -> per-class scores.

The network is a YOLOv8n detector with 18 classes. Pre-processing follows nudenet.py in the
wheel: pad the image bottom/right with black to a square, resize to 320x320, RGB, 0-1, NCHW.
One deliberate difference: for 3-channel images nudenet.py swaps channels twice (cvtColor
RGBA2BGR on a BGR image, then blobFromImage swapRB) and so feeds BGR; Ultralytics models are
trained on RGB, which is what is fed here. Scores differ by a few hundredths (docs/moderation.md).
Its output [22, anchors] holds per anchor a box (cx, cy, w, h) and 18 class scores.

The moderation labels are per image, so each class's score is the highest score among the
anchors whose best class it is. That equals the top detection of that class after NudeNet's own
post-processing (argmax class per anchor, then NMS: NMS never removes a class's top box), without
decoding boxes. Classes taxonomy.json does not map (faces, feet, armpits, covered belly) are
computed and ignored.
"""

from __future__ import annotations

from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

from services.common.triton import ModelSpec, TensorSpec

TRITON_MODEL: Final = "moderation_nudenet"
TAXONOMY_MODEL: Final = "nudenet_320n"
INPUT_NAME: Final = "images"
OUTPUT_NAME: Final = "output0"
SIZE: Final = 320
BOX_ROWS: Final = 4
CLASSES: Final = (
    "FEMALE_GENITALIA_COVERED",
    "FACE_FEMALE",
    "BUTTOCKS_EXPOSED",
    "FEMALE_BREAST_EXPOSED",
    "FEMALE_GENITALIA_EXPOSED",
    "MALE_BREAST_EXPOSED",
    "ANUS_EXPOSED",
    "FEET_EXPOSED",
    "BELLY_COVERED",
    "FEET_COVERED",
    "ARMPITS_COVERED",
    "ARMPITS_EXPOSED",
    "FACE_MALE",
    "BELLY_EXPOSED",
    "MALE_GENITALIA_EXPOSED",
    "ANUS_COVERED",
    "FEMALE_BREAST_COVERED",
    "BUTTOCKS_COVERED",
)
SPEC: Final = ModelSpec(
    TRITON_MODEL,
    inputs={INPUT_NAME: TensorSpec("FP32", (-1, 3, -1, -1))},
    outputs={OUTPUT_NAME: TensorSpec("FP32", (-1, BOX_ROWS + len(CLASSES), -1))},
)
LICENCE_NOTICE: Final = (
    "NudeNet 320n (nudenet==3.4.2) is ENABLED: its weights are licensed AGPL-3.0 (the wheel's LICENSE "
    "and the model's metadata; the package metadata says MIT). Offering this service over a network "
    "with it enabled may oblige you to offer the corresponding source under the AGPL. "
    "Unset FACET_MODERATION_NUDENET and rebuild the model repository to turn it off."
)


def preprocess(bgr: NDArray[np.uint8]) -> NDArray[np.float32]:
    """[3, 320, 320] float32 RGB in [0, 1] from an oriented BGR image (padded, not cropped)."""
    height, width = bgr.shape[:2]
    side = max(height, width)
    square = cv2.copyMakeBorder(bgr, 0, side - height, 0, side - width, cv2.BORDER_CONSTANT, value=(0, 0, 0))
    resized = cv2.resize(square, (SIZE, SIZE), interpolation=cv2.INTER_LINEAR)
    rgb = resized[:, :, ::-1].astype(np.float32) / np.float32(255.0)
    return np.ascontiguousarray(rgb.transpose(2, 0, 1))


def postprocess(output: NDArray[np.float32]) -> dict[str, float]:
    """One image's output [22, anchors] -> {class name: score in [0, 1]} for all 18 classes."""
    if output.ndim != 2 or output.shape[0] != BOX_ROWS + len(CLASSES):
        raise ValueError(f"NudeNet output must have shape (22, anchors), got {output.shape}")
    class_scores = output[BOX_ROWS:]
    if class_scores.shape[1] == 0:
        return dict.fromkeys(CLASSES, 0.0)
    best = class_scores.argmax(axis=0)
    top = class_scores[best, np.arange(class_scores.shape[1])]
    result = {}
    for index, name in enumerate(CLASSES):
        mine = top[best == index]
        result[name] = float(mine.max()) if mine.size else 0.0
    return result
