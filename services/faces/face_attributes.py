"""The optional attributes of DetectFaces: which were asked, and the one Triton call that computes them.

All four attribute networks (age, gender, emotion, face mesh) run for every face of an image in
one call to the `face_attributes` ensemble; this module builds its inputs and turns its
outputs into per-face results, keeping only what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from services.common.triton import ModelSpec, TensorSpec
from services.faces import attributes, emotions, expressions, landmarks, mesh, mesh_pose
from services.faces.pose import Pose

ENSEMBLE: Final = ModelSpec(
    "face_attributes",
    inputs={
        "age_chip": TensorSpec("FP32", (-1, 3, 64, 64)),
        "gender_chip": TensorSpec("FP32", (-1, 3, 32, 32)),
        "emotion_chip": TensorSpec("FP32", (-1, emotions.CHIP_SIZE, emotions.CHIP_SIZE, 1)),
        "mesh_chip": TensorSpec("FP32", (-1, mesh.CHIP_SIZE, mesh.CHIP_SIZE, 3)),
    },
    outputs={
        "age_probs": TensorSpec("FP32", (-1, 81)),
        "gender_probs": TensorSpec("FP32", (-1, 2)),
        "emotion_probs": TensorSpec("FP32", (-1, len(emotions.CLASS_NAMES))),
        "mesh": TensorSpec("FP32", (-1, mesh.POINTS * 3)),
        "face_logit": TensorSpec("FP32", (-1, 1)),
    },
    max_batch=32,  # model_repository/models/face_attributes/config.pbtxt; more faces: several requests
)
OUTPUT_NAMES: Final = list(ENSEMBLE.outputs)


@dataclass(frozen=True)
class Wanted:
    """Which optional attributes a request asked for."""

    age: bool = False
    gender: bool = False
    emotions: bool = False
    smile: bool = False
    eyes_open: bool = False
    mouth_open: bool = False

    @property
    def any(self) -> bool:
        return self.age or self.gender or self.emotions or self.smile or self.eyes_open or self.mouth_open

    @property
    def mesh(self) -> bool:
        """The attributes that read the face mesh, and so return its 25 extra landmarks and its 3-D pose."""
        return self.eyes_open or self.mouth_open


NOTHING: Final = Wanted()
ALL: Final = Wanted(True, True, True, True, True, True)


@dataclass(frozen=True)
class Described:
    """What the ensemble gave for one face, only the asked parts set."""

    age: attributes.AgeEstimate | None = None
    gender: attributes.GenderEstimate | None = None
    emotions: list[emotions.Emotion] | None = None
    smile: expressions.BooleanEstimate | None = None
    eyes_open: expressions.BooleanEstimate | None = None
    mouth_open: expressions.BooleanEstimate | None = None
    mesh_landmarks: dict[str, tuple[float, float]] | None = None
    pose: Pose | None = None  # from the mesh; None keeps the detector's 5-point pose


def ensemble_inputs(
    image_bgr: NDArray[np.uint8], boxes: list[tuple[float, float, float, float]], points: NDArray[np.floating]
) -> tuple[dict[str, NDArray[np.float32]], NDArray[np.float64]]:
    """The ensemble's four input batches for N faces, and the mesh crops' chip-to-image matrices."""
    gender_chips, age_chips = attributes.attribute_batches(image_bgr, points)
    mesh_chips, matrices = mesh.mesh_batch(image_bgr, boxes, points)
    inputs = {
        "age_chip": age_chips,
        "gender_chip": gender_chips,
        "emotion_chip": emotions.emotion_batch(image_bgr, boxes),
        "mesh_chip": mesh_chips,
    }
    return inputs, matrices


def decode(
    outputs: dict[str, NDArray[np.float32]],
    matrices: NDArray[np.float64],
    wanted: Wanted,
    image_shape: tuple[int, ...] = (0, 0),
) -> list[Described]:
    """Per face, the asked attributes from the ensemble's outputs; ``image_shape`` (height, width, ...)
    sets the camera the mesh pose is solved with (the pose is left unset without it)."""
    ages = attributes.decode_age(outputs["age_probs"])
    genders = attributes.decode_gender(outputs["gender_probs"])
    feelings = emotions.decode_emotions(outputs["emotion_probs"])
    happy = np.asarray(outputs["emotion_probs"], np.float64).reshape(-1, len(emotions.CLASS_NAMES))[
        :, emotions.HAPPY_INDEX
    ]
    meshes = mesh.decode_mesh(outputs["mesh"], outputs["face_logit"], matrices)
    return [
        Described(
            age=ages.face(i) if wanted.age else None,
            gender=genders.face(i) if wanted.gender else None,
            emotions=feelings[i] if wanted.emotions else None,
            smile=expressions.smile(float(happy[i])) if wanted.smile else None,
            eyes_open=expressions.eyes_open(meshes[i].points) if wanted.eyes_open else None,
            mouth_open=expressions.mouth_open(meshes[i].points) if wanted.mouth_open else None,
            mesh_landmarks=landmarks.mesh_landmarks(meshes[i].points) if wanted.mesh else None,
            pose=mesh_pose.mesh_pose(meshes[i].points, *image_shape[:2]) if wanted.mesh and image_shape[0] else None,
        )
        for i in range(len(meshes))
    ]
