"""Run the label service: ``python -m services.labels``."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import labels_pb2, labels_pb2_grpc
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled
from services.common.triton import TritonSession, readiness_check
from services.labels.hierarchy import Hierarchy
from services.labels.pipeline import REQUIRED_MODELS, LabelPipeline
from services.labels.servicer import LabelServicer
from services.labels.settings import LabelSettings

log = logging.getLogger("labels")
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
    return create_server(
        settings.listen_address,
        settings,
        [SERVICE_NAME],
        lambda server: labels_pb2_grpc.add_LabelServiceServicer_to_server(servicer, server),
    )


async def main() -> None:
    settings = LabelSettings()
    configure_logging("labels", settings.log_level)
    session = TritonSession(settings.triton_url)
    executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix="labels-cpu")
    app = build_server(settings, session, executor)

    readiness = readiness_check(session, REQUIRED_MODELS, settings.triton_ready_timeout_s)

    async def close() -> None:
        await session.close()
        executor.shutdown(wait=False, cancel_futures=True)

    await run_until_signalled(app, settings, readiness, on_stop=close)


if __name__ == "__main__":
    asyncio.run(main())
