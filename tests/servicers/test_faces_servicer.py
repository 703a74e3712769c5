"""FaceService against a real server and a scripted session: the contract of faces.proto."""

from __future__ import annotations

import grpc
import pytest

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common.errors import error_info
from services.faces import alignment
from services.faces.pipeline import ATTRIBUTES, DETECTOR, EMBEDDER, FacePipeline
from services.faces.servicer import FaceServicer
from services.faces.settings import FaceSettings
from tests.servicers.stub_session import (
    StubFace,
    StubSession,
    attributes,
    embedder,
    png,
    textured,
    unit_vectors_with_cosines,
    yunet,
)

SERVICE = "facet.v1.FaceService"
IMAGE = common_pb2.Image(bytes=png(textured()))
# CompareFaces detects in both images concurrently: the stub tells them apart by their brightness.
DARK_SOURCE = common_pb2.Image(bytes=png(textured(low=40, high=110)))
BRIGHT_TARGET = common_pb2.Image(bytes=png(textured(low=130, high=200)))
SOURCE = [StubFace(320, 320, 160)]
# Three target faces, largest first; their cosines with the source rise as they shrink, so an
# order by similarity differs from the order by area.
TARGETS = [StubFace(120, 120, 200), StubFace(400, 150, 150), StubFace(300, 480, 100)]


class TwoImages:
    """face_detector answering the source's faces for DARK_SOURCE and the target's for BRIGHT_TARGET."""

    def __init__(self, targets: list[StubFace] = TARGETS):
        self.targets = targets

    def __call__(self, inputs):
        tensor = inputs["input"]
        content = tensor[:, :, :600, :600]  # inside the image, whatever the letterbox padding
        return yunet(SOURCE if float(content.mean()) < 120 else self.targets)(inputs)


# 40 small faces on a 9-column grid: more than one request of the face models' max batch (32).
CROWD = [StubFace(32 + 64 * (i % 9), 48 + 96 * (i // 9), 40) for i in range(40)]


def servicer(session: StubSession, executor, tmp_path) -> FaceServicer:
    settings = FaceSettings(audit_log=str(tmp_path / "audit.jsonl"))
    return FaceServicer(FacePipeline(session, executor), settings)


@pytest.fixture
def stub(serve, executor, tmp_path):
    async def start(session: StubSession):
        return serve(
            SERVICE,
            lambda s: faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer(session, executor, tmp_path), s),
        )

    return start


async def test_detect_faces_largest_first_with_asked_attributes(stub) -> None:
    session = StubSession({DETECTOR.name: yunet(TARGETS[::-1]), ATTRIBUTES.name: attributes(age=40, male=False)})
    async with await stub(session) as channel:
        reply = await faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(
            faces_pb2.DetectFacesRequest(image=IMAGE, attributes=[faces_pb2.FACE_ATTRIBUTE_GENDER])
        )
    widths = [f.bounding_box.width for f in reply.face_details]
    assert widths == sorted(widths, reverse=True) and len(widths) == 3
    assert widths[0] == pytest.approx(200 / 640, abs=1e-3)
    assert all(f.gender.value == faces_pb2.GENDER_VALUE_FEMALE for f in reply.face_details)
    assert not any(f.HasField("age_range") for f in reply.face_details)  # not asked


async def test_more_faces_than_the_attribute_batch_are_all_described(stub) -> None:
    session = StubSession({DETECTOR.name: yunet(CROWD), ATTRIBUTES.name: attributes(age=40, male=False)})
    async with await stub(session) as channel:
        reply = await faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(
            faces_pb2.DetectFacesRequest(image=IMAGE, attributes=[faces_pb2.FACE_ATTRIBUTE_ALL])
        )
    assert len(reply.face_details) == 40
    assert all(f.HasField("gender") and len(f.emotions) == 7 for f in reply.face_details)
    sizes = [len(inputs["mesh_chip"]) for model, inputs in session.calls if model == ATTRIBUTES.name]
    assert sorted(sizes) == [8, 32]  # the ensemble's max_batch_size is 32


async def test_compare_faces_with_more_target_faces_than_the_embedder_batch(stub) -> None:
    rows = unit_vectors_with_cosines([0.0] * len(CROWD))
    session = StubSession({DETECTOR.name: TwoImages(CROWD), EMBEDDER.name: embedder(rows)})
    async with await stub(session) as channel:
        reply = await faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(
            faces_pb2.CompareFacesRequest(source_image=DARK_SOURCE, target_image=BRIGHT_TARGET)
        )
    assert len(reply.face_matches) + len(reply.unmatched_faces) == 40
    sizes = [len(inputs["data"]) for model, inputs in session.calls if model == EMBEDDER.name]
    assert sorted(sizes) == [9, 32]  # the source and 40 targets; the embedder's max_batch_size is 32


async def test_compare_faces_unmatched_are_sorted_by_area_not_similarity(stub) -> None:
    rows = unit_vectors_with_cosines([0.16, 0.0, 0.25])  # none reaches the default threshold of 80
    session = StubSession({DETECTOR.name: TwoImages(), EMBEDDER.name: embedder(rows)})
    async with await stub(session) as channel:
        reply = await faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(
            faces_pb2.CompareFacesRequest(source_image=DARK_SOURCE, target_image=BRIGHT_TARGET)
        )
    assert list(reply.face_matches) == []
    widths = [f.bounding_box.width for f in reply.unmatched_faces]
    assert widths == pytest.approx([200 / 640, 150 / 640, 100 / 640], abs=1e-3)  # largest first


async def test_compare_faces_matches_by_similarity_and_threshold(stub) -> None:
    rows = unit_vectors_with_cosines([0.25, 0.0, 0.95])
    session = StubSession({DETECTOR.name: TwoImages(), EMBEDDER.name: embedder(rows)})
    async with await stub(session) as channel:
        reply = await faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(
            faces_pb2.CompareFacesRequest(source_image=DARK_SOURCE, target_image=BRIGHT_TARGET, similarity_threshold=50)
        )
    similarities = [m.similarity for m in reply.face_matches]
    assert len(similarities) == 2 and similarities == sorted(similarities, reverse=True)
    assert reply.face_matches[0].face.bounding_box.width == pytest.approx(100 / 640, abs=1e-3)  # cosine 0.95
    assert [f.bounding_box.width for f in reply.unmatched_faces] == pytest.approx([150 / 640], abs=1e-3)


@pytest.mark.parametrize("threshold", [-1.0, 100.5, float("nan"), float("inf")])
async def test_compare_faces_bad_threshold_names_its_field(stub, threshold: float) -> None:
    async with await stub(StubSession()) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(
                faces_pb2.CompareFacesRequest(source_image=IMAGE, target_image=IMAGE, similarity_threshold=threshold)
            )
    info = error_info(caught.value)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": "similarity_threshold"})


async def test_unknown_attribute_names_its_field(stub) -> None:
    async with await stub(StubSession()) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(
                faces_pb2.DetectFacesRequest(image=IMAGE, attributes=[faces_pb2.FACE_ATTRIBUTE_UNSPECIFIED])
            )
    info = error_info(caught.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": "attributes"})


async def test_image_errors_name_the_image_and_the_limit(stub) -> None:
    async with await stub(StubSession()) as channel:
        faces = faces_pb2_grpc.FaceServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as unset:
            await faces.CompareFaces(faces_pb2.CompareFacesRequest(source_image=IMAGE))
        with pytest.raises(grpc.aio.AioRpcError) as large:
            await faces.DetectFaces(
                faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=png(textured(10_050, 90))))
            )
    assert dict(error_info(unset.value).metadata) == {"field": "target_image"}
    info = error_info(large.value)
    assert info.reason == "IMAGE_TOO_LARGE" and dict(info.metadata) == {"field": "image", "max_side": "10000"}


async def test_a_model_that_is_not_loaded_is_model_not_ready(stub) -> None:
    async with await stub(StubSession()) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(faces_pb2.DetectFacesRequest(image=IMAGE))
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert error_info(caught.value).reason == "MODEL_NOT_READY"


async def test_each_face_is_aligned_once(stub, monkeypatch) -> None:
    aligned = []
    real = alignment.align_face
    monkeypatch.setattr(alignment, "align_face", lambda image, points: aligned.append(1) or real(image, points))
    rows = unit_vectors_with_cosines([0.5, 0.5, 0.5])
    session = StubSession({DETECTOR.name: TwoImages(), EMBEDDER.name: embedder(rows)})
    async with await stub(session) as channel:
        await faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(
            faces_pb2.CompareFacesRequest(source_image=DARK_SOURCE, target_image=BRIGHT_TARGET)
        )
    assert len(aligned) == len(SOURCE) + len(TARGETS)  # sharpness and embedding share the chip
