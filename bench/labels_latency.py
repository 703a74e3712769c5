"""DetectLabels latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.labels_latency [--requests 60] [--concurrency 4] [--images DIR]

Starts its own stack (Triton, labels, gateway on free ports) unless --gateway is given. The
in-process side runs the very same LabelPipeline (decode, pre-processing, post-processing) with
onnxruntime sessions in this process instead of Triton, on the same images, in the same run,
alternating blocks so machine load affects both alike. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc

from bench.inprocess import OnnxSession
from facet.v1 import common_pb2, labels_pb2, labels_pb2_grpc
from scripts.stack import start_stack
from services.common.images import ImageLimits, decode_image
from services.labels.hierarchy import Hierarchy
from services.labels.pipeline import LabelPipeline

ROOT = Path(__file__).resolve().parent.parent
Call = Callable[[bytes], Awaitable[int]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_block(call: Call, images: list[bytes], requests: int, concurrency: int) -> tuple[list[float], float]:
    """(per-request latencies in ms, throughput in requests/s)."""
    latencies: list[float] = []
    counter = iter(range(requests))

    async def worker() -> None:
        for i in counter:
            started = time.perf_counter()
            await call(images[i % len(images)])
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, requests / (time.perf_counter() - started)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--images", type=Path, default=ROOT / "tests" / "data" / "labels", help="JPEG/PNG folder")
    parser.add_argument("--requests", type=int, default=60, help="requests per block")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="alternating blocks per side")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads in-process (0: all)")
    args = parser.parse_args()

    images = [p.read_bytes() for p in sorted(args.images.iterdir()) if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
    if not images:
        print(f"no images in {args.images}", file=sys.stderr)
        return 2

    stack = None
    gateway = args.gateway
    if gateway is None:
        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")), only=["labels"])
        gateway = addresses.gateway
    try:
        channel = grpc.aio.insecure_channel(gateway, options=[("grpc.max_send_message_length", 16 << 20)])
        stub = labels_pb2_grpc.LabelServiceStub(channel)

        async def via_gateway(data: bytes) -> int:
            request = labels_pb2.DetectLabelsRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectLabels(request, timeout=60)
            return len(reply.labels)

        limits = ImageLimits()
        pipeline = LabelPipeline(
            OnnxSession(["labels_classifier", "labels_detector"], threads=args.threads),
            ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
            Hierarchy.load(),
        )

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            merged, _ = await pipeline.analyse(image, 60, labels=True, image_properties=False)
            return len(merged)

        sides: dict[str, Call] = {"in-process (onnxruntime)": in_process, "through gateway + Triton": via_gateway}
        for call in sides.values():  # warm-up: sessions, channels, Triton's first batches
            for data in images:
                await call(data)
        results: dict[str, dict[str, list[float]]] = {name: {"c1": [], "tput": []} for name in sides}
        for round_index in range(args.rounds):
            for name, call in sides.items():
                lat, _ = await run_block(call, images, args.requests, 1)
                _, tput = await run_block(call, images, args.requests, args.concurrency)
                results[name]["c1"].extend(lat)
                results[name]["tput"].append(tput)
                print(
                    f"round {round_index + 1}: {name}: p50 {statistics.median(lat):.1f} ms, "
                    f"{tput:.1f} req/s at c={args.concurrency}",
                    file=sys.stderr,
                )
        await channel.close()
    finally:
        if stack is not None:
            stack.stop_all()

    base = results["in-process (onnxruntime)"]
    blocks = f"{args.rounds}×{args.requests}"
    print(f"\nDetectLabels, {len(images)} images from {args.images}, {blocks} requests per side\n")
    print(
        f"| path | p50 ms (c=1) | p99 ms (c=1) | throughput req/s (c={args.concurrency}) "
        "| p50 ratio | throughput ratio |"
    )
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        p50, p99 = statistics.median(r["c1"]), percentile(r["c1"], 0.99)
        tput = statistics.mean(r["tput"])
        print(
            f"| {name} | {p50:.1f} | {p99:.1f} | {tput:.1f} | {p50 / statistics.median(base['c1']):.2f}× "
            f"| {tput / statistics.mean(base['tput']):.2f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
