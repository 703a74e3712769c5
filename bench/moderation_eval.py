"""False positives of DetectModerationLabels on benign images, and "Illustrated" on drawings.

    .venv/bin/python -m bench.moderation_eval [--eval ../shared/eval] [--sets lfw_view1 coco_half ...]
    .venv/bin/python -m bench.moderation_eval --per-model      # each model's raw score, in-process
    FACET_MODERATION_NUDENET=1 .venv/bin/python -m bench.moderation_eval   # with NudeNet (build it first)

Every image of ../shared/eval is benign (faces, everyday scenes, receipts), so any label at or
above the threshold is a false positive. Each image is sent once with min_confidence 0 (the
service then returns every label and content type with its score) and the thresholds are applied
here; that is exactly what the service's own threshold does (tests/e2e check it). PGM images
(orl_att_faces) are re-encoded losslessly as PNG first: the API takes JPEG, PNG and WebP.

Then drawings rendered here (bench/drawings.py: pencil sketches, a painting filter and a cartoon
filter applied to benign photos, and flat clip-art drawn from primitives): the share the service
calls "Illustrated" at the default threshold, and any label they get.

--per-model skips the stack and runs the same pipeline in-process (onnxruntime), printing each
model's own score against 0.5 next to the merged label: what the merging rule costs or saves.
Starts its own stack on free ports unless --gateway is given. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import cv2
import grpc
import numpy as np

from bench import drawings
from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.errors import FacetError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = 50.0
THRESHOLDS = (80.0, 20.0)
DRAWING_SETS = ("coco_half", "compreface_sample_images", "caltech_webfaces_half")
DRAWINGS_PER_SET = 60
CLIP_ART = 60
Found = tuple[dict[str, float], dict[str, float]]  # (labels, content types), name -> confidence
R = TypeVar("R")


def images_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".pgm"))


def encoded(path: Path) -> bytes:
    """The file's bytes, or a lossless PNG of it when the API does not take its format (PGM)."""
    if path.suffix.lower() != ".pgm":
        return path.read_bytes()
    pixels = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    if pixels is None:
        raise SystemExit(f"{path}: unreadable")
    return png(pixels)


def png(bgr: np.ndarray) -> bytes:
    return cv2.imencode(".png", bgr)[1].tobytes()


async def each(items: Iterable[bytes], call: Callable[[bytes], Awaitable[R]], concurrency: int) -> list[R]:
    """call(item) for every item, `concurrency` at a time; refused images are counted and skipped
    (a few eval images are under the API's 80 px minimum side)."""
    queue = iter(items)
    found: list[R] = []
    errors: collections.Counter[str] = collections.Counter()

    async def worker() -> None:
        for data in queue:
            try:
                found.append(await call(data))
            except grpc.aio.AioRpcError as exc:  # through the gateway
                errors[exc.code().name] += 1
            except FacetError as exc:  # in-process, e.g. an image under the 80 px minimum
                errors[exc.reason] += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if errors:
        print(f"  errors: {dict(errors)}", file=sys.stderr)
    return found


def share(hits: int, total: int) -> str:
    return f"{hits} ({100 * hits / max(1, total):.2f}%)"


def shrunk(bgr: np.ndarray, side: int) -> np.ndarray:
    scale = side / max(bgr.shape[:2])
    return bgr if scale >= 1 else cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def rendered_drawings(eval_dir: Path) -> dict[str, list[bytes]]:
    read = [cv2.imread(str(p)) for s in DRAWING_SETS for p in images_of(eval_dir / s)[:DRAWINGS_PER_SET]]
    # At most 640 px a side: the filters (stylization especially) are slow on large photos.
    photos = [shrunk(p, 640) for p in read if p is not None]
    sets = {name: [png(render(p)) for p in photos] for name, render in drawings.RENDERINGS.items()}
    sets["flat clip-art (drawn from primitives)"] = [png(drawings.clip_art(seed)) for seed in range(CLIP_ART)]
    return sets


def print_benign(results: dict[str, list[Found]]) -> None:
    print(
        f"| set | images | any label ≥ {DEFAULT:g} (default) | Explicit ≥ {DEFAULT:g} | Suggestive ≥ {DEFAULT:g} | "
        + " | ".join(f"any ≥ {t:g}" for t in THRESHOLDS)
        + f" | Illustrated ≥ {DEFAULT:g} (photo called a drawing) |"
    )
    print("|---|---|---|---|---|" + "---|" * len(THRESHOLDS) + "---|")
    everything = [f for found in results.values() for f in found]
    for name, found in [*results.items(), ("**all**", everything)]:
        top = [max(labels.values(), default=0.0) for labels, _ in found]
        cells = [
            sum(t >= DEFAULT for t in top),
            sum(labels.get("Explicit", 0.0) >= DEFAULT for labels, _ in found),
            sum(labels.get("Suggestive", 0.0) >= DEFAULT for labels, _ in found),
            *(sum(x >= t for x in top) for t in THRESHOLDS),
            sum(types.get("Illustrated", 0.0) >= DEFAULT for _, types in found),
        ]
        print(f"| {name} | {len(found)} | " + " | ".join(share(c, len(found)) for c in cells) + " |")


def print_drawings(results: dict[str, list[Found]]) -> None:
    print(f"| drawings | images | Illustrated ≥ {DEFAULT:g} | median Illustrated | any label ≥ {DEFAULT:g} |")
    print("|---|---|---|---|---|")
    for name, found in results.items():
        illustrated = [types.get("Illustrated", 0.0) for _, types in found]
        hits = sum(1 for c in illustrated if c >= DEFAULT)
        labelled = sum(1 for labels, _ in found if max(labels.values(), default=0.0) >= DEFAULT)
        median = float(np.median(illustrated)) if illustrated else 0.0
        print(f"| {name} | {len(found)} | {share(hits, len(found))} | {median:.1f} | {share(labelled, len(found))} |")


async def via_gateway(args: argparse.Namespace, benign: dict[str, list[bytes]]) -> int:
    from scripts.stack import start_stack

    stack = None
    gateway = args.gateway
    if gateway is None:
        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")))
        gateway = addresses.gateway
    try:
        channel = grpc.aio.insecure_channel(gateway, options=[("grpc.max_send_message_length", 16 << 20)])
        stub = moderation_pb2_grpc.ModerationServiceStub(channel)
        taxonomy = await stub.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest())

        async def detect(data: bytes) -> Found:
            request = moderation_pb2.DetectModerationLabelsRequest(
                image=common_pb2.Image(bytes=data), min_confidence=0.0
            )
            reply = await stub.DetectModerationLabels(request, timeout=120)
            return {x.name: x.confidence for x in reply.moderation_labels}, {
                x.name: x.confidence for x in reply.content_types
            }

        results = {}
        for name, items in benign.items():
            results[name] = await each(items, detect, args.concurrency)
            print(f"{name}: {len(results[name])} images scored", file=sys.stderr)
        drawn = {}
        for name, items in rendered_drawings(args.eval).items():
            drawn[name] = await each(items, detect, args.concurrency)
            print(f"{name}: {len(drawn[name])} drawings scored", file=sys.stderr)
        await channel.close()
    finally:
        if stack is not None:
            stack.stop_all()

    print(f"\nmoderation_model_version {taxonomy.moderation_model_version}; benign images from {args.eval}\n")
    print_benign(results)
    print(f"\nLabels at or above {DEFAULT:g} on benign images, by label (count of images):\n")
    per_label = collections.Counter(
        label for found in results.values() for labels, _ in found for label, c in labels.items() if c >= DEFAULT
    )
    for label, count in per_label.most_common():
        print(f"- {label}: {count}")
    if not per_label:
        print("- none")
    print(f"\nDrawings rendered here (bench/drawings.py; photos from {', '.join(DRAWING_SETS)}):\n")
    print_drawings(drawn)
    return 0


async def per_model(args: argparse.Namespace, benign: dict[str, list[bytes]]) -> int:
    from services.common.images import ImageLimits, decode_image
    from services.common.onnx_session import OnnxSession
    from services.moderation.pipeline import ModerationPipeline, enabled_models
    from services.moderation.settings import ModerationSettings
    from services.moderation.taxonomy import Taxonomy

    executor = ThreadPoolExecutor(max_workers=args.concurrency, thread_name_prefix="bench")
    use_nudenet = ModerationSettings().moderation_nudenet
    session = OnnxSession([m.spec.name for m in enabled_models(use_nudenet)], threads=1)
    pipeline = ModerationPipeline(session, executor, Taxonomy.load(), use_nudenet=use_nudenet)
    limits = ImageLimits()

    async def scores(data: bytes) -> dict[str, dict[str, float]]:
        return await pipeline.model_scores(await pipeline.run_blocking(decode_image, data, limits), timeout_s=60)

    print(f"\nEach model's own score ≥ 0.5 on benign images ({pipeline.taxonomy.model_version()}, in-process)\n")
    print("| set | images | open_nsfw nsfw | nsfwjs Porn + Hentai | Explicit = higher of the two (the rule) "
          "| mean of the two | nsfwjs Sexy | nsfwjs Drawing + Hentai |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    rows: list[tuple[str, list[dict[str, dict[str, float]]]]] = []
    for name, items in benign.items():
        rows.append((name, await each(items, scores, args.concurrency)))
    rows.append(("**all**", [s for _, found in rows for s in found]))
    for name, found in rows:
        a = [s["open_nsfw"]["nsfw"] for s in found]
        js = [s["nsfwjs_mobilenet_v2_mid"] for s in found]
        b = [x["Porn"] + x["Hentai"] for x in js]
        cells = [
            sum(x >= 0.5 for x in a),
            sum(x >= 0.5 for x in b),
            sum(max(x, y) >= 0.5 for x, y in zip(a, b, strict=True)),
            sum((x + y) / 2 >= 0.5 for x, y in zip(a, b, strict=True)),
            sum(x["Sexy"] >= 0.5 for x in js),
            sum(x["Drawing"] + x["Hentai"] >= 0.5 for x in js),
        ]
        print(f"| {name} | {len(found)} | " + " | ".join(share(c, len(found)) for c in cells) + " |")
    return 0


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sets", nargs="+", help="folders of --eval to use (default: every one)")
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--per-model", action="store_true", help="in-process, each model's own score")
    args = parser.parse_args()
    if not args.eval.is_dir():
        print(f"{args.eval} is missing: this evaluation needs the shared eval data", file=sys.stderr)
        return 2
    sets = args.sets or sorted(d.name for d in args.eval.iterdir() if d.is_dir())
    benign = {name: [encoded(p) for p in images_of(args.eval / name)] for name in sets}
    return await (per_model(args, benign) if args.per_model else via_gateway(args, benign))


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
