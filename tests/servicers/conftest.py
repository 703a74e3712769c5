"""Servicer tests: each servicer behind a real grpc.aio server on port 0 (the production
create_server, so the error interceptor and its mapping are the real ones), its pipeline on a
StubSession (tests/servicers/stub_session.py). Contract slips show here in seconds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from services.common.server import create_server
from services.common.settings import CommonSettings

AddServicer = Callable[[grpc.aio.Server], None]


@pytest.fixture
def executor() -> ThreadPoolExecutor:
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="servicer-test")
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture
def serve() -> Callable[[str, AddServicer], AsyncIterator[grpc.aio.Channel]]:
    """``async with serve(service_name, add)`` → a channel to a started server."""
    import contextlib

    @contextlib.asynccontextmanager
    async def start(service_name: str, add: AddServicer) -> AsyncIterator[grpc.aio.Channel]:
        app = create_server("127.0.0.1:0", CommonSettings(), [service_name], add)
        await app.server.start()
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{app.port}")
        try:
            yield channel
        finally:
            await channel.close()
            await app.server.stop(0)

    return start  # type: ignore[return-value]
