"""CollectionService: validate, run the face pipeline (as a library), call FaceCollections, convert.

Store calls block (SQLite, usearch, Milvus client) and run in the pipeline's thread pool. An
image costs one detection round trip plus one embedding round trip (IndexFaces: the
face_analysis ensemble, embedding + age + gender together), never a call to the faces service.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grpc
from google.protobuf import timestamp_pb2

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc, common_pb2, faces_pb2
from services.collection import quality_filter
from services.collection.face_collections import (
    DEFAULT_MATCH_THRESHOLD,
    FaceCollections,
    Match,
    Search,
    check_collection_id,
    check_external_image_id,
    resource_name,
)
from services.collection.settings import CollectionSettings
from services.collection.store import CollectionInfo, StoredFace
from services.collection.user_vectors import UserScore
from services.collection.users import DEFAULT_SEARCH_THRESHOLD as DEFAULT_USER_SEARCH_THRESHOLD
from services.collection.users import CollectionUsers, Outcome, UserSearch
from services.common import audit
from services.common.errors import InvalidArgument
from services.common.images import DecodedImage
from services.common.request import PipelineServicer
from services.faces.messages import bounding_box, face_detail, wanted_attributes
from services.faces.pipeline import FacePipeline, FaceResult

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_INDEX_FACES = 100


class CollectionServicer(PipelineServicer[FacePipeline], collections_pb2_grpc.CollectionServiceServicer):
    def __init__(
        self,
        pipeline: FacePipeline,
        collections: FaceCollections,
        settings: CollectionSettings,
        audit_sink: audit.AuditSink,
    ):
        super().__init__(pipeline, settings)
        self.collections = collections
        self.users = CollectionUsers(collections)
        self.audit = audit_sink

    # -- collections -----------------------------------------------------------------------------

    async def CreateCollection(
        self, request: pb.CreateCollectionRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateCollectionResponse:
        info = await self.pipeline.run_blocking(self.collections.create, request.collection_id)
        return pb.CreateCollectionResponse(
            collection_arn=resource_name(info.collection_id), face_model_version=info.face_model_version
        )

    async def DeleteCollection(
        self, request: pb.DeleteCollectionRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteCollectionResponse:
        await self.pipeline.run_blocking(self.collections.delete, request.collection_id)
        return pb.DeleteCollectionResponse()

    async def ListCollections(
        self, request: pb.ListCollectionsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListCollectionsResponse:
        page = await self.pipeline.run_blocking(
            self.collections.list_collections, request.page_size, request.page_token
        )
        return pb.ListCollectionsResponse(
            collection_ids=[c.collection_id for c in page.items],
            face_model_versions=[c.face_model_version for c in page.items],
            next_page_token=page.next_token,
        )

    async def DescribeCollection(
        self, request: pb.DescribeCollectionRequest, context: grpc.aio.ServicerContext
    ) -> pb.DescribeCollectionResponse:
        info = await self.pipeline.run_blocking(self.collections.describe, request.collection_id)
        created = timestamp_pb2.Timestamp()
        created.FromNanoseconds(int(info.created_at * 1e9))
        return pb.DescribeCollectionResponse(
            face_count=info.face_count,
            face_model_version=info.face_model_version,
            collection_arn=resource_name(info.collection_id),
            creation_timestamp=created,
            user_count=info.user_count,
        )

    # -- faces -----------------------------------------------------------------------------------

    async def IndexFaces(
        self, request: pb.IndexFacesRequest, context: grpc.aio.ServicerContext
    ) -> pb.IndexFacesResponse:
        max_faces = request.max_faces if request.HasField("max_faces") else MAX_INDEX_FACES
        if not 1 <= max_faces <= MAX_INDEX_FACES:
            raise InvalidArgument(
                f"max_faces must be 1-{MAX_INDEX_FACES}, got {max_faces}", metadata={"field": "max_faces"}
            )
        limits = quality_filter.limits_for(request.quality_filter)
        wanted = wanted_attributes(request.detection_attributes, "detection_attributes")
        want_age, want_gender = wanted.age, wanted.gender
        # Emotions, smile, eyes and mouth: one more Triton call (face_attributes), only when asked.
        want_expressions = dataclasses.replace(wanted, age=False, gender=False)
        check_external_image_id(request.external_image_id)
        info = await self._usable(request.collection_id)  # fail fast, before any inference
        image = await self.requests.image(request.image)
        faces = await self.pipeline.detect(image, self.requests.deadline_s(context))
        # Judged before describe: a mesh attribute swaps in the mesh's pose, and which faces are
        # indexed must not depend on the attributes asked (EXTREME_POSE reads the 5-point pose).
        screened = [quality_filter.reasons(face, limits) for face in faces]
        faces = await self.pipeline.describe(image, faces, want_expressions, self.requests.deadline_s(context))

        chosen: list[FaceResult] = []
        rejected: list[tuple[FaceResult, list[pb.UnindexedReason]]] = []
        for face, reasons in zip(faces, screened, strict=True):  # largest first
            if not reasons and len(chosen) >= max_faces:
                reasons = [pb.UNINDEXED_REASON_EXCEEDS_MAX_FACES]
            if reasons:
                rejected.append((face, reasons))
            else:
                chosen.append(face)
        # One Triton call: the kept faces' embeddings, plus age/gender of every face when asked.
        analysed_for = chosen + ([f for f, _ in rejected] if want_age or want_gender else [])
        # The time left now, not the time at the start: detection has used some of the deadline.
        remaining = self.requests.deadline_s(context)
        described, embeddings = await self.pipeline.embed_and_describe(image, analysed_for, remaining)
        stored: list[StoredFace] = []
        if chosen:
            boxes = [(_ratio_box(f, image), f.confidence) for f in chosen]
            stored = await self.pipeline.run_blocking(
                self.collections.add_to, info, boxes, embeddings[: len(chosen)], request.external_image_id
            )

        def detail(face: FaceResult, described_face: FaceResult | None) -> faces_pb2.FaceDetail:
            source = described_face if described_face is not None else face
            shown = dataclasses.replace(
                source, age=source.age if want_age else None, gender=source.gender if want_gender else None
            )
            return face_detail(shown, image)

        response = pb.IndexFacesResponse(face_model_version=info.face_model_version)
        for i, (face, record) in enumerate(zip(chosen, stored, strict=True)):
            response.face_records.append(pb.FaceRecord(face=_face(record), face_detail=detail(face, described[i])))
        for j, (face, reasons) in enumerate(rejected):
            described_face = described[len(chosen) + j] if len(described) > len(chosen) else None
            response.unindexed_faces.append(pb.UnindexedFace(reasons=reasons, face_detail=detail(face, described_face)))
        return response

    async def ListFaces(self, request: pb.ListFacesRequest, context: grpc.aio.ServicerContext) -> pb.ListFacesResponse:
        info = await self.pipeline.run_blocking(self.collections.describe, request.collection_id)
        page = await self.pipeline.run_blocking(
            self.collections.list_faces, request.collection_id, request.page_size, request.page_token
        )
        return pb.ListFacesResponse(
            faces=[_face(f) for f in page.items],
            next_page_token=page.next_token,
            face_model_version=info.face_model_version,
        )

    async def DeleteFaces(
        self, request: pb.DeleteFacesRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteFacesResponse:
        deleted, missing = await self.pipeline.run_blocking(
            self.collections.delete_faces, request.collection_id, list(request.face_ids)
        )
        return pb.DeleteFacesResponse(deleted_faces=deleted, unsuccessful_face_deletions=missing)

    # -- search ----------------------------------------------------------------------------------

    async def SearchFaces(
        self, request: pb.SearchFacesRequest, context: grpc.aio.ServicerContext
    ) -> pb.SearchFacesResponse:
        async def run() -> pb.SearchFacesResponse:
            search = await self._prepare_search(request)
            matches = await self.pipeline.run_blocking(self.collections.find_by_face, search, request.face_id)
            return pb.SearchFacesResponse(
                searched_face_id=request.face_id,
                face_matches=_matches(matches),
                face_model_version=search.collection.face_model_version,
            )

        return await self._audited("SearchFaces", context, request, run)

    async def SearchFacesByImage(
        self, request: pb.SearchFacesByImageRequest, context: grpc.aio.ServicerContext
    ) -> pb.SearchFacesByImageResponse:
        async def run() -> pb.SearchFacesByImageResponse:
            limits = quality_filter.limits_for(request.quality_filter)
            search = await self._prepare_search(request)  # fail fast, before any inference
            image = await self.requests.image(request.image)
            faces = await self.pipeline.detect(image, self.requests.deadline_s(context))
            usable = [f for f in faces if not quality_filter.reasons(f, limits)]
            if not usable:
                raise InvalidArgument(
                    "no face that passes the quality filter was found in the image"
                    if faces
                    else "no face was found in the image",
                    reason="NO_FACE_IN_IMAGE",
                    metadata={"field": "image", "faces_detected": str(len(faces))},
                )
            searched = usable[0]  # the largest usable face
            embedding = await self.pipeline.embed([searched], self.requests.deadline_s(context))
            matches = await self.pipeline.run_blocking(self.collections.find_by_vector, search, embedding[0])
            return pb.SearchFacesByImageResponse(
                searched_face_bounding_box=bounding_box(searched, image),
                searched_face_confidence=searched.confidence,
                face_matches=_matches(matches),
                face_model_version=search.collection.face_model_version,
            )

        return await self._audited("SearchFacesByImage", context, request, run)

    # -- users -----------------------------------------------------------------------------------

    async def CreateUser(
        self, request: pb.CreateUserRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateUserResponse:
        await self.pipeline.run_blocking(self.users.create, request.collection_id, request.user_id)
        return pb.CreateUserResponse()

    async def DeleteUser(
        self, request: pb.DeleteUserRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteUserResponse:
        await self.pipeline.run_blocking(self.users.delete, request.collection_id, request.user_id)
        return pb.DeleteUserResponse()

    async def ListUsers(self, request: pb.ListUsersRequest, context: grpc.aio.ServicerContext) -> pb.ListUsersResponse:
        page = await self.pipeline.run_blocking(
            self.users.list_users, request.collection_id, request.page_size, request.page_token
        )
        return pb.ListUsersResponse(
            users=[pb.User(user_id=u.user_id, user_status=_status(u.face_count)) for u in page.items],
            next_page_token=page.next_token,
        )

    async def AssociateFaces(
        self, request: pb.AssociateFacesRequest, context: grpc.aio.ServicerContext
    ) -> pb.AssociateFacesResponse:
        threshold = request.user_match_threshold if request.HasField("user_match_threshold") else None
        outcome: Outcome = await self.pipeline.run_blocking(
            self.users.associate, request.collection_id, request.user_id, list(request.face_ids), threshold
        )
        return pb.AssociateFacesResponse(
            associated_faces=[pb.AssociatedFace(face_id=f) for f in outcome.done],
            unsuccessful_face_associations=[
                pb.UnsuccessfulFaceAssociation(
                    face_id=r.face_id,
                    user_id=r.user_id,
                    confidence=r.confidence,
                    reasons=_named(pb.UnsuccessfulFaceAssociationReason, r.reasons),
                )
                for r in outcome.refused
            ],
            user_status=_status(outcome.user_face_count),
        )

    async def DisassociateFaces(
        self, request: pb.DisassociateFacesRequest, context: grpc.aio.ServicerContext
    ) -> pb.DisassociateFacesResponse:
        outcome: Outcome = await self.pipeline.run_blocking(
            self.users.disassociate, request.collection_id, request.user_id, list(request.face_ids)
        )
        return pb.DisassociateFacesResponse(
            disassociated_faces=[pb.DisassociatedFace(face_id=f) for f in outcome.done],
            unsuccessful_face_disassociations=[
                pb.UnsuccessfulFaceDisassociation(
                    face_id=r.face_id,
                    user_id=r.user_id,
                    reasons=_named(pb.UnsuccessfulFaceDisassociationReason, r.reasons),
                )
                for r in outcome.refused
            ],
            user_status=_status(outcome.user_face_count),
        )

    async def SearchUsers(
        self, request: pb.SearchUsersRequest, context: grpc.aio.ServicerContext
    ) -> pb.SearchUsersResponse:
        async def run() -> pb.SearchUsersResponse:
            if bool(request.user_id) == bool(request.face_id):
                raise InvalidArgument("set exactly one of user_id and face_id", metadata={"field": "user_id"})
            search = await self._prepare_user_search(request)
            if request.user_id:
                found = await self.pipeline.run_blocking(self.users.find_by_user, search, request.user_id)
                response = pb.SearchUsersResponse(searched_user=pb.SearchedUser(user_id=request.user_id))
            else:
                found = await self.pipeline.run_blocking(self.users.find_by_face, search, request.face_id)
                response = pb.SearchUsersResponse(searched_face=pb.SearchedFace(face_id=request.face_id))
            response.user_matches.extend(_user_matches(found))
            response.face_model_version = search.collection.face_model_version
            return response

        return await self._audited_users("SearchUsers", context, request, run)

    async def SearchUsersByImage(
        self, request: pb.SearchUsersByImageRequest, context: grpc.aio.ServicerContext
    ) -> pb.SearchUsersByImageResponse:
        async def run() -> pb.SearchUsersByImageResponse:
            limits = quality_filter.limits_for(request.quality_filter)
            search = await self._prepare_user_search(request)  # fail fast, before any inference
            image = await self.requests.image(request.image)
            faces = await self.pipeline.detect(image, self.requests.deadline_s(context))
            verdicts = [(f, quality_filter.reasons(f, limits)) for f in faces]  # largest first
            searched = next((f for f, reasons in verdicts if not reasons), None)
            if searched is None:
                raise InvalidArgument(
                    "no face that passes the quality filter was found in the image"
                    if faces
                    else "no face was found in the image",
                    reason="NO_FACE_IN_IMAGE",
                    metadata={"field": "image", "faces_detected": str(len(faces))},
                )
            embedding = await self.pipeline.embed([searched], self.requests.deadline_s(context))
            found = await self.pipeline.run_blocking(self.users.find_by_vector, search, embedding[0])
            return pb.SearchUsersByImageResponse(
                user_matches=_user_matches(found),
                face_model_version=search.collection.face_model_version,
                searched_face=pb.SearchedFaceDetails(face_detail=face_detail(searched, image)),
                unsearched_faces=[
                    pb.UnsearchedFace(face_details=face_detail(f, image), reasons=_unsearched(reasons))
                    for f, reasons in verdicts
                    if f is not searched
                ],
            )

        return await self._audited_users("SearchUsersByImage", context, request, run)

    # -- helpers ---------------------------------------------------------------------------------

    async def _audited(
        self,
        operation: str,
        context: grpc.aio.ServicerContext,
        request: pb.SearchFacesRequest | pb.SearchFacesByImageRequest,
        run: Callable[[], Awaitable[T]],
    ) -> T:
        """Every search is a claim about people: one audit record each, refused ones included."""
        max_faces, threshold = _search_limits(request)
        return await audit.audited(
            self.audit,
            operation,
            context.invocation_metadata(),  # type: ignore[arg-type]
            run,
            collection_id=request.collection_id,
            threshold=DEFAULT_MATCH_THRESHOLD if threshold is None else threshold,
            max_faces=max_faces,
        )

    async def _prepare_search(self, request: pb.SearchFacesRequest | pb.SearchFacesByImageRequest) -> Search:
        max_faces, threshold = _search_limits(request)
        return await self.pipeline.run_blocking(
            self.collections.prepare_search, request.collection_id, max_faces, threshold
        )

    async def _prepare_user_search(self, request: pb.SearchUsersRequest | pb.SearchUsersByImageRequest) -> UserSearch:
        max_users, threshold = _user_search_limits(request)
        return await self.pipeline.run_blocking(self.users.prepare_search, request.collection_id, max_users, threshold)

    async def _audited_users(
        self,
        operation: str,
        context: grpc.aio.ServicerContext,
        request: pb.SearchUsersRequest | pb.SearchUsersByImageRequest,
        run: Callable[[], Awaitable[T]],
    ) -> T:
        """User searches are claims about people too: audited like face searches."""
        max_users, threshold = _user_search_limits(request)
        return await audit.audited(
            self.audit,
            operation,
            context.invocation_metadata(),  # type: ignore[arg-type]
            run,
            collection_id=request.collection_id,
            threshold=DEFAULT_USER_SEARCH_THRESHOLD if threshold is None else threshold,
            max_faces=max_users,
        )

    async def _usable(self, collection_id: str) -> CollectionInfo:
        check_collection_id(collection_id)
        return await self.pipeline.run_blocking(self.collections.usable, collection_id)


def _search_limits(request: pb.SearchFacesRequest | pb.SearchFacesByImageRequest) -> tuple[int | None, float | None]:
    """(max_faces, face_match_threshold) as sent; None when unset."""
    return (
        request.max_faces if request.HasField("max_faces") else None,
        request.face_match_threshold if request.HasField("face_match_threshold") else None,
    )


def _user_search_limits(
    request: pb.SearchUsersRequest | pb.SearchUsersByImageRequest,
) -> tuple[int | None, float | None]:
    """(max_users, user_match_threshold) as sent; None when unset."""
    return (
        request.max_users if request.HasField("max_users") else None,
        request.user_match_threshold if request.HasField("user_match_threshold") else None,
    )


def _named(enum: Any, names: tuple[str, ...]) -> list[Any]:
    """Reason names (users.py) as values of ``enum``, whose value names are the enum's name in
    UPPER_SNAKE_CASE + "_" + the reason (proto style: UNSUCCESSFUL_FACE_ASSOCIATION_REASON_...)."""
    prefix = re.sub(r"(?<!^)(?=[A-Z])", "_", enum.DESCRIPTOR.name).upper()
    return [enum.Value(f"{prefix}_{name}") for name in names]


def _status(face_count: int) -> pb.UserStatus:
    return pb.USER_STATUS_ACTIVE if face_count else pb.USER_STATUS_CREATED


def _user_matches(found: list[UserScore]) -> list[pb.UserMatch]:
    return [
        pb.UserMatch(similarity=m.similarity, user=pb.User(user_id=m.user_id, user_status=pb.USER_STATUS_ACTIVE))
        for m in found
    ]


def _unsearched(reasons: list[pb.UnindexedReason]) -> list[pb.UnsearchedFaceReason]:
    """The quality filter's reasons in SearchUsersByImage's enum; none: a smaller face that passed."""
    if not reasons:
        return [pb.UNSEARCHED_FACE_REASON_FACE_NOT_LARGEST]
    names = [pb.UnindexedReason.Name(r).removeprefix("UNINDEXED_REASON_") for r in reasons]
    return [pb.UnsearchedFaceReason.Value(f"UNSEARCHED_FACE_REASON_{n}") for n in names]


def _ratio_box(face: FaceResult, image: DecodedImage) -> tuple[float, float, float, float]:
    box = bounding_box(face, image)
    return (box.left, box.top, box.width, box.height)


def _face(face: StoredFace) -> pb.Face:
    left, top, width, height = face.box
    return pb.Face(
        face_id=face.face_id,
        bounding_box=common_pb2.BoundingBox(left=left, top=top, width=width, height=height),
        image_id=face.image_id,
        external_image_id=face.external_image_id,
        confidence=face.confidence,
    )


def _matches(matches: list[Match]) -> list[pb.FaceMatch]:
    return [pb.FaceMatch(similarity=m.similarity, face=_face(m.face)) for m in matches]
