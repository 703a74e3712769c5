"""Added latency of the Rekognition HTTP endpoint over calling the gRPC gateway directly.

Same stack, same images, alternating blocks: DetectFaces through the gateway's gRPC, and the
same DetectFaces as a Rekognition AWS JSON 1.1 request to gateway/rekognition (which parses,
base64-decodes, converts, calls that gateway, converts back). The HTTP bodies are built once
before timing, as an SDK would have built them, so the figures are what the endpoint adds.

    .venv/bin/python -m bench.rekognition_latency            # starts a faces-only stack on free ports
    .venv/bin/python -m bench.rekognition_latency --gateway 127.0.0.1:50051 --http 127.0.0.1:50080
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import statistics
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import cv2
import grpc
import numpy as np
import psutil

from bench.latency import percentile, run_block
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from scripts.stack import start_stack

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
Call = Callable[[bytes], Awaitable[int]]


def five_mib_jpeg(limit: int = 5 * MIB) -> bytes:
    """The Obama tile collage, upscaled and grained until its JPEG is just under ``limit`` bytes."""
    image = cv2.imread(str(ROOT / "tests" / "data" / "group_4_faces.jpg"))
    assert image is not None, "tests/data/group_4_faces.jpg is missing"
    rng = np.random.default_rng(0)
    best = b""
    low, high = 1000, 8000
    while high - low > 16:  # bisect the width: JPEG size grows with it
        width = (low + high) // 2
        height = width * image.shape[0] // image.shape[1]
        big = cv2.resize(image, (width, height), interpolation=cv2.INTER_CUBIC).astype(np.int16)
        big = np.clip(big + rng.integers(-20, 21, big.shape, dtype=np.int16), 0, 255).astype(np.uint8)
        data = cv2.imencode(".jpg", big, [cv2.IMWRITE_JPEG_QUALITY, 95])[1].tobytes()
        if len(data) <= limit:
            best, low = data, width
        else:
            high = width
    return best


def grpc_call(channel: grpc.aio.Channel) -> Call:
    stub = faces_pb2_grpc.FaceServiceStub(channel)

    async def call(data: bytes) -> int:
        reply = await stub.DetectFaces(faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=data)), timeout=120)
        return len(reply.face_details)

    return call


def http_call(session: aiohttp.ClientSession, url: str, images: list[bytes]) -> Call:
    bodies = {id(data): json.dumps({"Image": {"Bytes": base64.b64encode(data).decode()}}).encode() for data in images}
    headers = {"X-Amz-Target": "RekognitionService.DetectFaces", "Content-Type": "application/x-amz-json-1.1"}

    async def call(data: bytes) -> int:
        async with session.post(url, data=bodies[id(data)], headers=headers) as reply:
            body = await reply.json(content_type=None)
            if reply.status != 200:
                raise RuntimeError(body)
            return len(body["FaceDetails"])

    return call


async def measure(name: str, calls: dict[str, Call], images: list[bytes], args: argparse.Namespace) -> list[str]:
    for call in calls.values():
        for data in images:
            await call(data)  # warm-up
    c1: dict[str, list[float]] = {path: [] for path in calls}
    c8: dict[str, list[float]] = {path: [] for path in calls}
    tput: dict[str, list[float]] = {path: [] for path in calls}
    for _ in range(args.rounds):
        for path, call in calls.items():
            latencies, _ = await run_block(call, images, args.requests, 1)
            c1[path].extend(latencies)
            if args.concurrency > 1:
                latencies, throughput = await run_block(call, images, args.requests * 2, args.concurrency)
                c8[path].extend(latencies)
                tput[path].append(throughput)
            print(f"{name}: {path}: p50 {statistics.median(c1[path]):.1f} ms", file=sys.stderr)
    rows = []
    grpc_p50 = statistics.median(c1["gRPC gateway"])
    for path in calls:
        p50, p99 = statistics.median(c1[path]), percentile(c1[path], 0.99)
        row = f"| {name} | {path} | {p50:.1f} | {p99:.1f} | {p50 - grpc_p50:+.1f}"
        if c8[path]:
            grpc_c8 = statistics.median(c8["gRPC gateway"])
            row += f" | {statistics.median(c8[path]):.1f} | {statistics.median(c8[path]) - grpc_c8:+.1f}"
            row += f" | {statistics.mean(tput[path]):.1f} |"
        else:
            row += " | – | – | – |"
        rows.append(row)
    return rows


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", help="a running gateway (host:port); with --http")
    parser.add_argument("--http", help="the running Rekognition endpoint (host:port)")
    parser.add_argument("--requests", type=int, default=40, help="requests per c=1 block (c=8 blocks: twice that)")
    parser.add_argument("--big-requests", type=int, default=8, help="requests per block with the 5 MiB image")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    stack = None
    gateway, http = args.gateway, args.http
    front: psutil.Process | None = None  # the endpoint's process, to charge it its CPU time
    if gateway is None or http is None:
        print("starting a faces-only stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")), only=["faces"])
        gateway, http = addresses.gateway, addresses.rekognition
        front = next(psutil.Process(proc.pid) for spec, proc in stack.children if spec.name == "rekognition")
    photos = [(ROOT / "tests" / "data" / name).read_bytes() for name in ("person_a_1.jpg", "group_4_faces.jpg")]
    big = five_mib_jpeg()
    try:
        options = [("grpc.max_send_message_length", 16 * MIB)]
        async with grpc.aio.insecure_channel(gateway, options=options) as channel, aiohttp.ClientSession() as session:
            url = f"http://{http}/"
            cpu_before = _cpu_s(front)
            rows = await measure(
                "photos", {"gRPC gateway": grpc_call(channel), "HTTP endpoint": http_call(session, url, photos)},
                photos, args,
            )
            http_requests = len(photos) + args.rounds * args.requests * (3 if args.concurrency > 1 else 1)
            cpu_photo_ms = (_cpu_s(front) - cpu_before) * 1e3 / http_requests
            cpu_before = _cpu_s(front)
            big_args = argparse.Namespace(**{**vars(args), "requests": args.big_requests, "concurrency": 1})
            rows += await measure(
                f"{len(big) / MIB:.2f} MiB JPEG",
                {"gRPC gateway": grpc_call(channel), "HTTP endpoint": http_call(session, url, [big])},
                [big], big_args,
            )
            cpu_big_ms = (_cpu_s(front) - cpu_before) * 1e3 / (1 + args.rounds * args.big_requests)
    finally:
        if stack is not None:
            stack.stop_all()
    print(f"\nDetectFaces, {args.rounds} alternating rounds; c=1 blocks of {args.requests} requests\n")
    print(
        f"| images | path | p50 ms (c=1) | p99 ms (c=1) | added p50 ms (c=1) | p50 ms (c={args.concurrency}) "
        f"| added p50 ms (c={args.concurrency}) | req/s (c={args.concurrency}) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if front is not None:
        print(f"\nCPU time of the endpoint process per request: {cpu_photo_ms:.1f} ms (photos), "
              f"{cpu_big_ms:.1f} ms ({len(big) / MIB:.2f} MiB JPEG)")
    return 0


def _cpu_s(process: psutil.Process | None) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()
    return float(times.user + times.system)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
