"""face_recognition 1.3 on LFW pairs, one worker process per core (run by bench/faces_peer.py).

Runs under the peer's own throw-away virtual environment (face_recognition, face_recognition_models,
dlib-bin), never the project's: it imports nothing from this repository. Reads pair paths as JSON
lines on stdin ([source, target]), prints one JSON object: per-pair face distance (None when a side
has no face), wall seconds and CPU seconds of the pool (workers included).

The tool's defaults: HOG detector with one upsampling, 5-point landmarks, one jitter, a match at
distance <= 0.6. Like CompareFaces, the largest source face is compared with every target face and
the pair's score is the best (smallest) distance.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from multiprocessing import Pool

import face_recognition
import numpy as np


def largest_first(locations: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    # (top, right, bottom, left)
    return sorted(locations, key=lambda b: -(b[2] - b[0]) * (b[1] - b[3]))


def pair_distance(paths: tuple[str, str]) -> float | None:
    source = face_recognition.load_image_file(paths[0])
    target = face_recognition.load_image_file(paths[1])
    source_faces = largest_first(face_recognition.face_locations(source))
    if not source_faces:
        return None
    target_faces = face_recognition.face_locations(target)
    if not target_faces:
        return None
    known = face_recognition.face_encodings(source, source_faces[:1])[0]
    candidates = face_recognition.face_encodings(target, target_faces)
    return float(np.min(face_recognition.face_distance(candidates, known)))


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    pairs = [tuple(json.loads(line)) for line in sys.stdin if line.strip()]
    workers = int(os.environ.get("PEER_WORKERS", os.cpu_count() or 1))
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    with Pool(workers) as pool:
        distances = pool.map(pair_distance, pairs, chunksize=4)
    elapsed = time.perf_counter() - started
    print(
        json.dumps({"distances": distances, "wall_s": elapsed, "cpu_s": cpu_seconds() - cpu_before, "workers": workers})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
