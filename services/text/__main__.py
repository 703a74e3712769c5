"""Run the text service: ``python -m services.text``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from facet.v1 import text_pb2, text_pb2_grpc
from services.common.server import Server
from services.common.service_main import run_triton_service, service_server
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
    return service_server(settings, SERVICE_NAME, servicer, text_pb2_grpc.add_TextServiceServicer_to_server)


if __name__ == "__main__":
    run_triton_service("text", TextSettings(), build_server, REQUIRED_MODELS)
