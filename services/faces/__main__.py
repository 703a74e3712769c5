"""Run the face service: ``python -m services.faces``."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled
from services.common.triton import TritonSession, readiness_check
from services.faces.pipeline import REQUIRED_MODELS, FacePipeline
from services.faces.servicer import FaceServicer
from services.faces.settings import FaceSettings

log = logging.getLogger("faces")
SERVICE_NAME = faces_pb2.DESCRIPTOR.services_by_name["FaceService"].full_name


def build_server(settings: FaceSettings, session: TritonSession, executor: ThreadPoolExecutor) -> Server:
    pipeline = FacePipeline(
        session, executor, detection_threshold=settings.detection_threshold, max_faces=settings.max_faces
    )
    servicer = FaceServicer(pipeline, settings)
    return create_server(
        settings.listen_address,
        settings,
        [SERVICE_NAME],
        lambda server: faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer, server),
    )


async def main() -> None:
    settings = FaceSettings()
    configure_logging("faces", settings.log_level)
    session = TritonSession(settings.triton_url)
    executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix="faces-cpu")
    app = build_server(settings, session, executor)

    readiness = readiness_check(session, REQUIRED_MODELS, settings.triton_ready_timeout_s)

    async def close() -> None:
        await session.close()
        executor.shutdown(wait=False, cancel_futures=True)

    await run_until_signalled(app, settings, readiness, on_stop=close)


if __name__ == "__main__":
    asyncio.run(main())
