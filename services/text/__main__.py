"""Run the text service: ``python -m services.text``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from facet.v1 import text_pb2, text_pb2_grpc
from services.common.server import Server, create_server
from services.common.service_main import run_triton_service
from services.common.triton import TritonSession
from services.text.pipeline import REQUIRED_MODELS, TextPipeline
from services.text.servicer import TextServicer
from services.text.settings import TextSettings

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


if __name__ == "__main__":
    settings = TextSettings()
    run_triton_service(
        "text", settings, lambda session, executor: build_server(settings, session, executor), REQUIRED_MODELS
    )
