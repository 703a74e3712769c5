"""Emotions, smile, eyes/mouth open and the 30 landmarks end to end: client → gateway → faces → real Triton.

Known answers are the labels in tests/data/expected.json (smiling, mouth_open, eyes_open), set by
looking at the photos.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from facet.v1 import collections_pb2, collections_pb2_grpc, common_pb2, faces_pb2, faces_pb2_grpc

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parent.parent / "data"
EXPECTED = json.loads((DATA / "expected.json").read_text())
LABELLED = [
    (name, face) for name, truth in EXPECTED["files"].items() if truth["face_count"] == 1 for face in truth["faces"]
]


@pytest.fixture(scope="module")
def channel(running_stack) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(running_stack.gateway_address) as opened:
        yield opened


def detect(channel: grpc.Channel, name: str, *attributes: int) -> faces_pb2.FaceDetail:
    request = faces_pb2.DetectFacesRequest(
        image=common_pb2.Image(bytes=(DATA / name).read_bytes()), attributes=attributes
    )
    reply = faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(request, timeout=60)
    assert reply.face_details
    return reply.face_details[0]


@pytest.mark.parametrize(("name", "truth"), [(n, f) for n, f in LABELLED if "smiling" in f])
def test_smile_matches_the_photo(channel, name: str, truth: dict) -> None:
    detail = detect(channel, name, faces_pb2.FACE_ATTRIBUTE_SMILE)
    assert detail.smile.value == truth["smiling"] and detail.smile.confidence >= 50
    assert not detail.HasField("eyes_open") and not detail.emotions and len(detail.landmarks) == 5


@pytest.mark.parametrize(("name", "truth"), [(n, f) for n, f in LABELLED if "mouth_open" in f])
def test_mouth_open_matches_the_photo(channel, name: str, truth: dict) -> None:
    detail = detect(channel, name, faces_pb2.FACE_ATTRIBUTE_MOUTH_OPEN)
    assert detail.mouth_open.value == truth["mouth_open"]
    assert not detail.HasField("smile")


@pytest.mark.parametrize(("name", "truth"), [(n, f) for n, f in LABELLED if "eyes_open" in f])
def test_eyes_open_matches_the_photo(channel, name: str, truth: dict) -> None:
    assert detect(channel, name, faces_pb2.FACE_ATTRIBUTE_EYES_OPEN).eyes_open.value == truth["eyes_open"]


def test_smiling_portrait_is_happy_first(channel) -> None:
    detail = detect(channel, "person_a_1.jpg", faces_pb2.FACE_ATTRIBUTE_EMOTIONS)
    assert detail.emotions[0].type == faces_pb2.EMOTION_TYPE_HAPPY and detail.emotions[0].confidence > 80
    assert len(detail.emotions) == 7
    assert faces_pb2.EMOTION_TYPE_CONFUSED not in [e.type for e in detail.emotions]
    assert sum(e.confidence for e in detail.emotions) == pytest.approx(100, abs=0.5)


def test_default_is_unchanged(channel) -> None:
    detail = detect(channel, "person_a_1.jpg")
    assert [lm.type for lm in detail.landmarks] == [1, 2, 3, 4, 5]
    for field in ("smile", "eyes_open", "mouth_open", "age_range"):
        assert not detail.HasField(field)
    assert not detail.emotions


def test_all_gives_30_landmarks_in_place(channel) -> None:
    detail = detect(channel, "person_b_1.jpg", faces_pb2.FACE_ATTRIBUTE_ALL)
    assert [lm.type for lm in detail.landmarks] == list(range(1, 31))
    at = {common_pb2.LandmarkType.Name(lm.type)[len("LANDMARK_TYPE_") :]: lm for lm in detail.landmarks}
    # Viewer's left to right across both eyes; brows above eyes; mouth between nose and chin.
    xs = [at[k].x for k in ("LEFT_EYE_LEFT", "LEFT_EYE_RIGHT", "RIGHT_EYE_LEFT", "RIGHT_EYE_RIGHT")]
    assert xs == sorted(xs)
    assert at["LEFT_EYE_BROW_UP"].y < at["LEFT_EYE_UP"].y < at["LEFT_EYE_DOWN"].y
    assert at["RIGHT_EYE_BROW_UP"].y < at["RIGHT_EYE_UP"].y < at["RIGHT_EYE_DOWN"].y
    assert at["NOSE"].y < at["MOUTH_UP"].y < at["MOUTH_DOWN"].y < at["CHIN_BOTTOM"].y
    assert at["UPPER_JAWLINE_LEFT"].x < at["MID_JAWLINE_LEFT"].x < at["CHIN_BOTTOM"].x
    assert at["CHIN_BOTTOM"].x < at["MID_JAWLINE_RIGHT"].x < at["UPPER_JAWLINE_RIGHT"].x
    # The mesh's pupils agree with the detector's eye centres to a few percent of the face width.
    width = detail.bounding_box.width
    for mesh_eye, detector_eye in (("LEFT_PUPIL", "EYE_LEFT"), ("RIGHT_PUPIL", "EYE_RIGHT")):
        assert abs(at[mesh_eye].x - at[detector_eye].x) < 0.08 * width
        assert abs(at[mesh_eye].y - at[detector_eye].y) < 0.08 * width
    assert detail.HasField("smile") and detail.HasField("age_range") and len(detail.emotions) == 7


def test_all_faces_of_a_group_are_described(channel) -> None:
    request = faces_pb2.DetectFacesRequest(
        image=common_pb2.Image(bytes=(DATA / "group_4_faces.jpg").read_bytes()),
        attributes=[faces_pb2.FACE_ATTRIBUTE_ALL],
    )
    reply = faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(request, timeout=60)
    assert len(reply.face_details) == 4
    for detail in reply.face_details:
        assert len(detail.landmarks) == 30 and detail.eyes_open.value and len(detail.emotions) == 7


def test_index_faces_accepts_the_new_attributes(channel) -> None:
    stub = collections_pb2_grpc.CollectionServiceStub(channel)
    stub.CreateCollection(collections_pb2.CreateCollectionRequest(collection_id="expressions-e2e"), timeout=30)
    try:
        reply = stub.IndexFaces(
            collections_pb2.IndexFacesRequest(
                collection_id="expressions-e2e",
                image=common_pb2.Image(bytes=(DATA / "person_a_2.jpg").read_bytes()),
                detection_attributes=[faces_pb2.FACE_ATTRIBUTE_MOUTH_OPEN, faces_pb2.FACE_ATTRIBUTE_EMOTIONS],
            ),
            timeout=60,
        )
        detail = reply.face_records[0].face_detail
        assert detail.mouth_open.value and len(detail.emotions) == 7 and len(detail.landmarks) == 30
        assert not detail.HasField("age_range") and not detail.HasField("smile")
    finally:
        stub.DeleteCollection(collections_pb2.DeleteCollectionRequest(collection_id="expressions-e2e"), timeout=30)
