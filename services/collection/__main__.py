"""Run the collection service: ``python -m services.collection``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

from facet.v1 import collections_pb2, collections_pb2_grpc
from services.collection.embedded import EmbeddedStore, HnswParams
from services.collection.face_collections import FaceCollections
from services.collection.model_version import face_model_version
from services.collection.servicer import CollectionServicer
from services.collection.settings import CollectionSettings
from services.collection.store import FaceStore
from services.common import audit
from services.common.logs import configure_logging
from services.common.server import Server, run_until_signalled
from services.common.service_main import service_server
from services.common.triton import TritonSession, readiness_check
from services.faces.pipeline import ANALYSIS, DETECTOR, EMBEDDER, FacePipeline

log = logging.getLogger("collection")
SERVICE_NAME = collections_pb2.DESCRIPTOR.services_by_name["CollectionService"].full_name
REQUIRED_MODELS = (DETECTOR, EMBEDDER, ANALYSIS)


def open_store(settings: CollectionSettings) -> FaceStore:
    if settings.collection_store == "milvus":
        from services.collection.milvus import MilvusStore  # pymilvus (and pandas) only when asked for

        return MilvusStore(
            settings.milvus_target,
            token=settings.milvus_token,
            prefix=settings.milvus_prefix,
            index_type=settings.milvus_index_type,
        )
    params = HnswParams(
        connectivity=settings.hnsw_connectivity,
        expansion_add=settings.hnsw_expansion_add,
        expansion_search=settings.hnsw_expansion_search,
        exact_search_below=settings.exact_search_below,
    )
    return EmbeddedStore(settings.store_dir, params)


def build_server(
    settings: CollectionSettings,
    session: TritonSession,
    executor: ThreadPoolExecutor,
    store: FaceStore,
    sink: audit.AuditSink,
) -> Server:
    pipeline = FacePipeline(session, executor, detection_threshold=settings.detection_threshold)
    servicer = CollectionServicer(pipeline, FaceCollections(store, face_model_version()), settings, sink)
    return service_server(
        settings, SERVICE_NAME, servicer, collections_pb2_grpc.add_CollectionServiceServicer_to_server
    )


async def main() -> None:
    settings = CollectionSettings()
    configure_logging("collection", settings.log_level)
    store = open_store(settings)
    sink = audit.open_sink(settings.audit_log, "collection", settings.state_dir)
    session = TritonSession(settings.triton_url)
    executor = ThreadPoolExecutor(max_workers=settings.worker_threads, thread_name_prefix="collection-cpu")
    app = build_server(settings, session, executor, store, sink)
    readiness = readiness_check(session, REQUIRED_MODELS, settings.triton_ready_timeout_s)

    async def snapshots() -> None:
        # Snapshots only shorten the next start (durability is SQLite's); taken off the event loop.
        while isinstance(store, EmbeddedStore) and settings.snapshot_interval_s > 0:
            await asyncio.sleep(settings.snapshot_interval_s)
            await asyncio.get_running_loop().run_in_executor(executor, store.snapshot)

    snapshot_task = asyncio.create_task(snapshots())

    async def close() -> None:
        snapshot_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await snapshot_task
        await session.close()
        executor.shutdown(wait=True, cancel_futures=True)
        store.close()
        sink.close()

    await run_until_signalled(app, settings, readiness, on_stop=close)


if __name__ == "__main__":
    asyncio.run(main())
