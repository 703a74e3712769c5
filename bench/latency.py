"""Shared harness of the latency benches: a service through the gateway vs its networks in-process.

Each bench (bench/<service>_latency.py) supplies calls on image bytes: one through the
gateway, one running the service's own pipeline on onnxruntime sessions in this process
(services/common/onnx_session.py), and optionally intermediate paths that show where the difference goes
(the pipeline in this process with its networks on Triton; the service called directly,
without the gateway). This module starts a stack for that service on free ports (unless
--gateway names a running one; the intermediate paths then need --service and --triton),
warms every path up, alternates blocks of requests so machine load affects all alike, and
prints a markdown table with the ratios to in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import grpc

from scripts.stack import start_stack

ROOT = Path(__file__).resolve().parent.parent
IN_PROCESS = "in-process (onnxruntime)"
GATEWAY = "through gateway + Triton"
PIPELINE_ON_TRITON = "in-process pipeline, networks on Triton"
DIRECT = "service directly (no gateway) + Triton"
Call = Callable[[bytes], Awaitable[int]]
_CHANNEL_OPTIONS = [("grpc.max_send_message_length", 16 << 20)]


@dataclass(frozen=True)
class Endpoints:
    gateway: grpc.aio.Channel
    service: grpc.aio.Channel | None  # the service itself, bypassing the gateway (None: unknown)
    triton_url: str | None  # Triton's gRPC address (None: unknown)


# -> {IN_PROCESS: call, GATEWAY: call, and optionally PIPELINE_ON_TRITON / DIRECT: call}, IN_PROCESS first
MakeCalls = Callable[[Endpoints], dict[str, Call]]


def arguments(description: str, *, images: Path | None, requests: int, concurrency: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", help="use a running gateway (host:port) instead of starting a stack")
    parser.add_argument("--service", help="with --gateway: the service's own address, to time it without the gateway")
    parser.add_argument("--triton", help="with --gateway: Triton's gRPC address, to time the pipeline on Triton")
    parser.add_argument("--images", type=Path, default=images, help="folder of JPEG/PNG images")
    parser.add_argument("--requests", type=int, default=requests, help="requests per block")
    parser.add_argument("--concurrency", type=int, default=concurrency)
    parser.add_argument("--rounds", type=int, default=2, help="alternating blocks per side")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads in-process (0: all)")
    return parser


def load_images(folder: Path, limit: int = 0) -> list[bytes]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    return [p.read_bytes() for p in files[: limit or None]]


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


async def compare(
    args: argparse.Namespace, service: str, title: str, images: list[bytes], make_calls: MakeCalls
) -> int:
    """Run the comparison for ``service`` (a short name in gateway/routes.py) and print the table."""
    if not images:
        print("no images to send", file=sys.stderr)
        return 2
    stack = None
    gateway, service_address, triton_url = args.gateway, args.service, args.triton
    if gateway is None:
        print("starting a stack on free ports…", file=sys.stderr)
        stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-bench-")), only=[service])
        gateway, service_address, triton_url = addresses.gateway, addresses.services[service], addresses.triton_url
    results: dict[str, dict[str, list[float]]] = {}
    try:
        async with AsyncExitStack() as channels:
            gateway_channel = await channels.enter_async_context(
                grpc.aio.insecure_channel(gateway, options=_CHANNEL_OPTIONS)
            )
            service_channel = None
            if service_address:
                service_channel = await channels.enter_async_context(
                    grpc.aio.insecure_channel(service_address, options=_CHANNEL_OPTIONS)
                )
            calls = make_calls(Endpoints(gateway_channel, service_channel, triton_url))
            results = {name: {"c1": [], "tput": []} for name in calls}
            for call in calls.values():  # warm-up: sessions, channels, Triton's first batches
                for data in images:
                    await call(data)
            for round_index in range(args.rounds):
                for name, call in calls.items():
                    latencies, _ = await run_block(call, images, args.requests, 1)
                    _, throughput = await run_block(call, images, args.requests, args.concurrency)
                    results[name]["c1"].extend(latencies)
                    results[name]["tput"].append(throughput)
                    print(
                        f"round {round_index + 1}: {name}: p50 {statistics.median(latencies):.1f} ms, "
                        f"{throughput:.1f} req/s at c={args.concurrency}",
                        file=sys.stderr,
                    )
    finally:
        if stack is not None:
            stack.stop_all()
    print_table(title, results, args, len(images))
    return 0


def print_table(title: str, results: dict[str, dict[str, list[float]]], args: argparse.Namespace, count: int) -> None:
    base = results[IN_PROCESS]
    print(f"\n{title}, {count} images, {args.rounds}×{args.requests} requests per side\n")
    print(
        f"| path | p50 ms (c=1) | p99 ms (c=1) | throughput req/s (c={args.concurrency}) "
        "| p50 ratio | throughput ratio |"
    )
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        p50, p99 = statistics.median(r["c1"]), percentile(r["c1"], 0.99)
        throughput = statistics.mean(r["tput"])
        print(
            f"| {name} | {p50:.1f} | {p99:.1f} | {throughput:.1f} | {p50 / statistics.median(base['c1']):.2f}× "
            f"| {throughput / statistics.mean(base['tput']):.2f}× |"
        )
