"""The FaceStore interface every collection backend implements, and its value types.

A store keeps collections of (face metadata, unit-length embedding) and answers nearest-neighbour
queries by cosine. It knows nothing about images, models or the similarity scale: the service
(services/collection/face_collections.py) converts cosines to calibrated similarity and checks model
versions. Both implementations (embedded.py, milvus.py) pass tests/unit/collection/test_store_contract.py.

Errors are FacetErrors so the service can let them through unchanged: NotFound with reason
COLLECTION_NOT_FOUND / FACE_NOT_FOUND / USER_NOT_FOUND, AlreadyExists with
COLLECTION_ALREADY_EXISTS / USER_ALREADY_EXISTS.

Users group faces: a face belongs to at most one user, a user to one collection. The store keeps
the associations durably (deleting a face or a user removes its associations) and hands out the
users' face embeddings; what a user's search vector is, and the thresholds, are the service's
business (services/collection/user_vectors.py).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from services.common.errors import AlreadyExists, InvalidArgument, NotFound

EMBEDDING_DIM = 128
T = TypeVar("T")


@dataclass(frozen=True)
class CollectionInfo:
    collection_id: str
    face_model_version: str
    created_at: float  # Unix seconds, UTC
    face_count: int
    user_count: int = 0


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    face_count: int  # faces associated with the user


@dataclass(frozen=True)
class Membership:
    """A stored face as association needs it: its owner ("" if none) and its embedding."""

    user_id: str
    embedding: NDArray[np.float32]


@dataclass(frozen=True)
class StoredFace:
    """A face's metadata; the box is in ratios of its source image."""

    face_id: str
    image_id: str
    external_image_id: str
    box: tuple[float, float, float, float]  # left, top, width, height
    confidence: float  # 0–100


@dataclass(frozen=True)
class Neighbour:
    face: StoredFace
    cosine: float


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_token: str  # "" on the last page


class FaceStore(Protocol):
    """Durable collections of faces with cosine nearest-neighbour search. Thread-safe."""

    def create_collection(self, collection_id: str, face_model_version: str) -> CollectionInfo: ...

    def delete_collection(self, collection_id: str) -> None: ...

    def describe_collection(self, collection_id: str) -> CollectionInfo: ...

    def list_collections(self, page_size: int, page_token: str) -> Page[CollectionInfo]: ...

    def add_faces(self, collection_id: str, faces: Sequence[StoredFace], embeddings: NDArray[np.float32]) -> None:
        """Store all faces or none (one atomic, durable write). embeddings: [N, D], unit length."""
        ...

    def list_faces(self, collection_id: str, page_size: int, page_token: str) -> Page[StoredFace]: ...

    def delete_faces(self, collection_id: str, face_ids: Sequence[str]) -> list[str]:
        """Delete the faces that exist; returns the ids actually deleted."""
        ...

    def get_embedding(self, collection_id: str, face_id: str) -> NDArray[np.float32]: ...

    def search(self, collection_id: str, query: NDArray[np.float32], k: int, min_cosine: float) -> list[Neighbour]:
        """Up to k faces with cosine >= min_cosine, best first (ties by face_id)."""
        ...

    def close(self) -> None: ...

    # -- users -----------------------------------------------------------------------------------

    def create_user(self, collection_id: str, user_id: str) -> None: ...

    def delete_user(self, collection_id: str, user_id: str) -> None:
        """Delete the user and its associations (its faces stay)."""
        ...

    def describe_user(self, collection_id: str, user_id: str) -> UserInfo: ...

    def list_users(self, collection_id: str, page_size: int, page_token: str) -> Page[UserInfo]: ...

    def memberships(self, collection_id: str, face_ids: Sequence[str]) -> dict[str, Membership]:
        """The faces of ``face_ids`` that are in the collection (absent ids are left out)."""
        ...

    def associate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        """Associate with the user, in one atomic durable write, those faces that exist and belong to
        no user or to this one; returns them (all now the user's). Others are left untouched."""
        ...

    def disassociate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        """Remove from the user those faces it holds (one atomic durable write); returns them."""
        ...

    def user_embeddings(self, collection_id: str, user_id: str = "") -> dict[str, NDArray[np.float32]]:
        """Every user that has faces (or only ``user_id``) -> its faces' embeddings [n, D]; users
        without faces are left out."""
        ...


def collection_not_found(collection_id: str) -> NotFound:
    return NotFound(
        f"collection {collection_id!r} does not exist",
        reason="COLLECTION_NOT_FOUND",
        metadata={"collection_id": collection_id},
    )


def face_not_found(collection_id: str, face_id: str) -> NotFound:
    return NotFound(
        f"face {face_id!r} is not in collection {collection_id!r}",
        reason="FACE_NOT_FOUND",
        metadata={"collection_id": collection_id, "face_id": face_id},
    )


def collection_exists(collection_id: str) -> AlreadyExists:
    return AlreadyExists(
        f"collection {collection_id!r} already exists",
        reason="COLLECTION_ALREADY_EXISTS",
        metadata={"collection_id": collection_id},
    )


def user_not_found(collection_id: str, user_id: str) -> NotFound:
    return NotFound(
        f"user {user_id!r} is not in collection {collection_id!r}",
        reason="USER_NOT_FOUND",
        metadata={"collection_id": collection_id, "user_id": user_id},
    )


def user_exists(collection_id: str, user_id: str) -> AlreadyExists:
    return AlreadyExists(
        f"user {user_id!r} already exists in collection {collection_id!r}",
        reason="USER_ALREADY_EXISTS",
        metadata={"collection_id": collection_id, "user_id": user_id},
    )


def rank(neighbours: list[Neighbour], k: int, min_cosine: float) -> list[Neighbour]:
    """Best first, ties by face_id, thresholded and cut to k: the order every store returns."""
    kept = [n for n in neighbours if n.cosine >= min_cosine]
    kept.sort(key=lambda n: (-n.cosine, n.face.face_id))
    return kept[:k]


def encode_token(last_key: str) -> str:
    """An opaque page token: the last key of the page, base64url without padding."""
    return base64.urlsafe_b64encode(last_key.encode()).decode().rstrip("=")


def decode_token(token: str) -> str:
    """The last key of the previous page ("" for the first page); INVALID_ARGUMENT if malformed."""
    if not token:
        return ""
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidArgument(
            "page_token is not a token this service issued", metadata={"field": "page_token"}
        ) from exc
