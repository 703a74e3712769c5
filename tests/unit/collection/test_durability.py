"""kill -9 during indexing: every acknowledged face survives, nothing is half-indexed.

A child process indexes 3-face batches in a loop (tests/unit/collection/durability_writer.py) and
is SIGKILLed at a random moment, several rounds in a row on the same directory. After each kill
the store is reopened and checked: every acknowledged face is listed AND found by search with its
own vector; each batch is all there or not at all; the index holds exactly the records.
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


def run_and_kill(directory: Path, exact_below: int, min_acks: int, rng: random.Random) -> dict[str, list[str]]:
    """Start the writer, let it acknowledge >= min_acks batches, SIGKILL it; the acked batches."""
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
            ack = parse_ack(line)
            assert ack is not None, line
            acked[ack[0]] = ack[1]
        time.sleep(rng.uniform(0.0, 0.05))  # land the kill at a random point of a later write
        os.kill(proc.pid, signal.SIGKILL)
        # Acks written before the kill are still in the pipe; the last line may be cut by the kill.
        for line in proc.stdout:
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
    for round_no in range(3):
        acked = run_and_kill(tmp_path, exact_below, min_acks=20 + 10 * round_no, rng=rng)
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


def test_a_second_store_on_the_same_directory_is_refused(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path)
    try:
        with pytest.raises(RuntimeError, match="in use"):
            EmbeddedStore(tmp_path)
    finally:
        first.close()
    EmbeddedStore(tmp_path).close()  # released on close
