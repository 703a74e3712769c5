"""Head pose from 5 landmarks: synthetic faces with known angles."""

from __future__ import annotations

import numpy as np
import pytest

from services.faces.pose import NOSE_DEPTH, NOSE_HEIGHT, estimate_pose, face_pose

FACE_HEIGHT = 1.155  # eye line to mouth line, in eye distances
# A frontal face in eye-distance units: x right, y down, z towards the camera.
MODEL = np.array(
    [
        [-0.5, 0.0, 0.0],  # right eye (image left)
        [0.5, 0.0, 0.0],  # left eye
        [0.0, NOSE_HEIGHT * FACE_HEIGHT, NOSE_DEPTH],  # nose tip
        [-0.414, FACE_HEIGHT, 0.0],  # right mouth corner
        [0.414, FACE_HEIGHT, 0.0],  # left mouth corner
    ]
)


def project(yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0, scale: float = 60.0) -> np.ndarray:
    """Orthographic image of MODEL turned by yaw (towards image right), pitch (chin up), roll
    (clockwise on screen), in degrees."""
    y, p, r = np.radians([yaw, pitch, roll])
    turn = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    tilt = np.array([[1, 0, 0], [0, np.cos(p), -np.sin(p)], [0, np.sin(p), np.cos(p)]])
    spin = np.array([[np.cos(r), -np.sin(r), 0], [np.sin(r), np.cos(r), 0], [0, 0, 1]])
    return (MODEL @ (spin @ tilt @ turn).T)[:, :2] * scale + [300.0, 200.0]


def test_frontal_face_is_zero() -> None:
    pose = estimate_pose(project())
    assert (pose.roll[0], pose.yaw[0], pose.pitch[0]) == pytest.approx((0, 0, 0), abs=1e-4)


@pytest.mark.parametrize("angle", [-40.0, -20.0, 20.0, 40.0])
def test_roll(angle: float) -> None:
    pose = estimate_pose(project(roll=angle))
    assert pose.roll[0] == pytest.approx(angle, abs=0.01)
    assert abs(pose.yaw[0]) < 0.01 and abs(pose.pitch[0]) < 0.01


def test_roll_of_a_rotated_2d_landmark_set() -> None:
    points = project()
    centre = points.mean(axis=0)
    a = np.radians(20)
    rotation = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    pose = estimate_pose((points - centre) @ rotation.T + centre)
    assert pose.roll[0] == pytest.approx(20.0, abs=0.01)


@pytest.mark.parametrize("angle", [-45.0, -15.0, 15.0, 45.0])
def test_yaw_sign_and_size(angle: float) -> None:
    pose = estimate_pose(project(yaw=angle))
    assert pose.yaw[0] == pytest.approx(angle, abs=0.5)
    assert abs(pose.pitch[0]) < 0.5


@pytest.mark.parametrize("angle", [-25.0, -10.0, 10.0, 25.0])
def test_pitch_sign_and_size(angle: float) -> None:
    pose = estimate_pose(project(pitch=angle))
    assert pose.pitch[0] == pytest.approx(angle, abs=0.5)
    assert abs(pose.yaw[0]) < 0.5


def test_yaw_positive_means_nose_towards_image_right() -> None:
    points = project(yaw=30)
    assert points[2, 0] > (points[0, 0] + points[1, 0]) / 2
    assert estimate_pose(points).yaw[0] > 0


def test_batch_and_empty() -> None:
    batch = np.stack([project(yaw=10), project(pitch=-10), project(roll=5)])
    pose = estimate_pose(batch)
    assert pose.yaw.shape == pose.pitch.shape == pose.roll.shape == (3,)
    assert pose.yaw.dtype == np.float32
    empty = estimate_pose(np.zeros((0, 5, 2), np.float32))
    assert empty.roll.shape == (0,) and empty.roll.dtype == np.float32


def test_single_face_helpers() -> None:
    single = face_pose(project(yaw=20))
    assert single.yaw == pytest.approx(20, abs=0.5) and isinstance(single.roll, float)
    batch = estimate_pose(np.stack([project(), project(roll=10)]))
    assert len(batch) == 2 and batch.face(1).roll == pytest.approx(10, abs=0.01)
