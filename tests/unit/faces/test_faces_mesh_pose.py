"""3-D pose from the mesh: the canonical face, turned by a known pose and projected through a pinhole
camera, gives that pose back; bad input gives None (the 5-point pose is kept), never an exception."""

from __future__ import annotations

import numpy as np
import pytest

from services.faces import face_attributes, mesh_pose
from services.faces.pose import Pose

HEIGHT, WIDTH = 480, 640


def projected(pose: Pose, offset: tuple[float, float, float] = (0.0, 0.0, 60.0), noise_px: float = 0.0) -> np.ndarray:
    """The canonical face's 468 points as an image would show them with ``pose`` relative to the line
    of sight to ``offset`` (cm, camera axes) as x, y pixels (z 0)."""
    vertices, _ = mesh_pose.canonical_face()
    rotation = mesh_pose.line_of_sight(np.array(offset)).T @ mesh_pose.pose_rotation(pose)
    camera = vertices @ rotation.T + np.array(offset)
    pixels = camera @ mesh_pose.camera_matrix(HEIGHT, WIDTH).T
    xy = pixels[:, :2] / pixels[:, 2:]
    xy += np.random.default_rng(0).normal(0.0, noise_px, xy.shape)
    return np.concatenate([xy, np.zeros((len(xy), 1))], axis=1)


def test_canonical_face_is_the_mesh_s_468_points_in_camera_axes() -> None:
    vertices, rigid = mesh_pose.canonical_face()
    assert vertices.shape == (468, 3) and len(rigid) == 33
    # Camera axes: the viewer's-left eye corner (33) left of the right one (263), brow above chin,
    # nose tip (1) nearer the camera (smaller z) than the eye corners.
    assert vertices[33, 0] < 0 < vertices[263, 0]
    assert vertices[10, 1] < vertices[152, 1]
    assert vertices[1, 2] < vertices[33, 2]


@pytest.mark.parametrize(
    "pose",
    [
        Pose(0, 0, 0),
        Pose(0, 35, 0),
        Pose(0, -35, 0),
        Pose(0, 0, 25),
        Pose(0, 0, -25),
        Pose(20, 0, 0),
        Pose(-12, 40, 18),
        Pose(8, -55, -20),
        Pose(175, 10, 5),
    ],
)
def test_a_turned_canonical_face_gives_its_pose_back(pose: Pose) -> None:
    found = mesh_pose.mesh_pose(projected(pose), HEIGHT, WIDTH)
    assert found is not None
    assert found.yaw == pytest.approx(pose.yaw, abs=0.5)
    assert found.pitch == pytest.approx(pose.pitch, abs=0.5)
    assert (found.roll - pose.roll + 180) % 360 - 180 == pytest.approx(0, abs=0.5)


def test_off_centre_face_with_noisy_points_is_still_close() -> None:
    # A face in the image corner (perspective skews it) with 1 px of point noise (~1 % of its width).
    found = mesh_pose.mesh_pose(projected(Pose(5, 25, -10), offset=(18.0, 12.0, 70.0), noise_px=1.0), HEIGHT, WIDTH)
    assert found is not None
    assert abs(found.yaw - 25) < 3 and abs(found.pitch + 10) < 3 and abs(found.roll - 5) < 3


def test_a_face_looking_at_the_camera_from_the_frame_corner_reads_frontal() -> None:
    # Its canonical-to-camera rotation is not the identity, but it faces the camera along its ray.
    found = mesh_pose.mesh_pose(projected(Pose(0, 0, 0), offset=(20.0, -15.0, 50.0)), HEIGHT, WIDTH)
    assert found is not None and max(abs(found.roll), abs(found.yaw), abs(found.pitch)) < 0.5
    naive = mesh_pose.rotation_to_pose(mesh_pose.line_of_sight(np.array([20.0, -15.0, 50.0])).T)
    assert abs(naive.yaw) > 10  # against the optical axis it would read turned


def test_mirrored_face_flips_yaw_and_roll_keeps_pitch() -> None:
    points = projected(Pose(10, 30, 15))
    points[:, 0] = WIDTH - points[:, 0]
    # Mirroring also swaps left and right vertices: the canonical face is symmetric, so its
    # mirror image is the same face turned the other way.
    found = mesh_pose.mesh_pose(points[mirror_order()], HEIGHT, WIDTH)
    assert found is not None
    assert found.yaw == pytest.approx(-30, abs=0.5) and found.roll == pytest.approx(-10, abs=0.5)
    assert found.pitch == pytest.approx(15, abs=0.5)


def mirror_order() -> np.ndarray:
    """For each vertex, the index of its mirror image across the canonical face's midline."""
    vertices, _ = mesh_pose.canonical_face()
    mirrored = vertices * np.array([-1.0, 1.0, 1.0])
    distances = np.linalg.norm(vertices[:, None, :] - mirrored[None, :, :], axis=2)
    return np.argmin(distances, axis=1)


@pytest.mark.parametrize(
    "points",
    [np.zeros((468, 3)), np.full((468, 3), np.nan), np.full((468, 3), np.inf), np.full((468, 3), 50.0)],
)
def test_degenerate_points_give_no_pose(points: np.ndarray) -> None:
    assert mesh_pose.mesh_pose(points, HEIGHT, WIDTH) is None


def test_collinear_points_do_not_raise() -> None:
    points = projected(Pose(0, 0, 0))
    points[:, 1] = points[:, 0]  # every point on one line
    result = mesh_pose.mesh_pose(points, HEIGHT, WIDTH)
    assert result is None or all(np.isfinite([result.roll, result.yaw, result.pitch]))


def test_decode_sets_the_mesh_pose_only_for_mesh_attributes() -> None:
    pose = Pose(0, 30, 0)
    # A mesh crop whose chip-to-image matrix is the identity: crop pixels are image pixels.
    identity = np.array([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    outputs = {
        "age_probs": np.full((1, 81), 1 / 81, np.float32),
        "gender_probs": np.full((1, 2), 0.5, np.float32),
        "emotion_probs": np.full((1, 7), 1 / 7, np.float32),
        "mesh": projected(pose).reshape(1, -1).astype(np.float32),
        "face_logit": np.zeros((1, 1), np.float32),
    }
    with_mesh = face_attributes.decode(outputs, identity, face_attributes.Wanted(eyes_open=True), (HEIGHT, WIDTH, 3))
    assert with_mesh[0].pose is not None and with_mesh[0].pose.yaw == pytest.approx(30, abs=0.5)
    without = face_attributes.decode(outputs, identity, face_attributes.Wanted(age=True), (HEIGHT, WIDTH, 3))
    assert without[0].pose is None
