"""3-D head pose from the face mesh: solvePnP of MediaPipe's canonical face against the mesh's points.

The canonical face (services/faces/data/canonical_face.json, extracted by
model_repository/convert/canonical_face.py from npm @mediapipe/face_mesh, Apache-2.0) is a
468-vertex face in centimetres, vertex for vertex the mesh network's points. OpenCV's solvePnP
(SQPnP, a global solver) finds the rotation and translation that project the canonical face's
rigid points (MediaPipe's 33 "procrustes" landmarks: forehead, eyes' corners, nose, cheeks; no
lips or jaw, so expressions do not move the pose) onto the mesh's image x, y. The mesh's z is
not used: it is the network's relative depth, whose scale perspective does not fix.

Camera: unknown, so approximated from the image size (focal length = the longer side in pixels,
a ~53 degree field of view; principal point = the image centre; no distortion). The pose is
then taken relative to the line of sight from the camera to the face, not to the camera's
optical axis: a face looking straight at the camera reads 0, 0, 0 wherever it sits in the
frame, and cropping a photo (which moves the true principal point) does not change its pose.

Angles are those of services/faces/pose.py (roll > 0 clockwise in the image, yaw > 0 the face
turns towards the image right, pitch > 0 chin up), read from the rotation as: yaw and pitch
where the face points (its forward axis), roll the turn about that axis.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

from services.faces.pose import Pose

CANONICAL_FILE: Final = Path(__file__).parent / "data" / "canonical_face.json"


@cache
def canonical_face() -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """The canonical face [468, 3] in OpenCV's camera axes (x right, y down, z away from the
    viewer; a face looking at the camera has the identity rotation) and its rigid landmark ids."""
    data = json.loads(CANONICAL_FILE.read_text())
    vertices = np.asarray(data["vertices"], np.float64) * np.array([1.0, -1.0, -1.0])
    return vertices, np.asarray(data["pose_landmarks"], np.intp)


def camera_matrix(image_height: int, image_width: int) -> NDArray[np.float64]:
    focal = float(max(image_height, image_width))
    return np.array([[focal, 0.0, image_width / 2.0], [0.0, focal, image_height / 2.0], [0.0, 0.0, 1.0]])


def rotation_to_pose(rotation: NDArray[np.float64]) -> Pose:
    """Our roll, yaw, pitch (degrees) of a canonical-to-camera rotation matrix."""
    forward = rotation @ np.array([0.0, 0.0, -1.0])  # where the face looks (towards the camera when frontal)
    yaw = math.atan2(forward[0], -forward[2])
    pitch = math.asin(float(np.clip(-forward[1], -1.0, 1.0)))
    # Undo yaw then pitch; what remains is a turn about the viewing axis.
    residual = (yaw_pitch_rotation(yaw, pitch)).T @ rotation
    roll = math.atan2(residual[1, 0], residual[0, 0])
    return Pose(roll=math.degrees(roll), yaw=math.degrees(yaw), pitch=math.degrees(pitch))


def yaw_pitch_rotation(yaw: float, pitch: float) -> NDArray[np.float64]:
    """Rotation (radians in our signs) turning the face by yaw about the image's vertical axis after
    tilting it by pitch about the horizontal one."""
    cy, sy, cp, sp = math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch)
    about_y = np.array([[cy, 0.0, -sy], [0.0, 1.0, 0.0], [sy, 0.0, cy]])  # +yaw: forward (0,0,-1) -> +x
    about_x = np.array([[1.0, 0.0, 0.0], [0.0, cp, sp], [0.0, -sp, cp]])  # +pitch: forward -> -y (up)
    return about_y @ about_x


def pose_rotation(pose: Pose) -> NDArray[np.float64]:
    """The rotation whose rotation_to_pose is ``pose`` (for tests and benches)."""
    roll = math.radians(pose.roll)
    c, s = math.cos(roll), math.sin(roll)
    about_z = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    return yaw_pitch_rotation(math.radians(pose.yaw), math.radians(pose.pitch)) @ about_z


def mesh_pose(points: NDArray[np.floating], image_height: int, image_width: int) -> Pose | None:
    """Pose of one face from its mesh points [468, >=2] in image pixels; None when no pose can be
    solved (non-finite or collapsed points, a solver failure): the caller keeps its 5-point pose."""
    vertices, rigid = canonical_face()
    xy = np.asarray(points, np.float64).reshape(len(vertices), -1)[rigid, :2]
    if not np.all(np.isfinite(xy)) or np.ptp(xy[:, 0]) < 1.0 or np.ptp(xy[:, 1]) < 1.0:
        return None
    try:
        ok, rvec, tvec = cv2.solvePnP(
            vertices[rigid], xy, camera_matrix(image_height, image_width), None, flags=cv2.SOLVEPNP_SQPNP
        )
    except cv2.error:
        return None
    if not ok or not np.all(np.isfinite(rvec)) or not np.all(np.isfinite(tvec)) or float(tvec[2, 0]) <= 0:
        return None
    rotation, _ = cv2.Rodrigues(rvec)
    return rotation_to_pose(line_of_sight(np.asarray(tvec, np.float64).reshape(3)) @ np.asarray(rotation, np.float64))


def line_of_sight(translation: NDArray[np.float64]) -> NDArray[np.float64]:
    """The smallest rotation taking the camera-to-face ray onto the optical axis (0, 0, 1)."""
    ray = translation / np.linalg.norm(translation)
    axis = np.cross(ray, [0.0, 0.0, 1.0])
    sine, cosine = float(np.linalg.norm(axis)), float(ray[2])
    if sine < 1e-12:
        return np.eye(3)
    rotation, _ = cv2.Rodrigues(axis / sine * math.atan2(sine, cosine))
    return np.asarray(rotation, np.float64)
