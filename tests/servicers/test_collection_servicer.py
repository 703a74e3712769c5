"""CollectionService against a real server, a real embedded store and a scripted session:
the contract of collections.proto."""

from __future__ import annotations

from collections import Counter
from typing import Any

import grpc
import numpy as np
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc, common_pb2, faces_pb2
from services.collection.embedded import EmbeddedStore, HnswParams
from services.collection.face_collections import FaceCollections
from services.collection.servicer import CollectionServicer
from services.collection.settings import CollectionSettings
from services.common import audit
from services.common.errors import error_info
from services.faces import mesh_pose
from services.faces.pipeline import ANALYSIS, ATTRIBUTES, DETECTOR, EMBEDDER, FacePipeline
from services.faces.pose import Pose
from tests.servicers.stub_session import (
    StubFace,
    StubSession,
    attributes,
    embedder,
    face_analysis,
    png,
    textured,
    unit_vectors_with_cosines,
    yunet,
)

SERVICE = "facet.v1.CollectionService"
IMAGE = common_pb2.Image(bytes=png(textured()))
ONE_FACE = [StubFace(320, 320, 160)]
ROWS = unit_vectors_with_cosines([0.0])  # every chip embeds to the same probe direction


class CountingStore:
    """The real store, counting the calls made to it."""

    def __init__(self, store: EmbeddedStore):
        self.store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        self.calls[name] += 1
        return getattr(self.store, name)


@pytest.fixture
def store(tmp_path):
    counting = CountingStore(EmbeddedStore(tmp_path / "collections", HnswParams()))
    yield counting
    counting.store.close()


@pytest.fixture
def stub(serve, executor, store):
    def start(session: StubSession):
        collections = FaceCollections(store, "sface-test")  # type: ignore[arg-type]
        servicer = CollectionServicer(
            FacePipeline(session, executor), collections, CollectionSettings(), audit.NullSink()
        )
        return serve(SERVICE, lambda s: collections_pb2_grpc.add_CollectionServiceServicer_to_server(servicer, s))

    return start


def faces_session(faces=ONE_FACE) -> StubSession:
    return StubSession({DETECTOR.name: yunet(faces), ANALYSIS.name: face_analysis(ROWS), EMBEDDER.name: embedder(ROWS)})


async def test_index_and_search_read_the_collection_once_per_call(stub, store) -> None:
    async with stub(faces_session()) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        store.calls.clear()
        indexed = await collections.IndexFaces(pb.IndexFacesRequest(collection_id="c", image=IMAGE))
        assert len(indexed.face_records) == 1 and indexed.face_model_version == "sface-test"
        assert store.calls["describe_collection"] == 1
        store.calls.clear()
        by_image = await collections.SearchFacesByImage(pb.SearchFacesByImageRequest(collection_id="c", image=IMAGE))
        assert store.calls["describe_collection"] == 1
        store.calls.clear()
        by_id = await collections.SearchFaces(
            pb.SearchFacesRequest(collection_id="c", face_id=indexed.face_records[0].face.face_id)
        )
        assert store.calls["describe_collection"] == 1
    assert [m.face.face_id for m in by_image.face_matches] == [indexed.face_records[0].face.face_id]
    assert by_image.face_matches[0].similarity == pytest.approx(100.0, abs=0.01)
    assert by_image.face_model_version == by_id.face_model_version == "sface-test"
    assert list(by_id.face_matches) == []  # the searched face itself is left out


async def test_an_image_with_more_faces_than_the_analysis_batch_is_indexed_whole(stub) -> None:
    crowd = [StubFace(32 + 64 * (i % 9), 48 + 96 * (i // 9), 40) for i in range(40)]
    rows = unit_vectors_with_cosines([0.0] * len(crowd))
    session = StubSession({DETECTOR.name: yunet(crowd), ANALYSIS.name: face_analysis(rows)})
    async with stub(session) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        reply = await collections.IndexFaces(
            pb.IndexFacesRequest(collection_id="c", image=IMAGE, quality_filter=pb.QUALITY_FILTER_NONE)
        )
    assert len(reply.face_records) == 40 and list(reply.unindexed_faces) == []
    sizes = [len(inputs["face_chip"]) for model, inputs in session.calls if model == ANALYSIS.name]
    assert sorted(sizes) == [8, 32]  # face_analysis's max_batch_size is 32


async def test_an_over_exposed_face_is_low_face_quality(stub) -> None:
    bright = common_pb2.Image(bytes=png(textured(low=235, high=256)))  # brightness ~ 97 > 95 (AUTO)
    async with stub(faces_session()) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        reply = await collections.IndexFaces(pb.IndexFacesRequest(collection_id="c", image=bright))
    assert list(reply.face_records) == []
    assert [list(f.reasons) for f in reply.unindexed_faces] == [[pb.UNINDEXED_REASON_LOW_FACE_QUALITY]]


async def test_search_errors_name_their_reason_and_field(stub) -> None:
    session = faces_session()
    async with stub(session) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await collections.SearchFacesByImage(pb.SearchFacesByImageRequest(collection_id="nope", image=IMAGE))
        with pytest.raises(grpc.aio.AioRpcError) as threshold:
            await collections.SearchFacesByImage(
                pb.SearchFacesByImageRequest(collection_id="c", image=IMAGE, face_match_threshold=float("nan"))
            )
        with pytest.raises(grpc.aio.AioRpcError) as exists:
            await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
    assert (missing.value.code(), error_info(missing.value).reason) == (
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
    )
    info = error_info(threshold.value)
    assert (info.reason, dict(info.metadata)) == ("INVALID_PARAMETER", {"field": "face_match_threshold"})
    assert error_info(exists.value).reason == "COLLECTION_ALREADY_EXISTS"
    assert session.calls == []  # every refusal came before any inference


async def test_no_face_in_the_search_image(stub) -> None:
    async with stub(faces_session(faces=[])) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await collections.SearchFacesByImage(pb.SearchFacesByImageRequest(collection_id="c", image=IMAGE))
    info = error_info(caught.value)
    assert (info.reason, info.metadata["field"]) == ("NO_FACE_IN_IMAGE", "image")


def turned_mesh_attributes(yaw_degrees: float) -> Any:
    """face_attributes answering, for every face, a mesh that is the canonical face turned by
    ``yaw_degrees`` (drawn orthographically into the 192-pixel crop)."""
    vertices, _ = mesh_pose.canonical_face()
    turned = vertices @ mesh_pose.pose_rotation(Pose(0.0, yaw_degrees, 0.0)).T
    crop = np.concatenate([turned[:, :2] * 6.0 + 96.0, turned[:, 2:] * 6.0], axis=1).reshape(1, -1)
    base = attributes()

    def run(inputs: Any) -> dict[str, np.ndarray]:
        answer = base(inputs)
        answer["mesh"] = np.repeat(crop.astype(np.float32), len(answer["mesh"]), axis=0)
        return answer

    return run


async def test_the_quality_filter_judges_the_five_point_pose_whatever_the_attributes(stub) -> None:
    # The detector sees a frontal face (5-point yaw 0); the mesh says it is turned 70 degrees.
    session = faces_session()
    session.models[ATTRIBUTES.name] = turned_mesh_attributes(70.0)
    async with stub(session) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        reply = await collections.IndexFaces(
            pb.IndexFacesRequest(
                collection_id="c",
                image=IMAGE,
                quality_filter=pb.QUALITY_FILTER_HIGH,  # |yaw| <= 30
                detection_attributes=[faces_pb2.FACE_ATTRIBUTE_MOUTH_OPEN],
            )
        )
    assert len(reply.face_records) == 1 and list(reply.unindexed_faces) == []
    assert abs(reply.face_records[0].face_detail.pose.yaw) > 45  # the record shows the mesh's pose


async def test_users_through_the_api(stub) -> None:
    """User calls: enums in the replies, statuses, the searched and unsearched faces."""
    unknown = "00000000-0000-4000-8000-000000000000"
    async with stub(faces_session()) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        face_id = (
            (await collections.IndexFaces(pb.IndexFacesRequest(collection_id="c", image=IMAGE)))
            .face_records[0]
            .face.face_id
        )
        await collections.CreateUser(pb.CreateUserRequest(collection_id="c", user_id="u"))
        listed = await collections.ListUsers(pb.ListUsersRequest(collection_id="c"))
        assert [(u.user_id, u.user_status) for u in listed.users] == [("u", pb.USER_STATUS_CREATED)]
        associated = await collections.AssociateFaces(
            pb.AssociateFacesRequest(collection_id="c", user_id="u", face_ids=[face_id, unknown])
        )
        assert [f.face_id for f in associated.associated_faces] == [face_id]
        assert [(f.face_id, f.user_id, list(f.reasons)) for f in associated.unsuccessful_face_associations] == [
            (unknown, "u", [pb.UNSUCCESSFUL_FACE_ASSOCIATION_REASON_FACE_NOT_FOUND])
        ]
        assert associated.user_status == pb.USER_STATUS_ACTIVE
        described = await collections.DescribeCollection(pb.DescribeCollectionRequest(collection_id="c"))
        assert (described.face_count, described.user_count) == (1, 1)
        by_face = await collections.SearchUsers(pb.SearchUsersRequest(collection_id="c", face_id=face_id))
        assert [(m.user.user_id, m.user.user_status) for m in by_face.user_matches] == [("u", pb.USER_STATUS_ACTIVE)]
        assert by_face.searched_face.face_id == face_id and not by_face.HasField("searched_user")
        by_user = await collections.SearchUsers(pb.SearchUsersRequest(collection_id="c", user_id="u"))
        assert list(by_user.user_matches) == [] and by_user.searched_user.user_id == "u"
        for both_or_neither in ({"user_id": "u", "face_id": face_id}, {}):
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await collections.SearchUsers(pb.SearchUsersRequest(collection_id="c", **both_or_neither))
            assert (error_info(caught.value).reason, error_info(caught.value).metadata["field"]) == (
                "INVALID_PARAMETER",
                "user_id",
            )

    # Largest face searched; a smaller passing face is FACE_NOT_LARGEST, a tiny one SMALL_BOUNDING_BOX.
    three = [StubFace(200, 200, 160), StubFace(480, 480, 80), StubFace(560, 120, 20)]
    async with stub(faces_session(three)) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        found = await collections.SearchUsersByImage(pb.SearchUsersByImageRequest(collection_id="c", image=IMAGE))
        assert [m.user.user_id for m in found.user_matches] == ["u"]
        assert found.user_matches[0].similarity == pytest.approx(100.0, abs=0.01)
        assert found.searched_face.face_detail.bounding_box.width == pytest.approx(160 / 640, abs=0.02)
        assert [list(f.reasons) for f in found.unsearched_faces] == [
            [pb.UNSEARCHED_FACE_REASON_FACE_NOT_LARGEST],
            [pb.UNSEARCHED_FACE_REASON_SMALL_BOUNDING_BOX],
        ]
        dropped = await collections.DisassociateFaces(
            pb.DisassociateFacesRequest(collection_id="c", user_id="u", face_ids=[face_id])
        )
        assert [f.face_id for f in dropped.disassociated_faces] == [face_id]
        assert dropped.user_status == pb.USER_STATUS_CREATED
        await collections.DeleteUser(pb.DeleteUserRequest(collection_id="c", user_id="u"))
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await collections.DeleteUser(pb.DeleteUserRequest(collection_id="c", user_id="u"))
        assert (gone.value.code(), error_info(gone.value).reason) == (grpc.StatusCode.NOT_FOUND, "USER_NOT_FOUND")


async def test_user_search_refusals_come_before_inference(stub) -> None:
    session = faces_session()
    async with stub(session) as channel:
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        await collections.CreateCollection(pb.CreateCollectionRequest(collection_id="c"))
        for request, reason, field in (
            (pb.SearchUsersByImageRequest(collection_id="nope", image=IMAGE), "COLLECTION_NOT_FOUND", None),
            (
                pb.SearchUsersByImageRequest(collection_id="c", image=IMAGE, max_users=501),
                "INVALID_PARAMETER",
                "max_users",
            ),
            (
                pb.SearchUsersByImageRequest(collection_id="c", image=IMAGE, user_match_threshold=-1),
                "INVALID_PARAMETER",
                "user_match_threshold",
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await collections.SearchUsersByImage(request)
            info = error_info(caught.value)
            assert (info.reason, info.metadata.get("field")) == (reason, field)
    assert session.calls == []
