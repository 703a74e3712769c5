"""Run the face service: ``python -m services.faces``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.server import Server
from services.common.service_main import run_triton_service, service_server
from services.common.triton import TritonSession
from services.faces.pipeline import REQUIRED_MODELS, FacePipeline
from services.faces.servicer import FaceServicer
from services.faces.settings import FaceSettings

SERVICE_NAME = faces_pb2.DESCRIPTOR.services_by_name["FaceService"].full_name


def build_server(settings: FaceSettings, session: TritonSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = FacePipeline(session, executor, detection_threshold=settings.detection_threshold)
    servicer = FaceServicer(pipeline, settings)
    return service_server(settings, SERVICE_NAME, servicer, faces_pb2_grpc.add_FaceServiceServicer_to_server)


if __name__ == "__main__":
    run_triton_service("faces", FaceSettings(), build_server, REQUIRED_MODELS)
