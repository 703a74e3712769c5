"""Run the moderation service: ``python -m services.moderation``."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import moderation_pb2, moderation_pb2_grpc
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled
from services.common.triton import InferenceSession, TritonSession, readiness_check
from services.moderation import nudenet
from services.moderation.pipeline import ModerationPipeline
from services.moderation.servicer import ModerationServicer
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy

log = logging.getLogger("moderation")
SERVICE_NAME = moderation_pb2.DESCRIPTOR.services_by_name["ModerationService"].full_name


def build_pipeline(
    settings: ModerationSettings, session: InferenceSession, executor: ThreadPoolExecutor
) -> ModerationPipeline:
    return ModerationPipeline(session, executor, Taxonomy.load(), use_nudenet=settings.moderation_nudenet)


def build_server(settings: ModerationSettings, pipeline: ModerationPipeline) -> Server:
    servicer = ModerationServicer(pipeline, settings)
    return create_server(
        settings.listen_address,
        settings,
        [SERVICE_NAME],
        lambda server: moderation_pb2_grpc.add_ModerationServiceServicer_to_server(servicer, server),
    )


async def main() -> None:
    settings = ModerationSettings()
    configure_logging("moderation", settings.log_level)
    session = TritonSession(settings.triton_url)
    executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix="moderation-cpu")
    pipeline = build_pipeline(settings, session, executor)
    if settings.moderation_nudenet:
        log.warning(nudenet.LICENCE_NOTICE)
    else:
        log.info(
            "NudeNet (AGPL-3.0) is off: open_nsfw and nsfwjs only (FACET_MODERATION_NUDENET=1 adds its finer labels)"
        )
    log.info(
        "moderation taxonomy %s: %s",
        pipeline.taxonomy.model_version(),
        [label.name for label in pipeline.taxonomy.labels],
    )
    app = build_server(settings, pipeline)
    readiness = readiness_check(session, pipeline.required_models, settings.triton_ready_timeout_s)

    async def close() -> None:
        await session.close()
        executor.shutdown(wait=False, cancel_futures=True)

    await run_until_signalled(app, settings, readiness, on_stop=close)


if __name__ == "__main__":
    asyncio.run(main())
