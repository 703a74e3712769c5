"""Emotion decoding and mapping, mesh -> landmark types, eyes/mouth open geometry, smile, requested attributes."""

from __future__ import annotations

import numpy as np
import pytest

from facet.v1 import common_pb2, faces_pb2
from services.common.errors import InvalidArgument
from services.faces import emotions, expressions, landmarks, mesh
from services.faces.face_attributes import ALL, Wanted
from services.faces.messages import wanted_attributes


def test_emotion_classes_map_to_rekognition_types() -> None:
    # FER2013's order is angry, disgust, fear, happy, sad, surprise, neutral.
    assert emotions.CLASS_NAMES == ("ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED", "CALM")
    for name in emotions.CLASS_NAMES:
        assert faces_pb2.EmotionType.Value(f"EMOTION_TYPE_{name}") != faces_pb2.EMOTION_TYPE_UNSPECIFIED
    assert "CONFUSED" not in emotions.CLASS_NAMES


def test_decode_emotions_sorted_and_scaled() -> None:
    probs = np.array([[0.05, 0.0, 0.05, 0.7, 0.1, 0.0, 0.1], [0.0, 0.0, 0.0, 0.0, 0.0, 0.9, 0.1]], np.float32)
    faces = emotions.decode_emotions(probs)
    assert [e.name for e in faces[0]][:1] == ["HAPPY"]
    assert faces[0][0].confidence == pytest.approx(70.0, abs=1e-4)
    assert faces[1][0].name == "SURPRISED" and faces[1][1].name == "CALM"
    confidences = [e.confidence for e in faces[0]]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(100.0, abs=1e-3)
    assert len(faces[0]) == 7


def test_emotion_chip_zero_outside_image_and_square() -> None:
    gray = np.full((100, 100), 200, np.uint8)
    # A box hanging off the top-left corner: the part outside the image is black, as fer pads.
    chip = emotions.emotion_chip(gray, (-50.0, -50.0, 100.0, 100.0))
    assert chip.shape == (64, 64)
    assert chip[0, 0] == 0 and chip[-1, -1] == 200
    batch = emotions.emotion_batch(np.zeros((100, 100, 3), np.uint8), [(10.0, 10.0, 40.0, 60.0)])
    assert batch.shape == (1, 64, 64, 1) and batch.min() == pytest.approx(-1.0)


def synthetic_mesh(eye_gap: float, lip_gap: float) -> np.ndarray:
    """A mesh whose eyes are 30 px wide with the given lid gap, mouth 50 px wide with the given lip gap."""
    points = np.zeros((mesh.POINTS, 3))
    for outer, inner, up, down, x in ((33, 133, 159, 145, 100.0), (362, 263, 386, 374, 160.0)):
        points[outer, :2] = (x, 100)
        points[inner, :2] = (x + 30, 100)
        points[up, :2] = (x + 15, 100 - eye_gap / 2)
        points[down, :2] = (x + 15, 100 + eye_gap / 2)
    points[61, :2], points[291, :2] = (120, 200), (170, 200)
    points[13, :2], points[14, :2] = (145, 200 - lip_gap / 2), (145, 200 + lip_gap / 2)
    return points


def test_eyes_open_and_closed() -> None:
    opened = expressions.eyes_open(synthetic_mesh(eye_gap=9.0, lip_gap=0.0))  # ratio 0.3
    closed = expressions.eyes_open(synthetic_mesh(eye_gap=1.5, lip_gap=0.0))  # ratio 0.05
    assert expressions.eye_ratio(synthetic_mesh(9.0, 0.0)) == pytest.approx(0.3)
    assert opened.value and opened.confidence > 90
    assert not closed.value and closed.confidence > 90


def test_mouth_open_and_closed() -> None:
    assert expressions.mouth_ratio(synthetic_mesh(9.0, 10.0)) == pytest.approx(0.2)
    assert expressions.mouth_open(synthetic_mesh(9.0, 10.0)).value
    shut = expressions.mouth_open(synthetic_mesh(9.0, 0.5))
    assert not shut.value and shut.confidence > 90


def test_confidence_is_fifty_at_threshold_and_grows() -> None:
    at = expressions.threshold_estimate(0.2, 0.2, 0.05)
    near = expressions.threshold_estimate(0.21, 0.2, 0.05)
    far = expressions.threshold_estimate(0.3, 0.2, 0.05)
    assert at.confidence == pytest.approx(50.0)
    assert 50 < near.confidence < far.confidence <= 100


def test_smile_from_happy_probability() -> None:
    assert expressions.smile(0.8) == expressions.BooleanEstimate(True, pytest.approx(80.0))  # type: ignore[arg-type]
    not_smiling = expressions.smile(0.1)
    assert not not_smiling.value and not_smiling.confidence == pytest.approx(90.0)


def test_mesh_landmarks_cover_the_25_other_types_once() -> None:
    types = {common_pb2.LandmarkType.Value(f"LANDMARK_TYPE_{name}") for name in landmarks.MESH_VERTICES}
    yunet = {
        common_pb2.LANDMARK_TYPE_EYE_LEFT,
        common_pb2.LANDMARK_TYPE_EYE_RIGHT,
        common_pb2.LANDMARK_TYPE_NOSE,
        common_pb2.LANDMARK_TYPE_MOUTH_LEFT,
        common_pb2.LANDMARK_TYPE_MOUTH_RIGHT,
    }
    assert len(types) == 25 and not types & yunet
    assert types | yunet == set(common_pb2.LandmarkType.values()) - {common_pb2.LANDMARK_TYPE_UNSPECIFIED}


def test_mesh_landmarks_take_their_vertices() -> None:
    points = np.stack([np.arange(mesh.POINTS), 2.0 * np.arange(mesh.POINTS), np.zeros(mesh.POINTS)], axis=1)
    found = landmarks.mesh_landmarks(points)
    assert found["CHIN_BOTTOM"] == (152.0, 304.0)
    assert found["LEFT_EYE_LEFT"] == (33.0, 66.0)
    assert found["LEFT_PUPIL"] == pytest.approx(((33 + 133 + 159 + 145) / 4, (33 + 133 + 159 + 145) / 2))


def test_mesh_crop_round_trip() -> None:
    """A crop pixel mapped to the image and back through the decoder lands where it started."""
    box = (100.0, 50.0, 80.0, 100.0)
    eyes = np.array([[120.0, 90.0], [160.0, 100.0], [140, 120], [125, 140], [155, 145]])
    matrix = mesh.chip_to_image(box, eyes)
    # The crop's centre is the box's centre; the crop spans 1.5x the box's longer side.
    centre = matrix[:, :2] @ np.array([95.5, 95.5]) + matrix[:, 2]
    np.testing.assert_allclose(centre, (140.0, 100.0), atol=1e-9)
    assert np.hypot(matrix[0, 0], matrix[1, 0]) * mesh.CHIP_SIZE == pytest.approx(150.0)
    raw = np.zeros((1, mesh.POINTS * 3), np.float32)
    raw[0, :3] = (95.5, 95.5, 10.0)
    decoded = mesh.decode_mesh(raw, np.zeros((1, 1)), matrix[None])[0]
    np.testing.assert_allclose(decoded.points[0, :2], (140.0, 100.0), atol=1e-4)
    assert decoded.presence == pytest.approx(0.5)


def test_wanted_attributes() -> None:
    assert wanted_attributes([], "attributes") == Wanted()
    assert wanted_attributes([faces_pb2.FACE_ATTRIBUTE_DEFAULT], "attributes") == Wanted()
    assert wanted_attributes([faces_pb2.FACE_ATTRIBUTE_ALL], "attributes") == ALL
    smile_only = wanted_attributes([faces_pb2.FACE_ATTRIBUTE_SMILE], "attributes")
    assert smile_only == Wanted(smile=True) and not smile_only.mesh
    assert wanted_attributes([faces_pb2.FACE_ATTRIBUTE_EYES_OPEN], "attributes").mesh
    with pytest.raises(InvalidArgument):
        wanted_attributes([99], "attributes")
