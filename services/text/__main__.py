"""Run the text service: ``python -m services.text``."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import text_pb2, text_pb2_grpc
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled
from services.common.triton import TritonSession, readiness_check
from services.text.pipeline import REQUIRED_MODELS, TextPipeline
from services.text.servicer import TextServicer
from services.text.settings import TextSettings

log = logging.getLogger("text")
SERVICE_NAME = text_pb2.DESCRIPTOR.services_by_name["TextService"].full_name


def build_server(settings: TextSettings, session: TritonSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = TextPipeline(
        session,
        executor,
        pixel_threshold=settings.text_pixel_threshold,
        box_threshold=settings.text_box_threshold,
        min_line_confidence=settings.text_min_line_confidence,
        flip_threshold=settings.text_flip_threshold,
    )
    servicer = TextServicer(pipeline, settings)
    return create_server(
        settings.listen_address,
        settings,
        [SERVICE_NAME],
        lambda server: text_pb2_grpc.add_TextServiceServicer_to_server(servicer, server),
    )


async def main() -> None:
    settings = TextSettings()
    configure_logging("text", settings.log_level)
    session = TritonSession(settings.triton_url)
    executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix="text-cpu")
    app = build_server(settings, session, executor)

    readiness = readiness_check(session, REQUIRED_MODELS, settings.triton_ready_timeout_s)

    async def close() -> None:
        await session.close()
        executor.shutdown(wait=False, cancel_futures=True)

    await run_until_signalled(app, settings, readiness, on_stop=close)


if __name__ == "__main__":
    asyncio.run(main())
