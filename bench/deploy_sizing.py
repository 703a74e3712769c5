"""CPU and memory of every process of the stack under steady mixed load: the figures behind the
requests and limits in deploy/ (docs/deploy.md, "Sizing").

    .venv/bin/python -m bench.deploy_sizing [--seconds 60] [--concurrency 2]

Starts the whole stack on free ports (Triton, every service, the gateway), warms each service up,
then drives every service through the gateway at once (``--concurrency`` callers per service, each
sending the next request when the last returns) for ``--seconds``. Once a second it samples each
process's CPU time and resident memory (its children included: Triton's Python-backend stubs run
the models). Prints, per process: RSS after warm-up, peak RSS under load, mean CPU cores under load,
and CPU seconds per request of that service (Triton and the gateway: per request of any service).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import grpc
import psutil

from bench.latency import ROOT, load_images
from facet.v1 import (
    collections_pb2,
    collections_pb2_grpc,
    common_pb2,
    faces_pb2,
    faces_pb2_grpc,
    labels_pb2,
    labels_pb2_grpc,
    moderation_pb2,
    moderation_pb2_grpc,
    text_pb2,
    text_pb2_grpc,
)
from gateway.routes import DEFAULT_ROUTES
from scripts.stack import start_stack

MIB = 1024 * 1024
Call = Callable[[bytes], Awaitable[object]]


def tree(process: psutil.Process) -> list[psutil.Process]:
    with contextlib.suppress(psutil.NoSuchProcess):
        return [process, *process.children(recursive=True)]
    return []


def cpu_seconds(process: psutil.Process) -> float:
    total = 0.0
    for member in tree(process):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(member.cpu_times()[:2])
    return total


def rss_bytes(process: psutil.Process) -> int:
    total = 0
    for member in tree(process):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += member.memory_info().rss
    return total


def service_calls(channel: grpc.aio.Channel, collection_id: str) -> dict[str, Call]:
    """One call per backend process, keyed by its short name in gateway/routes.py."""
    faces = faces_pb2_grpc.FaceServiceStub(channel)
    labels = labels_pb2_grpc.LabelServiceStub(channel)
    text = text_pb2_grpc.TextServiceStub(channel)
    moderation = moderation_pb2_grpc.ModerationServiceStub(channel)
    collections = collections_pb2_grpc.CollectionServiceStub(channel)

    def image(data: bytes) -> common_pb2.Image:
        return common_pb2.Image(bytes=data)

    by_service: dict[str, Call] = {
        "facet.v1.FaceService": lambda data: faces.DetectFaces(
            faces_pb2.DetectFacesRequest(image=image(data)), timeout=120
        ),
        "facet.v1.LabelService": lambda data: labels.DetectLabels(
            labels_pb2.DetectLabelsRequest(image=image(data)), timeout=120
        ),
        "facet.v1.TextService": lambda data: text.DetectText(
            text_pb2.DetectTextRequest(image=image(data)), timeout=120
        ),
        "facet.v1.ModerationService": lambda data: moderation.DetectModerationLabels(
            moderation_pb2.DetectModerationLabelsRequest(image=image(data)), timeout=120
        ),
        "facet.v1.CollectionService": lambda data: collections.SearchFacesByImage(
            collections_pb2.SearchFacesByImageRequest(collection_id=collection_id, image=image(data)), timeout=120
        ),
    }
    return {route.name: by_service[route.service] for route in DEFAULT_ROUTES}


async def drive(call: Call, images: list[bytes], concurrency: int, until: float, counts: dict[str, int], name: str):
    async def worker(offset: int) -> None:
        i = offset
        while time.monotonic() < until:
            with contextlib.suppress(grpc.aio.AioRpcError):  # a face-less image in search is NOT a failure of load
                await call(images[i % len(images)])
            counts[name] += 1
            i += concurrency

    await asyncio.gather(*(worker(k) for k in range(concurrency)))


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=2, help="callers per service")
    args = parser.parse_args()
    images = load_images(ROOT / "tests" / "data")
    stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-sizing-")))
    try:
        processes = {spec.name: psutil.Process(proc.pid) for spec, proc in stack.children}
        async with grpc.aio.insecure_channel(
            addresses.gateway, options=[("grpc.max_send_message_length", 16 * MIB)]
        ) as channel:
            collections = collections_pb2_grpc.CollectionServiceStub(channel)
            await collections.CreateCollection(collections_pb2.CreateCollectionRequest(collection_id="sizing"))
            for data in images:
                with contextlib.suppress(grpc.aio.AioRpcError):  # images without a face index nothing
                    await collections.IndexFaces(
                        collections_pb2.IndexFacesRequest(collection_id="sizing", image=common_pb2.Image(bytes=data))
                    )
            calls = service_calls(channel, "sizing")
            for call in calls.values():  # warm-up: every network has run once
                for data in images:
                    with contextlib.suppress(grpc.aio.AioRpcError):
                        await call(data)
            idle_rss = {name: rss_bytes(p) for name, p in processes.items()}
            peak_rss = dict(idle_rss)
            cpu_before = {name: cpu_seconds(p) for name, p in processes.items()}
            counts = dict.fromkeys(calls, 0)
            started = time.monotonic()
            until = started + args.seconds

            async def sample() -> None:
                while time.monotonic() < until:
                    for name, p in processes.items():
                        peak_rss[name] = max(peak_rss[name], rss_bytes(p))
                    await asyncio.sleep(1.0)

            await asyncio.gather(
                sample(), *(drive(c, images, args.concurrency, until, counts, n) for n, c in calls.items())
            )
            elapsed = time.monotonic() - started
            cpu = {name: cpu_seconds(p) - cpu_before[name] for name, p in processes.items()}
        total = sum(counts.values())
        print(
            f"{args.seconds:.0f} s of load, {args.concurrency} callers per service, {total} requests "
            f"({', '.join(f'{n} {c}' for n, c in counts.items())}), {psutil.cpu_count()} CPU cores\n"
        )
        print("| process | RSS after warm-up (MiB) | peak RSS under load (MiB) | mean CPU cores | CPU s per request |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name in processes:
            served = counts.get(name, total)
            per_request = cpu[name] / served if served else float("nan")
            print(
                f"| {name} | {idle_rss[name] / MIB:.0f} | {peak_rss[name] / MIB:.0f} | "
                f"{cpu[name] / elapsed:.2f} | {per_request:.3f} |"
            )
    finally:
        stack.stop_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
