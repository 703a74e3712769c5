"""YuNet letterbox + decode: coordinate conventions, decoding, NMS, and a golden real-photo case."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from services.faces import detector as D

FIXTURES = Path(__file__).parent / "fixtures"


def zero_outputs(width: int = 640, height: int = 640) -> dict[str, np.ndarray]:
    outputs: dict[str, np.ndarray] = {}
    for stride in D.STRIDES:
        cells = (width // stride) * (height // stride)
        outputs[f"cls_{stride}"] = np.zeros((1, cells, 1), np.float32)
        outputs[f"obj_{stride}"] = np.zeros((1, cells, 1), np.float32)
        outputs[f"bbox_{stride}"] = np.zeros((1, cells, 4), np.float32)
        outputs[f"kps_{stride}"] = np.zeros((1, cells, 10), np.float32)
    return outputs


def put_face(
    outputs: dict[str, np.ndarray],
    stride: int,
    row: int,
    col: int,
    score: float,
    bbox: tuple[float, float, float, float],
    kps: list[tuple[float, float]],
    width: int = 640,
) -> None:
    idx = row * (width // stride) + col
    outputs[f"cls_{stride}"][0, idx, 0] = score * score
    outputs[f"obj_{stride}"][0, idx, 0] = 1.0
    outputs[f"bbox_{stride}"][0, idx] = bbox
    outputs[f"kps_{stride}"][0, idx] = np.asarray(kps, np.float32).reshape(-1)


def test_output_names_match_the_model() -> None:
    assert D.OUTPUT_NAMES == (
        "cls_8",
        "cls_16",
        "cls_32",
        "obj_8",
        "obj_16",
        "obj_32",
        "bbox_8",
        "bbox_16",
        "bbox_32",
        "kps_8",
        "kps_16",
        "kps_32",
    )


def test_letterbox_landscape_shrinks_to_640_and_pads_to_32() -> None:
    image = np.zeros((720, 1280, 3), np.uint8)
    image[..., 0] = 200  # blue
    image[..., 2] = 50  # red
    tensor, transform = D.letterbox(image)
    # 640x360, padded below to the next multiple of 32.
    assert tensor.shape == (3, 384, 640) and tensor.dtype == np.uint8
    assert (transform.input_width, transform.input_height) == (640, 384)
    assert transform.scale_x == pytest.approx(0.5) and transform.scale_y == pytest.approx(0.5)
    assert (transform.pad_x, transform.pad_y) == (0.0, 0.0)
    assert (transform.image_width, transform.image_height) == (1280, 720)
    # Channel 0 stays blue (no swap), raw 0-255 values, no normalisation.
    assert tensor[0, :360].min() == 200 and tensor[2, :360].max() == 50
    assert tensor[:, 360:].max() == 0  # zero padding below the image


def test_letterbox_never_enlarges_a_small_portrait() -> None:
    image = np.random.default_rng(0).integers(1, 255, (250, 125, 3), dtype=np.uint8)
    tensor, transform = D.letterbox(image)
    assert tensor.shape == (3, 256, 128)
    assert (transform.scale_x, transform.scale_y) == (1.0, 1.0)
    # The pixels are the image's own, unresampled; the rest is zero.
    np.testing.assert_array_equal(tensor[:, :250, :125], image.transpose(2, 0, 1))
    assert tensor[:, 250:].max() == 0 and tensor[:, :, 125:].max() == 0


@pytest.mark.parametrize(
    ("shape", "expected"), [((80, 80), (96, 96)), ((320, 320), (320, 320)), ((1282, 190), (640, 96))]
)
def test_letterbox_input_sides_are_multiples_of_32(shape: tuple[int, int], expected: tuple[int, int]) -> None:
    tensor, transform = D.letterbox(np.ones((*shape, 3), np.uint8))
    assert tensor.shape[1:] == expected == (transform.input_height, transform.input_width)


def test_letterbox_rejects_non_bgr() -> None:
    with pytest.raises(ValueError):
        D.letterbox(np.zeros((10, 10), np.uint8))


@pytest.mark.parametrize("shape", [(250, 250), (300, 900), (1600, 1200)])
def test_points_map_back_to_where_they_were(shape: tuple[int, int]) -> None:
    """A blob at (x, y) in the original lands where to_original says, to a small fraction of a pixel."""
    height, width = shape
    x, y = width * 0.37, height * 0.61
    sigma = max(width, height) / 60
    yy, xx = np.mgrid[0:height, 0:width]
    blob = np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * sigma**2)) * 250
    image = np.repeat(blob[..., None], 3, axis=2).round().astype(np.uint8)
    tensor, transform = D.letterbox(image)
    plane = tensor[1].astype(np.float64)
    my, mx = np.mgrid[0 : plane.shape[0], 0 : plane.shape[1]]
    centroid = np.array([[(plane * mx).sum() / plane.sum(), (plane * my).sum() / plane.sum()]], np.float32)
    back = transform.to_original(centroid)[0]
    assert back[0] == pytest.approx(x, abs=0.1 * max(1.0, 1 / transform.scale_x))
    assert back[1] == pytest.approx(y, abs=0.1 * max(1.0, 1 / transform.scale_y))


def test_decode_synthetic_face_at_stride_16() -> None:
    outputs = zero_outputs()
    kps = [(0.0, 0.0), (1.0, 0.0), (0.5, 0.5), (0.0, 1.0), (1.0, 1.0)]
    put_face(outputs, 16, row=10, col=20, score=0.9, bbox=(0.5, 0.25, math.log(4), math.log(8)), kps=kps)
    # 1280x720 image: scale 0.5 exactly, no offset.
    transform = D.LetterboxTransform(0.5, 0.5, 0.0, 0.0, 1280, 720)
    faces = D.decode(outputs, transform)
    assert len(faces) == 1
    # Model space: centre ((20 + .5) * 16, (10 + .25) * 16) = (328, 164); size (64, 128);
    # top-left (296, 100). Original (pixel centres): (v + .5) / .5 - .5.
    np.testing.assert_allclose(faces.boxes[0], [592.5, 200.5, 128.0, 256.0], atol=1e-4)
    expected_model = (np.array(kps) + np.array([20, 10])) * 16
    np.testing.assert_allclose(faces.landmarks[0], (expected_model + 0.5) / 0.5 - 0.5, atol=1e-4)
    assert faces.scores[0] == pytest.approx(0.9, abs=1e-6)
    assert faces.boxes.dtype == faces.landmarks.dtype == faces.scores.dtype == np.float32


def test_decode_thresholds_clips_and_sorts() -> None:
    outputs = zero_outputs()
    flat = [(0.0, 0.0)] * 5
    put_face(outputs, 8, 5, 5, 0.5, (0, 0, 1, 1), flat)  # below the 0.6 default
    put_face(outputs, 32, 3, 3, 0.7, (0, 0, 1, 1), flat)
    put_face(outputs, 16, 30, 30, 0.95, (0, 0, 1, 1), flat)
    outputs["cls_16"][0, 30 * 40 + 30, 0] = 3.0  # out-of-range values are clipped to [0, 1]
    outputs["obj_16"][0, 30 * 40 + 30, 0] = 0.81
    identity = D.LetterboxTransform(1.0, 1.0, 0.0, 0.0, 640, 640)
    faces = D.decode(outputs, identity)
    assert len(faces) == 2
    np.testing.assert_allclose(faces.scores, [0.9, 0.7], atol=1e-6)
    assert len(D.decode(outputs, identity, score_threshold=0.4)) == 3


def test_nms_keeps_the_best_of_overlapping_boxes() -> None:
    outputs = zero_outputs()
    flat = [(0.0, 0.0)] * 5
    size = (math.log(8), math.log(8))
    put_face(outputs, 16, 10, 10, 0.8, (0.0, 0.0, *size), flat)
    put_face(outputs, 16, 10, 11, 0.9, (0.0, 0.0, *size), flat)  # shifted by 16 of 128 px
    put_face(outputs, 16, 30, 30, 0.7, (0.0, 0.0, *size), flat)  # elsewhere
    identity = D.LetterboxTransform(1.0, 1.0, 0.0, 0.0, 640, 640)
    faces = D.decode(outputs, identity)
    np.testing.assert_allclose(faces.scores, [0.9, 0.7], atol=1e-6)
    assert faces.boxes[0, 0] == pytest.approx(11 * 16 - 64)


def test_empty_result_has_full_shape_and_dtype() -> None:
    faces = D.decode(zero_outputs(), D.LetterboxTransform(1.0, 1.0, 0.0, 0.0, 640, 640))
    assert len(faces) == 0
    assert faces.boxes.shape == (0, 4) and faces.landmarks.shape == (0, 5, 2) and faces.scores.shape == (0,)
    assert faces.boxes.dtype == faces.landmarks.dtype == faces.scores.dtype == np.float32
    assert len(faces.take([])) == 0


def test_golden_real_photo_matches_opencv() -> None:
    """Raw YuNet outputs of a 819x546 group photo (cells scoring >= 0.3) decode to the faces
    OpenCV's FaceDetectorYN found on the same 640x640 input (opencv-python 5.0.0). The fixture
    was recorded on a 640x640 letterbox, so the transform says that input size."""
    data = np.load(FIXTURES / "yunet_outputs.npz")
    outputs = zero_outputs()
    for stride in D.STRIDES:
        cells = data[f"cells_{stride}"]
        for kind in ("cls", "obj", "bbox", "kps"):
            outputs[f"{kind}_{stride}"][0, cells] = data[f"{kind}_{stride}"]
    width, height = int(data["image_width"]), int(data["image_height"])
    _, transform = D.letterbox(np.zeros((height, width, 3), np.uint8))
    transform = dataclasses.replace(transform, input_width=640, input_height=640)
    faces = D.decode(outputs, transform)
    reference = data["opencv_faces"]
    assert len(faces) == len(reference) == 5
    np.testing.assert_allclose(faces.scores, reference[:, 14], atol=1e-5)
    scale = np.array([transform.scale_x, transform.scale_y], np.float32)
    in_model = (faces.landmarks + 0.5) * scale - 0.5
    np.testing.assert_allclose(in_model, reference[:, 4:14].reshape(-1, 5, 2), atol=1e-3)
    np.testing.assert_allclose(faces.boxes[:, 2:] * scale, reference[:, 2:4], atol=1e-3)
    # Landmark order: "right eye" (index 0) is on the image left of the "left eye".
    assert np.all(faces.landmarks[:, D.RIGHT_EYE, 0] < faces.landmarks[:, D.LEFT_EYE, 0])
    assert np.all(faces.landmarks[:, D.MOUTH_RIGHT, 0] < faces.landmarks[:, D.MOUTH_LEFT, 0])
