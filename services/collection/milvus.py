"""The Milvus FaceStore, for clusters: every Facet collection lives in two Milvus collections.

``<prefix>collections`` holds one row per Facet collection (Milvus requires a vector field, so it
carries a 2-d placeholder vector); ``<prefix>faces`` holds every face of every Facet collection,
with ``collection_id`` as the partition key so a search only touches its collection's partitions.
Faces are stored with their normalised embedding; search is by inner product (== cosine).

``uri`` is a Milvus endpoint ("http://milvus:19530", with ``token`` "user:password" or an API key)
or a local file path, which pymilvus opens with Milvus Lite in-process (the tests do that). All
reads use Strong consistency, so a face is searchable as soon as IndexFaces returned.

Milvus has no multi-row transactions: the faces of one IndexFaces call go in one insert request,
which Milvus applies as a unit, but durability across a crash is Milvus's own (its WAL / message
queue), not something this module can add. Deleting a collection deletes its face rows first,
then the collection row; a crash in between leaves an empty-looking collection that a repeated
DeleteCollection finishes.

Users live in two more Milvus collections (separate, so existing face rows need no schema
change): ``<prefix>users`` (one row per user, key "<collection_id>/<user_id>") and
``<prefix>user_faces`` (one row per associated face, keyed by face_id, so a face has at most one
user). An AssociateFaces call's new associations go in one insert request. Association is
check-then-act under this process's lock only: two service processes associating the same face
at once could both succeed (the later row wins); the embedded store has no such gap.

Ids reach filter expressions only after validation (collection ids are [a-zA-Z0-9_.-], face ids
are canonical UUIDs), so they cannot break out of the quoted string.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pymilvus import DataType, MilvusClient

from services.collection.store import (
    EMBEDDING_DIM,
    CollectionInfo,
    Membership,
    Neighbour,
    Page,
    StoredFace,
    UserInfo,
    collection_exists,
    collection_not_found,
    decode_token,
    encode_token,
    face_not_found,
    rank,
    user_exists,
    user_not_found,
)

_FACE_FIELDS = [
    "face_id",
    "image_id",
    "external_image_id",
    "box_left",
    "box_top",
    "box_width",
    "box_height",
    "confidence",
]
_STRONG = "Strong"


class MilvusStore:
    def __init__(
        self,
        uri: str,
        *,
        token: str = "",
        prefix: str = "facet_",
        index_type: str = "HNSW",
        index_params: dict[str, Any] | None = None,
        search_params: dict[str, Any] | None = None,
    ):
        self.client = MilvusClient(uri=uri, token=token)
        self.collections = f"{prefix}collections"
        self.faces = f"{prefix}faces"
        self.users = f"{prefix}users"
        self.user_faces = f"{prefix}user_faces"
        self.index_type = index_type
        self.index_params = index_params if index_params is not None else {"M": 16, "efConstruction": 128}
        self.search_params = search_params if search_params is not None else {"ef": 64}
        self._lock = threading.Lock()  # create/delete collection are check-then-act
        self._ensure_schema()

    def _ensure_schema(self) -> None:
        if not self.client.has_collection(self.collections):
            schema = self.client.create_schema(auto_id=False)
            schema.add_field("collection_id", DataType.VARCHAR, is_primary=True, max_length=255)
            schema.add_field("face_model_version", DataType.VARCHAR, max_length=255)
            schema.add_field("created_at", DataType.DOUBLE)
            schema.add_field("placeholder", DataType.FLOAT_VECTOR, dim=2)
            index = self.client.prepare_index_params()
            index.add_index(field_name="placeholder", index_type="FLAT", metric_type="L2")
            self.client.create_collection(
                self.collections, schema=schema, index_params=index, consistency_level=_STRONG
            )
        if not self.client.has_collection(self.faces):
            schema = self.client.create_schema(auto_id=False)
            schema.add_field("face_id", DataType.VARCHAR, is_primary=True, max_length=36)
            schema.add_field("collection_id", DataType.VARCHAR, max_length=255, is_partition_key=True)
            schema.add_field("image_id", DataType.VARCHAR, max_length=36)
            schema.add_field("external_image_id", DataType.VARCHAR, max_length=255)
            for name in ("box_left", "box_top", "box_width", "box_height", "confidence"):
                schema.add_field(name, DataType.FLOAT)
            schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=EMBEDDING_DIM)
            index = self.client.prepare_index_params()
            index.add_index(
                field_name="embedding", index_type=self.index_type, metric_type="IP", params=self.index_params
            )
            self.client.create_collection(self.faces, schema=schema, index_params=index, consistency_level=_STRONG)
        extra: dict[str, list[tuple[str, DataType]]] = {
            self.users: [("created_at", DataType.DOUBLE)],
            self.user_faces: [],
        }
        for name, key_length in ((self.users, 384), (self.user_faces, 36)):
            if self.client.has_collection(name):
                continue
            schema = self.client.create_schema(auto_id=False)
            schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=key_length)
            schema.add_field("collection_id", DataType.VARCHAR, max_length=255)
            schema.add_field("user_id", DataType.VARCHAR, max_length=128)
            for field, kind in extra[name]:
                schema.add_field(field, kind)
            schema.add_field("placeholder", DataType.FLOAT_VECTOR, dim=2)  # Milvus needs a vector field
            index = self.client.prepare_index_params()
            index.add_index(field_name="placeholder", index_type="FLAT", metric_type="L2")
            self.client.create_collection(name, schema=schema, index_params=index, consistency_level=_STRONG)

    # -- collections -----------------------------------------------------------------------------

    def create_collection(self, collection_id: str, face_model_version: str) -> CollectionInfo:
        with self._lock:
            if self._collection_row(collection_id) is not None:
                raise collection_exists(collection_id)
            created = time.time()
            self.client.insert(
                self.collections,
                [
                    {
                        "collection_id": collection_id,
                        "face_model_version": face_model_version,
                        "created_at": created,
                        "placeholder": [0.0, 0.0],
                    }
                ],
            )
        return CollectionInfo(collection_id, face_model_version, created, 0)

    def delete_collection(self, collection_id: str) -> None:
        with self._lock:
            self._require(collection_id)
            for table in (self.user_faces, self.users, self.faces):
                self.client.delete(table, filter=f'collection_id == "{collection_id}"')
            self.client.delete(self.collections, ids=[collection_id])

    def describe_collection(self, collection_id: str) -> CollectionInfo:
        row = self._require(collection_id)
        return CollectionInfo(
            collection_id,
            row["face_model_version"],
            float(row["created_at"]),
            self._count(collection_id),
            self._count(collection_id, self.users),
        )

    def list_collections(self, page_size: int, page_token: str) -> Page[CollectionInfo]:
        after = decode_token(page_token)
        rows = self._query_all(
            self.collections,
            f'collection_id > "{_quote(after)}"',
            ["collection_id", "face_model_version", "created_at"],
        )
        rows.sort(key=lambda r: r["collection_id"])
        page = [
            CollectionInfo(
                r["collection_id"], r["face_model_version"], float(r["created_at"]), self._count(r["collection_id"])
            )
            for r in rows[:page_size]
        ]
        more = len(rows) > page_size
        return Page(page, encode_token(page[-1].collection_id) if more and page else "")

    # -- faces -----------------------------------------------------------------------------------

    def add_faces(self, collection_id: str, faces: Sequence[StoredFace], embeddings: NDArray[np.float32]) -> None:
        vectors = np.asarray(embeddings, dtype=np.float32).reshape(-1, EMBEDDING_DIM)
        if len(vectors) != len(faces):
            raise ValueError(f"{len(faces)} faces but {len(vectors)} embeddings")
        self._require(collection_id)
        if not faces:
            return
        rows = [
            {
                "face_id": face.face_id,
                "collection_id": collection_id,
                "image_id": face.image_id,
                "external_image_id": face.external_image_id,
                "box_left": face.box[0],
                "box_top": face.box[1],
                "box_width": face.box[2],
                "box_height": face.box[3],
                "confidence": face.confidence,
                "embedding": vector,
            }
            for face, vector in zip(faces, vectors, strict=True)
        ]
        self.client.insert(self.faces, rows)  # one request: applied as a unit

    def list_faces(self, collection_id: str, page_size: int, page_token: str) -> Page[StoredFace]:
        after = decode_token(page_token)
        self._require(collection_id)
        # Milvus queries have no ORDER BY: fetch the ids after the cursor, sort, then the page's rows.
        ids = sorted(
            r["face_id"]
            for r in self._query_all(
                self.faces, f'collection_id == "{collection_id}" and face_id > "{_quote(after)}"', ["face_id"]
            )
        )
        chosen = ids[:page_size]
        rows = self.client.get(self.faces, ids=chosen, output_fields=_FACE_FIELDS) if chosen else []
        faces = sorted((_face(r) for r in rows), key=lambda f: f.face_id)
        return Page(faces, encode_token(chosen[-1]) if len(ids) > page_size else "")

    def delete_faces(self, collection_id: str, face_ids: Sequence[str]) -> list[str]:
        self._require(collection_id)
        wanted = list(dict.fromkeys(face_ids))
        if not wanted:
            return []
        present = {
            r["face_id"]
            for r in self.client.query(
                self.faces,
                filter=f'collection_id == "{collection_id}" and face_id in {_string_list(wanted)}',
                output_fields=["face_id"],
                consistency_level=_STRONG,
            )
        }
        deleted = [face_id for face_id in wanted if face_id in present]
        if deleted:
            self.client.delete(self.faces, ids=deleted)
            self.client.delete(self.user_faces, ids=deleted)  # a deleted face leaves its user
        return deleted

    def get_embedding(self, collection_id: str, face_id: str) -> NDArray[np.float32]:
        self._require(collection_id)
        rows = self.client.query(
            self.faces,
            filter=f'collection_id == "{collection_id}" and face_id == "{_quote(face_id)}"',
            output_fields=["embedding"],
            consistency_level=_STRONG,
        )
        if not rows:
            raise face_not_found(collection_id, face_id)
        return np.asarray(rows[0]["embedding"], dtype=np.float32)

    def search(self, collection_id: str, query: NDArray[np.float32], k: int, min_cosine: float) -> list[Neighbour]:
        self._require(collection_id)
        params = dict(self.search_params)
        if "ef" in params:
            params["ef"] = max(int(params["ef"]), k)  # HNSW returns at most ef results
        hits = self.client.search(
            self.faces,
            data=[np.asarray(query, dtype=np.float32).reshape(EMBEDDING_DIM)],
            limit=k,
            filter=f'collection_id == "{collection_id}"',
            output_fields=_FACE_FIELDS,
            search_params={"metric_type": "IP", "params": params},
            anns_field="embedding",
            consistency_level=_STRONG,
        )[0]
        found = [Neighbour(_face(hit["entity"]), float(hit["distance"])) for hit in hits]
        return rank(found, k, min_cosine)

    # -- users -----------------------------------------------------------------------------------

    def create_user(self, collection_id: str, user_id: str) -> None:
        with self._lock:
            self._require(collection_id)
            if self._user_row(collection_id, user_id) is not None:
                raise user_exists(collection_id, user_id)
            row = {"key": _user_key(collection_id, user_id), "collection_id": collection_id, "user_id": user_id}
            self.client.insert(self.users, [{**row, "created_at": time.time(), "placeholder": [0.0, 0.0]}])

    def delete_user(self, collection_id: str, user_id: str) -> None:
        with self._lock:
            self._require_user(collection_id, user_id)
            self.client.delete(self.user_faces, filter=_user_filter(collection_id, user_id))
            self.client.delete(self.users, ids=[_user_key(collection_id, user_id)])

    def describe_user(self, collection_id: str, user_id: str) -> UserInfo:
        self._require_user(collection_id, user_id)
        return UserInfo(user_id, self._count_rows(self.user_faces, _user_filter(collection_id, user_id)))

    def list_users(self, collection_id: str, page_size: int, page_token: str) -> Page[UserInfo]:
        after = decode_token(page_token)
        self._require(collection_id)
        ids = sorted(
            r["user_id"]
            for r in self._query_all(
                self.users, f'collection_id == "{collection_id}" and user_id > "{_quote(after)}"', ["user_id"]
            )
        )
        chosen = ids[:page_size]
        counts: dict[str, int] = dict.fromkeys(chosen, 0)
        if chosen:
            expr = f'collection_id == "{collection_id}" and user_id in {_string_list(chosen)}'
            for row in self._query_all(self.user_faces, expr, ["user_id"]):
                counts[row["user_id"]] += 1
        users = [UserInfo(u, counts[u]) for u in chosen]
        return Page(users, encode_token(chosen[-1]) if len(ids) > page_size else "")

    def memberships(self, collection_id: str, face_ids: Sequence[str]) -> dict[str, Membership]:
        self._require(collection_id)
        wanted = list(dict.fromkeys(face_ids))
        if not wanted:
            return {}
        owners = self._owners(collection_id, wanted)
        rows = self.client.query(
            self.faces,
            filter=f'collection_id == "{collection_id}" and face_id in {_string_list(wanted)}',
            output_fields=["face_id", "embedding"],
            consistency_level=_STRONG,
        )
        return {
            r["face_id"]: Membership(owners.get(r["face_id"], ""), np.asarray(r["embedding"], dtype=np.float32))
            for r in rows
        }

    def associate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        with self._lock:
            self._require_user(collection_id, user_id)
            found = self.memberships(collection_id, face_ids)
            done = [f for f in dict.fromkeys(face_ids) if f in found and found[f].user_id in ("", user_id)]
            new = [f for f in done if not found[f].user_id]
            if new:
                row = {"collection_id": collection_id, "user_id": user_id, "placeholder": [0.0, 0.0]}
                self.client.insert(self.user_faces, [{**row, "key": f} for f in new])  # one request
        return done

    def disassociate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        with self._lock:
            self._require_user(collection_id, user_id)
            wanted = list(dict.fromkeys(face_ids))
            owners = self._owners(collection_id, wanted) if wanted else {}
            done = [f for f in wanted if owners.get(f) == user_id]
            if done:
                self.client.delete(self.user_faces, ids=done)
        return done

    def user_embeddings(self, collection_id: str, user_id: str = "") -> dict[str, NDArray[np.float32]]:
        self._require(collection_id)
        expr = _user_filter(collection_id, user_id) if user_id else f'collection_id == "{collection_id}"'
        owner = {r["key"]: r["user_id"] for r in self._query_all(self.user_faces, expr, ["key", "user_id"])}
        grouped: dict[str, list[NDArray[np.float32]]] = {}
        ids = sorted(owner)
        for start in range(0, len(ids), 1000):
            for row in self.client.get(
                self.faces, ids=ids[start : start + 1000], output_fields=["face_id", "embedding"]
            ):
                grouped.setdefault(owner[row["face_id"]], []).append(np.asarray(row["embedding"], dtype=np.float32))
        return {user: np.stack(vectors) for user, vectors in sorted(grouped.items())}

    def flush(self) -> None:
        """Seal the growing segments so they are searched through the index, not scanned.

        Milvus seals segments by itself as they fill; Milvus Lite searches unsealed rows by brute
        force (measured ~10x slower at 10k faces, docs/collections.md). Not called per write: many
        tiny sealed segments would be worse.
        """
        self.client.flush(self.faces)

    def close(self) -> None:
        self.client.close()

    # -- helpers ---------------------------------------------------------------------------------

    def _collection_row(self, collection_id: str) -> dict[str, Any] | None:
        rows = self.client.query(
            self.collections,
            filter=f'collection_id == "{collection_id}"',
            output_fields=["face_model_version", "created_at"],
            consistency_level=_STRONG,
        )
        return dict(rows[0]) if rows else None

    def _require(self, collection_id: str) -> dict[str, Any]:
        row = self._collection_row(collection_id)
        if row is None:
            raise collection_not_found(collection_id)
        return row

    def _count(self, collection_id: str, table: str = "") -> int:
        return self._count_rows(table or self.faces, f'collection_id == "{collection_id}"')

    def _count_rows(self, table: str, expr: str) -> int:
        rows = self.client.query(table, filter=expr, output_fields=["count(*)"], consistency_level=_STRONG)
        return int(rows[0]["count(*)"])

    def _user_row(self, collection_id: str, user_id: str) -> dict[str, Any] | None:
        rows = self.client.query(
            self.users,
            filter=_user_filter(collection_id, user_id),
            output_fields=["user_id"],
            consistency_level=_STRONG,
        )
        return dict(rows[0]) if rows else None

    def _require_user(self, collection_id: str, user_id: str) -> None:
        self._require(collection_id)
        if self._user_row(collection_id, user_id) is None:
            raise user_not_found(collection_id, user_id)

    def _owners(self, collection_id: str, face_ids: list[str]) -> dict[str, str]:
        rows = self.client.query(
            self.user_faces,
            filter=f'collection_id == "{collection_id}" and key in {_string_list(face_ids)}',
            output_fields=["key", "user_id"],
            consistency_level=_STRONG,
        )
        return {r["key"]: r["user_id"] for r in rows}

    def _query_all(self, collection: str, expr: str, fields: list[str]) -> list[dict[str, Any]]:
        iterator = self.client.query_iterator(collection, filter=expr, output_fields=fields, batch_size=4096)
        rows: list[dict[str, Any]] = []
        try:
            while batch := iterator.next():
                rows.extend(dict(r) for r in batch)
        finally:
            iterator.close()
        return rows


def _quote(value: str) -> str:
    """Escape a string for a double-quoted Milvus filter literal (page cursors are user-supplied)."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _user_key(collection_id: str, user_id: str) -> str:
    return f"{collection_id}/{user_id}"


def _user_filter(collection_id: str, user_id: str) -> str:
    return f'collection_id == "{collection_id}" and user_id == "{_quote(user_id)}"'


def _string_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{_quote(v)}"' for v in values) + "]"


def _face(row: dict[str, Any]) -> StoredFace:
    return StoredFace(
        face_id=str(row["face_id"]),
        image_id=str(row["image_id"]),
        external_image_id=str(row["external_image_id"]),
        box=(float(row["box_left"]), float(row["box_top"]), float(row["box_width"]), float(row["box_height"])),
        confidence=float(row["confidence"]),
    )
