"""CollectionService end to end: client → gateway → collection service → real Triton, real photos.

Several people are indexed from one photo each and searched with a different photo of each (the
Obama tile of group_4_faces.jpg is a third, unrelated Obama photo; person_a_2 a second one);
Eileen Collins (person_d) is never indexed and must stay below the default threshold. Photos and
ground truth: tests/data/README.md, expected.json.

The session stack's collection service keeps its data in .run/collections; every collection made here
has a random suffix and is deleted afterwards.
"""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import grpc
import numpy as np
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common.errors import error_info

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def photo(name: str) -> common_pb2.Image:
    return common_pb2.Image(bytes=(DATA / name).read_bytes())


def group_tile(index: int) -> common_pb2.Image:
    """Tile ``index`` (0 Obama, 1 Biden, 2 Hopper, 3 Collins) of the 4-tile collage, as a JPEG."""
    image = cv2.imread(str(DATA / "group_4_faces.jpg"))
    width = image.shape[1] // 4
    ok, encoded = cv2.imencode(".jpg", image[:, index * width : (index + 1) * width])
    assert ok
    return common_pb2.Image(bytes=encoded.tobytes())


def index(stub, collection: str, image: common_pb2.Image, external_id: str, **kwargs) -> pb.IndexFacesResponse:
    return stub.IndexFaces(
        pb.IndexFacesRequest(collection_id=collection, image=image, external_image_id=external_id, **kwargs), timeout=60
    )


def expect(code: grpc.StatusCode, reason: str, call, request) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(grpc.RpcError) as caught:
        call(request, timeout=60)
    assert caught.value.code() == code, caught.value.details()
    info = error_info(caught.value)
    assert info is not None and info.reason == reason, caught.value.details()


def test_identification_right_person_first_strangers_below_threshold(stub, collection: str) -> None:
    for person, name in (
        ("person_a", "person_a_1.jpg"),
        ("person_b", "person_b_1.jpg"),
        ("person_c", "person_c_1.jpg"),
    ):
        reply = index(stub, collection, photo(name), person)
        assert len(reply.face_records) == 1 and not reply.unindexed_faces, reply
        face = reply.face_records[0].face
        assert uuid.UUID(face.face_id) and face.external_image_id == person and face.confidence > 80
        assert 0 < face.bounding_box.width < 1 and 0 < face.bounding_box.height < 1
    described = stub.DescribeCollection(pb.DescribeCollectionRequest(collection_id=collection), timeout=30)
    assert described.face_count == 3 and described.face_model_version.startswith("face_embedder-")

    probes = {
        "person_a": photo("person_a_2.jpg"),  # another Obama photo
        "person_a ": group_tile(0),  # a third Obama photo
        "person_b": group_tile(1),
        "person_c": group_tile(2),
    }
    for expected, image in probes.items():
        reply = stub.SearchFacesByImage(
            pb.SearchFacesByImageRequest(collection_id=collection, image=image, max_faces=3, face_match_threshold=0),
            timeout=60,
        )
        ranked = [(m.face.external_image_id, round(m.similarity, 1)) for m in reply.face_matches]
        assert ranked[0][0] == expected.strip(), ranked
        assert reply.face_matches[0].similarity >= 80, ranked  # the right person passes the default threshold
        # The others stay below 90 (FMR 2e-3). Not 80: Obama (person_a_2) against Biden scores
        # cosine 0.30, on the 80 line (1e-2), see tests/e2e/test_faces_e2e.py.
        assert all(s < 90 for _, s in ranked[1:]), ranked
        assert reply.searched_face_confidence > 80 and reply.searched_face_bounding_box.width > 0
    stranger = stub.SearchFacesByImage(
        pb.SearchFacesByImageRequest(collection_id=collection, image=group_tile(3)), timeout=60
    )
    assert list(stranger.face_matches) == [], "a stranger matched at the default threshold"


def test_index_max_faces_list_search_delete(stub, collection: str) -> None:
    reply = index(
        stub,
        collection,
        photo("group_4_faces.jpg"),
        "group",
        max_faces=2,
        detection_attributes=[faces_pb2.FACE_ATTRIBUTE_ALL],
    )
    assert len(reply.face_records) == 2 and len(reply.unindexed_faces) == 2
    assert all(list(u.reasons) == [pb.UNINDEXED_REASON_EXCEEDS_MAX_FACES] for u in reply.unindexed_faces)
    for record in reply.face_records:
        assert record.face_detail.HasField("age_range") and record.face_detail.HasField("gender")
        assert len(record.face_detail.landmarks) == 30  # ALL runs the face mesh
        assert record.face_detail.HasField("smile") and len(record.face_detail.emotions) == 7
    assert reply.unindexed_faces[0].face_detail.HasField("gender")
    areas = [r.face.bounding_box.width * r.face.bounding_box.height for r in reply.face_records]
    assert areas == sorted(areas, reverse=True)
    assert len({r.face.image_id for r in reply.face_records}) == 1
    default_attrs = index(stub, collection, photo("person_c_1.jpg"), "hopper")
    assert not default_attrs.face_records[0].face_detail.HasField("age_range")

    listed = stub.ListFaces(pb.ListFacesRequest(collection_id=collection, page_size=2), timeout=30)
    assert len(listed.faces) == 2 and listed.next_page_token
    rest = stub.ListFaces(
        pb.ListFacesRequest(collection_id=collection, page_size=2, page_token=listed.next_page_token), timeout=30
    )
    all_ids = [f.face_id for f in listed.faces] + [f.face_id for f in rest.faces]
    assert len(all_ids) == 3 and not rest.next_page_token and all_ids == sorted(all_ids)

    hopper_id = default_attrs.face_records[0].face.face_id
    by_id = stub.SearchFaces(
        pb.SearchFacesRequest(collection_id=collection, face_id=hopper_id, face_match_threshold=0), timeout=30
    )
    assert by_id.searched_face_id == hopper_id
    assert hopper_id not in {m.face.face_id for m in by_id.face_matches}
    assert len(by_id.face_matches) == 2
    sims = [m.similarity for m in by_id.face_matches]
    assert sims == sorted(sims, reverse=True)

    missing = str(uuid.uuid4())
    deleted = stub.DeleteFaces(
        pb.DeleteFacesRequest(collection_id=collection, face_ids=[hopper_id, missing]), timeout=30
    )
    assert list(deleted.deleted_faces) == [hopper_id] and list(deleted.unsuccessful_face_deletions) == [missing]
    expect(
        grpc.StatusCode.NOT_FOUND,
        "FACE_NOT_FOUND",
        stub.SearchFaces,
        pb.SearchFacesRequest(collection_id=collection, face_id=hopper_id),
    )


def test_errors(stub, collection: str) -> None:
    expect(
        grpc.StatusCode.ALREADY_EXISTS,
        "COLLECTION_ALREADY_EXISTS",
        stub.CreateCollection,
        pb.CreateCollectionRequest(collection_id=collection),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        stub.CreateCollection,
        pb.CreateCollectionRequest(collection_id="bad id"),
    )
    expect(
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
        stub.IndexFaces,
        pb.IndexFacesRequest(collection_id="does-not-exist-" + uuid.uuid4().hex, image=photo("person_a_1.jpg")),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "NO_FACE_IN_IMAGE",
        stub.SearchFacesByImage,
        pb.SearchFacesByImageRequest(collection_id=collection, image=photo("no_face.jpg")),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        stub.IndexFaces,
        pb.IndexFacesRequest(collection_id=collection, image=photo("person_a_1.jpg"), max_faces=101),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        stub.SearchFacesByImage,
        pb.SearchFacesByImageRequest(collection_id=collection, image=photo("person_a_1.jpg"), face_match_threshold=101),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_IMAGE_FORMAT",
        stub.IndexFaces,
        pb.IndexFacesRequest(collection_id=collection, image=common_pb2.Image(bytes=b"not an image")),
    )
    no_face = index(stub, collection, photo("no_face.jpg"), "rocket")
    assert not no_face.face_records and not no_face.unindexed_faces
    listed = stub.ListCollections(pb.ListCollectionsRequest(page_size=4096), timeout=30)
    assert collection in listed.collection_ids


def test_concurrent_index_through_gateway(stub, collection: str) -> None:
    images = [photo("person_a_1.jpg"), photo("person_b_1.jpg"), photo("person_c_1.jpg")] * 4

    def one(i: int) -> str:
        return index(stub, collection, images[i], f"img-{i}").face_records[0].face.face_id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(one, range(len(images))))
    listed = stub.ListFaces(pb.ListFacesRequest(collection_id=collection), timeout=30)
    assert sorted(f.face_id for f in listed.faces) == sorted(ids)
    assert stub.DescribeCollection(pb.DescribeCollectionRequest(collection_id=collection), timeout=30).face_count == 12


def test_searches_and_comparisons_are_audited(stub, channel: grpc.Channel, collection: str, running_stack) -> None:
    caller = f"auditor-{uuid.uuid4().hex[:8]}"
    face_id = index(stub, collection, photo("person_a_1.jpg"), "a").face_records[0].face.face_id
    metadata = (("x-facet-caller", caller),)
    stub.SearchFacesByImage(
        pb.SearchFacesByImageRequest(collection_id=collection, image=photo("person_a_2.jpg"), max_faces=5),
        timeout=60,
        metadata=metadata,
    )
    stub.SearchFaces(
        pb.SearchFacesRequest(collection_id=collection, face_id=face_id, face_match_threshold=90),
        timeout=60,
        metadata=metadata,
    )
    faces = faces_pb2_grpc.FaceServiceStub(channel)
    faces.CompareFaces(
        faces_pb2.CompareFacesRequest(source_image=photo("person_a_1.jpg"), target_image=photo("person_a_2.jpg")),
        timeout=60,
        metadata=metadata,
    )

    def records(service: str) -> list[dict]:
        path = running_stack.log_dir / "state" / "audit" / f"{service}.jsonl"  # the stack's FACET_STATE_DIR
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            lines = path.read_text().splitlines() if path.exists() else []
            found = [json.loads(line) for line in lines if caller in line]
            if found:
                return found
            time.sleep(0.1)
        return []

    search = records("collection")
    assert [(r["operation"], r["matches"], r["threshold"], r["max_faces"]) for r in search] == [
        ("SearchFacesByImage", 1, 80.0, 5),
        ("SearchFaces", 0, 90.0, None),
    ]
    for entry in search:
        assert entry["collection_id"] == collection and entry["status"] == "OK" and entry["request_id"]
        assert set(entry) == {
            "time",
            "operation",
            "caller",
            "request_id",
            "collection_id",
            "threshold",
            "max_faces",
            "matches",
            "status",
        }  # nothing else: no image, no embedding, no face ids
    compare = records("faces")
    assert [(r["operation"], r["matches"], r["threshold"]) for r in compare] == [("CompareFaces", 1, 80.0)]
    assert np.isfinite(compare[0]["threshold"])
