"""What every server adds around its servicers: the replica's name on each answer, a typed error
for an undecodable request (directly and through the gateway), and a maximum connection age."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.errors import InvalidArgument, error_info
from services.common.server import REPLICA_KEY
from services.common.settings import CommonSettings
from tests.serving import add_faces, started
from tests.unit.gateway.test_gateway import start_gateway

GARBAGE = b"\xff\xff\xff\xff\x0f"  # a field tag whose varint never ends: no message parses it


class Peers(faces_pb2_grpc.FaceServiceServicer):
    """Answers with the caller's address (its TCP port changes when the connection does)."""

    async def DetectFaces(self, request, context):
        if request.image.bytes == b"bad":
            raise InvalidArgument("bad", reason="INVALID_IMAGE_FORMAT")
        context.set_trailing_metadata((("x-peer", context.peer()),))
        return faces_pb2.DetectFacesResponse()


@pytest.fixture
async def served(request):
    async with started(add_faces(Peers()), settings=CommonSettings(**getattr(request, "param", {}))) as app:
        yield app


async def test_answers_name_the_replica(served) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{served.port}") as channel:
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        call = stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5)
        await call
        name = dict(await call.initial_metadata())[REPLICA_KEY]
        assert name.endswith(f":{served.port}")  # default: <hostname>:<port>
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"bad"}), timeout=5)
        assert dict(caught.value.trailing_metadata())[REPLICA_KEY] == name


async def test_undecodable_request_is_invalid_argument_directly_and_through_the_gateway(served) -> None:
    gateway, _, backends = await start_gateway(served.port)
    try:
        for port in (served.port, gateway.port):
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                with pytest.raises(grpc.aio.AioRpcError) as caught:
                    await channel.unary_unary("/facet.v1.FaceService/DetectFaces")(GARBAGE, timeout=5)
                assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value.details()
                assert error_info(caught.value).reason == "INVALID_REQUEST"
                assert "class" not in (caught.value.details() or "")
    finally:
        await gateway.server.stop(0)
        for backend in backends:
            await backend.close()


async def peers_over_time(port: int) -> tuple[str, str]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        peers = []
        for pause_s in (0.0, 1.0):
            await asyncio.sleep(pause_s)
            call = stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5)
            await call
            peers.append(dict(await call.trailing_metadata())["x-peer"])
        return peers[0], peers[1]


@pytest.mark.parametrize("served", [{"max_connection_age_s": 0.3, "max_connection_age_grace_s": 0.1}], indirect=True)
async def test_connections_end_after_their_maximum_age(served) -> None:
    first, second = await peers_over_time(served.port)
    assert first != second  # the client had to open a new connection


async def test_connections_live_on_below_their_maximum_age(served) -> None:
    first, second = await peers_over_time(served.port)
    assert first == second  # control: the default age (30 s) keeps the connection
