"""The embedded FaceStore: SQLite (WAL) is the record of truth, usearch HNSW indexes are derived.

Durability, in the order a write happens:

1. ``add_faces`` writes every face of the call (metadata + embedding) in ONE SQLite transaction,
   committed with ``synchronous=FULL`` in WAL mode before the call returns. A kill -9 before the
   commit leaves none of those faces; after it, all of them.
2. Only then are the vectors added to the collection's in-memory usearch index. The index is never
   the only holder of anything: at start it is reloaded from its last snapshot and brought up to
   date from SQLite (faces with a larger key than the snapshot covers are added, keys deleted since
   are removed), or rebuilt from SQLite when there is no usable snapshot. So an index entry
   without its record, or a record missing from the index, cannot survive a restart.
3. Snapshots (``snapshot()``, also on ``close()``) write the index to a new file, fsync it, then
   record (file, covered key, covered deletion) in SQLite in one transaction; a crash in between
   leaves the previous snapshot in force and an orphan file that the next start deletes.

Face keys are SQLite AUTOINCREMENT integers, never reused, so a deletion recorded by key cannot
hit a later face. Small collections are searched exactly (brute force over usearch's stored
vectors); above ``exact_search_below`` faces, HNSW is used (recall measured in docs/collections.md).

One lock serialises writes and index access: SQLite has one writer anyway, and usearch searches
take microseconds to a millisecond, so readers are not held long.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from usearch.index import Index

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

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    cid INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL UNIQUE,
    face_model_version TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS faces (
    key INTEGER PRIMARY KEY AUTOINCREMENT,
    cid INTEGER NOT NULL,
    face_id TEXT NOT NULL UNIQUE,
    image_id TEXT NOT NULL,
    external_image_id TEXT NOT NULL,
    box_left REAL NOT NULL, box_top REAL NOT NULL, box_width REAL NOT NULL, box_height REAL NOT NULL,
    confidence REAL NOT NULL,
    embedding BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS faces_by_collection ON faces (cid, face_id);
CREATE INDEX IF NOT EXISTS faces_by_collection_key ON faces (cid, key);
-- Keys deleted since the collection's last index snapshot (replayed at start, then compacted).
CREATE TABLE IF NOT EXISTS removed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    cid INTEGER NOT NULL,
    key INTEGER NOT NULL
);
-- Users and their faces. A face has at most one user (face_key is the key); associations are
-- plain rows written in one transaction per call, like faces, so kill -9 keeps every one acked.
CREATE TABLE IF NOT EXISTS users (
    ukey INTEGER PRIMARY KEY AUTOINCREMENT,
    cid INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (cid, user_id)
);
CREATE TABLE IF NOT EXISTS user_faces (
    face_key INTEGER PRIMARY KEY,
    ukey INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS user_faces_by_user ON user_faces (ukey);
CREATE TABLE IF NOT EXISTS snapshots (
    cid INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    max_key INTEGER NOT NULL,
    max_removed_seq INTEGER NOT NULL
);
"""
_FACE_COLUMNS = "face_id, image_id, external_image_id, box_left, box_top, box_width, box_height, confidence"
_INSERT_FACE = f"INSERT INTO faces (cid, {_FACE_COLUMNS}, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


# Beam width (HNSW ef at query time) by collection size, measured on random 128-d unit vectors with
# M=32, ef_construction=256 (bench/collections_scale.py, docs/collections.md): the smallest ef
# at which a probe with a true match (cosine ~0.6) found it first in >= 99 % of searches.
# 100k: ef 128 → 0.99; 250k: ef 256 → 0.98, 512 → 1.00; 1M: ef 512 → 0.96, 1024 → 0.99.
# A fixed ef=128 found it only 67 % of the time at 1M: the beam must grow with the graph.
_BEAM_BY_SIZE = ((100_000, 128), (250_000, 512))
_BEAM_LARGEST = 1024


def search_beam(size: int) -> int:
    """The HNSW beam for a collection of ``size`` faces (see _BEAM_BY_SIZE)."""
    for limit, beam in _BEAM_BY_SIZE:
        if size <= limit:
            return beam
    return _BEAM_LARGEST


@dataclass(frozen=True)
class HnswParams:
    # Chosen on random 128-d unit vectors (bench/collections_scale.py, docs/collections.md): M=16
    # reached recall@1 0.84 at 50k; M=32, ef_construction=256 reached 0.99 with ef=128.
    connectivity: int = 32  # M: graph degree
    expansion_add: int = 256  # ef_construction
    # ef at query time; 0 = by collection size (search_beam). usearch widens it to k when k is larger.
    expansion_search: int = 0
    exact_search_below: int = 20_000  # collections up to this size are searched exactly


@dataclass
class _Collection:
    cid: int
    collection_id: str
    face_model_version: str
    created_at: float
    index: Index


class EmbeddedStore:
    def __init__(self, directory: str | Path, params: HnswParams | None = None, *, threads: int = 0):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        # One process per directory: the in-memory index of a second writer would silently miss the
        # first one's faces. flock is released by the kernel when the holder dies, even by SIGKILL.
        self._dir_lock = open(self.directory / "LOCK", "a+")  # noqa: SIM115 (held until close)
        try:
            fcntl.flock(self._dir_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._dir_lock.close()
            raise RuntimeError(f"{self.directory} is in use by another face store process") from None
        (self.directory / "index").mkdir(exist_ok=True)
        self.params = params or HnswParams()
        self.threads = threads  # usearch worker threads for bulk add/search (0 = all cores)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.directory / "faces.db", isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a commit is on disk before add_faces returns
        self._db.executescript(_SCHEMA)
        self._collections: dict[str, _Collection] = {}
        # Every user's face embeddings per collection, as user search reads them (derived from SQLite,
        # dropped by any write that changes a collection's associations; one process per directory
        # keeps it coherent). Saves re-reading every associated face per search (5k users: ~0.2 s).
        self._user_faces: dict[int, dict[str, NDArray[np.float32]]] = {}
        self._load_all()

    # -- collections -----------------------------------------------------------------------------

    def create_collection(self, collection_id: str, face_model_version: str) -> CollectionInfo:
        with self._lock:
            if collection_id in self._collections:
                raise collection_exists(collection_id)
            created = time.time()
            with self._transaction():
                cur = self._db.execute(
                    "INSERT INTO collections (collection_id, face_model_version, created_at) VALUES (?, ?, ?)",
                    (collection_id, face_model_version, created),
                )
            cid = int(cur.lastrowid or 0)
            index = self._new_index()
            self._collections[collection_id] = _Collection(cid, collection_id, face_model_version, created, index)
        return CollectionInfo(collection_id, face_model_version, created, 0)

    def delete_collection(self, collection_id: str) -> None:
        with self._lock:
            coll = self._get(collection_id)
            snapshot = self._snapshot_file(coll.cid)
            with self._transaction():
                self._db.execute(
                    "DELETE FROM user_faces WHERE ukey IN (SELECT ukey FROM users WHERE cid = ?)", (coll.cid,)
                )
                for table in ("users", "faces", "removed", "snapshots", "collections"):
                    self._db.execute(f"DELETE FROM {table} WHERE cid = ?", (coll.cid,))
            del self._collections[collection_id]
            self._user_faces.pop(coll.cid, None)
            if snapshot is not None:
                snapshot.unlink(missing_ok=True)

    def describe_collection(self, collection_id: str) -> CollectionInfo:
        with self._lock:
            return self._info(self._get(collection_id))

    def list_collections(self, page_size: int, page_token: str) -> Page[CollectionInfo]:
        after = decode_token(page_token)
        with self._lock:
            ids = sorted(i for i in self._collections if i > after)
            page = [self._info(self._collections[i]) for i in ids[:page_size]]
        more = len(ids) > page_size
        return Page(page, encode_token(page[-1].collection_id) if more and page else "")

    # -- faces -----------------------------------------------------------------------------------

    def add_faces(self, collection_id: str, faces: Sequence[StoredFace], embeddings: NDArray[np.float32]) -> None:
        vectors = np.ascontiguousarray(embeddings, dtype=np.float32).reshape(-1, EMBEDDING_DIM)
        if len(vectors) != len(faces):
            raise ValueError(f"{len(faces)} faces but {len(vectors)} embeddings")
        if not faces:
            return
        with self._lock:
            coll = self._get(collection_id)
            with self._transaction():
                keys = [
                    int(
                        self._db.execute(
                            _INSERT_FACE,
                            (coll.cid, *_face_row(face), vector.tobytes()),
                        ).lastrowid
                        or 0
                    )
                    for face, vector in zip(faces, vectors, strict=True)
                ]
            # Committed: the faces are durable. The index follows (and is rebuilt from SQLite at start).
            coll.index.add(np.asarray(keys, dtype=np.uint64), vectors, threads=self.threads)

    def list_faces(self, collection_id: str, page_size: int, page_token: str) -> Page[StoredFace]:
        after = decode_token(page_token)
        with self._lock:
            coll = self._get(collection_id)
            rows = self._db.execute(
                f"SELECT {_FACE_COLUMNS} FROM faces WHERE cid = ? AND face_id > ? ORDER BY face_id LIMIT ?",
                (coll.cid, after, page_size + 1),
            ).fetchall()
        faces = [_face(row) for row in rows[:page_size]]
        return Page(faces, encode_token(faces[-1].face_id) if len(rows) > page_size else "")

    def delete_faces(self, collection_id: str, face_ids: Sequence[str]) -> list[str]:
        with self._lock:
            coll = self._get(collection_id)
            with self._transaction():
                found: list[tuple[str, int]] = []
                for face_id in dict.fromkeys(face_ids):  # de-duplicated, order kept
                    row = self._db.execute(
                        "SELECT key FROM faces WHERE cid = ? AND face_id = ?", (coll.cid, face_id)
                    ).fetchone()
                    if row is not None:
                        found.append((face_id, int(row[0])))
                for _, key in found:
                    self._db.execute("DELETE FROM faces WHERE key = ?", (key,))
                    self._db.execute("DELETE FROM user_faces WHERE face_key = ?", (key,))  # leaves its user
                    self._db.execute("INSERT INTO removed (cid, key) VALUES (?, ?)", (coll.cid, key))
            if found:
                coll.index.remove(np.asarray([key for _, key in found], dtype=np.uint64))
                self._user_faces.pop(coll.cid, None)
        return [face_id for face_id, _ in found]

    def get_embedding(self, collection_id: str, face_id: str) -> NDArray[np.float32]:
        with self._lock:
            coll = self._get(collection_id)
            row = self._db.execute(
                "SELECT embedding FROM faces WHERE cid = ? AND face_id = ?", (coll.cid, face_id)
            ).fetchone()
        if row is None:
            raise face_not_found(collection_id, face_id)
        return np.frombuffer(row[0], dtype=np.float32).copy()

    def search(self, collection_id: str, query: NDArray[np.float32], k: int, min_cosine: float) -> list[Neighbour]:
        vector = np.ascontiguousarray(query, dtype=np.float32).reshape(EMBEDDING_DIM)
        with self._lock:
            coll = self._get(collection_id)
            size = len(coll.index)
            if size == 0:
                return []
            count = min(k, size)
            exact = size <= self.params.exact_search_below
            beam = self.params.expansion_search or search_beam(size)
            if not exact and coll.index.expansion_search != beam:
                # Settable at run time (usearch types it read-only); safe: every index access holds self._lock.
                coll.index.expansion_search = beam  # type: ignore[misc]
            # usearch widens the beam to k itself when k > expansion_search.
            matches = coll.index.search(vector, count, exact=exact)
            cosines = {int(key): 1.0 - float(d) for key, d in zip(matches.keys, matches.distances, strict=True)}
            keys = [key for key, cos in cosines.items() if cos >= min_cosine]
            rows = self._rows_by_key(keys)
        return rank([Neighbour(_face(row[1:]), cosines[int(row[0])]) for row in rows], k, min_cosine)

    # -- users -----------------------------------------------------------------------------------

    def create_user(self, collection_id: str, user_id: str) -> None:
        with self._lock:
            coll = self._get(collection_id)
            if self._user_key(coll.cid, user_id) is not None:
                raise user_exists(collection_id, user_id)
            with self._transaction():
                self._db.execute(
                    "INSERT INTO users (cid, user_id, created_at) VALUES (?, ?, ?)", (coll.cid, user_id, time.time())
                )

    def delete_user(self, collection_id: str, user_id: str) -> None:
        with self._lock:
            ukey = self._require_user(collection_id, user_id)
            with self._transaction():
                self._db.execute("DELETE FROM user_faces WHERE ukey = ?", (ukey,))
                self._db.execute("DELETE FROM users WHERE ukey = ?", (ukey,))
            self._user_faces.pop(self._collections[collection_id].cid, None)

    def describe_user(self, collection_id: str, user_id: str) -> UserInfo:
        with self._lock:
            ukey = self._require_user(collection_id, user_id)
            return UserInfo(user_id, self._scalar("SELECT COUNT(*) FROM user_faces WHERE ukey = ?", ukey))

    def list_users(self, collection_id: str, page_size: int, page_token: str) -> Page[UserInfo]:
        after = decode_token(page_token)
        with self._lock:
            coll = self._get(collection_id)
            rows = self._db.execute(
                "SELECT u.user_id, (SELECT COUNT(*) FROM user_faces uf WHERE uf.ukey = u.ukey) FROM users u "
                "WHERE u.cid = ? AND u.user_id > ? ORDER BY u.user_id LIMIT ?",
                (coll.cid, after, page_size + 1),
            ).fetchall()
        users = [UserInfo(str(r[0]), int(r[1])) for r in rows[:page_size]]
        return Page(users, encode_token(users[-1].user_id) if len(rows) > page_size else "")

    def memberships(self, collection_id: str, face_ids: Sequence[str]) -> dict[str, Membership]:
        wanted = list(dict.fromkeys(face_ids))
        with self._lock:
            coll = self._get(collection_id)
            rows = self._db.execute(
                "SELECT f.face_id, f.embedding, COALESCE(u.user_id, '') FROM faces f "
                "LEFT JOIN user_faces uf ON uf.face_key = f.key LEFT JOIN users u ON u.ukey = uf.ukey "
                f"WHERE f.cid = ? AND f.face_id IN ({','.join('?' * len(wanted))})",
                (coll.cid, *wanted),
            ).fetchall()
        return {str(r[0]): Membership(str(r[2]), np.frombuffer(r[1], dtype=np.float32).copy()) for r in rows}

    def associate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        with self._lock:
            ukey = self._require_user(collection_id, user_id)
            cid = self._collections[collection_id].cid
            done: list[str] = []
            with self._transaction():  # one commit: every face of the call, durable before the reply
                for face_id in dict.fromkeys(face_ids):
                    row = self._db.execute(
                        "SELECT f.key, uf.ukey FROM faces f LEFT JOIN user_faces uf ON uf.face_key = f.key "
                        "WHERE f.cid = ? AND f.face_id = ?",
                        (cid, face_id),
                    ).fetchone()
                    if row is None or row[1] not in (None, ukey):
                        continue  # gone, or another user's: the caller reports it
                    if row[1] is None:
                        self._db.execute("INSERT INTO user_faces (face_key, ukey) VALUES (?, ?)", (row[0], ukey))
                    done.append(face_id)
            self._user_faces.pop(cid, None)
        return done

    def disassociate_faces(self, collection_id: str, user_id: str, face_ids: Sequence[str]) -> list[str]:
        with self._lock:
            ukey = self._require_user(collection_id, user_id)
            cid = self._collections[collection_id].cid
            done: list[str] = []
            with self._transaction():
                for face_id in dict.fromkeys(face_ids):
                    row = self._db.execute(
                        "SELECT f.key FROM faces f JOIN user_faces uf ON uf.face_key = f.key "
                        "WHERE f.cid = ? AND f.face_id = ? AND uf.ukey = ?",
                        (cid, face_id, ukey),
                    ).fetchone()
                    if row is not None:
                        self._db.execute("DELETE FROM user_faces WHERE face_key = ?", (row[0],))
                        done.append(face_id)
            self._user_faces.pop(cid, None)
        return done

    def user_embeddings(self, collection_id: str, user_id: str = "") -> dict[str, NDArray[np.float32]]:
        with self._lock:
            cid = self._get(collection_id).cid
            everyone = self._user_faces.get(cid)
            if everyone is None:
                everyone = self._user_faces[cid] = self._read_user_faces(cid)
        if user_id:
            return {user_id: everyone[user_id]} if user_id in everyone else {}
        return dict(everyone)

    def _read_user_faces(self, cid: int) -> dict[str, NDArray[np.float32]]:
        rows = self._db.execute(
            "SELECT u.user_id, f.embedding FROM users u JOIN user_faces uf ON uf.ukey = u.ukey "
            "JOIN faces f ON f.key = uf.face_key WHERE u.cid = ? ORDER BY u.user_id, f.key",
            (cid,),
        ).fetchall()
        if not rows:
            return {}
        # One read-only buffer for every face, then a view per user (rows come grouped by user).
        vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(-1, EMBEDDING_DIM)
        ids = [str(r[0]) for r in rows]
        starts = [i for i in range(len(ids)) if i == 0 or ids[i] != ids[i - 1]]
        return {ids[a]: vectors[a:b] for a, b in zip(starts, [*starts[1:], len(ids)], strict=True)}

    # -- durability ------------------------------------------------------------------------------

    def snapshot(self) -> None:
        """Write every collection's index to disk so the next start loads instead of rebuilding."""
        with self._lock:
            collections = list(self._collections.values())
        for coll in collections:
            # One collection at a time: other collections' calls run between the saves.
            with self._lock:
                if self._collections.get(coll.collection_id) is coll:
                    self._snapshot(coll)

    def close(self) -> None:
        with self._lock:
            try:
                self.snapshot()
            finally:
                self._db.close()
                self._dir_lock.close()  # releases the directory lock

    def _snapshot(self, coll: _Collection) -> None:
        max_key = self._scalar("SELECT COALESCE(MAX(key), 0) FROM faces WHERE cid = ?", coll.cid)
        max_removed = self._scalar("SELECT COALESCE(MAX(seq), 0) FROM removed WHERE cid = ?", coll.cid)
        current = self._db.execute(
            "SELECT file, max_key, max_removed_seq FROM snapshots WHERE cid = ?", (coll.cid,)
        ).fetchone()
        if current is not None and (current[1], current[2]) == (max_key, max_removed):
            return  # nothing changed since the last snapshot
        name = f"{coll.cid}-{time.time_ns()}.usearch"
        path = self.directory / "index" / name
        coll.index.save(str(path))
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO snapshots (cid, file, max_key, max_removed_seq) VALUES (?, ?, ?, ?)",
                (coll.cid, name, max_key, max_removed),
            )
            self._db.execute("DELETE FROM removed WHERE cid = ? AND seq <= ?", (coll.cid, max_removed))
        if current is not None:
            (self.directory / "index" / current[0]).unlink(missing_ok=True)

    def _load_all(self) -> None:
        rows = self._db.execute("SELECT cid, collection_id, face_model_version, created_at FROM collections").fetchall()
        for cid, collection_id, version, created in rows:
            started = time.monotonic()
            index, how = self._load_index(int(cid))
            self._collections[collection_id] = _Collection(int(cid), collection_id, version, float(created), index)
            log.info(
                "collection %s: %d faces, index %s in %.2fs", collection_id, len(index), how, time.monotonic() - started
            )
        referenced = {r[0] for r in self._db.execute("SELECT file FROM snapshots")}
        for path in (self.directory / "index").iterdir():
            if path.name not in referenced:
                path.unlink(missing_ok=True)  # a snapshot a crash left unrecorded, or a deleted collection's

    def _load_index(self, cid: int) -> tuple[Index, str]:
        expected = self._scalar("SELECT COUNT(*) FROM faces WHERE cid = ?", cid)
        row = self._db.execute("SELECT file, max_key, max_removed_seq FROM snapshots WHERE cid = ?", (cid,)).fetchone()
        if row is not None:
            path = self.directory / "index" / row[0]
            try:
                index = self._new_index()
                index.load(str(path))
                self._add_rows(
                    index, "SELECT key, embedding FROM faces WHERE cid = ? AND key > ? ORDER BY key", (cid, row[1])
                )
                removed = [
                    r[0] for r in self._db.execute("SELECT key FROM removed WHERE cid = ? AND seq > ?", (cid, row[2]))
                ]
                if removed:
                    index.remove(np.asarray(removed, dtype=np.uint64))
                if len(index) == expected:
                    return index, "loaded from snapshot"
                log.warning(
                    "snapshot of collection %d holds %d faces, SQLite %d: rebuilding", cid, len(index), expected
                )
            except (OSError, RuntimeError, ValueError) as exc:
                log.warning("snapshot of collection %d unusable (%s): rebuilding", cid, exc)
        index = self._new_index()
        self._add_rows(index, "SELECT key, embedding FROM faces WHERE cid = ? ORDER BY key", (cid,))
        return index, "rebuilt from SQLite"

    def _add_rows(self, index: Index, sql: str, args: tuple[int, ...], batch: int = 50_000) -> None:
        cursor = self._db.execute(sql, args)
        while rows := cursor.fetchmany(batch):
            keys = np.fromiter((r[0] for r in rows), dtype=np.uint64, count=len(rows))
            vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(-1, EMBEDDING_DIM)
            index.add(keys, vectors, threads=self.threads)

    # -- helpers ---------------------------------------------------------------------------------

    def _new_index(self) -> Index:
        return Index(
            ndim=EMBEDDING_DIM,
            metric="ip",  # embeddings are unit length: inner product == cosine
            dtype="f32",
            connectivity=self.params.connectivity,
            expansion_add=self.params.expansion_add,
            expansion_search=self.params.expansion_search or search_beam(0),
        )

    def _get(self, collection_id: str) -> _Collection:
        coll = self._collections.get(collection_id)
        if coll is None:
            raise collection_not_found(collection_id)
        return coll

    def _info(self, coll: _Collection) -> CollectionInfo:
        users = self._scalar("SELECT COUNT(*) FROM users WHERE cid = ?", coll.cid)
        return CollectionInfo(coll.collection_id, coll.face_model_version, coll.created_at, len(coll.index), users)

    def _user_key(self, cid: int, user_id: str) -> int | None:
        row = self._db.execute("SELECT ukey FROM users WHERE cid = ? AND user_id = ?", (cid, user_id)).fetchone()
        return None if row is None else int(row[0])

    def _require_user(self, collection_id: str, user_id: str) -> int:
        ukey = self._user_key(self._get(collection_id).cid, user_id)
        if ukey is None:
            raise user_not_found(collection_id, user_id)
        return ukey

    def _snapshot_file(self, cid: int) -> Path | None:
        row = self._db.execute("SELECT file FROM snapshots WHERE cid = ?", (cid,)).fetchone()
        return None if row is None else self.directory / "index" / row[0]

    def _rows_by_key(self, keys: list[int]) -> list[tuple[Any, ...]]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self._db.execute(f"SELECT key, {_FACE_COLUMNS} FROM faces WHERE key IN ({marks})", keys).fetchall()

    def _scalar(self, sql: str, *args: object) -> int:
        return int(self._db.execute(sql, args).fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _face_row(face: StoredFace) -> tuple[object, ...]:
    return (face.face_id, face.image_id, face.external_image_id, *face.box, face.confidence)


def _face(row: Sequence[object]) -> StoredFace:
    face_id, image_id, external, left, top, width, height, confidence = row
    return StoredFace(
        face_id=str(face_id),
        image_id=str(image_id),
        external_image_id=str(external),
        box=(float(left), float(top), float(width), float(height)),  # type: ignore[arg-type]
        confidence=float(confidence),  # type: ignore[arg-type]
    )
