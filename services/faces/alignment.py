"""5-point face alignment to the 112x112 ArcFace/SFace template, and SFace input tensors.

Reproduces OpenCV's ``FaceRecognizerSF::alignCrop`` (modules/objdetect/src/face_recognize.cpp):
the same template, the same Umeyama least-squares similarity estimate (including its hard-coded
template mean), and ``warpAffine`` with bilinear interpolation and a black border. The chip stays
in the image's BGR order; ``to_sface_input`` swaps to RGB as ``FaceRecognizerSF::feature`` does
(``blobFromImage(..., swapRB=true)``), values 0-255, no mean or scaling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

CHIP_SIZE: Final = 112
SFACE_INPUT_NAME: Final = "data"
SFACE_OUTPUT_NAME: Final = "fc1"

# Destination points in the 112x112 chip, in YuNet landmark order: right eye (image left),
# left eye, nose tip, right mouth corner, left mouth corner.
ARCFACE_TEMPLATE: Final = np.array(
    [
        [38.2946, 51.6963],
        [73.5318, 51.5014],
        [56.0252, 71.7366],
        [41.5493, 92.3655],
        [70.7299, 92.2041],
    ],
    dtype=np.float32,
)
# OpenCV hard-codes this rounded mean of the template rather than computing it; keep it so the
# transform matches alignCrop bit for bit (the difference is < 2e-5 px).
_TEMPLATE_MEAN: Final = np.array([56.0262, 71.9008], dtype=np.float32)


def umeyama_similarity(
    src: NDArray[np.floating],
    dst: NDArray[np.floating],
    dst_mean: NDArray[np.floating] | None = None,
    dtype: type[np.floating] = np.float32,
) -> NDArray[np.float64]:
    """Least-squares similarity (rotation, uniform scale, translation) mapping src to dst.

    Umeyama (1991) as in OpenCV's getSimilarityTransformMatrix, including its handling of
    reflections and rank-deficient input. src, dst: [K, 2]. Returns a 2x3 float64 matrix M with
    dst ≈ M @ [x, y, 1]. ``dtype`` is the precision of the inputs and means: float32 as OpenCV
    (bit-compatible with alignCrop), float64 as dlib's find_similarity_transform.
    """
    src_p = np.asarray(src, dtype=dtype)
    dst_p = np.asarray(dst, dtype=dtype)
    if src_p.shape != dst_p.shape or src_p.ndim != 2 or src_p.shape[1] != 2:
        raise ValueError(f"src and dst must both be [K, 2], got {src_p.shape} and {dst_p.shape}")
    count = src_p.shape[0]
    src_mean = src_p.mean(axis=0)
    d_mean = dst_p.mean(axis=0) if dst_mean is None else np.asarray(dst_mean, dtype)
    # OpenCV subtracts means in float32, then accumulates in double.
    src_demean = (src_p - src_mean).astype(np.float64)
    dst_demean = (dst_p - d_mean).astype(np.float64)
    a = dst_demean.T @ src_demean / count
    d = np.array([1.0, 1.0])
    if np.linalg.det(a) < 0:
        d[1] = -1.0
    u, s, vt = np.linalg.svd(a)
    tol = s.max() * 2 * np.finfo(np.float32).tiny
    rank = int(np.count_nonzero(s > tol))
    if rank == 1 and np.linalg.det(u) * np.linalg.det(vt) > 0:
        rotation = u @ vt
    elif rank == 1:
        rotation = u @ np.diag([1.0, -1.0]) @ vt
    else:
        rotation = u @ np.diag(d) @ vt
    variance = float((src_demean**2).sum() / count)
    scale = float(s @ d) / variance if variance > 0 else 0.0
    translation = d_mean.astype(np.float64) - scale * (rotation @ src_mean.astype(np.float64))
    return np.concatenate([scale * rotation, translation[:, None]], axis=1)


def sface_transform(landmarks: NDArray[np.floating]) -> NDArray[np.float64]:
    """2x3 matrix taking image pixels to the 112x112 chip for YuNet's [5, 2] landmarks."""
    return umeyama_similarity(landmarks, ARCFACE_TEMPLATE, _TEMPLATE_MEAN)


def align_face(image_bgr: NDArray[np.uint8], landmarks: NDArray[np.floating]) -> NDArray[np.uint8]:
    """The 112x112x3 aligned chip (same channel order as the input), as alignCrop makes it."""
    matrix = sface_transform(landmarks)
    chip = cv2.warpAffine(image_bgr, matrix, (CHIP_SIZE, CHIP_SIZE), flags=cv2.INTER_LINEAR)
    return np.asarray(chip, dtype=np.uint8)


def to_sface_input(chip_bgr: NDArray[np.uint8]) -> NDArray[np.float32]:
    """[112, 112, 3] BGR uint8 chip -> [3, 112, 112] float32 RGB 0-255 (SFace's `data`)."""
    if chip_bgr.shape != (CHIP_SIZE, CHIP_SIZE, 3):
        raise ValueError(f"expected a {CHIP_SIZE}x{CHIP_SIZE}x3 chip, got {chip_bgr.shape}")
    return np.ascontiguousarray(chip_bgr[:, :, ::-1].transpose(2, 0, 1), dtype=np.float32)


def sface_batch(chips_bgr: Sequence[NDArray[np.uint8]]) -> NDArray[np.float32]:
    """Stack chips into SFace's [N, 3, 112, 112] float32 input; N may be 0."""
    if len(chips_bgr) == 0:
        return np.zeros((0, 3, CHIP_SIZE, CHIP_SIZE), dtype=np.float32)
    return np.stack([to_sface_input(chip) for chip in chips_bgr])
