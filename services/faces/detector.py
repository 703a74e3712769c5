"""YuNet face detector: pre-processing (letterbox) and post-processing (decode + NMS).

Pure numpy/OpenCV so golden tests can pin them down; the network itself runs on Triton.
The decode reproduces OpenCV's ``FaceDetectorYN`` (modules/objdetect/src/face_detect.cpp):
the model is anchor-free with one prior per cell at strides 8/16/32, the score is
``sqrt(clip(cls) * clip(obj))``, and NMS runs on integer-truncated boxes in model-input space.

Landmark order (YuNet's, kept as is): 0 right eye, 1 left eye, 2 nose tip, 3 right mouth corner,
4 left mouth corner. "Right" is the subject's right, which appears on the IMAGE LEFT for a
frontal, unmirrored photo (same order as the ArcFace/SFace 112x112 template).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

INPUT_NAME: Final = "input"
# The built ONNX takes [N, 3, H, W] uint8 with H and W free (model_repository: dynamic_spatial).
# Images are fed at their own scale, shrunk so the longer side is at most MAX_INPUT_SIDE, then
# padded right/bottom to multiples of SIZE_MULTIPLE (the stride-32 head and its 2x upsampling
# need whole cells).
MAX_INPUT_SIDE: Final = 640
SIZE_MULTIPLE: Final = 32
STRIDES: Final = (8, 16, 32)
OUTPUT_NAMES: Final = tuple(f"{kind}_{stride}" for kind in ("cls", "obj", "bbox", "kps") for stride in STRIDES)
# Landmark indices (YuNet order). Subject's right eye = image left on a frontal photo.
RIGHT_EYE: Final = 0
LEFT_EYE: Final = 1
NOSE_TIP: Final = 2
MOUTH_RIGHT: Final = 3
MOUTH_LEFT: Final = 4

# Default score threshold. OpenCV's demo uses 0.9, which misses small and profile faces;
# 0.6 is OpenCV's own FaceDetectorYN example default and keeps false positives rare on our
# sample photos. Callers (the API's min_confidence) can raise it.
DEFAULT_SCORE_THRESHOLD: Final = 0.6
DEFAULT_NMS_THRESHOLD: Final = 0.3
DEFAULT_TOP_K: Final = 5000


@dataclass(frozen=True)
class LetterboxTransform:
    """How an original image was placed in the model input.

    Coordinates are pixel-centre based (pixel i has its centre at i, as OpenCV's resize and
    warpAffine assume): model_x = (original_x + 0.5) * scale_x - 0.5 + pad_x, same for y. x to
    the right, y down. The two scales differ only by the rounding of the resized size (< 0.5 px).
    input_width/input_height: the model input's size (multiples of 32), which fixes the grids.
    """

    scale_x: float
    scale_y: float
    pad_x: float
    pad_y: float
    image_width: int
    image_height: int
    input_width: int = MAX_INPUT_SIDE
    input_height: int = MAX_INPUT_SIDE

    def to_original(self, points: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map ``[..., 2]`` (x, y) points from model-input pixels to original-image pixels."""
        offset = np.array([self.pad_x, self.pad_y], dtype=np.float32)
        scale = np.array([self.scale_x, self.scale_y], dtype=np.float32)
        return ((points - offset + 0.5) / scale - 0.5).astype(np.float32)

    def sizes_to_original(self, sizes: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map ``[..., 2]`` (width, height) from model-input pixels to original-image pixels."""
        scale = np.array([self.scale_x, self.scale_y], dtype=np.float32)
        return (sizes / scale).astype(np.float32)


@dataclass(frozen=True)
class Detections:
    """Faces in ORIGINAL image pixels, sorted by score (highest first).

    boxes: [N, 4] float32 (x, y, width, height) of the top-left corner and size; may extend past
    the image edges (not clipped). landmarks: [N, 5, 2] float32 (x, y) in YuNet order (see module
    doc). scores: [N] float32 in [0, 1].
    """

    boxes: NDArray[np.float32]
    landmarks: NDArray[np.float32]
    scores: NDArray[np.float32]

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    @staticmethod
    def empty() -> Detections:
        return Detections(
            boxes=np.zeros((0, 4), np.float32),
            landmarks=np.zeros((0, 5, 2), np.float32),
            scores=np.zeros((0,), np.float32),
        )

    def take(self, indices: NDArray[np.intp] | list[int]) -> Detections:
        """A subset (or reordering) of the faces."""
        idx = np.asarray(indices, dtype=np.intp)
        return Detections(self.boxes[idx], self.landmarks[idx], self.scores[idx])


def _round_up(value: int, multiple: int) -> int:
    return -(-value // multiple) * multiple


def letterbox(
    image_bgr: NDArray[np.uint8], max_side: int = MAX_INPUT_SIDE
) -> tuple[NDArray[np.uint8], LetterboxTransform]:
    """Place an HxWx3 BGR uint8 image in the detector's input at (at most) its own scale.

    Shrunk (INTER_AREA, keeping the aspect ratio) only when the longer side exceeds
    ``max_side``; never enlarged: YuNet's anchors span faces of ~10 px to most of its input,
    so enlarging a small photo costs pixels and pushes a frame-filling face past the largest
    anchors. The image sits at the top-left of a canvas whose sides are the next multiples of
    32, the rest zero, as FaceDetectorYN pads (bottom/right, constant 0). The blob is what
    ``cv2.dnn.blobFromImage(img)`` makes with its defaults: BGR, raw 0-255, no mean, no
    scaling; the built model takes it as UINT8 and casts to float inside the graph.
    Returns ([3, H, W] uint8 NCHW, transform).
    """
    if image_bgr.ndim != 3 or image_bgr.shape[2] != 3:
        raise ValueError(f"expected an HxWx3 BGR image, got shape {image_bgr.shape}")
    height, width = image_bgr.shape[:2]
    if height == 0 or width == 0:
        raise ValueError("empty image")
    scale = min(1.0, max_side / max(height, width))
    new_w = min(max_side, max(1, round(width * scale)))
    new_h = min(max_side, max(1, round(height * scale)))
    resized = (
        image_bgr
        if (new_w, new_h) == (width, height)
        else cv2.resize(image_bgr, (new_w, new_h), interpolation=cv2.INTER_AREA)
    )
    input_w, input_h = _round_up(new_w, SIZE_MULTIPLE), _round_up(new_h, SIZE_MULTIPLE)
    tensor = np.zeros((3, input_h, input_w), dtype=np.uint8)
    tensor[:, :new_h, :new_w] = resized.transpose(2, 0, 1)
    # Record the exact per-axis ratios actually applied (rounding makes them differ slightly).
    transform = LetterboxTransform(
        scale_x=new_w / width,
        scale_y=new_h / height,
        pad_x=0.0,
        pad_y=0.0,
        image_width=width,
        image_height=height,
        input_width=input_w,
        input_height=input_h,
    )
    return tensor, transform


def _stride_candidates(
    outputs: Mapping[str, NDArray[np.float32]], stride: int, grid: tuple[int, int], score_threshold: float
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """Candidates of one stride; ``grid`` is (columns, rows) of its cells."""
    columns, rows = grid
    cls = np.clip(np.asarray(outputs[f"cls_{stride}"], np.float32).reshape(-1), 0.0, 1.0)
    obj = np.clip(np.asarray(outputs[f"obj_{stride}"], np.float32).reshape(-1), 0.0, 1.0)
    scores = np.sqrt(cls * obj)
    if scores.shape[0] != columns * rows:
        raise ValueError(f"cls_{stride} has {scores.shape[0]} cells, expected {columns} x {rows}")
    keep = np.flatnonzero(scores >= score_threshold)
    bbox = np.asarray(outputs[f"bbox_{stride}"], np.float32).reshape(-1, 4)[keep]
    kps = np.asarray(outputs[f"kps_{stride}"], np.float32).reshape(-1, 5, 2)[keep]
    # Cells are row-major: index = row * columns + col.
    cell = np.stack([keep % columns, keep // columns], axis=1).astype(np.float32)
    centre = (cell + bbox[:, :2]) * stride
    wh = np.exp(bbox[:, 2:4]) * stride
    boxes = np.concatenate([centre - wh / 2.0, wh], axis=1).astype(np.float32)
    landmarks = ((kps + cell[:, None, :]) * stride).astype(np.float32)
    return boxes, landmarks, scores[keep].astype(np.float32)


def decode(
    outputs: Mapping[str, NDArray[np.float32]],
    transform: LetterboxTransform,
    score_threshold: float = DEFAULT_SCORE_THRESHOLD,
    nms_threshold: float = DEFAULT_NMS_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
) -> Detections:
    """Turn YuNet's 12 raw outputs (``cls_8`` … ``kps_32``) into faces in original-image pixels.

    The grids follow the model input's size, which ``transform`` records."""
    parts = [
        _stride_candidates(
            outputs,
            stride,
            (transform.input_width // stride, transform.input_height // stride),
            score_threshold,
        )
        for stride in STRIDES
    ]
    boxes = np.concatenate([p[0] for p in parts], axis=0)
    landmarks = np.concatenate([p[1] for p in parts], axis=0)
    scores = np.concatenate([p[2] for p in parts], axis=0)
    if scores.shape[0] == 0:
        return Detections.empty()
    # As face_detect.cpp: NMS on boxes truncated to int (Rect2i) in model-input space.
    int_boxes = [[int(v) for v in box] for box in boxes.tolist()]
    keep = cv2.dnn.NMSBoxes(int_boxes, scores.tolist(), score_threshold, nms_threshold, top_k=top_k)
    keep_idx = np.asarray(keep, dtype=np.intp).reshape(-1)
    boxes, landmarks, scores = boxes[keep_idx], landmarks[keep_idx], scores[keep_idx]
    corners = transform.to_original(boxes[:, :2])
    sizes = transform.sizes_to_original(boxes[:, 2:])
    return Detections(
        boxes=np.concatenate([corners, sizes], axis=1).astype(np.float32),
        landmarks=transform.to_original(landmarks),
        scores=scores.astype(np.float32),
    )
