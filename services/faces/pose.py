"""Approximate head pose (roll, yaw, pitch in degrees) from YuNet's 5 landmarks.

No network: a weak-perspective reading of where the nose tip sits relative to the eyes and the
mouth, good to a few degrees near frontal and increasingly rough past ~45 degrees (the
landmarks themselves degrade there). Landmarks in YuNet order: 0 right eye (image left),
1 left eye, 2 nose tip, 3 right mouth corner, 4 left mouth corner; image pixels, y down.

Sign conventions (Rekognition's Pose documents the range -180..180 but not the signs; these are
ours, stated in the API):
  roll  > 0: the face is rotated clockwise in the image (the eye on the image right is lower);
  yaw   > 0: the face turns towards the image right (the subject's left);
  pitch > 0: the face tilts up (chin up).

Model: with the eyes levelled, a frontal face has its nose tip on the eye-mouth midline and
NOSE_HEIGHT of the way from the eye line to the mouth line (measured, see below). The nose
tip stands NOSE_DEPTH eye-distances in front of the eye/mouth plane (anthropometric average);
turning by an angle moves it sideways (or up) by depth * sin while the face shrinks by cos, so
yaw = atan(offset_x / NOSE_DEPTH) (offset in observed eye distances) and
pitch = asin((NOSE_HEIGHT - height) * face_height / depth).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

# Where YuNet puts the nose tip between the eye line (0) and the mouth line (1) on a frontal
# face: the mean over 1,496 LFW faces (mostly near-frontal news photos) is 0.557. The ArcFace
# template's 0.495 would read those faces as 7 degrees chin-down: YuNet's nose tip sits lower.
NOSE_HEIGHT: Final = 0.557
# Nose tip in front of the eye/mouth plane, in eye distances (~30 mm for ~63 mm between pupils).
NOSE_DEPTH: Final = 0.5


@dataclass(frozen=True)
class Pose:
    """One face's pose in degrees (see the module doc for the signs)."""

    roll: float
    yaw: float
    pitch: float


@dataclass(frozen=True)
class Poses:
    """Per face, degrees as float32 [N]: roll in (-180, 180], yaw and pitch in (-90, 90)."""

    roll: NDArray[np.float32]
    yaw: NDArray[np.float32]
    pitch: NDArray[np.float32]

    def __len__(self) -> int:
        return int(self.roll.shape[0])

    def face(self, index: int) -> Pose:
        return Pose(float(self.roll[index]), float(self.yaw[index]), float(self.pitch[index]))


def estimate_pose(landmarks: NDArray[np.floating]) -> Poses:
    """Pose of each face from its [N, 5, 2] (or a single [5, 2]) YuNet landmarks."""
    points = np.asarray(landmarks, dtype=np.float64).reshape(-1, 5, 2)
    right_eye, left_eye, nose = points[:, 0], points[:, 1], points[:, 2]
    mouth = (points[:, 3] + points[:, 4]) / 2.0
    eye_vector = left_eye - right_eye
    roll = np.arctan2(eye_vector[:, 1], eye_vector[:, 0])
    eye_distance = np.maximum(np.hypot(eye_vector[:, 0], eye_vector[:, 1]), 1e-6)

    # Level the eyes: express points in the face's frame (x along the eye line, y across it).
    cos_r, sin_r = np.cos(roll)[:, None], np.sin(roll)[:, None]
    eye_mid = (right_eye + left_eye) / 2.0

    def level(p: NDArray[np.float64]) -> NDArray[np.float64]:
        d = p - eye_mid
        return np.stack(
            [d[:, 0] * cos_r[:, 0] + d[:, 1] * sin_r[:, 0], -d[:, 0] * sin_r[:, 0] + d[:, 1] * cos_r[:, 0]],
            axis=1,
        )

    nose_l, mouth_l = level(nose), level(mouth)
    face_height = np.maximum(mouth_l[:, 1], 1e-6)
    # Midline: the line from the eye midpoint (origin) to the mouth midpoint.
    midline_x = mouth_l[:, 0] * (nose_l[:, 1] / face_height)
    offset = (nose_l[:, 0] - midline_x) / eye_distance
    yaw = np.arctan2(offset, NOSE_DEPTH)
    height = nose_l[:, 1] / face_height
    # Yaw foreshortens the eye distance; undo it to get the nose depth in pixels.
    depth = NOSE_DEPTH * eye_distance / np.maximum(np.cos(yaw), 0.2)
    pitch = np.arcsin(np.clip((NOSE_HEIGHT - height) * face_height / depth, -1.0, 1.0))
    return Poses(
        roll=np.degrees(roll).astype(np.float32),
        yaw=np.degrees(yaw).astype(np.float32),
        pitch=np.degrees(pitch).astype(np.float32),
    )


def face_pose(landmarks: NDArray[np.floating]) -> Pose:
    """Pose of one face from its [5, 2] YuNet landmarks."""
    return estimate_pose(landmarks).face(0)
