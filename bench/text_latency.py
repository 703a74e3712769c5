"""DetectText latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.text_latency [--requests 40] [--concurrency 8] [--images DIR [--limit N]]

Starts its own stack (Triton, services, gateway on free ports) unless --gateway is given.
The in-process side runs the very same TextPipeline (decode, detection post-processing,
crops, CTC decoding) on onnxruntime sessions in this process instead of Triton, on the same
images, in the same run, alternating blocks so machine load affects both alike. Without
--images it uses three rendered signs (640 px wide, 3 lines each), which need no eval data.
Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import grpc
import numpy as np

from bench.faces_latency import percentile, run_block
from bench.inprocess import OnnxSession
from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from scripts.stack import start_stack
from services.common.images import ImageLimits, decode_image
from services.text import layout
from services.text.pipeline import REQUIRED_MODELS, TextPipeline

Call = Callable[[bytes], Awaitable[int]]


def rendered_signs() -> list[bytes]:
    texts = [
        ["FRESH MILK 2.49", "BROWN BREAD 1.89", "TOTAL 4.38"],
        ["PARKING ONLY", "Exit 12B", "Mon-Fri 8am-6pm"],
        ["Quality Street 42", "OPEN 9AM TO 5PM", "Tel 0123 456 789"],
    ]
    images = []
    for lines in texts:
        image = np.full((240, 640, 3), 255, np.uint8)
        for i, line in enumerate(lines):
            cv2.putText(image, line, (24, 60 + 70 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (20, 20, 20), 3, cv2.LINE_AA)
        images.append(cv2.imencode(".png", image)[1].tobytes())
    return images


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--images", type=Path, help="folder of JPEG/PNG images (default: rendered signs)")
    parser.add_argument("--limit", type=int, default=0, help="first N images of --images")
    parser.add_argument("--requests", type=int, default=40, help="requests per block")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2, help="alternating blocks per side")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads in-process")
    args = parser.parse_args()

    if args.images:
        paths = sorted(p for p in args.images.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
        images = [p.read_bytes() for p in paths[: args.limit or None]]
        label = f"{len(images)} images from {args.images}"
    else:
        images = rendered_signs()
        label = "3 rendered signs (640×240, 3 lines each)"
    if not images:
        print("no images", file=sys.stderr)
        return 2

    stack = None
    gateway = args.gateway
    if gateway is None:
        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")))
        gateway = addresses.gateway
    try:
        channel = grpc.aio.insecure_channel(gateway, options=[("grpc.max_send_message_length", 16 << 20)])
        stub = text_pb2_grpc.TextServiceStub(channel)

        async def via_gateway(data: bytes) -> int:
            request = text_pb2.DetectTextRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectText(request, timeout=300)
            return len(reply.text_detections)

        limits = ImageLimits()
        pipeline = TextPipeline(
            OnnxSession([m.name for m in REQUIRED_MODELS], threads=args.threads),
            ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
        )

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            lines = layout.apply_filters(await pipeline.read(image, 300), layout.Filters())
            return len(lines)

        sides: dict[str, Call] = {"in-process (onnxruntime)": in_process, "through gateway + Triton": via_gateway}
        for call in sides.values():  # warm-up
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
                    f"round {round_index + 1}: {name}: p50 {statistics.median(lat):.0f} ms, "
                    f"{tput:.2f} req/s at c={args.concurrency}",
                    file=sys.stderr,
                )
        await channel.close()
    finally:
        if stack is not None:
            stack.stop_all()

    base = results["in-process (onnxruntime)"]
    print(f"\nDetectText, {label}, {args.rounds}×{args.requests} requests per side and block\n")
    print(
        f"| path | p50 ms (c=1) | p99 ms (c=1) | throughput req/s (c={args.concurrency}) "
        "| p50 ratio | throughput ratio |"
    )
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        p50, p99 = statistics.median(r["c1"]), percentile(r["c1"], 0.99)
        tput = statistics.mean(r["tput"])
        print(
            f"| {name} | {p50:.0f} | {p99:.0f} | {tput:.2f} | {p50 / statistics.median(base['c1']):.2f}× "
            f"| {tput / statistics.mean(base['tput']):.2f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
