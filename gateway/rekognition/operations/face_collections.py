"""facet.v1.CollectionService: collections, faces, searches and user vectors.

(Not named ``collections``: that would shadow the standard library.)
"""

from __future__ import annotations

from google.protobuf.message import Message

from facet.v1 import collections_pb2 as pb
from gateway.rekognition.operations.base import Operation, Params

SERVICE = "facet.v1.CollectionService"


def _with_status_code(response: Params, message: Message, params: Params) -> Params:
    # Rekognition reports the HTTP status inside the body of these two operations.
    return {"StatusCode": 200, **response}


def _search_by_image_defaults(params: Params) -> Params:
    # Rekognition's default QualityFilter for SearchFacesByImage and SearchUsersByImage is NONE;
    # Facet's gRPC default is AUTO.
    return {"QualityFilter": "NONE", **params}


def _unsuccessful_deletions(response: Params, message: Message, params: Params) -> Params:
    # Facet lists the ids that were not in the collection; Rekognition gives each a reason.
    failed = message.unsuccessful_face_deletions  # type: ignore[attr-defined]
    response.pop("UnsuccessfulFaceDeletions", None)
    if failed:
        response["UnsuccessfulFaceDeletions"] = [{"FaceId": i, "Reasons": ["FACE_NOT_FOUND"]} for i in failed]
    return response


def _operation(name: str, **hooks: object) -> Operation:
    return Operation(name, SERVICE, getattr(pb, f"{name}Request"), getattr(pb, f"{name}Response"), **hooks)  # type: ignore[arg-type]


OPERATIONS = (
    _operation("CreateCollection", finish=_with_status_code),
    _operation("DeleteCollection", finish=_with_status_code),
    _operation("ListCollections"),
    _operation("DescribeCollection"),
    _operation("IndexFaces"),
    _operation("ListFaces"),
    _operation("DeleteFaces", finish=_unsuccessful_deletions),
    _operation("SearchFaces"),
    _operation("SearchFacesByImage", prepare=_search_by_image_defaults),
    # User vectors.
    _operation("CreateUser"),
    _operation("DeleteUser"),
    _operation("ListUsers"),
    _operation("AssociateFaces"),
    _operation("DisassociateFaces"),
    _operation("SearchUsers"),
    _operation("SearchUsersByImage", prepare=_search_by_image_defaults),  # NONE by default there too
)
