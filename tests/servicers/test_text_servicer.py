"""TextService against a real server and a scripted session: the contract of text.proto."""

from __future__ import annotations

import grpc
import numpy as np
import pytest

from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.errors import error_info
from services.text import detection
from services.text.pipeline import DETECTOR, MODEL_VERSION, TextPipeline
from services.text.servicer import TextServicer
from services.text.settings import TextSettings
from tests.servicers.stub_session import StubSession, png, textured

SERVICE = "facet.v1.TextService"
IMAGE = common_pb2.Image(bytes=png(textured()))


def no_text(inputs):
    batch, _, height, width = inputs[detection.INPUT_NAME].shape
    return {detection.OUTPUT_NAME: np.zeros((batch, 1, height, width), np.float32)}


@pytest.fixture
def stub(serve, executor):
    def start(session: StubSession):
        servicer = TextServicer(TextPipeline(session, executor), TextSettings())
        return serve(SERVICE, lambda s: text_pb2_grpc.add_TextServiceServicer_to_server(servicer, s))

    return start


async def test_an_image_without_text_is_an_empty_answer(stub) -> None:
    session = StubSession({DETECTOR.name: no_text})
    async with stub(session) as channel:
        reply = await text_pb2_grpc.TextServiceStub(channel).DetectText(text_pb2.DetectTextRequest(image=IMAGE))
    assert list(reply.text_detections) == [] and reply.text_model_version == MODEL_VERSION
    assert [model for model, _ in session.calls] == [DETECTOR.name]  # nothing to read: one round trip


@pytest.mark.parametrize(
    ("request_fields", "field"),
    [
        ({"max_words": 0}, "max_words"),
        (
            {"filters": text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=float("nan")))},
            "filters.word_filter.min_confidence",
        ),
        (
            {"filters": text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_bounding_box_width=2))},
            "filters.word_filter.min_bounding_box_width",
        ),
        (
            {"filters": text_pb2.DetectTextFilters(regions_of_interest=[text_pb2.RegionOfInterest()])},
            "filters.regions_of_interest[0]",
        ),
        (
            {
                "filters": text_pb2.DetectTextFilters(
                    regions_of_interest=[text_pb2.RegionOfInterest(polygon=[text_pb2.TextPoint(x=0, y=0)] * 2)]
                )
            },
            "filters.regions_of_interest[0].polygon",
        ),
    ],
)
async def test_a_bad_filter_is_refused_before_the_image_is_decoded(stub, request_fields, field: str) -> None:
    session = StubSession({DETECTOR.name: no_text})
    async with stub(session) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await text_pb2_grpc.TextServiceStub(channel).DetectText(
                text_pb2.DetectTextRequest(image=common_pb2.Image(bytes=b"not an image"), **request_fields)
            )
    info = error_info(caught.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": field})
    assert session.calls == []


async def test_an_unset_image_names_its_field(stub) -> None:
    async with stub(StubSession()) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await text_pb2_grpc.TextServiceStub(channel).DetectText(text_pb2.DetectTextRequest())
    info = error_info(caught.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": "image"})
