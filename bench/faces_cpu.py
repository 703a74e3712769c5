"""CPU time per DetectFaces request in each process of the serving path (Triton, faces, gateway).

    .venv/bin/python -m bench.faces_cpu [--requests 100] [--concurrency 8]

Starts a faces-only stack on free ports, warms it up, sends the tests/data photos at the given
concurrency and divides each process's CPU time (its children included: Triton's Python-backend
stubs) by the number of requests. Explains where the serving path spends more than in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path

import grpc
import psutil

from bench.latency import ROOT, load_images
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from scripts.stack import start_stack


def cpu_seconds(process: psutil.Process) -> float:
    total = sum(process.cpu_times()[:2])
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(child.cpu_times()[:2])
    return total


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    images = load_images(ROOT / "tests" / "data")
    stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-cpu-")), only=["faces"])
    try:
        processes = {spec.name: psutil.Process(proc.pid) for spec, proc in stack.children}
        async with grpc.aio.insecure_channel(addresses.gateway) as channel:
            stub = faces_pb2_grpc.FaceServiceStub(channel)

            async def call(i: int) -> None:
                request = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=images[i % len(images)]))
                await stub.DetectFaces(request, timeout=60)

            for i in range(len(images)):
                await call(i)
            before = {name: cpu_seconds(p) for name, p in processes.items()}
            started = time.perf_counter()

            async def worker(first: int) -> None:
                for i in range(first, args.requests, args.concurrency):
                    await call(i)

            await asyncio.gather(*(worker(k) for k in range(args.concurrency)))
            elapsed = time.perf_counter() - started
            after = {name: cpu_seconds(p) for name, p in processes.items()}
    finally:
        stack.stop_all()
    print(f"\n{args.requests} DetectFaces at c={args.concurrency}: {args.requests / elapsed:.1f} req/s\n")
    print("| process | CPU ms per request |\n|---|---|")
    for name in processes:
        print(f"| {name} | {(after[name] - before[name]) * 1000 / args.requests:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
