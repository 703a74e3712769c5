"""Child process for test_durability: index batches into an EmbeddedStore until killed.

Prints "ACK <batch> <face_id>,<face_id>,..." after each add_faces returned (flushed), so the
parent knows exactly which writes were acknowledged when it sends SIGKILL. Every batch's faces are
then grouped into a new user: "USER <user_id> <face_id>,..." after create_user and
associate_faces returned; a later line "DROP <user_id> <face_id>" after one face was
disassociated again (every third batch), so removals are checked too.
"""

from __future__ import annotations

import sys
import uuid

import numpy as np

from services.collection.embedded import EmbeddedStore, HnswParams
from services.collection.store import EMBEDDING_DIM, StoredFace


def main(directory: str, exact_below: int) -> None:
    store = EmbeddedStore(directory, HnswParams(exact_search_below=exact_below))
    if not store.list_collections(10, "").items:  # later rounds reopen the same directory
        store.create_collection("c", "m")
    rng = np.random.default_rng()
    batch = 0
    run = uuid.uuid4().hex[:8]  # rounds on the same directory must not reuse batch names
    print("READY", flush=True)
    while True:
        faces = [
            StoredFace(str(uuid.uuid4()), f"img-{run}-{batch}", f"batch-{run}-{batch}", (0.1, 0.1, 0.2, 0.2), 99.0)
            for _ in range(3)
        ]
        vectors = rng.standard_normal((3, EMBEDDING_DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.add_faces("c", faces, vectors)
        # One string, so one write() even with PYTHONUNBUFFERED (a kill cannot split it into pieces).
        ids = [f.face_id for f in faces]
        print(f"ACK {run}-{batch} {','.join(ids)}", flush=True)
        user = f"user-{run}-{batch}"
        store.create_user("c", user)
        assert store.associate_faces("c", user, ids) == ids
        print(f"USER {user} {','.join(ids)}", flush=True)
        if batch % 3 == 0:
            assert store.disassociate_faces("c", user, ids[:1]) == ids[:1]
            print(f"DROP {user} {ids[0]}", flush=True)
        batch += 1
        if batch % 25 == 0:
            store.snapshot()  # exercise snapshot + replay as well as rebuild


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
