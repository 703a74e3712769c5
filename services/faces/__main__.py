"""Run the face service: ``python -m services.faces``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.server import Server, create_server
from services.common.service_main import run_triton_service
from services.common.triton import TritonSession
from services.faces.pipeline import REQUIRED_MODELS, FacePipeline
from services.faces.servicer import FaceServicer
from services.faces.settings import FaceSettings

SERVICE_NAME = faces_pb2.DESCRIPTOR.services_by_name["FaceService"].full_name


def build_server(settings: FaceSettings, session: TritonSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = FacePipeline(session, executor, detection_threshold=settings.detection_threshold)
    servicer = FaceServicer(pipeline, settings)
    return create_server(
        settings.listen_address,
        settings,
        [SERVICE_NAME],
        lambda server: faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer, server),
    )


if __name__ == "__main__":
    settings = FaceSettings()
    run_triton_service(
        "faces", settings, lambda session, executor: build_server(settings, session, executor), REQUIRED_MODELS
    )
