"""LFW verification through the public API: CompareFaces on every pair of pairsDevTest.txt.

    .venv/bin/python -m bench.faces_verification [--eval-dir ../shared/eval] [--gateway HOST:PORT]

Each pair is one CompareFaces call (threshold 0, so every target face comes back with its
similarity); the pair's score is the best similarity, which is what a client thresholding
`face_matches` sees. Prints the true-match rate, false-match rate and accuracy at the
thresholds users pick (80 default, 90, 95, 99) and at the best threshold on pairsDevTrain.
Starts its own stack on free ports unless --gateway is given. Research data: read, never copied.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from scripts.stack import start_stack

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = (80.0, 90.0, 95.0, 99.0)


def read_pairs(path: Path) -> list[tuple[Path, Path, bool]]:
    images = path.parent / "images"

    def image(name: str, number: str) -> Path:
        return images / name / f"{name}_{int(number):04d}.jpg"

    pairs = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:
            pairs.append((image(parts[0], parts[1]), image(parts[0], parts[2]), True))
        elif len(parts) == 4:
            pairs.append((image(parts[0], parts[1]), image(parts[2], parts[3]), False))
    return pairs


async def score_pairs(
    stub: faces_pb2_grpc.FaceServiceStub, pairs: list[tuple[Path, Path, bool]], concurrency: int
) -> list[tuple[float, bool]]:
    """(best similarity or -1 when a side has no face, same person?) per pair."""
    results: list[tuple[float, bool]] = [(-1.0, same) for _, _, same in pairs]
    todo = iter(range(len(pairs)))
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for i in todo:
            a, b, same = pairs[i]
            request = faces_pb2.CompareFacesRequest(
                source_image=common_pb2.Image(bytes=a.read_bytes()),
                target_image=common_pb2.Image(bytes=b.read_bytes()),
                similarity_threshold=0,
            )
            try:
                reply = await stub.CompareFaces(request, timeout=60)
            except grpc.aio.AioRpcError as err:
                failures += 1
                print(f"{a.name} ~ {b.name}: {err.code().name} {err.details()}", file=sys.stderr)
                continue
            best = max((m.similarity for m in reply.face_matches), default=-1.0)
            results[i] = (best, same)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if failures:
        print(f"{failures} pairs failed (no face in the source, counted as a non-match)", file=sys.stderr)
    return results


def rates(scores: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float, int, int]:
    genuine = [s for s, same in scores if same]
    impostor = [s for s, same in scores if not same]
    tm = sum(s >= threshold for s in genuine)
    fm = sum(s >= threshold for s in impostor)
    accuracy = (tm + len(impostor) - fm) / len(scores)
    return tm / len(genuine), fm / len(impostor), accuracy, tm, fm


def best_threshold(scores: list[tuple[float, bool]]) -> float:
    candidates = sorted({s for s, _ in scores})
    return max(candidates, key=lambda t: rates(scores, t)[2])


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--gateway", help="use a running gateway instead of starting a stack")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    lfw = args.eval_dir / "lfw_view1"
    if not (lfw / "pairsDevTest.txt").exists():
        print(
            f"{lfw}/pairsDevTest.txt not found: pass --eval-dir (research data, not in the repository)", file=sys.stderr
        )
        return 2
    stack = None
    gateway = args.gateway
    if gateway is None:
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-lfw-")), only=["faces"])
        gateway = addresses.gateway
    try:
        async with grpc.aio.insecure_channel(gateway) as channel:
            stub = faces_pb2_grpc.FaceServiceStub(channel)
            started = time.monotonic()
            train = await score_pairs(stub, read_pairs(lfw / "pairsDevTrain.txt"), args.concurrency)
            test = await score_pairs(stub, read_pairs(lfw / "pairsDevTest.txt"), args.concurrency)
            elapsed = time.monotonic() - started
    finally:
        if stack is not None:
            stack.stop_all()

    chosen = best_threshold(train)
    genuine = sum(same for _, same in test)
    print(
        f"\nLFW View 1 pairsDevTest through the gateway: {len(test)} pairs ({genuine} same, "
        f"{len(test) - genuine} different); {len(train) + len(test)} CompareFaces calls in {elapsed:.0f} s\n"
    )
    print("| similarity threshold | true-match rate | false-match rate | accuracy |")
    print("|---|---|---|---|")
    for threshold in (*THRESHOLDS, chosen):
        tmr, fmr, acc, tm, fm = rates(test, threshold)
        label = f"{threshold:.1f} (best on DevTrain)" if threshold == chosen else f"{threshold:.0f}"
        print(f"| {label} | {tmr:.1%} ({tm}/{genuine}) | {fmr:.1%} ({fm}/{len(test) - genuine}) | {acc:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
