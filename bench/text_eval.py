"""DetectText accuracy on SROIE receipts: line recall at IoU >= 0.5, CER, word accuracy.

    .venv/bin/python -m bench.text_eval [--data ../shared/eval/sroie_half] [--gateway HOST:PORT|auto]

Runs the service's own TextPipeline in-process (onnxruntime, the same model files Triton
serves; the numbers equal Triton's up to float rounding in batching), or through a running
gateway with --gateway (`--gateway auto` starts a stack on free ports for the run). Every
line is kept (word filter min_confidence 0, max_words 1000) so the score is the reader's,
not the filters'.

Metrics, case-insensitive (SROIE transcripts are upper-case):
- line recall: ground-truth lines matched one-to-one (greedy, highest IoU first) by a returned
  line whose quadrilateral overlaps it with IoU >= 0.5;
- CER: edit distance / ground-truth length, summed over matched lines;
- word accuracy: ground-truth words (split at spaces) found among the words of the matched
  line (as a multiset), over every ground-truth word, matched line or not (end to end).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import grpc
import numpy as np

from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.images import ImageLimits, decode_image

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "sroie_half"


@dataclass(frozen=True)
class TextLine:
    quad: np.ndarray  # [4, 2] px
    text: str
    words: tuple[str, ...] = ()


def load_truth(path: Path) -> list[TextLine]:
    lines = []
    for row in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = row.split(",", 8)
        if len(parts) < 9:
            continue
        quad = np.array([float(v) for v in parts[:8]], dtype=np.float32).reshape(4, 2)
        lines.append(TextLine(quad, parts[8].strip()))
    return lines


def iou(a: np.ndarray, b: np.ndarray) -> float:
    ha, hb = cv2.convexHull(a.astype(np.float32)), cv2.convexHull(b.astype(np.float32))
    inter, _ = cv2.intersectConvexConvex(ha, hb)
    union = cv2.contourArea(ha) + cv2.contourArea(hb) - inter
    return float(inter / union) if union > 0 else 0.0


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def match(truth: list[TextLine], found: list[TextLine], threshold: float = 0.5) -> list[tuple[int, int]]:
    pairs = sorted(
        ((iou(t.quad, f.quad), ti, fi) for ti, t in enumerate(truth) for fi, f in enumerate(found)),
        reverse=True,
    )
    used_t: set[int] = set()
    used_f: set[int] = set()
    matched = []
    for score, ti, fi in pairs:
        if score < threshold:
            break
        if ti not in used_t and fi not in used_f:
            used_t.add(ti)
            used_f.add(fi)
            matched.append((ti, fi))
    return matched


def from_response(reply: text_pb2.DetectTextResponse, width: int, height: int) -> list[TextLine]:
    scale = np.array([width, height], dtype=np.float32)
    words: dict[int, list[str]] = {}
    for d in reply.text_detections:
        if d.type == text_pb2.TEXT_TYPE_WORD:
            words.setdefault(d.parent_id, []).append(d.detected_text)
    return [
        TextLine(
            np.array([(p.x, p.y) for p in d.geometry.polygon], dtype=np.float32) * scale,
            d.detected_text,
            tuple(words.get(d.id, [])),
        )
        for d in reply.text_detections
        if d.type == text_pb2.TEXT_TYPE_LINE
    ]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--gateway", help="read through a running gateway instead of in-process")
    parser.add_argument("--limit", type=int, default=0, help="first N images only")
    parser.add_argument("--json", type=Path, help="write per-image results here")
    args = parser.parse_args()
    images = sorted((args.data / "img").glob("*.jpg"))[: args.limit or None]
    if not images:
        print(f"no images under {args.data / 'img'} (the eval data is not in the repository)", file=sys.stderr)
        return 2

    filters = text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=0))
    stack = None
    if args.gateway == "auto":
        import tempfile

        from scripts.stack import start_stack

        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-text-eval-")))
        args.gateway = addresses.gateway
    try:
        return await evaluate(args, images, filters)
    finally:
        if stack is not None:
            stack.stop_all()


async def evaluate(args: argparse.Namespace, images: list[Path], filters: text_pb2.DetectTextFilters) -> int:
    if args.gateway:
        channel = grpc.aio.insecure_channel(args.gateway, options=[("grpc.max_send_message_length", 16 << 20)])
        stub = text_pb2_grpc.TextServiceStub(channel)

        async def read(data: bytes) -> text_pb2.DetectTextResponse:
            request = text_pb2.DetectTextRequest(image=common_pb2.Image(bytes=data), filters=filters, max_words=1000)
            return await stub.DetectText(request, timeout=300)
    else:
        from services.common.onnx_session import OnnxSession
        from services.text import layout
        from services.text.pipeline import REQUIRED_MODELS, TextPipeline
        from services.text.servicer import detections

        pipeline = TextPipeline(OnnxSession([m.name for m in REQUIRED_MODELS]), ThreadPoolExecutor(max_workers=2))

        async def read(data: bytes) -> text_pb2.DetectTextResponse:
            image = decode_image(data, ImageLimits())
            lines = layout.apply_filters(
                await pipeline.read(image, 300), layout.Filters(min_confidence=0, max_words=1000)
            )
            return text_pb2.DetectTextResponse(text_detections=detections(lines, image))

    totals: Counter[str] = Counter()
    per_image = []
    for path in images:
        data = path.read_bytes()
        oriented = decode_image(data, ImageLimits())  # the API's coordinate space (after EXIF)
        width, height = oriented.width, oriented.height
        started = time.perf_counter()
        found = from_response(await read(data), width, height)
        seconds = time.perf_counter() - started
        truth = load_truth(args.data / "box" / f"{path.stem}.csv")
        pairs = match(truth, found)
        errors = sum(edit_distance(found[f].text.upper(), truth[t].text.upper()) for t, f in pairs)
        chars = sum(len(truth[t].text) for t, _ in pairs)
        gt_words = sum(len(t.text.split()) for t in truth)
        right = 0
        for t, f in pairs:
            got = Counter(w.upper() for w in found[f].words)
            want = Counter(w.upper() for w in truth[t].text.split())
            right += sum((got & want).values())
        row = {
            "image": path.name,
            "truth_lines": len(truth),
            "found_lines": len(found),
            "matched": len(pairs),
            "char_errors": errors,
            "matched_chars": chars,
            "truth_words": gt_words,
            "right_words": right,
            "seconds": round(seconds, 2),
        }
        per_image.append(row)
        totals.update({k: v for k, v in row.items() if isinstance(v, int)})
        print(
            f"{path.name}: recall {len(pairs)}/{len(truth)}, CER {errors}/{chars}, "
            f"words {right}/{gt_words}, {seconds:.1f}s",
            file=sys.stderr,
        )
    recall = totals["matched"] / totals["truth_lines"]
    cer = totals["char_errors"] / max(1, totals["matched_chars"])
    word_accuracy = totals["right_words"] / totals["truth_words"]
    precision = totals["matched"] / max(1, totals["found_lines"])
    print(
        f"\nDetectText on {len(images)} SROIE receipts ({args.data}), {'gateway' if args.gateway else 'in-process'}\n"
    )
    print("| line recall (IoU ≥ 0.5) | line precision | CER of matched lines | word accuracy (end to end) |")
    print("|---|---|---|---|")
    print(
        f"| {recall:.1%} ({totals['matched']}/{totals['truth_lines']}) | {precision:.1%} "
        f"| {cer:.2%} ({totals['char_errors']}/{totals['matched_chars']}) "
        f"| {word_accuracy:.1%} ({totals['right_words']}/{totals['truth_words']}) |"
    )
    if args.json:
        args.json.write_text(json.dumps(per_image, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
