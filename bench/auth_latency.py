"""What authentication + rate limiting add to a call through the gateway (docs/security.md).

Two gateway processes (``python -m gateway``) in front of the same scripted CollectionService
(in this process; it answers at once, so the gateway's own work is what is timed): one with no
keys (loopback, open), one with a keys file whose key has a method pattern, a collection pattern
and a rate limit far above the load (so the token bucket runs but never refuses). The call is
SearchFacesByImage with a ~200 KB image, so reading collection_id out of the request bytes is in
the figure. Blocks alternate between the two gateways so machine load affects both alike; the
gateway process's CPU time per call (user + system, psutil) is reported too, as it depends far less
on what else the machine runs than latency does. Last, the decision alone (``Gatekeeper.admit``)
is timed in this process, with a stand-in for the servicer context.

    .venv/bin/python -m bench.auth_latency --requests 400 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
import psutil

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc
from gateway.auth import Gatekeeper
from gateway.keystore import KeyStore
from scripts.stack import Stack, free_port, service_spec
from services.common.audit import NullSink
from services.common.server import create_server
from services.common.settings import CommonSettings

ROOT = Path(__file__).resolve().parent.parent
SERVICE = "facet.v1.CollectionService"


class InstantCollections(collections_pb2_grpc.CollectionServiceServicer):
    async def SearchFacesByImage(self, request, context):
        return pb.SearchFacesByImageResponse()


Gateway = tuple[str, tuple, psutil.Process]  # address, metadata to send, the process


class StandInContext:
    """What ``Gatekeeper.admit`` reads from a grpc.aio.ServicerContext."""

    def __init__(self, metadata: tuple):
        self.metadata = metadata

    def invocation_metadata(self) -> tuple:
        return self.metadata

    def peer(self) -> str:
        return "ipv4:127.0.0.1:50000"

    def auth_context(self) -> dict:
        return {}


async def admit_cpu_us(gatekeeper: Gatekeeper, metadata: tuple, request: bytes, n: int = 20_000) -> float:
    method, context = f"/{SERVICE}/SearchFacesByImage", StandInContext(metadata)
    await gatekeeper.admit(method, request, context)  # type: ignore[arg-type]  # the one scrypt, then cached
    started = time.process_time()
    for _ in range(n):
        await gatekeeper.admit(method, request, context)  # type: ignore[arg-type]
    return (time.process_time() - started) / n * 1e6


def start_gateways(folder: Path, backend_port: int) -> tuple[Stack, dict[str, Gateway]]:
    keys_file = folder / "keys.json"
    argv = ["--file", str(keys_file), "add", "bench", "--allow", f"{SERVICE}/Search*", "--collections", "staff*"]
    done = subprocess.run(
        [sys.executable, "-m", "gateway.keys", *argv, "--rate", "100000/s", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    token = json.loads(done.stdout)["token"]
    stack = Stack(log_dir=folder, echo=False)
    gateways: dict[str, Gateway] = {}
    for mode, extra, metadata in (
        ("without keys", {}, ()),
        ("with keys", {"FACET_API_KEYS_FILE": str(keys_file)}, (("authorization", f"Bearer {token}"),)),
    ):
        port = free_port()
        env = {
            "FACET_ROUTES": json.dumps({SERVICE: f"127.0.0.1:{backend_port}"}),
            "FACET_ENABLED_SERVICES": json.dumps([SERVICE]),
            "FACET_STATE_DIR": str(folder / "state"),
            "FACET_METRICS_PORT": "0",
            "FACET_LOG_LEVEL": "WARNING",
            **extra,
        }
        proc = stack.start(service_spec(f"gateway-{len(gateways)}", "gateway", port, env))
        gateways[mode] = (f"127.0.0.1:{port}", metadata, psutil.Process(proc.pid))
    return stack, gateways


async def block(stub, metadata: tuple, request: pb.SearchFacesByImageRequest, n: int, concurrency: int) -> list[float]:
    latencies: list[float] = []
    remaining = iter(range(n))

    async def worker() -> None:
        for _ in remaining:
            started = time.perf_counter()
            await stub.SearchFacesByImage(request, metadata=metadata, timeout=10)
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400, help="requests per block")
    parser.add_argument("--rounds", type=int, default=3, help="alternating blocks per gateway and concurrency")
    parser.add_argument("--concurrency", default="1,8", help="comma-separated client concurrencies")
    args = parser.parse_args()

    backend = create_server(
        "127.0.0.1:0",
        CommonSettings(),
        [SERVICE],
        lambda s: collections_pb2_grpc.add_CollectionServiceServicer_to_server(InstantCollections(), s),
    )
    await backend.server.start()
    await backend.set_serving(True)
    request = pb.SearchFacesByImageRequest(collection_id="staff-1", image={"bytes": os.urandom(200_000)}, max_faces=5)
    with tempfile.TemporaryDirectory() as tmp:
        # In a thread: the gateways wait for this loop's backend to answer their health checks.
        stack, gateways = await asyncio.to_thread(start_gateways, Path(tmp), backend.port)
        try:
            channels = {mode: grpc.aio.insecure_channel(gateway[0]) for mode, gateway in gateways.items()}
            stubs = {mode: collections_pb2_grpc.CollectionServiceStub(channel) for mode, channel in channels.items()}
            print(f"SearchFacesByImage (200 KB image), {args.requests} requests per block, {args.rounds} rounds\n")
            print("| concurrency | gateway | p50 ms | p90 ms | p99 ms | calls/s | gateway CPU µs/call |")
            print("|---|---|---|---|---|---|---|")
            for concurrency in (int(c) for c in args.concurrency.split(",")):
                for mode, stub in stubs.items():  # warm-up: connections, caches (the first scrypt)
                    await block(stub, gateways[mode][1], request, 50, concurrency)
                results: dict[str, list[float]] = {mode: [] for mode in stubs}
                elapsed: dict[str, float] = dict.fromkeys(stubs, 0.0)
                cpu: dict[str, float] = dict.fromkeys(stubs, 0.0)
                for round_ in range(args.rounds):
                    order = list(stubs.items())
                    order = order if round_ % 2 == 0 else order[::-1]  # neither gateway always first
                    for mode, stub in order:
                        process = gateways[mode][2]
                        cpu_before, started = sum(process.cpu_times()[:2]), time.perf_counter()
                        results[mode] += await block(stub, gateways[mode][1], request, args.requests, concurrency)
                        elapsed[mode] += time.perf_counter() - started
                        cpu[mode] += sum(process.cpu_times()[:2]) - cpu_before
                for mode, latencies in results.items():
                    q = statistics.quantiles(latencies, n=100)
                    print(
                        f"| {concurrency} | {mode} | {q[49] * 1e3:.2f} | {q[89] * 1e3:.2f} | {q[98] * 1e3:.2f} "
                        f"| {len(latencies) / elapsed[mode]:.0f} | {cpu[mode] / len(latencies) * 1e6:.0f} |"
                    )
            for channel in channels.values():
                await channel.close()
            raw = request.SerializeToString()
            keyed = Gatekeeper(KeyStore(Path(tmp) / "keys.json"), NullSink())
            with_keys = await admit_cpu_us(keyed, gateways["with keys"][1], raw)
            without = await admit_cpu_us(Gatekeeper(None, NullSink()), (), raw)
            print(f"\nGatekeeper.admit in this process: {with_keys:.1f} µs/call with keys, {without:.1f} without")
        finally:
            await asyncio.to_thread(stack.stop_all)
            await backend.server.stop(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
