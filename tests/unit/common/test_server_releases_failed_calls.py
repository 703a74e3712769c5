"""A failed call must not keep its locals alive (issue #20): a decoded 20-megapixel photo held by
the frames of an answered error stayed in the faces service until a later failure replaced it."""

from __future__ import annotations

import gc
import weakref

import grpc
import pytest

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.errors import InvalidArgument
from tests.serving import add_faces, connected


class Pixels:
    """Stands for a decoded image: only a weak reference to it leaves the handler."""


class HoldsThenFails(faces_pb2_grpc.FaceServiceServicer):
    def __init__(self) -> None:
        self.seen: list[weakref.ref[Pixels]] = []

    async def DetectFaces(self, request, context):
        pixels = Pixels()  # a local of the failing frame, as pipeline.compare's images are
        self.seen.append(weakref.ref(pixels))
        raise InvalidArgument("no face was found", reason="NO_FACE_IN_SOURCE")


@pytest.fixture
async def served():
    servicer = HoldsThenFails()
    async with connected(add_faces(servicer)) as channel:
        yield servicer, faces_pb2_grpc.FaceServiceStub(channel)


# Only the answered FacetError is checked: an unexpected error is logged with its traceback, and
# pytest's log capture keeps that record (and so the frames) for the test's report.
async def test_locals_of_a_failed_call_are_freed(served) -> None:
    servicer, stub = served
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"x"}), timeout=5)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    gc.collect()
    assert servicer.seen and servicer.seen[0]() is None, "the failed call's locals are still referenced"
