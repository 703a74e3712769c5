"""The gateway's backend channels against several real gRPC replicas (scripted servicers, no Triton).

round_robin spreads calls, an idempotent call that meets UNAVAILABLE is retried on another
replica, a write is not, a replica that reports NOT_SERVING gets nothing, and every answer
(errors included, in the trailers) names its replica in `x-facet-replica`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import grpc
import pytest

from facet.v1 import collections_pb2, collections_pb2_grpc, faces_pb2, faces_pb2_grpc
from gateway.__main__ import build_gateway
from gateway.settings import GatewaySettings
from services.common.errors import Unavailable, error_info
from services.common.server import REPLICA_KEY, Server, create_server
from services.common.settings import CommonSettings

FACES = "facet.v1.FaceService"
COLLECTIONS = "facet.v1.CollectionService"


class Replica(faces_pb2_grpc.FaceServiceServicer, collections_pb2_grpc.CollectionServiceServicer):
    """Counts its calls; a `broken` replica answers UNAVAILABLE as a replica without Triton does."""

    def __init__(self, broken: bool = False):
        self.broken = broken
        self.calls: Counter[str] = Counter()

    async def DetectFaces(self, request, context):
        self.calls["DetectFaces"] += 1
        if self.broken:
            raise Unavailable("no inference server here")
        return faces_pb2.DetectFacesResponse()

    async def IndexFaces(self, request, context):
        self.calls["IndexFaces"] += 1
        if self.broken:
            raise Unavailable("no inference server here")
        return collections_pb2.IndexFacesResponse()


async def start_replica(name: str, replica: Replica, address: str = "127.0.0.1:0", **settings: float) -> Server:
    def add(server: grpc.aio.Server) -> None:
        faces_pb2_grpc.add_FaceServiceServicer_to_server(replica, server)
        collections_pb2_grpc.add_CollectionServiceServicer_to_server(replica, server)

    app = create_server(address, CommonSettings(replica_name=name, **settings), [FACES, COLLECTIONS], add)
    await app.server.start()
    await app.set_serving(True)
    return app


@pytest.fixture
async def cluster() -> AsyncIterator[tuple[grpc.aio.Channel, dict[str, Replica], dict[str, Server]]]:
    """Replicas a (broken: UNAVAILABLE) and b, c (healthy), behind one gateway."""
    replicas = {"a": Replica(broken=True), "b": Replica(), "c": Replica()}
    servers = {name: await start_replica(name, replica) for name, replica in replicas.items()}
    target = "ipv4:" + ",".join(f"127.0.0.1:{server.port}" for server in servers.values())
    settings = GatewaySettings(
        listen_address="127.0.0.1:0", routes={FACES: target, COLLECTIONS: target}, enabled_services=[FACES, COLLECTIONS]
    )
    gateway, _, backends = build_gateway(settings)
    await gateway.server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{gateway.port}")
    yield channel, replicas, servers
    await channel.close()
    await gateway.server.stop(0)
    for backend in backends:
        await backend.close()
    for server in servers.values():
        await server.server.stop(0)


def replica_of(metadata: object) -> str:
    return dict(metadata or ())[REPLICA_KEY]  # type: ignore[call-overload]


async def test_idempotent_call_is_retried_on_another_replica(cluster) -> None:
    channel, replicas, _ = cluster
    stub = faces_pb2_grpc.FaceServiceStub(channel)
    answered: Counter[str] = Counter()
    for _ in range(30):
        call = stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5)
        await call
        answered[replica_of(await call.initial_metadata())] += 1
    assert replicas["a"].calls["DetectFaces"] > 0  # round_robin did send some to the broken one
    assert set(answered) == {"b", "c"}  # and each of those was retried elsewhere, successfully
    assert min(answered.values()) >= 8  # spread over both survivors


async def test_write_is_not_retried(cluster) -> None:
    channel, replicas, _ = cluster
    stub = collections_pb2_grpc.CollectionServiceStub(channel)
    failed: Counter[str] = Counter()
    for _ in range(30):
        try:
            await stub.IndexFaces(collections_pb2.IndexFacesRequest(), timeout=5)
        except grpc.aio.AioRpcError as err:
            assert err.code() == grpc.StatusCode.UNAVAILABLE
            assert error_info(err).reason == "INFERENCE_UNAVAILABLE"
            failed[replica_of(err.trailing_metadata())] += 1  # errors: trailers
    attempts = sum(replica.calls["IndexFaces"] for replica in replicas.values())
    assert attempts == 30  # one attempt per call: nothing retried
    assert failed == Counter({"a": replicas["a"].calls["IndexFaces"]}) and failed["a"] >= 5


async def test_not_serving_replica_gets_no_calls(cluster) -> None:
    channel, replicas, servers = cluster
    await servers["c"].set_serving(False)
    stub = faces_pb2_grpc.FaceServiceStub(channel)
    await stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5)  # health watches settle
    before = replicas["c"].calls["DetectFaces"]
    for _ in range(20):
        call = stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5)
        await call
        assert replica_of(await call.initial_metadata()) == "b"
    assert replicas["c"].calls["DetectFaces"] == before
