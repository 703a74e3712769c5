"""Face collections as the API defines them, over a FaceStore: ids checked, model versions
compared, cosines turned into similarity.

No protos and no images here, so the contract tests drive it against every store with synthetic
vectors. Similarity is the calibrated scale of services/faces/similarity.py: a threshold is
turned into a cosine bound once, and every hit's cosine into a 0–100 score, so a threshold means
the same in CompareFaces and in search.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from services.collection.store import CollectionInfo, FaceStore, Neighbour, Page, StoredFace
from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.request import check_percent
from services.faces import similarity

COLLECTION_ID = re.compile(r"[a-zA-Z0-9_.\-]{1,255}")
EXTERNAL_IMAGE_ID = re.compile(r"[a-zA-Z0-9_.\-:]{0,255}")
MAX_PAGE_SIZE = 4096
DEFAULT_PAGE_SIZE = 1000
MAX_SEARCH_FACES = 4096
DEFAULT_SEARCH_FACES = 10
MAX_DELETE_FACES = 4096
DEFAULT_MATCH_THRESHOLD = 80.0


@dataclass(frozen=True)
class Match:
    similarity: float  # calibrated 0–100
    face: StoredFace


@dataclass(frozen=True)
class Search:
    """A checked search of one usable collection: made once per call, before any inference."""

    collection: CollectionInfo
    limit: int  # most matches returned
    threshold: float  # smallest similarity kept, 0–100
    min_cosine: float  # the store's bound for that threshold


def resource_name(collection_id: str) -> str:
    return f"collections/{collection_id}"


class FaceCollections:
    def __init__(self, store: FaceStore, face_model_version: str):
        self.store = store
        self.face_model_version = face_model_version

    # -- collections -----------------------------------------------------------------------------

    def create(self, collection_id: str) -> CollectionInfo:
        return self.store.create_collection(check_collection_id(collection_id), self.face_model_version)

    def delete(self, collection_id: str) -> None:
        self.store.delete_collection(check_collection_id(collection_id))

    def describe(self, collection_id: str) -> CollectionInfo:
        return self.store.describe_collection(check_collection_id(collection_id))

    def list_collections(self, page_size: int, page_token: str) -> Page[CollectionInfo]:
        return self.store.list_collections(check_page_size(page_size), page_token)

    # -- faces -----------------------------------------------------------------------------------

    def usable(self, collection_id: str) -> CollectionInfo:
        """The collection, if its vectors come from the model this server runs (else refused)."""
        info = self.store.describe_collection(check_collection_id(collection_id))
        if info.face_model_version != self.face_model_version:
            raise FailedPrecondition(
                f"collection {collection_id!r} was built with face model {info.face_model_version!r} but this "
                f"server runs {self.face_model_version!r}; its vectors cannot be compared with new ones. "
                "Index the faces again into a new collection.",
                reason="FACE_MODEL_MISMATCH",
                metadata={
                    "collection_id": collection_id,
                    "collection_face_model_version": info.face_model_version,
                    "server_face_model_version": self.face_model_version,
                },
            )
        return info

    def add(
        self,
        collection_id: str,
        boxes_and_confidences: Sequence[tuple[tuple[float, float, float, float], float]],
        embeddings: NDArray[np.float32],
        external_image_id: str = "",
    ) -> list[StoredFace]:
        """Store faces of one image under new UUIDs (all or none). Returns them in input order."""
        check_external_image_id(external_image_id)
        return self.add_to(self.usable(collection_id), boxes_and_confidences, embeddings, external_image_id)

    def add_to(
        self,
        collection: CollectionInfo,
        boxes_and_confidences: Sequence[tuple[tuple[float, float, float, float], float]],
        embeddings: NDArray[np.float32],
        external_image_id: str,
    ) -> list[StoredFace]:
        """``add`` for a collection this call has already read and found usable (IndexFaces reads it
        once, before any inference). The store still refuses a collection deleted meanwhile."""
        collection_id = collection.collection_id
        image_id = str(uuid.uuid4())
        faces = [
            StoredFace(str(uuid.uuid4()), image_id, external_image_id, box, confidence)
            for box, confidence in boxes_and_confidences
        ]
        self.store.add_faces(collection_id, faces, similarity.l2_normalize(embeddings))
        return faces

    def list_faces(self, collection_id: str, page_size: int, page_token: str) -> Page[StoredFace]:
        return self.store.list_faces(check_collection_id(collection_id), check_page_size(page_size), page_token)

    def delete_faces(self, collection_id: str, face_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        """(deleted, not found) face ids."""
        check_collection_id(collection_id)
        if not 1 <= len(face_ids) <= MAX_DELETE_FACES:
            raise InvalidArgument(
                f"face_ids must hold 1 to {MAX_DELETE_FACES} ids, got {len(face_ids)}", metadata={"field": "face_ids"}
            )
        valid = [f for f in face_ids if is_face_id(f)]
        deleted = set(self.store.delete_faces(collection_id, valid)) if valid else set()
        if not valid:
            self.store.describe_collection(collection_id)  # NOT_FOUND for an unknown collection still
        return [f for f in dict.fromkeys(face_ids) if f in deleted], [
            f for f in dict.fromkeys(face_ids) if f not in deleted
        ]

    # -- search ----------------------------------------------------------------------------------

    def prepare_search(self, collection_id: str, max_faces: int | None, threshold: float | None) -> Search:
        """Check a search's fields and read its collection, once (refused if not usable)."""
        check_collection_id(collection_id)
        limit, score, bound = check_search(max_faces, threshold)
        return Search(self.usable(collection_id), limit, score, bound)

    def find_by_vector(self, search: Search, embedding: NDArray[np.float32]) -> list[Match]:
        query = similarity.l2_normalize(embedding).reshape(-1)
        found = self.store.search(search.collection.collection_id, query, search.limit, search.min_cosine)
        return _matches(found, search.threshold)

    def find_by_face(self, search: Search, face_id: str) -> list[Match]:
        if not is_face_id(face_id):
            raise InvalidArgument(f"face_id {face_id!r} is not a face id (a UUID)", metadata={"field": "face_id"})
        collection_id = search.collection.collection_id
        query = self.store.get_embedding(collection_id, face_id)
        # One extra: the searched face itself is always its own best match and is left out.
        found = self.store.search(collection_id, query, search.limit + 1, search.min_cosine)
        return _matches([n for n in found if n.face.face_id != face_id][: search.limit], search.threshold)

    def search_by_vector(
        self, collection_id: str, embedding: NDArray[np.float32], max_faces: int | None, threshold: float | None
    ) -> list[Match]:
        return self.find_by_vector(self.prepare_search(collection_id, max_faces, threshold), embedding)

    def search_by_face(
        self, collection_id: str, face_id: str, max_faces: int | None, threshold: float | None
    ) -> list[Match]:
        return self.find_by_face(self.prepare_search(collection_id, max_faces, threshold), face_id)


def _matches(neighbours: list[Neighbour], threshold: float) -> list[Match]:
    if not neighbours:
        return []
    scores = similarity.similarity_from_cosine(np.array([n.cosine for n in neighbours]))
    return [Match(float(s), n.face) for s, n in zip(scores, neighbours, strict=True) if float(s) >= threshold]


def check_collection_id(collection_id: str) -> str:
    if not COLLECTION_ID.fullmatch(collection_id):
        raise InvalidArgument(
            f"collection_id must be 1-255 characters of [a-zA-Z0-9_.-], got {collection_id[:300]!r}",
            metadata={"field": "collection_id"},
        )
    return collection_id


def check_external_image_id(external_image_id: str) -> str:
    if not EXTERNAL_IMAGE_ID.fullmatch(external_image_id):
        raise InvalidArgument(
            "external_image_id must be 0-255 characters of [a-zA-Z0-9_.-:]", metadata={"field": "external_image_id"}
        )
    return external_image_id


def check_page_size(page_size: int) -> int:
    if page_size == 0:
        return DEFAULT_PAGE_SIZE
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidArgument(
            f"page_size must be 0 (default) or 1-{MAX_PAGE_SIZE}, got {page_size}", metadata={"field": "page_size"}
        )
    return page_size


def check_search(max_faces: int | None, threshold: float | None) -> tuple[int, float, float]:
    """(result limit, similarity threshold, smallest cosine kept) for a search's max_faces and
    face_match_threshold (None: unset)."""
    limit = DEFAULT_SEARCH_FACES if max_faces is None else max_faces
    if not 1 <= limit <= MAX_SEARCH_FACES:
        raise InvalidArgument(f"max_faces must be 1-{MAX_SEARCH_FACES}, got {limit}", metadata={"field": "max_faces"})
    score = check_percent(DEFAULT_MATCH_THRESHOLD if threshold is None else threshold, "face_match_threshold")
    # The cosine bound is loosened by a hair so a face scoring exactly the threshold is kept; the
    # scores are then recomputed and filtered exactly.
    bound = -1.0 if score <= 0.0 else float(similarity.cosine_for_similarity(score)) - 1e-6
    return limit, score, bound


def is_face_id(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
