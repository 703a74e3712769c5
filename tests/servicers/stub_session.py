"""A scripted InferenceSession for servicer tests: each model answers what the test says.

Real networks are not needed to test what a servicer promises (fields, order, errors), so a model
here is a function from its input tensors to its output tensors. Every call is recorded, so a test
can also check what reached the "backend". The in-process session with the real networks is
services/common/onnx_session.py; Triton's is services/common/triton.py.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from services.common.errors import Internal, Unavailable
from services.faces import detector

Model = Callable[[Mapping[str, np.ndarray]], dict[str, np.ndarray]]


MODELS = Path(__file__).resolve().parents[2] / "model_repository" / "models"


@functools.cache
def max_batch_size(model: str) -> int:
    """The model's max_batch_size in the repository's config.pbtxt (0 for a model not there)."""
    config = MODELS / model / "config.pbtxt"
    found = re.search(r"^max_batch_size:\s*(\d+)", config.read_text(), re.M) if config.exists() else None
    return int(found.group(1)) if found else 0


@dataclass
class StubSession:
    """Refuses a request larger than the model's max_batch_size, as Triton does."""

    models: dict[str, Model] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, np.ndarray]]] = field(default_factory=list)

    async def infer(
        self, model: str, inputs: Mapping[str, np.ndarray], outputs: Sequence[str], *, timeout_s: float
    ) -> dict[str, np.ndarray]:
        self.calls.append((model, dict(inputs)))
        if model not in self.models:
            raise Unavailable(f"the stub has no model {model}", reason="MODEL_NOT_READY")
        limit, batch = max_batch_size(model), len(next(iter(inputs.values())))
        if limit and batch > limit:
            raise Internal(f"inference request batch-size must be <= {limit} for '{model}' (got {batch})")
        answer = self.models[model](inputs)
        return {name: answer[name] for name in outputs}


@dataclass(frozen=True)
class StubFace:
    """A face the stub detector reports, in model-input pixels (an image of at most 640 px whose
    sides are multiples of 32 maps 1:1)."""

    cx: float
    cy: float
    size: float
    score: float = 0.95


def yunet(faces: Sequence[StubFace]) -> Model:
    """YuNet's 12 outputs with one frontal face per StubFace (stride 32 cells, as the model encodes)."""
    stride = 32
    # Five landmarks of an upright frontal face, as fractions of the face size from its centre.
    template = np.array([[-0.2, -0.1], [0.2, -0.1], [0.0, 0.05], [-0.15, 0.25], [0.15, 0.25]], np.float32)

    def run(inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        batch, _, height, width = inputs[detector.INPUT_NAME].shape
        grid = width // stride
        out: dict[str, np.ndarray] = {}
        for s in detector.STRIDES:
            cells = (height // s) * (width // s)
            out[f"cls_{s}"] = np.zeros((batch, cells, 1), np.float32)
            out[f"obj_{s}"] = np.zeros((batch, cells, 1), np.float32)
            out[f"bbox_{s}"] = np.zeros((batch, cells, 4), np.float32)
            out[f"kps_{s}"] = np.zeros((batch, cells, 10), np.float32)
        for face in faces:
            col, row = int(face.cx // stride), int(face.cy // stride)
            index = row * grid + col
            out[f"cls_{stride}"][:, index, 0] = face.score**2
            out[f"obj_{stride}"][:, index, 0] = 1.0
            size = math.log(face.size / stride)
            out[f"bbox_{stride}"][:, index] = (face.cx / stride - col, face.cy / stride - row, size, size)
            points = (np.array([face.cx, face.cy]) + template * face.size) / stride - np.array([col, row])
            out[f"kps_{stride}"][:, index] = points.reshape(-1)
        return out

    return run


def unit_vectors_with_cosines(cosines: Sequence[float], dim: int = 128) -> np.ndarray:
    """[1 + N, dim]: a probe, then N unit vectors whose cosines with it are ``cosines``."""
    rows = [np.eye(dim, dtype=np.float32)[0]]
    for i, cosine in enumerate(cosines):
        vector = np.zeros(dim, np.float32)
        vector[0], vector[i + 1] = cosine, math.sqrt(max(0.0, 1.0 - cosine**2))
        rows.append(vector)
    return np.stack(rows)


def embedder(rows: np.ndarray) -> Model:
    """face_embedder answering ``rows`` (in the order of the chips it is sent)."""
    return lambda inputs: {"fc1": rows[: len(inputs["data"])]}


def attributes(age: int = 30, male: bool = True) -> Model:
    def run(inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        n = len(next(iter(inputs.values())))
        ages = np.zeros((n, 81), np.float32)
        ages[:, age] = 1.0
        genders = np.tile(np.array([[0.05, 0.95] if male else [0.95, 0.05]], np.float32), (n, 1))
        # The face_attributes ensemble's other outputs: a calm face, a flat (empty) mesh.
        emotions = np.tile(np.array([[0, 0, 0, 0, 0, 0, 1]], np.float32), (n, 1))
        mesh, logit = np.zeros((n, 1404), np.float32), np.zeros((n, 1), np.float32)
        return {
            "age_probs": ages,
            "gender_probs": genders,
            "emotion_probs": emotions,
            "mesh": mesh,
            "face_logit": logit,
        }

    return run


def face_analysis(rows: np.ndarray) -> Model:
    """The face_analysis ensemble: embedding + age + gender of every chip sent."""

    def run(inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        n = len(inputs["face_chip"])
        return {"embedding": rows[:n], **attributes()({"age_chip": inputs["age_chip"]})}

    return run


def png(pixels: np.ndarray) -> bytes:
    """PNG bytes of an H×W×3 BGR uint8 array (the request's image field)."""
    import cv2

    ok, encoded = cv2.imencode(".png", pixels)
    assert ok
    return encoded.tobytes()


def textured(height: int = 640, width: int = 640, low: int = 40, high: int = 200, seed: int = 0) -> np.ndarray:
    """Noise in [low, high): sharp enough for every quality level, brightness set by the range."""
    return np.random.default_rng(seed).integers(low, high, (height, width, 3), dtype=np.uint8)
