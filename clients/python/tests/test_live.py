"""The installed client against a real Facet gateway (FACET_TEST_ENDPOINT)."""

from __future__ import annotations

import grpc
import pytest

from facet.client import connect, error_info, load_image
from facet.v1 import faces_pb2, faces_pb2_grpc


@pytest.fixture
def faces(endpoint):
    with connect(endpoint) as channel:
        yield faces_pb2_grpc.FaceServiceStub(channel)


def test_detect_faces_finds_the_four_faces_of_the_group_photo(faces, data) -> None:
    reply = faces.DetectFaces(faces_pb2.DetectFacesRequest(image=load_image(data / "group_4_faces.jpg")), timeout=60)
    assert len(reply.face_details) == 4


def test_compare_faces_matches_the_same_person(faces, data) -> None:
    reply = faces.CompareFaces(
        faces_pb2.CompareFacesRequest(source_image=load_image(data / "person_a_1.jpg"),
                                      target_image=load_image(data / "person_a_2.jpg")),
        timeout=60,
    )
    assert len(reply.face_matches) == 1 and reply.face_matches[0].similarity >= 80


def test_a_source_without_a_face_is_invalid_argument_with_its_reason(faces, data) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        faces.CompareFaces(
            faces_pb2.CompareFacesRequest(source_image=load_image(data / "no_face.jpg"),
                                          target_image=load_image(data / "group_4_faces.jpg")),
            timeout=60,
        )
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(failure.value)
    assert info is not None and info.reason == "NO_FACE_IN_SOURCE" and info.domain == "facet.v1"
