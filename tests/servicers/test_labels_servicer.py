"""LabelService against a real server and a scripted session: the contract of labels.proto."""

from __future__ import annotations

import grpc
import numpy as np
import pytest

from facet.v1 import common_pb2, labels_pb2, labels_pb2_grpc
from services.common.errors import error_info
from services.labels import classifier, detector
from services.labels.hierarchy import Hierarchy
from services.labels.pipeline import CLASSIFIER, DETECTOR, LabelPipeline
from services.labels.servicer import LabelServicer
from services.labels.settings import LabelSettings
from tests.servicers.stub_session import StubSession, png, textured

SERVICE = "facet.v1.LabelService"
IMAGE = common_pb2.Image(bytes=png(textured()))
TABBY = 281  # ImageNet "tabby, tabby cat"


def imagenet(index: int, probability: float):
    def run(inputs):
        probs = np.zeros((len(inputs[classifier.INPUT_NAME]), classifier.CLASSES), np.float32)
        probs[:, index] = probability
        return {classifier.OUTPUT_NAME: probs}

    return run


def no_boxes(inputs):
    return {detector.OUTPUT_NAME: np.zeros((len(inputs[detector.INPUT_NAME]), detector.TOP_K, 6), np.float32)}


def session() -> StubSession:
    return StubSession({CLASSIFIER.name: imagenet(TABBY, 0.9), DETECTOR.name: no_boxes})


@pytest.fixture
def stub(serve, executor):
    hierarchy = Hierarchy.load()

    def start(scripted: StubSession):
        servicer = LabelServicer(LabelPipeline(scripted, executor, hierarchy), LabelSettings())
        return serve(SERVICE, lambda s: labels_pb2_grpc.add_LabelServiceServicer_to_server(servicer, s))

    return start


async def test_labels_best_first_with_parents_and_filters_applied(stub) -> None:
    async with stub(session()) as channel:
        labels = labels_pb2_grpc.LabelServiceStub(channel)
        every = await labels.DetectLabels(labels_pb2.DetectLabelsRequest(image=IMAGE))
        top = await labels.DetectLabels(labels_pb2.DetectLabelsRequest(image=IMAGE, max_labels=1))
    confidences = [label.confidence for label in every.labels]
    assert confidences == sorted(confidences, reverse=True) and confidences[0] >= 55.0
    assert len(every.labels) > 1  # the cat and its parents
    assert [label.name for label in top.labels] == [every.labels[0].name]
    assert every.label_model_version
    first = every.labels[0].name
    async with stub(session()) as channel:
        excluded = await labels_pb2_grpc.LabelServiceStub(channel).DetectLabels(
            labels_pb2.DetectLabelsRequest(
                image=IMAGE, settings=labels_pb2.DetectLabelsSettings(label_exclusion_filters=[first.upper()])
            )
        )
    assert first not in [label.name for label in excluded.labels]


async def test_image_properties_only_runs_no_model(stub) -> None:
    scripted = session()
    async with stub(scripted) as channel:
        reply = await labels_pb2_grpc.LabelServiceStub(channel).DetectLabels(
            labels_pb2.DetectLabelsRequest(image=IMAGE, features=[labels_pb2.LABEL_FEATURE_IMAGE_PROPERTIES])
        )
    assert list(reply.labels) == [] and reply.image_properties.quality.brightness > 0
    assert scripted.calls == []


@pytest.mark.parametrize(
    ("request_fields", "field"),
    [
        ({"min_confidence": float("nan")}, "min_confidence"),
        ({"max_labels": -1}, "max_labels"),
        ({"features": [0]}, "features"),
        (
            {
                "settings": labels_pb2.DetectLabelsSettings(
                    label_inclusion_filters=["Cat"], label_exclusion_filters=["Dog"]
                )
            },
            "settings.label_exclusion_filters",
        ),
    ],
)
async def test_a_bad_field_is_refused_before_the_image_is_decoded(stub, request_fields, field: str) -> None:
    scripted = session()
    garbage = common_pb2.Image(bytes=b"not an image")
    async with stub(scripted) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await labels_pb2_grpc.LabelServiceStub(channel).DetectLabels(
                labels_pb2.DetectLabelsRequest(image=garbage, **request_fields)
            )
    info = error_info(caught.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": field})
    assert scripted.calls == []
