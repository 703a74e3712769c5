"""ModerationService against a real server and a scripted session: the contract of moderation.proto."""

from __future__ import annotations

import grpc
import numpy as np
import pytest

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.errors import error_info
from services.moderation import nsfw, nsfwjs
from services.moderation.pipeline import ModerationPipeline
from services.moderation.servicer import ModerationServicer
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy
from tests.servicers.stub_session import StubSession, png, textured

SERVICE = "facet.v1.ModerationService"
IMAGE = common_pb2.Image(bytes=png(textured()))


def open_nsfw(score: float):
    return lambda inputs: {
        nsfw.OUTPUT_NAME: np.array([[1.0 - score, score]] * len(inputs[nsfw.INPUT_NAME]), np.float32)
    }


def nsfwjs_classes(**probabilities: float):
    """nsfwjs's softmax with the given classes, Neutral taking the rest."""
    row = np.array([probabilities.get(name, 0.0) for name in nsfwjs.CLASSES], np.float32)
    row[nsfwjs.CLASSES.index("Neutral")] = 1.0 - row.sum()
    return lambda inputs: {nsfwjs.OUTPUT_NAME: np.array([row] * len(inputs[nsfwjs.INPUT_NAME]), np.float32)}


def both(score: float, **classes: float) -> StubSession:
    return StubSession({nsfw.TRITON_MODEL: open_nsfw(score), nsfwjs.TRITON_MODEL: nsfwjs_classes(**classes)})


@pytest.fixture
def stub(serve, executor):
    def start(session: StubSession):
        pipeline = ModerationPipeline(session, executor, Taxonomy.load(), use_nudenet=False)
        servicer = ModerationServicer(pipeline, ModerationSettings())
        return serve(SERVICE, lambda s: moderation_pb2_grpc.add_ModerationServiceServicer_to_server(servicer, s))

    return start


async def test_labels_at_or_above_min_confidence(stub) -> None:
    session = both(0.9, Porn=0.5, Hentai=0.4)  # Explicit: mean of 90 and 90
    async with stub(session) as channel:
        moderation = moderation_pb2_grpc.ModerationServiceStub(channel)
        default = await moderation.DetectModerationLabels(moderation_pb2.DetectModerationLabelsRequest(image=IMAGE))
        strict = await moderation.DetectModerationLabels(
            moderation_pb2.DetectModerationLabelsRequest(image=IMAGE, min_confidence=95)
        )
    assert [(label.name, round(label.confidence)) for label in default.moderation_labels] == [("Explicit", 90)]
    assert list(strict.moderation_labels) == []
    assert default.moderation_model_version


async def test_explicit_zero_min_confidence_returns_every_label(stub) -> None:
    async with stub(both(0.01)) as channel:
        reply = await moderation_pb2_grpc.ModerationServiceStub(channel).DetectModerationLabels(
            moderation_pb2.DetectModerationLabelsRequest(image=IMAGE, min_confidence=0)
        )
    assert sorted(label.name for label in reply.moderation_labels) == ["Explicit", "Suggestive"]
    assert [c.name for c in reply.content_types] == ["Illustrated"]


async def test_content_types_share_the_threshold(stub) -> None:
    async with stub(both(0.01, Drawing=0.7, Sexy=0.2)) as channel:
        moderation = moderation_pb2_grpc.ModerationServiceStub(channel)
        default = await moderation.DetectModerationLabels(moderation_pb2.DetectModerationLabelsRequest(image=IMAGE))
        strict = await moderation.DetectModerationLabels(
            moderation_pb2.DetectModerationLabelsRequest(image=IMAGE, min_confidence=75)
        )
    assert [(c.name, round(c.confidence)) for c in default.content_types] == [("Illustrated", 70)]
    assert list(default.moderation_labels) == [] and list(strict.content_types) == []


@pytest.mark.parametrize("value", [-0.5, 100.01, float("nan"), float("inf")])
async def test_bad_min_confidence_is_refused_before_any_inference(stub, value: float) -> None:
    session = both(0.5)
    async with stub(session) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await moderation_pb2_grpc.ModerationServiceStub(channel).DetectModerationLabels(
                moderation_pb2.DetectModerationLabelsRequest(
                    image=common_pb2.Image(bytes=b"not an image"), min_confidence=value
                )
            )
    info = error_info(caught.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": "min_confidence"})
    assert session.calls == []


async def test_describe_taxonomy_lists_only_enabled_models_labels(stub) -> None:
    async with stub(StubSession()) as channel:
        reply = await moderation_pb2_grpc.ModerationServiceStub(channel).DescribeModerationTaxonomy(
            moderation_pb2.DescribeModerationTaxonomyRequest()
        )
    assert [entry.name for entry in reply.labels] == ["Explicit", "Suggestive"]  # NudeNet is off
    assert [entry.name for entry in reply.content_types] == ["Illustrated"]
    assert reply.moderation_model_version.endswith("/nsfwjs_mobilenet_v2_mid+open_nsfw")
