"""Collection store at scale: build time, memory, top-k latency and recall against exact search.

N random unit vectors of the embedding's dimension (128) go into ONE collection of a real
FaceStore (the embedded SQLite + usearch store, or Milvus Lite), through the same add_faces the
service uses (batches of --batch faces, one durable transaction each). Then --queries probes are
searched for the top --k and compared with exact search (numpy, brute force):

  * "random" probes: fresh random unit vectors, the hardest case for an ANN index (in 128-d,
    random points are almost equidistant);
  * "near" probes: a stored vector plus noise (cosine ~0.6 to it), like a new photo of an indexed
    person.

Latency is per store.search call, single-threaded, including the metadata lookup, at several
HNSW beam widths (expansion_search; "auto" is the store's default, which grows with the size).
For the embedded store, reopening (snapshot load) and rebuilding the index from SQLite are timed
too.

Usage (from the repository root):
    python bench/collections_scale.py --size 1000000 [--store embedded|milvus] [--dir /tmp/x]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from services.collection.embedded import EmbeddedStore, HnswParams, search_beam  # noqa: E402
from services.collection.store import EMBEDDING_DIM, FaceStore, StoredFace  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def unit_vectors(rng: np.random.Generator, n: int) -> NDArray[np.float32]:
    v = rng.standard_normal((n, EMBEDDING_DIM), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def exact_top_k(data: NDArray[np.float32], queries: NDArray[np.float32], k: int) -> NDArray[np.int64]:
    """Row indices of the k largest inner products per query (chunked brute force)."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(data), 200_000):
        scores = queries @ data[start : start + 200_000].T
        part = np.argpartition(-scores, kth=min(k, scores.shape[1] - 1), axis=1)[:, :k]
        part_scores = np.take_along_axis(scores, part, axis=1)
        merged_scores = np.concatenate([best_scores, part_scores], axis=1)
        merged_ids = np.concatenate([best_ids, part + start], axis=1)
        order = np.argsort(-merged_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, order, axis=1)
        best_ids = np.take_along_axis(merged_ids, order, axis=1)
    return best_ids


def open_store(kind: str, directory: Path, exact_below: int) -> FaceStore:
    if kind == "embedded":
        return EmbeddedStore(directory, HnswParams(exact_search_below=exact_below))
    from services.collection.milvus import MilvusStore

    return MilvusStore(str(directory / "milvus.db"))


def measure(store: FaceStore, queries: NDArray[np.float32], truth: NDArray[np.int64], ids: list[str], k: int) -> dict:
    latencies, hit1, hit_k = [], 0, 0
    for query, expected in zip(queries, truth, strict=True):
        started = time.perf_counter()
        found = store.search("bench", query, k, -1.0)
        latencies.append(time.perf_counter() - started)
        got = [n.face.face_id for n in found]
        hit1 += bool(got) and got[0] == ids[expected[0]]
        hit_k += len(set(got) & {ids[i] for i in expected})
    ms = np.array(latencies) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "recall@1": round(hit1 / len(queries), 4),
        f"recall@{k}": round(hit_k / (len(queries) * k), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--store", choices=["embedded", "milvus"], default="embedded")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument(
        "--ef", default="auto,128,256,512", help="expansion_search values to measure (embedded; auto: by size)"
    )
    parser.add_argument("--dir", type=Path, default=None, help="store directory (default: a temp dir, removed)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--rebuild", action="store_true", help="also time a rebuild of the index from SQLite")
    parser.add_argument("--skip-growing", action="store_true", help="Milvus: measure only after flush")
    args = parser.parse_args()

    directory = args.dir or Path(tempfile.mkdtemp(prefix="facet-scale-"))
    rng = np.random.default_rng(0)
    data = unit_vectors(rng, args.size)
    ids = [str(uuid.UUID(int=int(i) + 1, version=4)) for i in range(args.size)]
    result: dict = {"store": args.store, "size": args.size, "dim": EMBEDDING_DIM, "k": args.k}
    base_rss = rss_mib()
    store = open_store(args.store, directory, exact_below=0)  # force HNSW at every size
    store.create_collection("bench", "bench")
    started = time.perf_counter()
    for start in range(0, args.size, args.batch):
        stop = min(args.size, start + args.batch)
        faces = [StoredFace(ids[i], "img", "", (0.0, 0.0, 1.0, 1.0), 99.0) for i in range(start, stop)]
        store.add_faces("bench", faces, data[start:stop])
        if (stop // args.batch) % 10 == 0:
            print(f"  {stop:,} added, {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    result["build_s"] = round(time.perf_counter() - started, 1)
    result["rss_mib_after_build"] = round(rss_mib() - base_rss, 0)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    result["vectors_mib"] = round(data.nbytes / 2**20, 0)
    if args.store == "embedded":
        result["sqlite_mib"] = round((directory / "faces.db").stat().st_size / 2**20, 0)

    random_q = unit_vectors(rng, args.queries)
    picks = rng.integers(0, args.size, args.queries)
    near_q = data[picks] * 0.6 + unit_vectors(rng, args.queries) * 0.8
    near_q /= np.linalg.norm(near_q, axis=1, keepdims=True)
    started = time.perf_counter()
    truths = {"random": exact_top_k(data, random_q, args.k), "near": exact_top_k(data, near_q, args.k)}
    result["exact_numpy_ms_per_query"] = round((time.perf_counter() - started) * 1000 / (2 * args.queries), 2)
    probes = {"random": random_q, "near": near_q}

    result["search"] = {}
    if args.store == "embedded":
        assert isinstance(store, EmbeddedStore)
        default_params = store.params
        for ef_text in args.ef.split(","):
            ef = 0 if ef_text == "auto" else int(ef_text)  # 0: the store's size-dependent default
            store.params = dataclasses.replace(default_params, expansion_search=ef)
            label = f"ef=auto ({search_beam(args.size)})" if ef == 0 else f"ef={ef}"
            for name, queries in probes.items():
                result["search"][f"{name} {label}"] = measure(store, queries, truths[name], ids, args.k)
                print(f"  {name} {label}: {result['search'][f'{name} {label}']}", file=sys.stderr, flush=True)
        store.params = default_params
        started = time.perf_counter()
        store.close()  # writes the snapshot
        result["snapshot_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        reopened = EmbeddedStore(directory)
        result["reopen_from_snapshot_s"] = round(time.perf_counter() - started, 1)
        if args.rebuild:
            reopened._db.execute("DELETE FROM snapshots")
            reopened._db.close()
            reopened._dir_lock.close()
            started = time.perf_counter()
            rebuilt = EmbeddedStore(directory)
            result["reopen_rebuild_from_sqlite_s"] = round(time.perf_counter() - started, 1)
            rebuilt._db.close()
            rebuilt._dir_lock.close()
        else:
            reopened._db.close()
            reopened._dir_lock.close()
    else:
        from services.collection.milvus import MilvusStore

        assert isinstance(store, MilvusStore)
        for name, queries in {} if args.skip_growing else probes.items():
            result["search"][f"{name} (growing segment)"] = measure(store, queries, truths[name], ids, args.k)
            print(f"  {name}: {result['search'][f'{name} (growing segment)']}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        store.flush()
        result["flush_s"] = round(time.perf_counter() - started, 1)
        for name, queries in probes.items():
            result["search"][f"{name} (after flush)"] = measure(store, queries, truths[name], ids, args.k)
            print(f"  {name} flushed: {result['search'][f'{name} (after flush)']}", file=sys.stderr, flush=True)
        store.close()
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    if args.dir is None:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
