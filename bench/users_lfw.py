"""Users vs single faces: identification on LFW View 1 through the collection code (a report, not a test).

Identities of ../shared/eval/lfw_view1/images with at least ``k_max + 1`` images with a usable face
(AUTO quality filter) become users; each is enrolled from its first k images (k = 1 .. k_max, by
file name) with AssociateFaces' default threshold (75), and its images from the (k_max + 1)-th on
are mated probes — the same probes for every k, so the rows compare like with like. Every usable
image of every other identity is a stranger probe (that person has no user). Each probe searches
the users (SearchUsersByImage's path: the normalised mean of each user's faces, calibrated
similarity) and, as the baseline, the enrolled faces themselves (SearchFacesByImage's path: a user
is found through its best face).

Reported per k and threshold (0 = rank-1 without a threshold, 80, 99):
  * rank-1: the top user is the right one AND scores >= threshold;
  * mated, wrong user first AND >= threshold;
  * strangers whose top user scores >= threshold (per search; the gallery size is printed).

Same pipeline as bench/collections_lfw.py (decode, YuNet, quality filter, align, SFace in-process on
onnxruntime). Usage (from the repository root):
    python bench/users_lfw.py [--eval-dir ../shared/eval] [--k-max 3] [--json out.json] [--cache emb.npz]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.collections_lfw import embed_all  # noqa: E402
from services.collection.embedded import EmbeddedStore  # noqa: E402
from services.collection.face_collections import FaceCollections  # noqa: E402
from services.collection.users import CollectionUsers  # noqa: E402

THRESHOLDS = (0.0, 80.0, 99.0)
BOX = ((0.0, 0.0, 1.0, 1.0), 99.0)


def load_embeddings(root: Path, cache: Path | None) -> dict[str, np.ndarray]:
    """Relative image path -> embedding, for the images with a usable face (cached if asked)."""
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            return {name: data[name] for name in data.files}
    paths = sorted((root / "images").glob("*/*.jpg"))
    found = asyncio.run(embed_all(paths))
    out = {str(p.relative_to(root)): e for p, e in found.items() if e is not None}
    if cache is not None:
        np.savez(cache, **out)  # type: ignore[arg-type]
    return out


def run(embeddings: dict[str, np.ndarray], k_max: int) -> dict:
    by_person: dict[str, list[str]] = defaultdict(list)
    for name in sorted(embeddings):
        by_person[name.split("/")[1]].append(name)
    enrolled = {p: names for p, names in by_person.items() if len(names) > k_max}
    mated = [(p, n) for p, names in enrolled.items() for n in names[k_max:]]
    strangers = [(p, n) for p, names in by_person.items() if p not in enrolled for n in names]
    result: dict = {
        "users": len(enrolled),
        "mated_probes": len(mated),
        "stranger_probes": len(strangers),
        "images_with_usable_face": len(embeddings),
    }
    for k in range(1, k_max + 1):
        result[f"k={k}"] = enrol_and_search(embeddings, enrolled, k, mated, strangers)
    return result


def enrol_and_search(
    embeddings: dict[str, np.ndarray],
    enrolled: dict[str, list[str]],
    k: int,
    mated: list[tuple[str, str]],
    strangers: list[tuple[str, str]],
) -> dict:
    """Enrol every person from its first k images, then search every probe as users and as faces."""
    with tempfile.TemporaryDirectory() as directory:
        store = EmbeddedStore(directory)
        core = FaceCollections(store, "bench")
        users = CollectionUsers(core)
        core.create("lfw")
        owner: dict[str, str] = {}  # face id -> person
        refused = 0
        for person, names in enrolled.items():
            faces = core.add("lfw", [BOX] * k, np.stack([embeddings[n] for n in names[:k]]))
            owner |= {f.face_id: person for f in faces}
            users.create("lfw", person)
            refused += len(users.associate("lfw", person, [f.face_id for f in faces], None).refused)
        user_search = users.prepare_search("lfw", 1, 0.0)
        face_search = core.prepare_search("lfw", 1, 0.0)

        def top_user(name: str) -> tuple[str, float]:
            (match,) = users.find_by_vector(user_search, embeddings[name])
            return match.user_id, match.similarity

        def top_face(name: str) -> tuple[str, float]:
            (match,) = core.find_by_vector(face_search, embeddings[name])
            return owner[match.face.face_id], match.similarity

        out: dict = {"refused_associations_at_75": refused}
        for how, top in (("users (normalised mean)", top_user), ("faces (best single face)", top_face)):
            out[how] = score([(p, *top(n)) for p, n in mated], [(p, *top(n)) for p, n in strangers])
        store.close()
    return out


def score(mated: list[tuple[str, str, float]], strangers: list[tuple[str, str, float]]) -> dict:
    out: dict = {}
    for t in THRESHOLDS:
        out[f"T={t:g}"] = {
            "rank1": round(sum(p == top and s >= t for p, top, s in mated) / len(mated), 4),
            "mated_wrong_first": round(sum(p != top and s >= t for p, top, s in mated) / len(mated), 4),
            "stranger_false_match": round(sum(s >= t for _, _, s in strangers) / len(strangers), 4),
            "stranger_false_matches": sum(s >= t for _, _, s in strangers),
        }
    right = [s for p, top, s in mated if p == top]
    out["genuine_similarity_median"] = round(float(np.median(right)), 2) if right else None
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--k-max", type=int, action="append", help="most faces per user (repeatable; default 2 and 3)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="npz of the embeddings, reused if it exists")
    args = parser.parse_args()
    embeddings = load_embeddings(args.eval_dir / "lfw_view1", args.cache)
    summary = {f"k_max={k}": run(embeddings, k) for k in (args.k_max or [2, 3])}
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
