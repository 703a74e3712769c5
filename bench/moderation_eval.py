"""False-positive rate of DetectModerationLabels on benign images, through the gateway.

    .venv/bin/python -m bench.moderation_eval [--eval ../shared/eval] [--sets lfw_view1 coco_half ...]
    FACET_MODERATION_NUDENET=1 .venv/bin/python -m bench.moderation_eval   # with NudeNet (build it first)

Every image of the chosen sets of ../shared/eval is benign (faces, everyday scenes, receipts), so
any label at or above the threshold is a false positive. Each image is sent once with
min_confidence 0 (the service then returns every label with its score) and the thresholds are
applied here; that is exactly what the service's own threshold does (tests/e2e check it).
Starts its own stack on free ports unless --gateway is given. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import tempfile
from pathlib import Path

import grpc

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from scripts.stack import start_stack

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = ("lfw_view1", "utkface_half", "coco_half", "sroie_half")
THRESHOLDS = (50.0, 80.0, 20.0)
EXPLICIT_BRANCH = {"Explicit", "Explicit Nudity"}


def images_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))


async def score_set(
    stub: moderation_pb2_grpc.ModerationServiceStub,
    paths: list[Path],
    concurrency: int,
    errors: collections.Counter[str],
    set_name: str,
) -> list[tuple[str, dict[str, float]]]:
    """(file name, {label: confidence}) per image, every label included (min_confidence 0)."""
    queue = iter(paths)
    found: list[tuple[str, dict[str, float]]] = []

    async def worker() -> None:
        for path in queue:
            request = moderation_pb2.DetectModerationLabelsRequest(
                image=common_pb2.Image(bytes=path.read_bytes()), min_confidence=0.0
            )
            try:
                reply = await stub.DetectModerationLabels(request, timeout=120)
            except grpc.aio.AioRpcError as exc:
                errors[f"{set_name}: {exc.code().name}"] += 1
                continue
            found.append((path.name, {x.name: x.confidence for x in reply.moderation_labels}))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return found


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--show", type=int, default=5, help="list the N highest-scoring images per set")
    args = parser.parse_args()
    if not args.eval.is_dir():
        print(f"{args.eval} is missing: this evaluation needs the shared eval data", file=sys.stderr)
        return 2

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
        version = taxonomy.moderation_model_version
        results: dict[str, list[tuple[str, dict[str, float]]]] = {}
        errors: collections.Counter[str] = collections.Counter()
        for name in args.sets:
            found = await score_set(stub, images_of(args.eval / name), args.concurrency, errors, name)
            results[name] = found
            print(f"{name}: {len(found)} images scored", file=sys.stderr)
        await channel.close()
    finally:
        if stack is not None:
            stack.stop_all()

    print(f"\nmoderation_model_version {version}; benign images from {args.eval}\n")
    header = " | ".join(f"any label ≥ {t:g}" for t in THRESHOLDS)
    print(f"| set | images | {header} | Explicit branch ≥ 50 | highest Explicit |")
    print("|---|---|" + "---|" * (len(THRESHOLDS) + 2))
    totals = collections.Counter[str]()
    for name, found in results.items():
        cells = []
        for t in THRESHOLDS:
            hits = sum(1 for _, labels in found if any(c >= t for c in labels.values()))
            totals[f"any{t}"] += hits
            cells.append(f"{hits} ({100 * hits / max(1, len(found)):.2f}%)")
        explicit = sum(1 for _, labels in found if any(labels.get(x, 0.0) >= 50.0 for x in EXPLICIT_BRANCH))
        totals["explicit"] += explicit
        totals["n"] += len(found)
        top = max((labels.get("Explicit", 0.0) for _, labels in found), default=0.0)
        print(f"| {name} | {len(found)} | {' | '.join(cells)} | {explicit} | {top:.1f} |")
    n = max(1, totals["n"])
    cells = [f"{totals[f'any{t}']} ({100 * totals[f'any{t}'] / n:.2f}%)" for t in THRESHOLDS]
    print(f"| **all** | {totals['n']} | {' | '.join(cells)} | {totals['explicit']} | |")

    print("\nLabels at or above 50, by label (count of images):\n")
    per_label = collections.Counter(
        label for found in results.values() for _, labels in found for label, c in labels.items() if c >= 50.0
    )
    for label, count in per_label.most_common():
        print(f"- {label}: {count}")
    if not per_label:
        print("- none")
    print(f"\nHighest-scoring images per set (top {args.show} by their highest label):\n")
    for name, found in results.items():
        ranked = sorted(found, key=lambda item: -max(item[1].values(), default=0.0))[: args.show]
        shown = ", ".join(f"{f} {max(ls, key=ls.__getitem__)} {max(ls.values()):.1f}" for f, ls in ranked if ls)
        print(f"- {name}: {shown}")
    if errors:
        print(f"\nerrors: {dict(errors)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
