"""Run the label service: ``python -m services.labels``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from facet.v1 import labels_pb2, labels_pb2_grpc
from services.common.server import Server
from services.common.service_main import run_triton_service, service_server
from services.common.triton import TritonSession
from services.labels.hierarchy import Hierarchy
from services.labels.pipeline import REQUIRED_MODELS, LabelPipeline
from services.labels.servicer import LabelServicer
from services.labels.settings import LabelSettings

SERVICE_NAME = labels_pb2.DESCRIPTOR.services_by_name["LabelService"].full_name


def build_server(settings: LabelSettings, session: TritonSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = LabelPipeline(
        session,
        executor,
        Hierarchy.load(),
        detector_min_score=settings.detector_min_score,
        detector_nms_iou=settings.detector_nms_iou,
        classifier_min_probability=settings.classifier_min_probability,
    )
    servicer = LabelServicer(pipeline, settings)
    return service_server(settings, SERVICE_NAME, servicer, labels_pb2_grpc.add_LabelServiceServicer_to_server)


if __name__ == "__main__":
    run_triton_service("labels", LabelSettings(), build_server, REQUIRED_MODELS)
