"""Calibrate and measure the face similarity score on LFW View 1 (not a test; prints a report).

Runs the face service's own pre/post-processing in process (services/faces: letterbox + YuNet
decode, 5-point alignment, SFace embedding) with onnxruntime on the BUILT models
(model_repository/models/face_detector and face_embedder, made by model_repository/build.py).

  * DevTrain (pairsDevTrain.txt, its images only) chooses things: the impostor-tail model
    (MU, SIGMA of services/faces/similarity.py, printed as "fitted") and the best
    accuracy threshold.
  * DevTest (pairsDevTest.txt, disjoint identities) reports: per similarity threshold, the
    false-match rate on the 500 official impostor pairs AND on every cross-identity pair of
    DevTest images (~1.2 million, so rates down to ~1e-5 are measured, not extrapolated), and the
    true-match rate on the 500 official genuine pairs; plus verification accuracy at the best
    DevTrain threshold.

Usage (from the repository root):
    python bench/calibrate_similarity.py [--eval-dir ../shared/eval] [--models model_repository/models]
                                         [--cache bench/results/lfw_embeddings.npz]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from services.faces import alignment, detector, similarity  # noqa: E402

THRESHOLDS = (50.0, 80.0, 90.0, 95.0, 99.0)
# The tail is fitted between these measured false-match rates (DevTrain, all cross pairs).
FIT_RATES = (1e-2, 1e-3, 1e-4)


@dataclass
class Pairs:
    a: list[str]
    b: list[str]
    same: NDArray[np.bool_]


def read_pairs(path: Path) -> Pairs:
    """LFW pair file: 'name i j' (same person) or 'name1 i name2 j'; a count header is skipped."""
    a: list[str] = []
    b: list[str] = []
    same: list[bool] = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:
            a.append(f"{parts[0]}/{parts[0]}_{int(parts[1]):04d}.jpg")
            b.append(f"{parts[0]}/{parts[0]}_{int(parts[2]):04d}.jpg")
            same.append(True)
        elif len(parts) == 4:
            a.append(f"{parts[0]}/{parts[0]}_{int(parts[1]):04d}.jpg")
            b.append(f"{parts[2]}/{parts[2]}_{int(parts[3]):04d}.jpg")
            same.append(False)
    return Pairs(a, b, np.array(same))


class Pipeline:
    """Detector + alignment + embedder, as the face service runs them, on onnxruntime."""

    def __init__(self, models: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.detector = ort.InferenceSession(
            str(models / "face_detector" / "1" / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.embedder = ort.InferenceSession(
            str(models / "face_embedder" / "1" / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def chip(self, image_bgr: NDArray[np.uint8]) -> NDArray[np.uint8] | None:
        tensor, transform = detector.letterbox(image_bgr)
        raw = self.detector.run(list(detector.OUTPUT_NAMES), {detector.INPUT_NAME: tensor[None]})
        faces = detector.decode(dict(zip(detector.OUTPUT_NAMES, raw, strict=True)), transform)
        if len(faces) == 0:
            return None
        index = pick_central_face(faces, image_bgr.shape[1], image_bgr.shape[0])
        return alignment.align_face(image_bgr, faces.landmarks[index])

    def embed(self, chips: list[NDArray[np.uint8]]) -> NDArray[np.float32]:
        out = self.embedder.run(
            [alignment.SFACE_OUTPUT_NAME], {alignment.SFACE_INPUT_NAME: alignment.sface_batch(chips)}
        )[0]
        return similarity.l2_normalize(out)


def pick_central_face(faces: detector.Detections, width: int, height: int) -> int:
    """LFW images are 250x250 crops centred on the labelled face: among faces whose centre lies
    within 20% of the image size from the image centre take the largest, else the nearest."""
    centres = faces.boxes[:, :2] + faces.boxes[:, 2:] / 2
    distance = np.hypot(centres[:, 0] - width / 2, centres[:, 1] - height / 2) / min(width, height)
    near = np.flatnonzero(distance < 0.2)
    if near.size:
        areas = faces.boxes[near, 2] * faces.boxes[near, 3]
        return int(near[np.argmax(areas)])
    return int(np.argmin(distance))


def embed_images(
    pipeline: Pipeline, root: Path, names: Iterable[str]
) -> tuple[dict[str, NDArray[np.float32]], list[str]]:
    embeddings: dict[str, NDArray[np.float32]] = {}
    missed: list[str] = []
    batch_names: list[str] = []
    batch_chips: list[NDArray[np.uint8]] = []
    for name in names:
        image = cv2.imread(str(root / name), cv2.IMREAD_COLOR)
        chip = None if image is None else pipeline.chip(np.asarray(image, dtype=np.uint8))
        if chip is None:
            missed.append(name)
            continue
        batch_names.append(name)
        batch_chips.append(chip)
        if len(batch_chips) == 32:
            embeddings.update(zip(batch_names, pipeline.embed(batch_chips), strict=True))
            batch_names, batch_chips = [], []
    if batch_chips:
        embeddings.update(zip(batch_names, pipeline.embed(batch_chips), strict=True))
    return embeddings, missed


def pair_cosines(pairs: Pairs, emb: dict[str, NDArray[np.float32]]) -> NDArray[np.float64]:
    """Cosine per pair; a pair with an image where no face was found scores -1 (no match)."""
    out = np.full(len(pairs.a), -1.0)
    for i, (x, y) in enumerate(zip(pairs.a, pairs.b, strict=True)):
        if x in emb and y in emb:
            out[i] = float(np.dot(emb[x], emb[y]))
    return out


def cross_identity_cosines(emb: dict[str, NDArray[np.float32]]) -> NDArray[np.float32]:
    """Cosines of every pair of images of different people (upper triangle)."""
    names = sorted(emb)
    ids = np.array([n.split("/")[0] for n in names])
    matrix = np.stack([emb[n] for n in names])
    values: list[NDArray[np.float32]] = []
    for i in range(len(names) - 1):
        row = matrix[i + 1 :] @ matrix[i]
        values.append(row[ids[i + 1 :] != ids[i]].astype(np.float32))
    return np.concatenate(values)


def fit_tail(impostors: NDArray[np.float32]) -> tuple[float, float]:
    """Normal tail through the measured cosines at FIT_RATES (least squares on z-scores)."""
    ordered = np.sort(impostors)[::-1]
    cos = np.array([ordered[int(rate * len(ordered))] for rate in FIT_RATES], dtype=np.float64)
    z = np.array([-similarity._STANDARD_NORMAL.inv_cdf(rate) for rate in FIT_RATES])
    sigma, mu = np.polyfit(z, cos, 1)
    return float(mu), float(sigma)


def best_accuracy_threshold(cos: NDArray[np.float64], same: NDArray[np.bool_]) -> tuple[float, float]:
    candidates = np.unique(cos)
    accuracies = [float(np.mean((cos >= t) == same)) for t in candidates]
    best = int(np.argmax(accuracies))
    # Midpoint to the next lower score: the rule does not sit on a training sample.
    lower = candidates[best - 1] if best > 0 else candidates[best] - 1e-3
    return float((candidates[best] + lower) / 2), accuracies[best]


def rate(hits: int, total: int) -> str:
    return f"{hits / total:.2e} ({hits}/{total})" if total else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--models", type=Path, default=REPO / "model_repository" / "models")
    parser.add_argument("--cache", type=Path, default=None, help="npz of embeddings to reuse/write")
    args = parser.parse_args()

    lfw = args.eval_dir / "lfw_view1"
    if not (lfw / "pairsDevTrain.txt").is_file():
        print(f"LFW View 1 not found under {lfw} (expected pairsDevTrain.txt); pass --eval-dir", file=sys.stderr)
        return 2
    train, test = read_pairs(lfw / "pairsDevTrain.txt"), read_pairs(lfw / "pairsDevTest.txt")
    names = sorted(set(train.a + train.b + test.a + test.b))

    if args.cache and args.cache.is_file():
        stored = np.load(args.cache, allow_pickle=False)
        emb = dict(zip(stored["names"].tolist(), stored["embeddings"], strict=True))
        missed = [n for n in names if n not in emb]
    else:
        for model in ("face_detector", "face_embedder"):
            if not (args.models / model / "1" / "model.onnx").is_file():
                print(f"{model} not built under {args.models}: run model_repository/build.py", file=sys.stderr)
                return 2
        start = time.perf_counter()
        emb, missed = embed_images(Pipeline(args.models), lfw / "images", names)
        print(f"embedded {len(emb)} images in {time.perf_counter() - start:.0f} s")
        if args.cache:
            args.cache.parent.mkdir(parents=True, exist_ok=True)
            keys = sorted(emb)
            np.savez(args.cache, names=np.array(keys), embeddings=np.stack([emb[k] for k in keys]))
    print(f"images: {len(names)}, no face found: {len(missed)} {missed[:5]}")

    train_set = set(train.a + train.b)
    train_emb = {k: v for k, v in emb.items() if k in train_set}
    test_emb = {k: v for k, v in emb.items() if k not in train_set}
    train_cross = cross_identity_cosines(train_emb)
    test_cross = cross_identity_cosines(test_emb)
    mu, sigma = fit_tail(train_cross)
    print(
        f"\nfitted on DevTrain ({len(train_cross)} cross-identity pairs): IMPOSTOR_MU = {mu:.4f}, "
        f"IMPOSTOR_SIGMA = {sigma:.4f}   (in use: {similarity.IMPOSTOR_MU}, {similarity.IMPOSTOR_SIGMA})"
    )

    print("\nmodel check on DevTrain cross pairs: cosine at FMR  measured -> modelled")
    ordered = np.sort(train_cross)[::-1]
    for target in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6):
        k = int(target * len(ordered))
        if k >= 1:
            modelled = float(similarity.cosine_for_similarity(similarity.similarity_from_fmr(target)))
            print(f"  {target:.0e}: {ordered[k]:.4f} -> {modelled:.4f}  ({k} pairs above)")

    train_cos, test_cos = pair_cosines(train, emb), pair_cosines(test, emb)
    threshold, train_acc = best_accuracy_threshold(train_cos, train.same)
    test_acc = float(np.mean((test_cos >= threshold) == test.same))
    s_best = float(similarity.similarity_from_cosine(threshold))
    print(
        f"\nbest DevTrain threshold: cosine {threshold:.4f} (similarity {s_best:.1f}); "
        f"DevTrain accuracy {train_acc:.4f}; DevTest accuracy {test_acc:.4f} "
        f"({int(np.sum((test_cos >= threshold) == test.same))}/{len(test_cos)})"
    )

    genuine, impostor = test_cos[test.same], test_cos[~test.same]
    print(
        "\nDevTest: official = its 500 genuine + 500 impostor pairs; "
        "cross = every cross-identity pair of DevTest images"
    )
    columns = (
        "similarity >=",
        "cosine >=",
        "modelled FMR",
        "FMR official",
        "FMR cross pairs",
        "TMR official",
    )
    print("| " + " | ".join(columns) + " |")
    print("|---" * len(columns) + "|")
    for s in THRESHOLDS:
        c = float(similarity.cosine_for_similarity(s))
        modelled = float(similarity.fmr_for_similarity(s))
        print(
            f"| {s:.0f} | {c:.4f} | {modelled:.1e} | {rate(int(np.sum(impostor >= c)), len(impostor))} | "
            f"{rate(int(np.sum(test_cross >= c)), len(test_cross))} | "
            f"{rate(int(np.sum(genuine >= c)), len(genuine))} |"
        )
    print(
        f"\n(genuine official pairs with a missing face count as misses: "
        f"{int(np.sum(genuine <= -1.0))}; impostor: {int(np.sum(impostor <= -1.0))})"
    )
    if math.isnan(mu):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
