"""Replicas, failover and the cost of balancing, measured on this machine (docs/scaling.md).

Three measurements, each on a stack started on free ports (real Triton, real faces service):

1. failover: steady closed-loop DetectFaces load through the gateway on three faces replicas,
   once undisturbed and once with one replica SIGKILLed half-way: p50/p99 and failed calls.
2. scale-out: the same load on one and on two replicas, calls per second.
3. balancing overhead at concurrency 1: the stack's gateway (round_robin + retry service
   config + client-side health checking) against a gateway process whose backend channel has
   none of it (gRPC defaults: pick_first, no retries), both in front of the same moderation
   service, DescribeModerationTaxonomy (no inference, so the hop itself is what is timed),
   in alternating blocks.

    .venv/bin/python -m bench.replicas [--seconds 20] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc, moderation_pb2, moderation_pb2_grpc
from scripts.stack import ROOT, free_port, grpc_serving, start_stack

IMAGE = common_pb2.Image(bytes=(ROOT / "tests" / "data" / "person_a_1.jpg").read_bytes())


async def closed_loop(
    target: str, seconds: float, concurrency: int, during: float | None = None, action=None
) -> tuple[list[float], Counter[str]]:
    """``concurrency`` callers back to back for ``seconds``; ``action`` runs at ``during`` s."""
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    end = time.monotonic() + seconds
    async with grpc.aio.insecure_channel(target) as channel:
        stub = faces_pb2_grpc.FaceServiceStub(channel)

        async def caller() -> None:
            while time.monotonic() < end:
                started = time.perf_counter()
                try:
                    await stub.DetectFaces(faces_pb2.DetectFacesRequest(image=IMAGE), timeout=30)
                    outcomes["OK"] += 1
                except grpc.aio.AioRpcError as err:
                    outcomes[err.code().name] += 1
                latencies.append(time.perf_counter() - started)

        async def trigger() -> None:
            if action is not None and during is not None:
                await asyncio.sleep(during)
                action()

        await asyncio.gather(trigger(), *(caller() for _ in range(concurrency)))
    return latencies, outcomes


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(name: str, seconds: float, latencies: list[float], outcomes: Counter[str]) -> str:
    failed = sum(n for code, n in outcomes.items() if code != "OK")
    return (
        f"| {name} | {len(latencies) / seconds:.1f} | {1000 * percentile(latencies, 0.5):.0f} | "
        f"{1000 * percentile(latencies, 0.99):.0f} | {failed} |"
    )


def failover(seconds: float, concurrency: int) -> list[str]:
    stack, addresses = start_stack(
        Path(tempfile.mkdtemp(prefix="facet-failover-")), only=["faces"], replicas={"faces": 3}
    )
    try:
        lines = []
        lines.append(
            row("3 replicas, no kill", seconds, *asyncio.run(closed_loop(addresses.gateway, seconds, concurrency)))
        )
        victim = next(proc for spec, proc in stack.children if spec.name == "faces-3")
        kill = lambda: victim.send_signal(signal.SIGKILL)  # noqa: E731
        run = closed_loop(addresses.gateway, seconds, concurrency, during=seconds / 2, action=kill)
        lines.append(row("3 replicas, one SIGKILLed half-way", seconds, *asyncio.run(run)))
        return lines
    finally:
        stack.stop_all()


def scale_out(seconds: float, concurrency: int) -> list[str]:
    lines = []
    for count in (1, 2):
        log_dir = Path(tempfile.mkdtemp(prefix="facet-scale-"))
        stack, addresses = start_stack(log_dir, only=["faces"], replicas={"faces": count})
        try:
            asyncio.run(closed_loop(addresses.gateway, 3, concurrency))  # warm-up
            lines.append(
                row(f"{count} replica(s)", seconds, *asyncio.run(closed_loop(addresses.gateway, seconds, concurrency)))
            )
        finally:
            stack.stop_all()
    return lines


def plain_gateway(address: str, routes: str) -> None:
    """A gateway whose backend channels carry gRPC's defaults only (run as a child process)."""
    from gateway.__main__ import build_gateway
    from gateway.settings import GatewaySettings

    async def serve() -> None:
        settings = GatewaySettings(
            listen_address=address, routes=json.loads(routes), enabled_services=list(json.loads(routes))
        )
        app, _, backends = build_gateway(settings)
        for backend in backends:
            backend.channel = grpc.aio.insecure_channel(backend.route.address)
        await app.server.start()
        await app.set_serving(True)
        await app.server.wait_for_termination()

    asyncio.run(serve())


async def taxonomy_block(target: str, calls: int) -> list[float]:
    async with grpc.aio.insecure_channel(target) as channel:
        stub = moderation_pb2_grpc.ModerationServiceStub(channel)
        await stub.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest(), timeout=10)
        latencies = []
        for _ in range(calls):
            started = time.perf_counter()
            await stub.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest(), timeout=10)
            latencies.append(time.perf_counter() - started)
        return latencies


def overhead(calls: int, rounds: int) -> list[str]:
    stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-overhead-")), only=["moderation"])
    plain_address = f"127.0.0.1:{free_port()}"
    routes = json.dumps({"facet.v1.ModerationService": addresses.services["moderation"]})
    plain = subprocess.Popen(
        [sys.executable, "-m", "bench.replicas", "--plain-gateway", plain_address, routes], cwd=ROOT, env=os.environ
    )
    try:
        while not grpc_serving(plain_address):
            time.sleep(0.2)
        samples: dict[str, list[float]] = {"round_robin + retries + health": [], "pick_first, no retries": []}
        for _ in range(rounds):
            samples["round_robin + retries + health"] += asyncio.run(taxonomy_block(addresses.gateway, calls))
            samples["pick_first, no retries"] += asyncio.run(taxonomy_block(plain_address, calls))
        lines = []
        for name, values in samples.items():
            median, p99 = 1000 * statistics.median(values), 1000 * percentile(values, 0.99)
            lines.append(f"| {name} | {len(values)} | {median:.2f} | {p99:.2f} |")
        return lines
    finally:
        plain.terminate()
        plain.wait()
        stack.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration per run")
    parser.add_argument("--concurrency", type=int, default=4, help="callers in the closed loop")
    parser.add_argument("--calls", type=int, default=500, help="overhead: calls per block")
    parser.add_argument("--rounds", type=int, default=4, help="overhead: alternating blocks per side")
    parser.add_argument("--plain-gateway", nargs=2, metavar=("ADDRESS", "ROUTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain_gateway:
        plain_gateway(*args.plain_gateway)
        return
    header = "| run | calls/s | p50 ms | p99 ms | failed |\n|---|---|---|---|---|"
    print(f"DetectFaces (person_a_1.jpg), concurrency {args.concurrency}, {args.seconds:.0f} s per run\n")
    print(header, *failover(args.seconds, args.concurrency), sep="\n")
    print("\n" + header, *scale_out(args.seconds, args.concurrency), sep="\n")
    print("\nDescribeModerationTaxonomy through the gateway, concurrency 1\n")
    print(
        "| gateway backend channel | calls | median ms | p99 ms |\n|---|---|---|---|",
        *overhead(args.calls, args.rounds),
        sep="\n",
    )


if __name__ == "__main__":
    main()
