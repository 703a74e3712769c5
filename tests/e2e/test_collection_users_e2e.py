"""Users end to end: client → gateway → collection service → real Triton, real photos.

Obama has three different photos here (person_a_1, person_a_2, tile 0 of group_4_faces.jpg),
Biden two (person_b_1, tile 1); Hopper and Eileen Collins are never enrolled. Photos and their
provenance: tests/data/README.md.

The "found as a user but by none of its faces" case uses a degraded real photo, not made-up
vectors: tile 0 (the Obama photo that is not enrolled) mirrored and blurred with a Gaussian of
σ = 8.5 px, like an out-of-focus frame. Measured with the shipped model (onnxruntime), its
similarity to person_a_1 is ~91.9 and to person_a_2 ~92.4, to the user holding both ~94.8: the
mean of the two photos is nearer to the person than either. The test reads the scores from the
service itself and searches at a threshold between them.
"""

from __future__ import annotations

import uuid

import cv2
import grpc
import numpy as np
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import common_pb2
from tests.e2e.test_collections_e2e import DATA, expect, group_tile, index, photo

pytestmark = pytest.mark.e2e


UNKNOWN_FACE = "00000000-0000-4000-8000-000000000000"


def blurred_mirror_of_tile_0(sigma: float = 8.5) -> common_pb2.Image:
    image = cv2.imread(str(DATA / "group_4_faces.jpg"))
    width = image.shape[1] // 4
    tile = cv2.GaussianBlur(cv2.flip(image[:, :width], 1), (0, 0), sigma)
    ok, encoded = cv2.imencode(".jpg", tile)
    assert ok
    return common_pb2.Image(bytes=encoded.tobytes())


def face_id(reply: pb.IndexFacesResponse) -> str:
    assert len(reply.face_records) == 1, reply
    return reply.face_records[0].face.face_id


def associate(stub, collection: str, user: str, faces: list[str], **kwargs) -> pb.AssociateFacesResponse:
    return stub.AssociateFaces(
        pb.AssociateFacesRequest(collection_id=collection, user_id=user, face_ids=faces, **kwargs), timeout=30
    )


def users_of(stub, collection: str, page_size: int = 0) -> list[tuple[str, int]]:
    found, token = [], ""
    while True:
        page = stub.ListUsers(
            pb.ListUsersRequest(collection_id=collection, page_size=page_size, page_token=token), timeout=30
        )
        found += [(u.user_id, u.user_status) for u in page.users]
        if not (token := page.next_page_token):
            return found


def test_users_create_associate_search_disassociate_delete(stub, collection: str) -> None:
    a1 = face_id(index(stub, collection, photo("person_a_1.jpg"), "a1"))
    a2 = face_id(index(stub, collection, photo("person_a_2.jpg"), "a2"))
    a3 = face_id(index(stub, collection, group_tile(0), "a3"))
    b1 = face_id(index(stub, collection, photo("person_b_1.jpg"), "b1"))
    b2 = face_id(index(stub, collection, group_tile(1), "b2"))
    for user in ("obama", "biden", "nobody"):
        stub.CreateUser(pb.CreateUserRequest(collection_id=collection, user_id=user), timeout=30)
    expect(
        grpc.StatusCode.ALREADY_EXISTS,
        "USER_ALREADY_EXISTS",
        stub.CreateUser,
        pb.CreateUserRequest(collection_id=collection, user_id="obama"),
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        stub.CreateUser,
        pb.CreateUserRequest(collection_id=collection, user_id="no spaces"),
    )

    # Obama's three photos join; Biden's photo is refused for its low similarity, an unknown id as not found.
    reply = associate(stub, collection, "obama", [a1, a2, a3, b1, UNKNOWN_FACE])
    assert [f.face_id for f in reply.associated_faces] == [a1, a2, a3]
    refused = {f.face_id: f for f in reply.unsuccessful_face_associations}
    assert list(refused[b1].reasons) == [pb.UNSUCCESSFUL_FACE_ASSOCIATION_REASON_LOW_MATCH_CONFIDENCE]
    assert refused[b1].confidence < 75 and refused[b1].user_id == "obama"
    assert list(refused[UNKNOWN_FACE].reasons) == [pb.UNSUCCESSFUL_FACE_ASSOCIATION_REASON_FACE_NOT_FOUND]
    assert reply.user_status == pb.USER_STATUS_ACTIVE
    reply = associate(stub, collection, "biden", [b1, b2, a1])
    assert [f.face_id for f in reply.associated_faces] == [b1, b2]
    (taken,) = reply.unsuccessful_face_associations
    assert (taken.face_id, taken.user_id, list(taken.reasons)) == (
        a1,
        "obama",
        [pb.UNSUCCESSFUL_FACE_ASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER],
    )
    expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        stub.AssociateFaces,
        pb.AssociateFacesRequest(
            collection_id=collection, user_id="obama", face_ids=[str(uuid.uuid4()) for _ in range(101)]
        ),
    )
    expect(
        grpc.StatusCode.NOT_FOUND,
        "USER_NOT_FOUND",
        stub.AssociateFaces,
        pb.AssociateFacesRequest(collection_id=collection, user_id="carol", face_ids=[a1]),
    )
    described = stub.DescribeCollection(pb.DescribeCollectionRequest(collection_id=collection), timeout=30)
    assert (described.face_count, described.user_count) == (5, 3)
    assert users_of(stub, collection, page_size=1) == [
        ("biden", pb.USER_STATUS_ACTIVE),
        ("nobody", pb.USER_STATUS_CREATED),
        ("obama", pb.USER_STATUS_ACTIVE),
    ]

    # Search by image: the right user first, the others below the default threshold.
    for image, expected in ((photo("person_c_1.jpg"), []), (group_tile(3), [])):
        found = stub.SearchUsersByImage(pb.SearchUsersByImageRequest(collection_id=collection, image=image), timeout=60)
        assert [m.user.user_id for m in found.user_matches] == expected  # Hopper, Collins: strangers
    group = stub.SearchUsersByImage(
        pb.SearchUsersByImageRequest(
            collection_id=collection, image=photo("group_4_faces.jpg"), user_match_threshold=0
        ),
        timeout=60,
    )
    assert len(group.unsearched_faces) == 3 and group.searched_face.face_detail.confidence > 80
    assert all(list(f.reasons) == [pb.UNSEARCHED_FACE_REASON_FACE_NOT_LARGEST] for f in group.unsearched_faces)
    assert group.face_model_version.startswith("face_embedder-")
    by_user = stub.SearchUsers(
        pb.SearchUsersRequest(collection_id=collection, user_id="obama", user_match_threshold=0), timeout=30
    )
    assert [m.user.user_id for m in by_user.user_matches] == ["biden"]  # itself left out; "nobody" has no faces
    assert by_user.user_matches[0].similarity < 80
    by_face = stub.SearchUsers(pb.SearchUsersRequest(collection_id=collection, face_id=b2), timeout=30)
    assert [m.user.user_id for m in by_face.user_matches] == ["biden"] and by_face.searched_face.face_id == b2

    # Disassociate: a face of another user is refused and named; a deleted face leaves its user.
    reply = stub.DisassociateFaces(
        pb.DisassociateFacesRequest(collection_id=collection, user_id="obama", face_ids=[a3, b1]), timeout=30
    )
    assert [f.face_id for f in reply.disassociated_faces] == [a3]
    (other,) = reply.unsuccessful_face_disassociations
    assert (other.face_id, other.user_id, list(other.reasons)) == (
        b1,
        "biden",
        [pb.UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER],
    )
    stub.DeleteFaces(pb.DeleteFacesRequest(collection_id=collection, face_ids=[a1, a2]), timeout=30)
    assert ("obama", pb.USER_STATUS_CREATED) in users_of(stub, collection)
    found = stub.SearchUsersByImage(
        pb.SearchUsersByImageRequest(collection_id=collection, image=photo("person_a_1.jpg")), timeout=60
    )
    assert list(found.user_matches) == []  # obama has no faces left

    stub.DeleteUser(pb.DeleteUserRequest(collection_id=collection, user_id="biden"), timeout=30)
    expect(
        grpc.StatusCode.NOT_FOUND,
        "USER_NOT_FOUND",
        stub.DeleteUser,
        pb.DeleteUserRequest(collection_id=collection, user_id="biden"),
    )
    described = stub.DescribeCollection(pb.DescribeCollectionRequest(collection_id=collection), timeout=30)
    assert (described.face_count, described.user_count) == (3, 2)  # biden's faces stay


def test_a_user_is_found_where_none_of_its_faces_is(stub, collection: str) -> None:
    enrolled = [
        face_id(index(stub, collection, photo("person_a_1.jpg"), "a1")),
        face_id(index(stub, collection, photo("person_a_2.jpg"), "a2")),
    ]
    stub.CreateUser(pb.CreateUserRequest(collection_id=collection, user_id="obama"), timeout=30)
    assert len(associate(stub, collection, "obama", enrolled).associated_faces) == 2
    probe = blurred_mirror_of_tile_0()
    none = pb.QUALITY_FILTER_NONE  # the blurred probe is far below AUTO's sharpness floor

    faces = stub.SearchFacesByImage(
        pb.SearchFacesByImageRequest(
            collection_id=collection, image=probe, face_match_threshold=0, quality_filter=none
        ),
        timeout=60,
    )
    users = stub.SearchUsersByImage(
        pb.SearchUsersByImageRequest(
            collection_id=collection, image=probe, user_match_threshold=0, quality_filter=none
        ),
        timeout=60,
    )
    best_face = max(m.similarity for m in faces.face_matches)
    assert len(faces.face_matches) == 2 and [m.user.user_id for m in users.user_matches] == ["obama"]
    user_score = users.user_matches[0].similarity
    assert user_score > best_face + 1.0, (best_face, user_score)  # the mean of two photos beats each

    threshold = float(np.mean([best_face, user_score]))
    faces = stub.SearchFacesByImage(
        pb.SearchFacesByImageRequest(
            collection_id=collection, image=probe, face_match_threshold=threshold, quality_filter=none
        ),
        timeout=60,
    )
    users = stub.SearchUsersByImage(
        pb.SearchUsersByImageRequest(
            collection_id=collection, image=probe, user_match_threshold=threshold, quality_filter=none
        ),
        timeout=60,
    )
    assert list(faces.face_matches) == []  # no photo of him alone passes
    assert [m.user.user_id for m in users.user_matches] == ["obama"]  # the user does
