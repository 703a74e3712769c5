"""The `main` of a service whose only resources are a Triton session and a CPU pool, and the
server of its one servicer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import grpc

from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled
from services.common.settings import CommonSettings
from services.common.triton import ModelSpec, TritonSession, readiness_check

S = TypeVar("S")
SettingsT = TypeVar("SettingsT", bound=CommonSettings)


def service_server(
    settings: CommonSettings, service_name: str, servicer: S, add: Callable[[S, grpc.aio.Server], None]
) -> Server:
    """The server of one servicer, on ``settings.listen_address`` (``add``: the generated
    ``add_<Service>Servicer_to_server``)."""
    return create_server(settings.listen_address, settings, [service_name], lambda server: add(servicer, server))


def run_triton_service(
    name: str,
    settings: SettingsT,
    build_server: Callable[[SettingsT, TritonSession, ThreadPoolExecutor], Server],
    required_models: Sequence[ModelSpec],
) -> None:
    """Configure logging, build the server, serve until SIGTERM/SIGINT, release everything."""
    configure_logging(name, settings.log_level)

    async def main() -> None:
        session = TritonSession(settings.triton_url)
        executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix=f"{name}-cpu")
        app = build_server(settings, session, executor)

        async def close() -> None:
            await session.close()
            executor.shutdown(wait=False, cancel_futures=True)

        readiness = readiness_check(session, required_models, settings.triton_ready_timeout_s)
        await run_until_signalled(app, settings, readiness, on_stop=close)

    asyncio.run(main())
