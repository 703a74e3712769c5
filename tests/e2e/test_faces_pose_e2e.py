"""Head pose end to end: client → gateway → faces → real Triton.

With a mesh attribute (ALL, EYES_OPEN, MOUTH_OPEN) the pose is the mesh's 3-D pose; otherwise
the detector's 5-point pose. Known answers from the photos themselves: person_a_1 is a frontal
portrait; person_a_2 turns towards the image left; the mirror image of a photo must turn the
other way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import grpc
import numpy as np
import pytest

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.faces import pose

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def stub(running_stack) -> Iterator[faces_pb2_grpc.FaceServiceStub]:
    with grpc.insecure_channel(running_stack.gateway_address) as opened:
        yield faces_pb2_grpc.FaceServiceStub(opened)


def detect(stub: faces_pb2_grpc.FaceServiceStub, image: bytes, *attributes: int) -> faces_pb2.FaceDetail:
    request = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=image), attributes=attributes)
    reply = stub.DetectFaces(request, timeout=60)
    assert reply.face_details
    return reply.face_details[0]


def mirrored(name: str) -> bytes:
    image = cv2.imread(str(DATA / name))
    ok, encoded = cv2.imencode(".png", np.ascontiguousarray(image[:, ::-1]))
    assert ok
    return encoded.tobytes()


def test_frontal_portrait_reads_frontal(stub) -> None:
    detail = detect(stub, (DATA / "person_a_1.jpg").read_bytes(), faces_pb2.FACE_ATTRIBUTE_ALL)
    assert abs(detail.pose.yaw) < 8 and abs(detail.pose.pitch) < 10 and abs(detail.pose.roll) < 8


@pytest.mark.parametrize("attribute", [faces_pb2.FACE_ATTRIBUTE_ALL, faces_pb2.FACE_ATTRIBUTE_EYES_OPEN])
def test_mirror_image_turns_the_other_way(stub, attribute: int) -> None:
    straight = detect(stub, (DATA / "person_a_2.jpg").read_bytes(), attribute).pose
    flipped = detect(stub, mirrored("person_a_2.jpg"), attribute).pose
    assert straight.yaw < -5 < 5 < flipped.yaw  # turned towards the image left, then right
    assert abs(straight.yaw + flipped.yaw) < 4 and abs(straight.roll + flipped.roll) < 4
    assert abs(straight.pitch - flipped.pitch) < 4


def five_point_pose(detail: faces_pb2.FaceDetail, width: int, height: int) -> pose.Pose:
    points = np.array([[lm.x * width, lm.y * height] for lm in detail.landmarks[:5]])
    return pose.face_pose(points)


def test_default_keeps_the_five_point_pose_and_mesh_attributes_replace_it(stub) -> None:
    image = (DATA / "person_a_2.jpg").read_bytes()
    height, width = cv2.imread(str(DATA / "person_a_2.jpg")).shape[:2]
    for attributes in ((), (faces_pb2.FACE_ATTRIBUTE_AGE_RANGE,)):
        detail = detect(stub, image, *attributes)
        expected = five_point_pose(detail, width, height)
        assert detail.pose.yaw == pytest.approx(expected.yaw, abs=0.1)
        assert detail.pose.pitch == pytest.approx(expected.pitch, abs=0.1)
    with_mesh = detect(stub, image, faces_pb2.FACE_ATTRIBUTE_MOUTH_OPEN)
    assert with_mesh.pose.yaw != pytest.approx(expected.yaw, abs=0.5)  # the mesh's pose, not the 5-point one
    assert np.sign(with_mesh.pose.yaw) == np.sign(expected.yaw)  # both see the turn to the image left
