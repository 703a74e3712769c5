"""DetectModerationLabels latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.moderation_latency [--requests 100] [--concurrency 8] [--images DIR]
    FACET_MODERATION_NUDENET=1 .venv/bin/python -m bench.moderation_latency   # with NudeNet (build it first)

Starts its own stack (Triton, services, gateway on free ports) unless --gateway is given. The
in-process side runs the very same ModerationPipeline (decode, pre-processing, taxonomy) with
onnxruntime sessions in this process instead of Triton, on the same images, in the same run,
alternating blocks so machine load affects both alike. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc

from bench.faces_latency import Call, percentile, run_block
from bench.inprocess import OnnxSession
from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from scripts.stack import start_stack
from services.common.images import ImageLimits, decode_image
from services.moderation import nsfw, nudenet
from services.moderation.pipeline import ModerationPipeline
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--images", type=Path, default=ROOT / "tests" / "data", help="folder of JPEG/PNG images")
    parser.add_argument("--requests", type=int, default=100, help="requests per block")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2, help="alternating blocks per side")
    args = parser.parse_args()

    images = [p.read_bytes() for p in sorted(args.images.iterdir()) if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
    if not images:
        print(f"no images in {args.images}", file=sys.stderr)
        return 2
    use_nudenet = ModerationSettings().moderation_nudenet  # FACET_MODERATION_NUDENET, as the service reads it

    stack = None
    gateway = args.gateway
    if gateway is None:
        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")))
        gateway = addresses.gateway
    try:
        channel = grpc.aio.insecure_channel(gateway, options=[("grpc.max_send_message_length", 16 << 20)])
        stub = moderation_pb2_grpc.ModerationServiceStub(channel)

        async def via_gateway(data: bytes) -> int:
            request = moderation_pb2.DetectModerationLabelsRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectModerationLabels(request, timeout=60)
            return len(reply.moderation_labels)

        limits = ImageLimits()
        models = [nsfw.TRITON_MODEL] + ([nudenet.TRITON_MODEL] if use_nudenet else [])
        pipeline = ModerationPipeline(
            OnnxSession(models, threads=1),
            ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
            Taxonomy.load(),
            use_nudenet=use_nudenet,
        )

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            return len([x for x in await pipeline.labels(image, timeout_s=60) if x.confidence >= 50.0])

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
    print(
        f"\nDetectModerationLabels ({pipeline.taxonomy.model_version()}), {len(images)} images from "
        f"{args.images}, {args.rounds}×{args.requests} requests per side; in-process sessions use 1 intra-op "
        "thread per model, as Triton's instances do\n"
    )
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
