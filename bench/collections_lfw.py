"""Identification on LFW View 1 through the collection code path (not a test; prints a report).

Every LFW identity in ../shared/eval/lfw_view1/images with two or more images gets ONE image
indexed (its first, by file name) into an embedded collection; every other image of those
identities is a mated probe, and the single image of every one-image identity is a stranger
probe (that person is not in the collection). Each image goes through the service's own code:
decode_image, FacePipeline (YuNet, alignment, SFace; onnxruntime in-process via
services/common/onnx_session.py, identical pre/post-processing to Triton), the AUTO quality filter (largest
passing face), FaceCollections + EmbeddedStore (search, calibrated similarity).

Reported, at face_match_threshold 80 and 99 (and 0 for rank-1 without a threshold):
  * rank-1 identification rate: the top match is the right person AND scores >= threshold;
  * stranger false-match rate: stranger probes whose top match scores >= threshold;
  * mated probes whose top match is a WRONG person scoring >= threshold (false match among mated).
The similarity scale's impostor model was fitted on DevTrain pairs (bench/calibrate_similarity.py);
the rows "DevTest identities" restrict probes and strangers to identities of pairsDevTest.txt,
which the calibration never saw (the gallery stays the whole collection).

Usage (from the repository root):
    python bench/collections_lfw.py [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from facet.v1 import collections_pb2 as pb  # noqa: E402
from services.collection import quality_filter  # noqa: E402
from services.collection.embedded import EmbeddedStore  # noqa: E402
from services.collection.face_collections import FaceCollections  # noqa: E402
from services.common.errors import FacetError  # noqa: E402
from services.common.images import ImageLimits, decode_image  # noqa: E402
from services.common.onnx_session import OnnxSession  # noqa: E402
from services.faces.pipeline import FacePipeline  # noqa: E402

THRESHOLDS = (0.0, 80.0, 99.0)


def dev_test_names(pairs: Path) -> set[str]:
    names: set[str] = set()
    for line in pairs.read_text().splitlines()[1:]:
        parts = line.split()
        if len(parts) == 3:
            names.add(parts[0])
        elif len(parts) == 4:
            names.update((parts[0], parts[2]))
    return names


async def embed_all(paths: list[Path]) -> dict[Path, np.ndarray | None]:
    executor = ThreadPoolExecutor(max_workers=2)
    pipeline = FacePipeline(OnnxSession(["face_detector", "face_embedder"]), executor)
    limits = ImageLimits(5 * 2**20, 80, 10_000)
    auto = quality_filter.limits_for(pb.QUALITY_FILTER_AUTO)
    out: dict[Path, np.ndarray | None] = {}
    started = time.monotonic()
    for i, path in enumerate(paths):
        image = decode_image(path.read_bytes(), limits)
        faces = [f for f in await pipeline.detect(image, 30.0) if not quality_filter.reasons(f, auto)]
        out[path] = (await pipeline.embed(faces[:1], 30.0))[0] if faces else None
        if i % 500 == 499:
            print(f"  {i + 1}/{len(paths)} images, {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    executor.shutdown()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    root = args.eval_dir / "lfw_view1"
    by_person: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((root / "images").glob("*/*.jpg")):
        by_person[path.parent.name].append(path)
    dev_test = dev_test_names(root / "pairsDevTest.txt")

    embeddings = asyncio.run(embed_all([p for paths in by_person.values() for p in paths]))
    no_face = sorted(str(p.relative_to(root)) for p, e in embeddings.items() if e is None)

    with tempfile.TemporaryDirectory() as directory:
        store = EmbeddedStore(directory)
        core = FaceCollections(store, "bench")
        core.create("lfw")
        gallery: dict[str, str] = {}  # face_id -> person
        for person, paths in by_person.items():
            if len(paths) < 2:
                continue
            enrolled = next((p for p in paths if embeddings[p] is not None), None)
            if enrolled is None:
                continue
            vector = embeddings[enrolled]
            assert vector is not None
            face = core.add("lfw", [((0.0, 0.0, 1.0, 1.0), 99.0)], vector[None], person)[0]
            gallery[face.face_id] = person
            by_person[person] = [p for p in paths if p != enrolled]
        enrolled_people = set(gallery.values())

        rows: dict[str, list[tuple[str, float, bool]]] = {"mated": [], "stranger": []}  # (person, top sim, right?)
        latencies = []
        for person, paths in by_person.items():
            kind = "mated" if person in enrolled_people else "stranger"
            for path in paths:
                vector = embeddings[path]
                if vector is None:
                    continue
                started = time.perf_counter()
                try:
                    matches = core.search_by_vector("lfw", vector, 1, 0.0)
                except FacetError as exc:
                    raise SystemExit(f"search failed: {exc.message}") from exc
                latencies.append(time.perf_counter() - started)
                top = matches[0]
                rows[kind].append((person, top.similarity, gallery[top.face.face_id] == person))
        store.close()

    def report(subset: set[str] | None) -> dict:
        mated = [r for r in rows["mated"] if subset is None or r[0] in subset]
        strangers = [r for r in rows["stranger"] if subset is None or r[0] in subset]
        result: dict = {"mated_probes": len(mated), "stranger_probes": len(strangers)}
        for t in THRESHOLDS:
            result[f"T={t:g}"] = {
                "rank1_identification": round(sum(ok and s >= t for _, s, ok in mated) / max(1, len(mated)), 4),
                "mated_false_match": round(sum(not ok and s >= t for _, s, ok in mated) / max(1, len(mated)), 4),
                "stranger_false_match": round(sum(s >= t for _, s, _ in strangers) / max(1, len(strangers)), 4),
                "stranger_false_matches": sum(s >= t for _, s, _ in strangers),
            }
        return result

    summary = {
        "images": len(embeddings),
        "no_usable_face": len(no_face),
        "gallery_faces": len(gallery),
        "search_ms_p50": round(float(np.percentile(np.array(latencies) * 1000, 50)), 3),
        "all identities": report(None),
        "DevTest identities": report(dev_test),
    }
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
