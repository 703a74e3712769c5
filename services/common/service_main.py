"""The `main` of a service whose only resources are a Triton session and a CPU pool."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from services.common.logs import configure_logging
from services.common.server import Server, run_until_signalled
from services.common.settings import CommonSettings
from services.common.triton import ModelSpec, TritonSession, readiness_check

BuildServer = Callable[[TritonSession, ThreadPoolExecutor], Server]


def run_triton_service(
    name: str, settings: CommonSettings, build_server: BuildServer, required_models: Sequence[ModelSpec]
) -> None:
    """Configure logging, build the server, serve until SIGTERM/SIGINT, release everything."""
    configure_logging(name, settings.log_level)

    async def main() -> None:
        session = TritonSession(settings.triton_url)
        executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix=f"{name}-cpu")
        app = build_server(session, executor)

        async def close() -> None:
            await session.close()
            executor.shutdown(wait=False, cancel_futures=True)

        readiness = readiness_check(session, required_models, settings.triton_ready_timeout_s)
        await run_until_signalled(app, settings, readiness, on_stop=close)

    asyncio.run(main())
