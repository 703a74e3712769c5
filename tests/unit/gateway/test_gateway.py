"""The gateway against a real gRPC backend (a scripted FaceService), no Triton involved.

Covers what the proxy promises: bytes forwarded unchanged, metadata and deadline forwarded,
a backend's status and ErrorInfo returned unchanged, an unreachable backend reported as
UNAVAILABLE with a reason, health aggregated, and reflection listing the routed services.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from facet.v1 import faces_pb2, faces_pb2_grpc
from gateway.__main__ import build_gateway
from gateway.settings import GatewaySettings
from scripts.stack import free_port
from services.common.errors import InvalidArgument, error_info
from services.common.server import Server
from tests.serving import add_faces, started


class ScriptedFaces(faces_pb2_grpc.FaceServiceServicer):
    """Echoes what it received so tests can see what the gateway forwarded."""

    def __init__(self) -> None:
        self.seen_metadata: dict[str, str] = {}
        self.seen_time_remaining: float | None = None

    async def DetectFaces(self, request, context):
        self.seen_metadata = {k: v for k, v in context.invocation_metadata() if isinstance(v, str)}
        self.seen_time_remaining = context.time_remaining()
        if request.image.bytes == b"bad":
            raise InvalidArgument("not an image", reason="INVALID_IMAGE_FORMAT", metadata={"field": "image"})
        face = faces_pb2.FaceDetail(confidence=float(len(request.image.bytes)))
        return faces_pb2.DetectFacesResponse(face_details=[face])


@pytest.fixture
async def backend() -> AsyncIterator[tuple[Server, ScriptedFaces]]:
    servicer = ScriptedFaces()
    async with started(add_faces(servicer)) as app:
        yield app, servicer


async def start_gateway(backend_port: int):
    settings = GatewaySettings(
        listen_address="127.0.0.1:0",
        routes={"facet.v1.FaceService": f"127.0.0.1:{backend_port}"},
        enabled_services=["facet.v1.FaceService"],
    )
    app, backend_health, backends = build_gateway(settings)
    await app.server.start()
    return app, backend_health, backends


@pytest.fixture
async def gateway(backend):
    app, backend_health, backends = await start_gateway(backend[0].port)
    await backend_health.check()
    await app.set_serving(True)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{app.port}")
    yield channel, backend[1], backend_health
    await channel.close()
    await app.server.stop(0)
    for b in backends:
        await b.close()


async def test_forwards_request_and_response(gateway) -> None:
    channel, _, _ = gateway
    stub = faces_pb2_grpc.FaceServiceStub(channel)
    reply = await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"12345"}), timeout=5)
    assert reply.face_details[0].confidence == 5.0


async def test_forwards_metadata_deadline_and_adds_request_id(gateway) -> None:
    channel, servicer, _ = gateway
    stub = faces_pb2_grpc.FaceServiceStub(channel)
    await stub.DetectFaces(
        faces_pb2.DetectFacesRequest(image={"bytes": b"x"}), metadata=[("x-caller", "billing")], timeout=7
    )
    assert servicer.seen_metadata["x-caller"] == "billing"
    assert len(servicer.seen_metadata["x-request-id"]) == 32
    assert (
        servicer.seen_time_remaining is not None and 5 < servicer.seen_time_remaining <= 7.5
    )  # grpc-timeout rounds up


async def test_backend_error_and_reason_pass_through(gateway) -> None:
    channel, _, _ = gateway
    stub = faces_pb2_grpc.FaceServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"bad"}), timeout=5)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info is not None and info.reason == "INVALID_IMAGE_FORMAT" and info.metadata["field"] == "image"


async def test_unknown_service_is_unimplemented(gateway) -> None:
    channel, _, _ = gateway
    call = channel.unary_unary("/facet.v1.NoSuchService/Do")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(b"", timeout=5)
    assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED


async def test_health_is_aggregated_from_backends(gateway, backend) -> None:
    channel, _, backend_health = gateway
    health = health_pb2_grpc.HealthStub(channel)
    reply = await health.Check(health_pb2.HealthCheckRequest(service="facet.v1.FaceService"), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
    await backend[0].set_serving(False)
    with pytest.raises(Exception, match="backends not serving"):
        await backend_health.check()
    reply = await health.Check(health_pb2.HealthCheckRequest(service="facet.v1.FaceService"), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING


async def test_reflection_lists_routed_services(gateway) -> None:
    channel, _, _ = gateway
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)

    async def requests():
        yield reflection_pb2.ServerReflectionRequest(list_services="")

    names = []
    async for reply in stub.ServerReflectionInfo(requests(), timeout=5):
        names = [s.name for s in reply.list_services_response.service]
    assert "facet.v1.FaceService" in names
    assert "grpc.health.v1.Health" in names


async def test_unreachable_backend_is_unavailable_with_reason() -> None:
    app, _, backends = await start_gateway(free_port())
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{app.port}")
    try:
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.DetectFaces(faces_pb2.DetectFacesRequest(image={"bytes": b"x"}), timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        info = error_info(caught.value)
        assert info is not None and info.reason == "SERVICE_UNAVAILABLE"
    finally:
        await channel.close()
        await app.server.stop(0)
        for b in backends:
            await b.close()


def test_route_table_overrides_and_subsets() -> None:
    from gateway.routes import build_routes

    routes = build_routes({"facet.v1.FaceService": "faces:1"}, ["facet.v1.FaceService"])
    assert list(routes) == ["facet.v1.FaceService"] and routes["facet.v1.FaceService"].address == "faces:1"
    with pytest.raises(ValueError, match="unknown services"):
        build_routes({"facet.v1.FaseService": "typo:1"})
    with pytest.raises(ValueError, match="unknown services"):
        build_routes({}, ["facet.v1.NoSuchService"])
