"""A real grpc.aio server on a free loopback port, for tests of what sits behind or in front of one.

It is the production ``create_server``, so the interceptors (errors, admission, replica name) are
the real ones; the servicer is the test's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

import grpc

from facet.v1 import faces_pb2_grpc
from services.common.server import Server, create_server
from services.common.settings import CommonSettings

AddServicer = Callable[[grpc.aio.Server], None]
FACES = "facet.v1.FaceService"


def add_faces(servicer: faces_pb2_grpc.FaceServiceServicer) -> AddServicer:
    return lambda server: faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer, server)


@asynccontextmanager
async def started(
    add: AddServicer, services: Sequence[str] = (FACES,), settings: CommonSettings | None = None
) -> AsyncIterator[Server]:
    """A started server reporting SERVING, stopped on exit."""
    app = create_server("127.0.0.1:0", settings or CommonSettings(), list(services), add)
    await app.server.start()
    await app.set_serving(True)
    try:
        yield app
    finally:
        await app.server.stop(0)


@asynccontextmanager
async def connected(
    add: AddServicer, services: Sequence[str] = (FACES,), settings: CommonSettings | None = None
) -> AsyncIterator[grpc.aio.Channel]:
    """A channel to a started server (both closed on exit)."""
    async with (
        started(add, services, settings) as app,
        grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel,
    ):
        yield channel
