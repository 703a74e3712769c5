"""Servicer tests: each servicer behind a real grpc.aio server on port 0 (the production
create_server, so the error interceptor and its mapping are the real ones), its pipeline on a
StubSession (tests/servicers/stub_session.py). Contract slips show here in seconds."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager

import grpc
import pytest

from tests.serving import AddServicer, connected


@pytest.fixture
def executor() -> ThreadPoolExecutor:
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="servicer-test")
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture
def serve() -> Callable[[str, AddServicer], AbstractAsyncContextManager[grpc.aio.Channel]]:
    """``async with serve(service_name, add)`` → a channel to a started server."""
    return lambda service_name, add: connected(add, [service_name])
