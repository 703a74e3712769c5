"""Users of a face collection as the API defines them, over a FaceStore: ids and limits checked,
associations decided, user searches ranked on the calibrated scale.

No protos here (reasons are the API enums' names without prefix), so the contract tests drive it
against every store. The search vector and its scale: services/collection/user_vectors.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from services.collection import user_vectors
from services.collection.face_collections import FaceCollections, check_collection_id, is_face_id
from services.collection.store import CollectionInfo, Page, UserInfo
from services.collection.user_vectors import UserScore
from services.common.errors import InvalidArgument
from services.common.request import check_percent

USER_ID = re.compile(r"[a-zA-Z0-9_.\-:]{1,128}")
MAX_ASSOCIATION_FACES = 100
DEFAULT_ASSOCIATION_THRESHOLD = 75.0  # Rekognition's UserMatchThreshold default for AssociateFaces
DEFAULT_SEARCH_THRESHOLD = 80.0  # as for face search
MAX_USERS = 500
DEFAULT_MAX_USERS = 10
MAX_USER_PAGE = 500
DEFAULT_USER_PAGE = 100

# Reasons, as the API enums name them (UnsuccessfulFaceAssociationReason, ...DisassociationReason).
FACE_NOT_FOUND = "FACE_NOT_FOUND"
ASSOCIATED_TO_A_DIFFERENT_USER = "ASSOCIATED_TO_A_DIFFERENT_USER"
LOW_MATCH_CONFIDENCE = "LOW_MATCH_CONFIDENCE"


@dataclass(frozen=True)
class Refused:
    face_id: str
    user_id: str  # the face's owner for ASSOCIATED_TO_A_DIFFERENT_USER ("" = none), else the user asked
    confidence: float  # similarity to the user for LOW_MATCH_CONFIDENCE, else 0
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What an AssociateFaces / DisassociateFaces call did, in request order."""

    done: list[str]
    refused: list[Refused]
    user_face_count: int  # after the call


@dataclass(frozen=True)
class UserSearch:
    """A checked user search of one usable collection: made once per call, before any inference."""

    collection: CollectionInfo
    limit: int
    threshold: float


class CollectionUsers:
    def __init__(self, collections: FaceCollections):
        self.collections = collections
        self.store = collections.store

    def create(self, collection_id: str, user_id: str) -> None:
        self.store.create_user(check_collection_id(collection_id), check_user_id(user_id))

    def delete(self, collection_id: str, user_id: str) -> None:
        self.store.delete_user(check_collection_id(collection_id), check_user_id(user_id))

    def list_users(self, collection_id: str, page_size: int, page_token: str) -> Page[UserInfo]:
        if page_size == 0:
            page_size = DEFAULT_USER_PAGE
        if not 1 <= page_size <= MAX_USER_PAGE:
            raise InvalidArgument(
                f"page_size must be 0 (default) or 1-{MAX_USER_PAGE}, got {page_size}", metadata={"field": "page_size"}
            )
        return self.store.list_users(check_collection_id(collection_id), page_size, page_token)

    # -- associations ----------------------------------------------------------------------------

    def associate(self, collection_id: str, user_id: str, face_ids: Sequence[str], threshold: float | None) -> Outcome:
        """Associate the faces that exist, are nobody else's and match the user (see the proto)."""
        check_collection_id(collection_id)
        check_user_id(user_id)
        wanted = check_face_ids(face_ids)
        bound = check_percent(DEFAULT_ASSOCIATION_THRESHOLD if threshold is None else threshold, "user_match_threshold")
        self.collections.usable(collection_id)  # compares vectors: the model must be this server's
        self.store.describe_user(collection_id, user_id)  # USER_NOT_FOUND before anything else
        found = self.store.memberships(collection_id, [f for f in wanted if is_face_id(f)])
        own = self.store.user_embeddings(collection_id, user_id).get(user_id)
        reference = None if own is None else user_vectors.search_vector(own)

        accepted: list[str] = []
        refused: dict[str, Refused] = {}
        for face_id in wanted:
            member = found.get(face_id)
            if member is None:
                refused[face_id] = Refused(face_id, user_id, 0.0, (FACE_NOT_FOUND,))
            elif member.user_id not in ("", user_id):
                refused[face_id] = Refused(face_id, member.user_id, 0.0, (ASSOCIATED_TO_A_DIFFERENT_USER,))
            elif member.user_id == user_id:
                accepted.append(face_id)
            elif reference is None:  # an empty user: the first free face seeds it
                reference = member.embedding
                accepted.append(face_id)
            else:
                score = user_vectors.similarity_to(member.embedding, reference)
                if score >= bound:
                    accepted.append(face_id)
                else:
                    refused[face_id] = Refused(face_id, user_id, score, (LOW_MATCH_CONFIDENCE,))
        done = set(self.store.associate_faces(collection_id, user_id, accepted)) if accepted else set()
        # A face deleted or taken by another user since it was read: report it as it is now.
        for face_id, reason in self._lost(collection_id, user_id, [f for f in accepted if f not in done]).items():
            refused[face_id] = reason
        return self._outcome(collection_id, user_id, wanted, done, refused)

    def disassociate(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> Outcome:
        check_collection_id(collection_id)
        check_user_id(user_id)
        wanted = check_face_ids(face_ids)
        self.store.describe_user(collection_id, user_id)
        valid = [f for f in wanted if is_face_id(f)]
        done = set(self.store.disassociate_faces(collection_id, user_id, valid)) if valid else set()
        refused = self._lost(collection_id, user_id, [f for f in wanted if f not in done])
        return self._outcome(collection_id, user_id, wanted, done, refused)

    def _lost(self, collection_id: str, user_id: str, face_ids: list[str]) -> dict[str, Refused]:
        """Why each of ``face_ids`` is not (or no longer) this user's to change."""
        found = self.store.memberships(collection_id, [f for f in face_ids if is_face_id(f)]) if face_ids else {}
        return {
            f: Refused(f, user_id, 0.0, (FACE_NOT_FOUND,))
            if f not in found
            else Refused(f, found[f].user_id, 0.0, (ASSOCIATED_TO_A_DIFFERENT_USER,))
            for f in face_ids
        }

    def _outcome(
        self, collection_id: str, user_id: str, wanted: list[str], done: set[str], refused: dict[str, Refused]
    ) -> Outcome:
        count = self.store.describe_user(collection_id, user_id).face_count
        return Outcome([f for f in wanted if f in done], [refused[f] for f in wanted if f in refused], count)

    # -- search ----------------------------------------------------------------------------------

    def prepare_search(self, collection_id: str, max_users: int | None, threshold: float | None) -> UserSearch:
        check_collection_id(collection_id)
        limit = DEFAULT_MAX_USERS if max_users is None else max_users
        if not 1 <= limit <= MAX_USERS:
            raise InvalidArgument(f"max_users must be 1-{MAX_USERS}, got {limit}", metadata={"field": "max_users"})
        score = check_percent(DEFAULT_SEARCH_THRESHOLD if threshold is None else threshold, "user_match_threshold")
        return UserSearch(self.collections.usable(collection_id), limit, score)

    def find_by_vector(self, search: UserSearch, embedding: NDArray[np.float32]) -> list[UserScore]:
        users = self.store.user_embeddings(search.collection.collection_id)
        return user_vectors.rank_users(embedding, users, search.threshold, search.limit)

    def find_by_face(self, search: UserSearch, face_id: str) -> list[UserScore]:
        """Users like one stored face (its own user included)."""
        if not is_face_id(face_id):
            raise InvalidArgument(f"face_id {face_id!r} is not a face id (a UUID)", metadata={"field": "face_id"})
        return self.find_by_vector(search, self.store.get_embedding(search.collection.collection_id, face_id))

    def find_by_user(self, search: UserSearch, user_id: str) -> list[UserScore]:
        """Other users like this one (compared by search vectors); none if it has no faces."""
        collection_id = search.collection.collection_id
        self.store.describe_user(collection_id, check_user_id(user_id))
        users = self.store.user_embeddings(collection_id)
        if user_id not in users:
            return []
        query = user_vectors.search_vector(users[user_id])
        return user_vectors.rank_users(query, users, search.threshold, search.limit, exclude=user_id)


def check_user_id(user_id: str) -> str:
    if not USER_ID.fullmatch(user_id):
        raise InvalidArgument(
            f"user_id must be 1-128 characters of [a-zA-Z0-9_.-:], got {user_id[:200]!r}",
            metadata={"field": "user_id"},
        )
    return user_id


def check_face_ids(face_ids: Sequence[str]) -> list[str]:
    """The ids without repeats (order kept), if there are 1-100 of them."""
    wanted = list(dict.fromkeys(face_ids))
    if not 1 <= len(wanted) <= MAX_ASSOCIATION_FACES:
        raise InvalidArgument(
            f"face_ids must hold 1 to {MAX_ASSOCIATION_FACES} distinct ids, got {len(wanted)}",
            metadata={"field": "face_ids"},
        )
    return wanted
