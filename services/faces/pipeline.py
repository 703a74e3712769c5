"""The face pipeline: detect → align → embed / attributes, on an InferenceSession (Triton).

Decoding and pre/post-processing are CPU work and run in a bounded thread pool, never on the
event loop. Each request makes at most two Triton round trips per image: detection, then one
batched call for every face's embedding or attributes (an ensemble when attributes are asked).
Each face is aligned once, at detection: its chip serves the sharpness score and the embedder.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from services.common.blocking import BlockingWork
from services.common.errors import DeadlineExceeded, InvalidArgument
from services.common.images import DecodedImage
from services.common.triton import InferenceSession, ModelSpec, TensorSpec, infer_in_batches
from services.faces import alignment, attributes, detector, face_attributes, pose, quality, similarity
from services.faces.emotions import Emotion
from services.faces.expressions import BooleanEstimate

DETECTOR = ModelSpec(
    "face_detector",
    inputs={detector.INPUT_NAME: TensorSpec("UINT8", (-1, 3, -1, -1))},
)
EMBEDDER = ModelSpec(
    "face_embedder",
    inputs={"data": TensorSpec("FP32", (-1, 3, 112, 112))},
    outputs={"fc1": TensorSpec("FP32", (-1, 128))},
    max_batch=32,
)
ATTRIBUTES = face_attributes.ENSEMBLE
REQUIRED_MODELS = (DETECTOR, EMBEDDER, ATTRIBUTES)
# The most faces one image yields (the API's promise: "up to 100 faces"), largest first.
MAX_FACES = 100
# Embedding + age + gender of N faces in one round trip (IndexFaces; see model_repository/models/face_analysis).
ANALYSIS = ModelSpec(
    "face_analysis",
    inputs={
        "face_chip": TensorSpec("FP32", (-1, 3, 112, 112)),
        "age_chip": TensorSpec("FP32", (-1, 3, 64, 64)),
        "gender_chip": TensorSpec("FP32", (-1, 3, 32, 32)),
    },
    outputs={
        "embedding": TensorSpec("FP32", (-1, 128)),
        "age_probs": TensorSpec("FP32", (-1, 81)),
        "gender_probs": TensorSpec("FP32", (-1, 2)),
    },
    max_batch=32,
)


@dataclass(frozen=True)
class FaceResult:
    """One face in original-image pixels, with what was computed for it."""

    box: tuple[float, float, float, float]  # x, y, width, height in pixels
    landmarks: np.ndarray  # [5, 2] pixels, YuNet order
    confidence: float  # 0–100
    pose: pose.Pose
    quality: quality.FaceQuality
    chip: np.ndarray  # [112, 112, 3] uint8 BGR, aligned to the embedder's template (never sent)
    age: attributes.AgeEstimate | None = None
    gender: attributes.GenderEstimate | None = None
    emotions: list[Emotion] | None = None
    smile: BooleanEstimate | None = None
    eyes_open: BooleanEstimate | None = None
    mouth_open: BooleanEstimate | None = None
    mesh_landmarks: dict[str, tuple[float, float]] | None = None  # landmark type suffix -> image pixels

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3]


@dataclass(frozen=True)
class Comparison:
    source: FaceResult
    targets: list[FaceResult]
    similarities: list[float]  # calibrated 0–100, one per target


class FacePipeline(BlockingWork):
    def __init__(
        self,
        session: InferenceSession,
        executor: Executor,
        *,
        detection_threshold: float = detector.DEFAULT_SCORE_THRESHOLD,
    ):
        self.session = session
        self.executor = executor
        self.detection_threshold = detection_threshold

    async def detect(self, image: DecodedImage, timeout_s: float) -> list[FaceResult]:
        """Faces sorted by box area, largest first, at most MAX_FACES."""
        started = time.monotonic()
        tensor, transform = await self._timed("detect_pre", detector.letterbox, image.bgr)
        outputs = await self.session.infer(
            DETECTOR.name, {detector.INPUT_NAME: tensor[None]}, detector.OUTPUT_NAMES, timeout_s=timeout_s
        )
        batch_free = {name: value[0] for name, value in outputs.items()}
        remaining = timeout_s - (time.monotonic() - started)
        if remaining <= 0:
            raise DeadlineExceeded("the request deadline passed during face detection")
        return await self._timed("detect_post", self._describe, image, batch_free, transform)

    def _describe(
        self, image: DecodedImage, outputs: dict[str, np.ndarray], transform: detector.LetterboxTransform
    ) -> list[FaceResult]:
        found = detector.decode(outputs, transform, score_threshold=self.detection_threshold)
        # Largest first, cut to MAX_FACES before the per-face work (alignment) is done.
        order = sorted(range(len(found)), key=lambda i: -float(found.boxes[i][2] * found.boxes[i][3]))
        faces = []
        for i in order[:MAX_FACES]:
            chip = alignment.align_face(image.bgr, found.landmarks[i])
            faces.append(
                FaceResult(
                    box=tuple(float(v) for v in found.boxes[i]),  # type: ignore[arg-type]
                    landmarks=found.landmarks[i],
                    confidence=float(found.scores[i]) * 100.0,
                    pose=pose.face_pose(found.landmarks[i]),
                    quality=quality.face_quality(image.bgr, found.boxes[i], chip),
                    chip=chip,
                )
            )
        return faces

    async def analyse(
        self, image: DecodedImage, timeout_s: float, wanted: face_attributes.Wanted = face_attributes.NOTHING
    ) -> list[FaceResult]:
        """DetectFaces: faces plus the asked attributes (one ensemble call for all faces)."""
        deadline = time.monotonic() + timeout_s
        faces = await self.detect(image, timeout_s)
        return await self.describe(image, faces, wanted, deadline - time.monotonic())

    async def describe(
        self, image: DecodedImage, faces: Sequence[FaceResult], wanted: face_attributes.Wanted, timeout_s: float
    ) -> list[FaceResult]:
        """``faces`` with the asked attributes set: all four attribute networks, all faces, one Triton call
        (one per 32 faces beyond that: the ensemble's max batch, concurrently)."""
        if not faces or not wanted.any:
            return list(faces)
        boxes, points = [f.box for f in faces], np.stack([f.landmarks for f in faces])
        inputs, matrices = await self._timed(
            "attributes_pre", face_attributes.ensemble_inputs, image.bgr, boxes, points
        )
        outputs = await infer_in_batches(
            self.session, ATTRIBUTES, inputs, face_attributes.OUTPUT_NAMES, timeout_s=timeout_s
        )
        described = await self._timed(
            "attributes_post", face_attributes.decode, outputs, matrices, wanted, image.bgr.shape
        )
        # An attribute left unset (None) keeps the face's value: e.g. the 5-point pose without the mesh.
        return [
            dataclasses.replace(
                face, **{f.name: getattr(d, f.name) for f in dataclasses.fields(d) if getattr(d, f.name) is not None}
            )
            for face, d in zip(faces, described, strict=True)
        ]

    async def embed(self, faces: Sequence[FaceResult], timeout_s: float) -> np.ndarray:
        """L2-normalised embeddings [N, 128], one batched Triton call (one per 32 faces)."""
        chips = await self._timed("embed_pre", self._face_chips, faces)
        outputs = await infer_in_batches(self.session, EMBEDDER, {"data": chips}, ["fc1"], timeout_s=timeout_s)
        return similarity.l2_normalize(outputs["fc1"])

    async def compare(self, source: DecodedImage, target: DecodedImage, timeout_s: float) -> Comparison:
        """CompareFaces: the largest source face against every target face."""
        deadline = time.monotonic() + timeout_s
        source_faces, target_faces = await asyncio.gather(
            self.detect(source, timeout_s), self.detect(target, timeout_s)
        )
        if not source_faces:
            raise InvalidArgument(
                "no face was found in source_image", reason="NO_FACE_IN_SOURCE", metadata={"field": "source_image"}
            )
        if not target_faces:
            return Comparison(source_faces[0], [], [])
        # Source and target chips go to Triton in one batch: one round trip for all embeddings
        # (one per 32 chips for a crowd: the embedder's max batch).
        source_chip, target_chips = await asyncio.gather(
            self._timed("embed_pre", self._face_chips, source_faces[:1]),
            self._timed("embed_pre", self._face_chips, target_faces),
        )
        outputs = await infer_in_batches(
            self.session,
            EMBEDDER,
            {"data": np.concatenate([source_chip, target_chips])},
            ["fc1"],
            timeout_s=deadline - time.monotonic(),
        )
        embeddings = similarity.l2_normalize(outputs["fc1"])
        cosines = embeddings[1:] @ embeddings[0]
        scores = [float(s) for s in similarity.similarity_from_cosine(cosines)]
        return Comparison(source_faces[0], target_faces, scores)

    async def embed_and_describe(
        self, image: DecodedImage, faces: Sequence[FaceResult], timeout_s: float
    ) -> tuple[list[FaceResult], np.ndarray]:
        """IndexFaces: (faces with age and gender, L2-normalised embeddings [N, 128]) in ONE Triton call
        (one per 32 faces).

        The face_analysis ensemble runs the embedder and both attribute networks on the same batch.
        """
        if not faces:
            return [], np.zeros((0, 128), dtype=np.float32)
        landmarks = np.stack([f.landmarks for f in faces])
        chips, (gender_chips, age_chips) = await asyncio.gather(
            self._timed("embed_pre", self._face_chips, faces),
            self._timed("attributes_pre", attributes.attribute_batches, image.bgr, landmarks),
        )
        outputs = await infer_in_batches(
            self.session,
            ANALYSIS,
            {"face_chip": chips, "age_chip": age_chips, "gender_chip": gender_chips},
            ["embedding", "age_probs", "gender_probs"],
            timeout_s=timeout_s,
        )
        ages = attributes.decode_age(outputs["age_probs"])
        genders = attributes.decode_gender(outputs["gender_probs"])
        described = [dataclasses.replace(f, age=ages.face(i), gender=genders.face(i)) for i, f in enumerate(faces)]
        return described, similarity.l2_normalize(outputs["embedding"])

    @staticmethod
    def _face_chips(faces: Sequence[FaceResult]) -> np.ndarray:
        return alignment.sface_batch([f.chip for f in faces])
