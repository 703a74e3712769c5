"""Cut detected regions out of the image upright, and batch them for the direction
classifier and the recogniser.

A region's quad is cut with a perspective transform into a rectangle. A crop at least 1.5
times taller than wide is a line of text running vertically (the image or the text is turned
by about ±90°) and is turned 90° counter-clockwise; the direction classifier then says
whether the crop is upside down, and such crops are turned 180°. Each turn rolls the quad's
corners, so `text_quad` always starts at the text's own top-left corner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

REC_HEIGHT = 48
REC_STEP_PX = 8  # one CTC time step covers 8 input columns (PP-OCRv6: T = W / 8)
REC_MIN_WIDTH = 320  # PaddleOCR pads every batch to at least 320 (its rec_img_shape)
REC_MAX_WIDTH = 2560  # a longer crop is squeezed; ~ a 53:1 line
CLS_HEIGHT = 48
CLS_WIDTH = 192
# The uint8 inputs are normalised inside the graphs as x / 127.5 - 1; PaddleOCR pads with 0
# in that space, i.e. pixel 127.5.
PAD_VALUE = 128


@dataclass
class Crop:
    image: np.ndarray  # upright BGR crop
    text_quad: np.ndarray  # [4, 2] original px, clockwise from the text's own top-left corner


def cut(bgr: np.ndarray, quad: np.ndarray) -> Crop:
    """Perspective crop of ``quad`` ([4, 2] image-order tl, tr, br, bl)."""
    quad = quad.astype(np.float32)
    width = max(1, round(float(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[3] - quad[2])))))
    height = max(1, round(float(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    image = cv2.warpPerspective(bgr, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    if height >= 1.5 * width:
        # np.rot90 turns counter-clockwise: the new top-left was the top-right corner.
        return Crop(np.ascontiguousarray(np.rot90(image)), np.roll(quad, -1, axis=0))
    return Crop(image, quad)


def flip(crop: Crop) -> Crop:
    """Turn a crop 180°; its text's top-left corner is then the former bottom-right."""
    return Crop(np.ascontiguousarray(crop.image[::-1, ::-1]), np.roll(crop.text_quad, -2, axis=0))


def direction_batch(crops: list[Crop]) -> np.ndarray:
    """[N, 3, 48, 192] UINT8: each crop at height 48, width up to 192, padded on the right."""
    batch = np.full((len(crops), 3, CLS_HEIGHT, CLS_WIDTH), PAD_VALUE, dtype=np.uint8)
    for i, crop in enumerate(crops):
        h, w = crop.image.shape[:2]
        width = min(CLS_WIDTH, max(1, math.ceil(CLS_HEIGHT * w / h)))
        resized = cv2.resize(crop.image, (width, CLS_HEIGHT), interpolation=cv2.INTER_LINEAR)
        batch[i, :, :, :width] = resized.transpose(2, 0, 1)
    return batch


def rec_width(crop: Crop) -> int:
    """Width of the crop resized to height 48 (before padding), in [1, REC_MAX_WIDTH]."""
    h, w = crop.image.shape[:2]
    return min(REC_MAX_WIDTH, max(1, math.ceil(REC_HEIGHT * w / h)))


def bucket_width(width: int) -> int:
    """Padded width of a recogniser batch: at least 320, rounded up to a multiple of 64 up to
    512, of 128 up to 1024 and of 256 above, so padding stays under ~25% while a receipt's
    lines fall into a handful of widths (one Triton call each)."""
    width = max(width, REC_MIN_WIDTH)
    step = 64 if width <= 512 else 128 if width <= 1024 else 256
    return int(math.ceil(width / step) * step)


@dataclass(frozen=True)
class RecBatch:
    indices: list[int]  # which crops, in the order of the batch rows
    widths: list[int]  # content width of each row before padding
    tensor: np.ndarray  # [n, 3, 48, W] UINT8


def rec_batches(crops: list[Crop], max_batch: int) -> list[RecBatch]:
    """Group crops by padded width; each group (split at max_batch rows) is one Triton call.
    Triton's dynamic batcher only joins requests of equal shape, so equal widths also let
    crops of concurrent requests share a run."""
    widths = [rec_width(c) for c in crops]
    groups: dict[int, list[int]] = {}
    for index, width in enumerate(widths):
        groups.setdefault(bucket_width(width), []).append(index)
    batches = []
    for padded, members in sorted(groups.items()):
        for start in range(0, len(members), max_batch):
            chunk = members[start : start + max_batch]
            tensor = np.full((len(chunk), 3, REC_HEIGHT, padded), PAD_VALUE, dtype=np.uint8)
            for row, index in enumerate(chunk):
                resized = cv2.resize(crops[index].image, (widths[index], REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
                tensor[row, :, :, : widths[index]] = resized.transpose(2, 0, 1)
            batches.append(RecBatch(chunk, [widths[i] for i in chunk], tensor))
    return batches
