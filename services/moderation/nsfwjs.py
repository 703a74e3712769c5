"""nsfwjs MobileNetV2 "mid" (MIT, on by default): five mutually exclusive classes per image.

Converted once from npm nsfwjs@4.4.0 by model_repository/convert/nsfwjs_mobilenet_v2.py. The
graph takes UINT8 RGB [N, 224, 224, 3] (it divides by 255 itself) and returns the softmax over
Drawing, Hentai, Neutral, Porn, Sexy. Pre-processing, as the package does it, is in
nsfwjs_input.py. Which class feeds which label is data (taxonomy.json), not code.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

from services.common.triton import ModelSpec, TensorSpec
from services.moderation.nsfwjs_input import SIZE, preprocess

__all__ = [
    "CLASSES",
    "INPUT_NAME",
    "OUTPUT_NAME",
    "SPEC",
    "TAXONOMY_MODEL",
    "TRITON_MODEL",
    "postprocess",
    "preprocess",
]

TRITON_MODEL: Final = "moderation_nsfwjs"
TAXONOMY_MODEL: Final = "nsfwjs_mobilenet_v2_mid"  # the model name taxonomy.json uses
INPUT_NAME: Final = "image"
OUTPUT_NAME: Final = "probabilities"
CLASSES: Final = ("Drawing", "Hentai", "Neutral", "Porn", "Sexy")  # nsfwjs's nsfw_classes.js, in order
SPEC: Final = ModelSpec(
    TRITON_MODEL,
    inputs={INPUT_NAME: TensorSpec("UINT8", (-1, SIZE, SIZE, 3))},
    outputs={OUTPUT_NAME: TensorSpec("FP32", (-1, len(CLASSES)))},
)


def postprocess(probabilities: NDArray[np.float32]) -> dict[str, float]:
    """One image's softmax row -> {class name: probability in [0, 1]} for all five classes."""
    if probabilities.shape != (len(CLASSES),):
        raise ValueError(f"nsfwjs output must have shape ({len(CLASSES)},), got {probabilities.shape}")
    return {name: float(p) for name, p in zip(CLASSES, probabilities, strict=True)}
