"""The soak's traffic: every operation of the public API through the gateway, chosen at random
by weight, from a fixed set of images per operation.

Face-collection writes are paired (IndexFaces, then DeleteFaces of what it indexed), so the
collection keeps its size and any growth seen is not the data the user asked to store.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import grpc
import numpy as np

from facet.v1 import (
    collections_pb2,
    collections_pb2_grpc,
    common_pb2,
    faces_pb2,
    faces_pb2_grpc,
    labels_pb2,
    labels_pb2_grpc,
    moderation_pb2,
    moderation_pb2_grpc,
    text_pb2,
    text_pb2_grpc,
)

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
TEST_DATA = ROOT / "tests" / "data"
TIMEOUT_S = 120.0

# Default mix in % of calls: the realistic mix, plus the collection calls.
DEFAULT_MIX = {
    "detect_faces": 30,
    "detect_labels": 20,
    "moderation": 15,
    "compare_faces": 10,
    "detect_text": 10,
    "search_faces_by_image": 8,
    "index_delete_faces": 5,
    "search_faces": 2,
}

COLLECTION_OPERATIONS = ("search_faces_by_image", "index_delete_faces", "search_faces")


def parse_mix(spec: str) -> dict[str, float]:
    """``"detect_text=1"`` or ``"detect_faces=35,detect_text=5"`` -> weights; unknown names fail."""
    mix = {}
    for item in spec.split(","):
        name, _, weight = item.partition("=")
        name = name.strip()
        if name not in DEFAULT_MIX:
            raise ValueError(f"unknown operation {name!r}; known: {', '.join(DEFAULT_MIX)}")
        mix[name] = float(weight or 1)
    return mix


def _images(folder: Path, limit: int) -> list[bytes]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    return [p.read_bytes() for p in files[:limit]]


def rendered_receipts(count: int) -> list[bytes]:
    """Receipt-like images of varied sizes (no eval data needed): the shapes vary as real scans do."""
    rng = random.Random(7)
    images = []
    for index in range(count):
        lines = rng.randint(4, 14)
        width = rng.choice([480, 560, 640, 720, 800, 960])
        image = np.full((60 + 44 * lines, width, 3), 250, np.uint8)
        for row in range(lines):
            text = (
                f"ITEM {index:02d}-{row:02d} {'X' * rng.randint(2, 12)} {rng.randint(1, 99)}.{rng.randint(0, 99):02d}"
            )
            cv2.putText(image, text, (16, 48 + 44 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (30, 30, 30), 2, cv2.LINE_AA)
        images.append(cv2.imencode(".png", image)[1].tobytes())
    return images


@dataclass
class ImageSets:
    faces: list[bytes]  # each holds at least one face (sources for CompareFaces and collections)
    scenes: list[bytes]  # labels and moderation
    text: list[bytes]

    @classmethod
    def load(cls, text_images: int, eval_dir: Path | None = EVAL) -> ImageSets:
        """The eval sets where present (../shared/eval), else (or with ``eval_dir=None``) the
        repository's test images and rendered receipts, so the CI soak runs on a clean clone."""
        eval_dir = eval_dir or Path("/nonexistent")
        people = [
            (TEST_DATA / f"{n}.jpg").read_bytes() for n in ("person_a_1", "person_a_2", "person_b_1", "person_c_1")
        ]
        faces = people + _images(eval_dir / "compreface_sample_images" / "images", 16)
        scenes = _images(eval_dir / "coco_half" / "val2017", 40) or [(TEST_DATA / "no_face_cat.png").read_bytes()]
        text = _images(eval_dir / "sroie_half" / "img", text_images) or rendered_receipts(text_images)
        return cls(faces, scenes + people[:1], text)


Operation = Callable[[random.Random], Awaitable[None]]


class Traffic:
    """One coroutine per operation name, each one API call (two for index_delete_faces)."""

    def __init__(self, channel: grpc.aio.Channel, images: ImageSets, collection_id: str):
        self.images = images
        self.collection_id = collection_id
        self.faces = faces_pb2_grpc.FaceServiceStub(channel)
        self.labels = labels_pb2_grpc.LabelServiceStub(channel)
        self.moderation_stub = moderation_pb2_grpc.ModerationServiceStub(channel)
        self.text = text_pb2_grpc.TextServiceStub(channel)
        self.collections = collections_pb2_grpc.CollectionServiceStub(channel)
        self.seed_face_id = ""
        self.operations: dict[str, Operation] = {
            "detect_faces": self.detect_faces,
            "detect_labels": self.detect_labels,
            "moderation": self.detect_moderation,
            "compare_faces": self.compare_faces,
            "detect_text": self.detect_text,
            "search_faces_by_image": self.search_faces_by_image,
            "index_delete_faces": self.index_delete_faces,
            "search_faces": self.search_faces,
        }

    async def setup(self) -> None:
        """A collection holding one face per person image, for the search calls."""
        await self.collections.CreateCollection(
            collections_pb2.CreateCollectionRequest(collection_id=self.collection_id), timeout=TIMEOUT_S
        )
        for data in self.images.faces[:4]:
            reply = await self.collections.IndexFaces(
                collections_pb2.IndexFacesRequest(collection_id=self.collection_id, image=_image(data), max_faces=1),
                timeout=TIMEOUT_S,
            )
            if reply.face_records and not self.seed_face_id:
                self.seed_face_id = reply.face_records[0].face.face_id

    async def teardown(self) -> None:
        await self.collections.DeleteCollection(
            collections_pb2.DeleteCollectionRequest(collection_id=self.collection_id), timeout=TIMEOUT_S
        )

    async def detect_faces(self, rng: random.Random) -> None:
        request = faces_pb2.DetectFacesRequest(
            image=_image(rng.choice(self.images.faces)), attributes=[faces_pb2.FACE_ATTRIBUTE_ALL]
        )
        await self.faces.DetectFaces(request, timeout=TIMEOUT_S)

    async def detect_labels(self, rng: random.Random) -> None:
        request = labels_pb2.DetectLabelsRequest(
            image=_image(rng.choice(self.images.scenes)),
            features=[labels_pb2.LABEL_FEATURE_GENERAL_LABELS, labels_pb2.LABEL_FEATURE_IMAGE_PROPERTIES],
        )
        await self.labels.DetectLabels(request, timeout=TIMEOUT_S)

    async def detect_moderation(self, rng: random.Random) -> None:
        request = moderation_pb2.DetectModerationLabelsRequest(image=_image(rng.choice(self.images.scenes)))
        await self.moderation_stub.DetectModerationLabels(request, timeout=TIMEOUT_S)

    async def compare_faces(self, rng: random.Random) -> None:
        request = faces_pb2.CompareFacesRequest(
            source_image=_image(rng.choice(self.images.faces[:4])),
            target_image=_image(rng.choice(self.images.faces)),
        )
        await self.faces.CompareFaces(request, timeout=TIMEOUT_S)

    async def detect_text(self, rng: random.Random) -> None:
        request = text_pb2.DetectTextRequest(image=_image(rng.choice(self.images.text)))
        await self.text.DetectText(request, timeout=TIMEOUT_S)

    async def search_faces_by_image(self, rng: random.Random) -> None:
        request = collections_pb2.SearchFacesByImageRequest(
            collection_id=self.collection_id, image=_image(rng.choice(self.images.faces[:4]))
        )
        await self.collections.SearchFacesByImage(request, timeout=TIMEOUT_S)

    async def index_delete_faces(self, rng: random.Random) -> None:
        reply = await self.collections.IndexFaces(
            collections_pb2.IndexFacesRequest(
                collection_id=self.collection_id, image=_image(rng.choice(self.images.faces)), max_faces=2
            ),
            timeout=TIMEOUT_S,
        )
        face_ids = [record.face.face_id for record in reply.face_records]
        if face_ids:
            await self.collections.DeleteFaces(
                collections_pb2.DeleteFacesRequest(collection_id=self.collection_id, face_ids=face_ids),
                timeout=TIMEOUT_S,
            )

    async def search_faces(self, rng: random.Random) -> None:
        request = collections_pb2.SearchFacesRequest(collection_id=self.collection_id, face_id=self.seed_face_id)
        await self.collections.SearchFaces(request, timeout=TIMEOUT_S)


def _image(data: bytes) -> common_pb2.Image:
    return common_pb2.Image(bytes=data)


@dataclass(frozen=True)
class Call:
    at_s: float  # seconds since the soak started, when the call ended
    operation: str
    latency_ms: float
    code: str  # "OK" or the gRPC status code name


async def drive(
    traffic: Traffic, mix: dict[str, float], until: float, started: float, seed: int, calls: list[Call]
) -> None:
    """One client: calls back to back until ``until`` (monotonic), appending to ``calls``."""
    rng = random.Random(seed)
    names, weights = list(mix), list(mix.values())
    while time.monotonic() < until:
        name = rng.choices(names, weights)[0]
        begun = time.monotonic()
        code = "OK"
        try:
            await traffic.operations[name](rng)
        except grpc.aio.AioRpcError as exc:
            code = exc.code().name
        ended = time.monotonic()
        calls.append(Call(ended - started, name, (ended - begun) * 1000, code))


def collection_name() -> str:
    return f"soak-{uuid.uuid4().hex[:8]}"
