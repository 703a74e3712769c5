"""Rekognition's 30 landmark types from MediaPipe's 468-point face mesh.

"Left" and "right" are the viewer's, as for the five YuNet landmarks (EYE_LEFT is the eye on
the image's left, the subject's right eye): LEFT_EYE_* is that eye, LEFT_EYE_LEFT its corner on
the image's left. The five YuNet landmarks keep their own points; the other 25 come from the
mesh vertices below (MediaPipe's canonical topology; the subject's right side has the smaller
indices). The 468-point mesh has no iris: LEFT_PUPIL/RIGHT_PUPIL are the centre of the eye's
four contour points, which is the pupil only for a face looking at the camera.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

# Mesh vertex (or vertices, averaged) for each landmark type's suffix of LANDMARK_TYPE_*.
MESH_VERTICES: Final[dict[str, tuple[int, ...]]] = {
    "LEFT_EYE_BROW_LEFT": (70,),
    "LEFT_EYE_BROW_RIGHT": (107,),
    "LEFT_EYE_BROW_UP": (105,),
    "RIGHT_EYE_BROW_LEFT": (336,),
    "RIGHT_EYE_BROW_RIGHT": (300,),
    "RIGHT_EYE_BROW_UP": (334,),
    "LEFT_EYE_LEFT": (33,),
    "LEFT_EYE_RIGHT": (133,),
    "LEFT_EYE_UP": (159,),
    "LEFT_EYE_DOWN": (145,),
    "RIGHT_EYE_LEFT": (362,),
    "RIGHT_EYE_RIGHT": (263,),
    "RIGHT_EYE_UP": (386,),
    "RIGHT_EYE_DOWN": (374,),
    "NOSE_LEFT": (129,),
    "NOSE_RIGHT": (358,),
    "MOUTH_UP": (0,),
    "MOUTH_DOWN": (17,),
    "LEFT_PUPIL": (33, 133, 159, 145),
    "RIGHT_PUPIL": (362, 263, 386, 374),
    "UPPER_JAWLINE_LEFT": (234,),
    "MID_JAWLINE_LEFT": (172,),
    "CHIN_BOTTOM": (152,),
    "MID_JAWLINE_RIGHT": (397,),
    "UPPER_JAWLINE_RIGHT": (454,),
}


def mesh_landmarks(points: NDArray[np.floating]) -> dict[str, tuple[float, float]]:
    """Landmark type suffix -> (x, y) image pixels for one face's mesh points [468, >=2]."""
    xy = np.asarray(points, dtype=np.float64)[:, :2]
    return {name: tuple(float(v) for v in xy[list(indices)].mean(axis=0)) for name, indices in MESH_VERTICES.items()}  # type: ignore[misc]
