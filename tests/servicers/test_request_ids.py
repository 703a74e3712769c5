"""Every log line of a call carries its x-request-id, in the handler's task and in worker threads,
so the gateway's promise that logs join across services holds."""

from __future__ import annotations

import io
import json
import logging

import grpc
import pytest

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.logs import JsonFormatter
from services.moderation.pipeline import ModerationPipeline
from services.moderation.servicer import ModerationServicer
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy
from tests.servicers.stub_session import StubSession


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("test"))
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous)


async def test_log_lines_of_a_call_carry_its_request_id(serve, executor, log_lines) -> None:
    pipeline = ModerationPipeline(StubSession(), executor, Taxonomy.load(), use_nudenet=False)
    decode = pipeline.run_blocking

    async def logged_decode(fn, *args, **kwargs):  # a line from the worker thread too
        return await decode(lambda: (logging.getLogger("worker").info("decoding"), fn(*args, **kwargs))[1])

    pipeline.run_blocking = logged_decode  # type: ignore[method-assign]
    servicer = ModerationServicer(pipeline, ModerationSettings())
    async with serve(
        "facet.v1.ModerationService",
        lambda s: moderation_pb2_grpc.add_ModerationServiceServicer_to_server(servicer, s),
    ) as channel:
        with pytest.raises(grpc.aio.AioRpcError):
            await moderation_pb2_grpc.ModerationServiceStub(channel).DetectModerationLabels(
                moderation_pb2.DetectModerationLabelsRequest(image=common_pb2.Image(bytes=b"not an image")),
                metadata=(("x-request-id", "req-42"),),
            )
    lines = log_lines()
    worker = [line for line in lines if line["msg"] == "decoding"]
    failed = [line for line in lines if "failed" in line["msg"]]
    assert worker and failed  # the worker thread's line and the interceptor's line were both logged
    assert {line.get("request_id") for line in worker + failed} == {"req-42"}
