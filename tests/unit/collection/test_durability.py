"""kill -9 during indexing: every acknowledged face survives, nothing is half-indexed.

A child process indexes 3-face batches in a loop (tests/unit/collection/durability_writer.py) and
is SIGKILLed at a random moment, several rounds in a row on the same directory. After each kill
the store is reopened and checked: every acknowledged face is listed AND found by search with its
own vector; each batch is all there or not at all; the index holds exactly the records. The
writer also groups each batch into a user (and takes one face out of every third user): every
acknowledged association and removal survives, and an in-flight one is whole or absent.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from services.collection.embedded import EmbeddedStore, HnswParams

ROOT = Path(__file__).resolve().parents[3]


def parse_ack(line: str) -> tuple[str, list[str]] | None:
    """(batch tag, face ids) of a whole "ACK <batch> <ids>" line. A line the kill cut short was
    never an acknowledgement: that batch counts as in flight (all of it or none may be stored)."""
    parts = line.split()
    if not line.endswith("\n") or len(parts) != 3 or parts[0] != "ACK":
        return None
    return f"batch-{parts[1]}", parts[2].split(",")


def parse_user(line: str, users: dict[str, set[str]]) -> None:
    """Apply a whole "USER <user> <ids>" or "DROP <user> <id>" line to ``users`` (acked state)."""
    parts = line.split()
    if not line.endswith("\n") or len(parts) != 3:
        return
    if parts[0] == "USER":
        users[parts[1]] = set(parts[2].split(","))
    elif parts[0] == "DROP":
        users[parts[1]].discard(parts[2])


def run_and_kill(
    directory: Path, exact_below: int, min_acks: int, rng: random.Random, users: dict[str, set[str]]
) -> dict[str, list[str]]:
    """Start the writer, let it acknowledge >= min_acks batches, SIGKILL it; the acked batches.
    Acknowledged user associations are recorded into ``users``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.unit.collection.durability_writer", str(directory), str(exact_below)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    acked: dict[str, list[str]] = {}
    try:
        assert proc.stdout.readline().strip() == "READY"
        while len(acked) < min_acks:
            line = proc.stdout.readline()
            parse_user(line, users)
            if line.startswith(("USER", "DROP")):
                continue
            ack = parse_ack(line)
            assert ack is not None, line
            acked[ack[0]] = ack[1]
        time.sleep(rng.uniform(0.0, 0.05))  # land the kill at a random point of a later write
        os.kill(proc.pid, signal.SIGKILL)
        # Acks written before the kill are still in the pipe; the last line may be cut by the kill.
        for line in proc.stdout:
            parse_user(line, users)
            if ack := parse_ack(line):
                acked[ack[0]] = ack[1]
    finally:
        proc.kill()
        proc.wait()
    return acked


@pytest.mark.parametrize("exact_below", [0, 1_000_000], ids=["hnsw", "exact"])
def test_sigkill_keeps_every_acknowledged_face(tmp_path: Path, exact_below: int) -> None:
    rng = random.Random(1234)
    all_acked: set[str] = set()
    users: dict[str, set[str]] = {}  # acknowledged user -> its faces
    for round_no in range(3):
        acked = run_and_kill(tmp_path, exact_below, min_acks=20 + 10 * round_no, rng=rng, users=users)
        all_acked |= {face for ids in acked.values() for face in ids}

        store = EmbeddedStore(tmp_path, HnswParams(exact_search_below=exact_below))
        try:
            faces = []
            token = ""
            while True:
                page = store.list_faces("c", 4096, token)
                faces += page.items
                token = page.next_token
                if not token:
                    break
            present = {f.face_id for f in faces}
            missing = all_acked - present
            assert not missing, f"round {round_no}: {len(missing)} acknowledged faces lost"
            by_batch: dict[str, int] = defaultdict(int)
            for face in faces:
                by_batch[face.external_image_id] += 1
            assert set(by_batch.values()) == {3}, f"a batch is partly stored: {by_batch}"
            unacked = present - all_acked
            assert len(unacked) <= 3, "more than the one in-flight batch appeared"
            all_acked |= unacked  # a write committed just before the kill is legitimately there
            assert store.describe_collection("c").face_count == len(present), "index and records disagree"
            # Every record has its index entry, and the index holds nothing else.
            keys = [int(k) for (k,) in store._db.execute("SELECT key FROM faces")]
            index = store._collections["c"].index
            assert len(index) == len(keys) and all(index.contains(k) for k in keys), "index and records differ"
            check_users(store, users, round_no)
            for face in faces[:: max(1, len(faces) // 40)]:
                vector = store.get_embedding("c", face.face_id)
                assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
                if exact_below:  # exact search must find the face itself; HNSW is approximate
                    hits = store.search("c", vector, 1, 0.99)
                    assert [h.face.face_id for h in hits] == [face.face_id], "a stored face is not found"
        finally:
            if round_no % 2:
                store.close()
            else:  # leave no snapshot behind, as a crash would: the next open rebuilds from SQLite
                store._db.close()
                store._dir_lock.close()


def check_users(store: EmbeddedStore, users: dict[str, set[str]], round_no: int) -> None:
    """Every acknowledged association (less its acknowledged removals) is there exactly. Only the
    kill's own call may differ: a user not acked yet is absent, empty (created) or whole (3
    faces); the last acked user may miss the one face its in-flight DROP took."""
    stored: dict[str, set[str]] = defaultdict(set)
    for user, face in store._db.execute(
        "SELECT u.user_id, f.face_id FROM users u LEFT JOIN user_faces uf ON uf.ukey = u.ukey "
        "LEFT JOIN faces f ON f.key = uf.face_key"
    ):
        stored[user] |= {face} if face else set()
    lost = sorted(set(users) - set(stored))
    assert not lost, f"round {round_no}: acknowledged users lost: {lost[:3]}"
    last_acked = list(users)[-1]
    for user, faces in users.items():
        if stored[user] != faces:
            assert user == last_acked and len(faces - stored[user]) == 1 and stored[user] < faces, (
                f"round {round_no}: {user} holds {sorted(stored[user])}, acknowledged {sorted(faces)}"
            )
            users[user] = stored[user]
    for user in set(stored) - set(users):
        assert len(stored[user]) in (0, 3), f"round {round_no}: in-flight user {user} is partly associated"
        users[user] = stored[user]
    # The store's own reads agree with the records.
    listed: dict[str, int] = {}
    token = ""
    while True:
        page = store.list_users("c", 500, token)
        listed |= {u.user_id: u.face_count for u in page.items}
        if not (token := page.next_token):
            break
    assert listed == {u: len(f) for u, f in stored.items()}
    embeddings = store.user_embeddings("c")
    assert {u: len(v) for u, v in embeddings.items()} == {u: len(f) for u, f in stored.items() if f}


def test_a_second_store_on_the_same_directory_is_refused(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path)
    try:
        with pytest.raises(RuntimeError, match="in use"):
            EmbeddedStore(tmp_path)
    finally:
        first.close()
    EmbeddedStore(tmp_path).close()  # released on close
