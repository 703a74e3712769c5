"""DetectLabels accuracy on COCO val2017 images (../shared/eval/coco_half): class recall and
precision per image, and box AP at IoU 0.5 for the detector's instances.

    .venv/bin/python -m bench.labels_eval [--data ../shared/eval/coco_half] [--min-confidence 55]

Runs the service's own LabelPipeline (decode, pre/post-processing, merging, selection) on
in-process onnxruntime sessions of the same ONNX files Triton serves (services/common/onnx_session.py), so
no stack is needed; the e2e tests check that the gateway path returns the same labels.

Metrics (COCO's 80 classes are the only ground truth here, so only those labels are judged):
- recall: per image, |ground-truth classes ∩ returned labels| / |ground-truth classes|, averaged
  over images (and pooled over all image-class pairs);
- precision: per image, among returned labels that are one of the 80 COCO label names, the share
  that are in the image's ground truth; averaged over images that returned any (and pooled);
  labels outside COCO's vocabulary (Espresso, Animal, ...) are not judged;
- reliability: every COCO-vocabulary label returned at any confidence, binned by its confidence,
  with the share that is in the image's ground truth (what a confidence of 55 means in practice);
- box AP@0.5: per class, detections (all instances at min_confidence 0, i.e. detector score
  >= 0.1) ranked by confidence, matched greedily to unmatched ground truth of the same class at
  IoU >= 0.5, all-point interpolated AP (VOC 2010+); mean over classes with ground truth.
  Crowd annotations (iscrowd=1) are left out of the ground truth and detections on them count
  as false positives (slightly pessimistic).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.labels.data.make_hierarchy import COCO
from services.labels.hierarchy import Hierarchy
from services.labels.merge import LabelFilters, select
from services.labels.pipeline import LabelPipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "coco_half"


def box_iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    inter = max(0.0, min(ax2, bx2) - max(a[0], b[0])) * max(0.0, min(ay2, by2) - max(a[1], b[1]))
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def average_precision(scored: list[tuple[float, bool]], positives: int) -> float:
    if positives == 0:
        return float("nan")
    scored = sorted(scored, key=lambda s: -s[0])
    hits = np.cumsum([1 if ok else 0 for _, ok in scored])
    recall = hits / positives
    precision = hits / np.arange(1, len(scored) + 1)
    recall = np.concatenate([[0.0], recall, [1.0]])
    precision = np.concatenate([[0.0], precision, [0.0]])
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    changes = np.where(recall[1:] != recall[:-1])[0]
    return float(np.sum((recall[changes + 1] - recall[changes]) * precision[changes + 1]))


def reliability(
    results: list[tuple[dict, list]],
    truth: dict[int, list[tuple[str, tuple[float, float, float, float]]]],
    vocabulary: set[str],
) -> list[tuple[float, int, int]]:
    """(bin start, labels in the bin, how many are right) for confidence bins 30–40, ..., 90–100."""
    bins = {low: [0, 0] for low in range(30, 100, 10)}
    for img, merged in results:
        gt_classes = {name for name, _ in truth[img["id"]]}
        for label in merged:
            if label.name in vocabulary and label.confidence >= 30:
                low = min(90, int(label.confidence // 10) * 10)
                bins[low][0] += 1
                bins[low][1] += label.name in gt_classes
    return [(float(low), count, correct) for low, (count, correct) in bins.items()]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--min-confidence", type=float, default=55.0, help="the threshold reported in full")
    parser.add_argument(
        "--sweep",
        type=float,
        nargs="*",
        default=[30, 40, 45, 50, 55, 60, 70],
        help="also report recall/precision at these",
    )
    args = parser.parse_args()

    coco = json.loads((args.data / "annotations" / "instances_val2017.json").read_text())
    hierarchy = Hierarchy.load()
    coco_label = {name: hierarchy.coco[i] for i, (name, _, _) in enumerate(COCO)}
    category = {c["id"]: coco_label[c["name"]] for c in coco["categories"]}
    truth: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = defaultdict(list)
    sizes = {img["id"]: (img["width"], img["height"]) for img in coco["images"]}
    for ann in coco["annotations"]:
        if ann.get("iscrowd"):
            continue
        w, h = sizes[ann["image_id"]]
        x, y, bw, bh = ann["bbox"]
        truth[ann["image_id"]].append((category[ann["category_id"]], (x / w, y / h, bw / w, bh / h)))

    pipeline = LabelPipeline(
        OnnxSession(["labels_classifier", "labels_detector"], threads=0),
        ThreadPoolExecutor(max_workers=2),
        hierarchy,
    )
    vocabulary = set(hierarchy.coco)
    recalls, precisions = [], []
    pooled = {"tp": 0, "gt": 0, "returned": 0}
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    positives: dict[str, int] = defaultdict(int)
    misses: dict[str, int] = defaultdict(int)
    false_labels: dict[str, int] = defaultdict(int)
    results = []
    for img in coco["images"]:
        data = (args.data / "val2017" / img["file_name"]).read_bytes()
        image = decode_image(data, ImageLimits())
        merged, _ = await pipeline.analyse(image, 60, labels=True, image_properties=False)
        results.append((img, merged))

    sweep = []
    for threshold in args.sweep:
        hits = wanted = judged_total = 0
        per_image = []
        for img, merged in results:
            kept = {
                m.name
                for m in select(hierarchy, merged, min_confidence=threshold, max_labels=1000, filters=LabelFilters())
            }
            gt_classes = {name for name, _ in truth[img["id"]]}
            hits += len(gt_classes & kept)
            wanted += len(gt_classes)
            judged_total += len(kept & vocabulary)
            if gt_classes:
                per_image.append(len(gt_classes & kept) / len(gt_classes))
        sweep.append((threshold, statistics.mean(per_image), hits / wanted, hits / max(1, judged_total)))

    for img, merged in results:
        returned = {
            m.name
            for m in select(
                hierarchy, merged, min_confidence=args.min_confidence, max_labels=1000, filters=LabelFilters()
            )
        }
        gt_classes = {name for name, _ in truth[img["id"]]}
        judged = returned & vocabulary
        if gt_classes:
            recalls.append(len(gt_classes & returned) / len(gt_classes))
        if judged:
            precisions.append(len(judged & gt_classes) / len(judged))
        pooled["tp"] += len(gt_classes & returned)
        pooled["gt"] += len(gt_classes)
        pooled["returned"] += len(judged)
        for name in gt_classes - returned:
            misses[name] += 1
        for name in judged - gt_classes:
            false_labels[name] += 1
        # Box AP: every instance the pipeline produced (confidence >= 0 after the score floor).
        all_instances = select(hierarchy, merged, min_confidence=0, max_labels=100000, filters=LabelFilters())
        gts = truth[img["id"]]
        for name, _ in gts:
            positives[name] += 1
        used: set[int] = set()
        detections = [(d.confidence, m.name, d.box) for m in all_instances for d in m.instances]
        for confidence, name, box in sorted(detections, key=lambda d: -d[0]):
            best, best_iou = -1, 0.5
            for j, (gt_name, gt_box) in enumerate(gts):
                if j in used or gt_name != name:
                    continue
                overlap = box_iou(box, gt_box)
                if overlap >= best_iou:
                    best, best_iou = j, overlap
            if best >= 0:
                used.add(best)
            scored[name].append((confidence, best >= 0))

    aps = {name: average_precision(scored[name], positives[name]) for name in positives}
    print(
        f"\nDetectLabels on {len(coco['images'])} COCO val2017 images ({args.data}), "
        f"min_confidence {args.min_confidence}\n"
    )
    print("| metric | value |")
    print("|---|---|")
    print(f"| class recall, mean per image | {statistics.mean(recalls):.3f} ({len(recalls)} images with objects) |")
    print(f"| class recall, pooled | {pooled['tp'] / pooled['gt']:.3f} ({pooled['tp']}/{pooled['gt']}) |")
    print(f"| class precision, mean per image | {statistics.mean(precisions):.3f} ({len(precisions)} images) |")
    print(
        f"| class precision, pooled | {pooled['tp'] / max(1, pooled['returned']):.3f} "
        f"({pooled['tp']}/{pooled['returned']}) |"
    )
    print(f"| box AP@0.5, mean over {len(aps)} classes | {statistics.mean(aps.values()):.3f} |")
    print(f"| box AP@0.5, person ({positives.get('Person', 0)} boxes) | {aps.get('Person', float('nan')):.3f} |")
    print("\n| min_confidence | recall (mean per image) | recall (pooled) | precision (pooled) |")
    print("|---|---|---|---|")
    for threshold, mean_recall, pooled_recall, pooled_precision in sweep:
        print(f"| {threshold:g} | {mean_recall:.3f} | {pooled_recall:.3f} | {pooled_precision:.3f} |")
    print("\n| confidence | COCO labels returned | share correct |")
    print("|---|---|---|")
    for low, count, correct in reliability(results, truth, vocabulary):
        share = f"{correct / count:.2f}" if count else "–"
        print(f"| {low:g}–{low + 10:g} | {count} | {share} |")
    print("\nmost missed classes:", sorted(misses.items(), key=lambda kv: -kv[1])[:8])
    print("most frequent wrong COCO labels:", sorted(false_labels.items(), key=lambda kv: -kv[1])[:8])
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
