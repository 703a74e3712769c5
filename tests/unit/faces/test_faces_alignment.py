"""5-point alignment to the SFace template and the SFace input tensor."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from services.faces import alignment as A

# YuNet landmarks of a real LFW face, and what OpenCV 5.0.0's FaceRecognizerSF.alignCrop does
# with them: chip pixel (0, 0) and (111, 111) sample these source coordinates (measured by
# aligning an image whose pixels hold their own coordinates).
LANDMARKS = np.array([[99.5, 110.7], [146.7, 109.8], [129.4, 137.8], [102.1, 159.4], [145.7, 158.9]], np.float32)
OPENCV_SOURCE_OF_CHIP_00 = (50.923504, 42.646385)
OPENCV_SOURCE_OF_CHIP_111 = (196.63086, 185.3879)


def test_transform_matches_opencv_align_crop() -> None:
    matrix = A.sface_transform(LANDMARKS)
    inverse = cv2.invertAffineTransform(matrix)
    np.testing.assert_allclose(inverse @ [0, 0, 1], OPENCV_SOURCE_OF_CHIP_00, atol=1e-3)
    np.testing.assert_allclose(inverse @ [111, 111, 1], OPENCV_SOURCE_OF_CHIP_111, atol=1e-3)
    np.testing.assert_allclose(
        matrix,
        [[0.769552438, -0.00791257515, -38.8508634], [0.00791257515, 0.769552438, -33.2215670]],
        atol=1e-5,
    )


def test_template_maps_to_itself() -> None:
    matrix = A.sface_transform(A.ARCFACE_TEMPLATE)
    np.testing.assert_allclose(matrix[:, :2], np.eye(2), atol=1e-5)
    # OpenCV's hard-coded template mean is off by < 2e-5 px: so is the translation.
    np.testing.assert_allclose(matrix[:, 2], [0, 0], atol=1e-3)


def test_umeyama_recovers_a_known_similarity() -> None:
    angle, scale, shift = math.radians(30), 2.5, np.array([40.0, -7.0])
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    src = A.ARCFACE_TEMPLATE.astype(np.float64)
    dst = src @ (scale * rotation).T + shift
    matrix = A.umeyama_similarity(src, dst)
    np.testing.assert_allclose(matrix[:, :2], scale * rotation, atol=1e-4)
    np.testing.assert_allclose(matrix[:, 2], shift, atol=1e-3)


def test_mirrored_points_give_a_rotation_not_a_reflection() -> None:
    mirrored = A.ARCFACE_TEMPLATE * np.array([-1.0, 1.0], np.float32) + np.array([200.0, 0.0], np.float32)
    matrix = A.sface_transform(mirrored)
    assert np.linalg.det(matrix[:, :2]) > 0


def test_align_face_puts_landmarks_on_the_template() -> None:
    """Dots drawn at the landmarks of a rotated, scaled face end up on the template in the chip."""
    angle, scale = math.radians(-25), 2.2
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    points = A.ARCFACE_TEMPLATE.astype(np.float64) @ (scale * rotation).T + [150.0, 120.0]
    image = np.zeros((400, 400, 3), np.uint8)
    for x, y in points:
        cv2.circle(image, (round(x), round(y)), 4, (255, 255, 255), -1)
    chip = A.align_face(image, points.astype(np.float32))
    assert chip.shape == (112, 112, 3) and chip.dtype == np.uint8
    grey = chip[..., 0].astype(np.float64)
    for tx, ty in A.ARCFACE_TEMPLATE:
        x0, y0 = int(tx) - 5, int(ty) - 5
        window = grey[y0 : y0 + 11, x0 : x0 + 11]
        yy, xx = np.mgrid[y0 : y0 + 11, x0 : x0 + 11]
        centroid = ((window * xx).sum() / window.sum(), (window * yy).sum() / window.sum())
        assert centroid == pytest.approx((tx, ty), abs=0.6)


def test_to_sface_input_swaps_to_rgb() -> None:
    chip = np.zeros((112, 112, 3), np.uint8)
    chip[..., 0], chip[..., 1], chip[..., 2] = 10, 20, 30  # B, G, R
    tensor = A.to_sface_input(chip)
    assert tensor.shape == (3, 112, 112) and tensor.dtype == np.float32
    assert (tensor[0].min(), tensor[1].min(), tensor[2].min()) == (30, 20, 10)
    with pytest.raises(ValueError):
        A.to_sface_input(np.zeros((64, 64, 3), np.uint8))


def test_sface_batch_shapes() -> None:
    assert A.sface_batch([]).shape == (0, 3, 112, 112)
    batch = A.sface_batch([np.zeros((112, 112, 3), np.uint8)] * 3)
    assert batch.shape == (3, 3, 112, 112) and batch.dtype == np.float32
