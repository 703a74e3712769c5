"""Run the moderation service: ``python -m services.moderation``."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import moderation_pb2, moderation_pb2_grpc
from services.common.server import Server
from services.common.service_main import run_triton_service, service_server
from services.common.triton import InferenceSession
from services.moderation import nudenet
from services.moderation.pipeline import ModerationPipeline, required_models
from services.moderation.servicer import ModerationServicer
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy

log = logging.getLogger("moderation")
SERVICE_NAME = moderation_pb2.DESCRIPTOR.services_by_name["ModerationService"].full_name


def build_server(settings: ModerationSettings, session: InferenceSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = ModerationPipeline(session, executor, Taxonomy.load(), use_nudenet=settings.moderation_nudenet)
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
    servicer = ModerationServicer(pipeline, settings)
    return service_server(settings, SERVICE_NAME, servicer, moderation_pb2_grpc.add_ModerationServiceServicer_to_server)


if __name__ == "__main__":
    settings = ModerationSettings()
    run_triton_service("moderation", settings, build_server, required_models(settings.moderation_nudenet))
