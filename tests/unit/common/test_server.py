"""The error interceptor: FacetError keeps its code and reason; anything else becomes a generic INTERNAL."""

from __future__ import annotations

import grpc
import pytest

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.errors import NotFound, error_info
from tests.serving import add_faces, connected


class Failing(faces_pb2_grpc.FaceServiceServicer):
    async def DetectFaces(self, request, context):
        if request.image.bytes == b"missing":
            raise NotFound("no such thing", reason="COLLECTION_NOT_FOUND")
        raise RuntimeError("secret internal detail /etc/passwd")


@pytest.fixture
async def stub():
    async with connected(add_faces(Failing())) as channel:
        yield faces_pb2_grpc.FaceServiceStub(channel)


async def test_facet_error_keeps_code_and_reason(stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"missing"}), timeout=5)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_info(caught.value).reason == "COLLECTION_NOT_FOUND"


async def test_unexpected_error_is_generic_internal(stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"x"}), timeout=5)
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert "secret" not in (caught.value.details() or "")
    assert error_info(caught.value).reason == "INTERNAL"
