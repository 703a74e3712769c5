"""Facet's CompareFaces against face_recognition 1.3 and against the same networks in process.

    .venv/bin/python -m bench.faces_peer --peer-python /tmp/peer/bin/python [--eval-dir ../shared/eval]

Every pair of LFW View 1 pairsDevTest (1,000 pairs) through, back to back in one run:

1. face_recognition 1.3 (dlib HOG + ResNet; PyPI face_recognition + face_recognition_models +
   dlib-bin) in its own throw-away venv, one worker process per core (bench/faces_peer_worker.py);
2. CompareFaces through the gateway of a faces-only stack started here, at the concurrency that
   was fastest for Facet in a short sweep;
3. the face service's own pipeline (services/faces) on onnxruntime in this process, same networks;
4. with --baseline DIR, CompareFaces again on a stack started from another checkout (its models
   built), for a before/after in the same run;
5. with --split, the same pipeline in this process with its networks on Triton: the gap between
   rows 3 and 5 is what Triton's calls cost, between 5 and 2 what the service's gRPC layer and the
   gateway add.

Prints pairs/s, CPU seconds per pair (every process of the path: for Facet, Triton with its
Python-backend stubs, the faces service, the gateway and this client) and accuracy at each tool's
default threshold (similarity 80; distance 0.6). Make the peer venv with
`python3.11 -m venv /tmp/peer && /tmp/peer/bin/pip install face_recognition==1.3.0
face_recognition_models dlib-bin numpy Pillow --no-deps` (face_recognition's own dependency on
dlib would build dlib from source; dlib-bin is the prebuilt wheel of it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import psutil

from bench.faces_verification import read_pairs
from bench.stack_memory import stack_processes
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from scripts.stack import start_stack
from services.common.errors import FacetError
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.common.triton import InferenceSession, TritonSession
from services.faces.pipeline import FacePipeline

ROOT = Path(__file__).resolve().parent.parent
Pair = tuple[Path, Path, bool]
StartStack = Callable[..., tuple[Any, Any]]
FACET_THRESHOLD = 80.0  # CompareFaces' default similarity_threshold
PEER_TOLERANCE = 0.6  # face_recognition.compare_faces' default tolerance


@dataclass(frozen=True)
class Run:
    tool: str
    pairs: int
    wall_s: float
    cpu_s: float
    matches: list[bool]  # predicted same person, per pair
    note: str = ""
    by_process: dict[str, float] = dataclasses.field(default_factory=dict)  # CPU seconds per process

    def accuracy(self, truth: list[bool]) -> float:
        return sum(m == t for m, t in zip(self.matches, truth, strict=True)) / len(truth)


def own_cpu_seconds(process: psutil.Process) -> float:
    return float(sum(process.cpu_times()[:2]))


def cpu_seconds(process: psutil.Process) -> float:
    """CPU of a process and all its descendants (Triton with its stubs)."""
    total = own_cpu_seconds(process)
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(child.cpu_times()[:2])
    return total


def run_peer(python: str, pairs: list[Pair]) -> Run:
    worker = ROOT / "bench" / "faces_peer_worker.py"
    lines = "".join(json.dumps([str(a), str(b)]) + "\n" for a, b, _ in pairs)
    done = subprocess.run([python, str(worker)], input=lines, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    matches = [d is not None and d <= PEER_TOLERANCE for d in result["distances"]]
    return Run(
        "face_recognition 1.3 (HOG + ResNet)",
        len(pairs),
        result["wall_s"],
        result["cpu_s"],
        matches,
        f"{result['workers']} worker processes",
    )


async def compare_all(
    stub: faces_pb2_grpc.FaceServiceStub, images: list[tuple[bytes, bytes]], concurrency: int
) -> list[float]:
    """Best similarity per pair (-1 when the source has no face)."""
    scores = [-1.0] * len(images)
    todo = iter(range(len(images)))

    async def worker() -> None:
        for i in todo:
            source, target = images[i]
            request = faces_pb2.CompareFacesRequest(
                source_image=common_pb2.Image(bytes=source),
                target_image=common_pb2.Image(bytes=target),
                similarity_threshold=0,
            )
            try:
                reply = await stub.CompareFaces(request, timeout=60)
            except grpc.aio.AioRpcError as err:
                if err.code() != grpc.StatusCode.INVALID_ARGUMENT:
                    raise
                continue  # no face in the source: a non-match
            scores[i] = max((m.similarity for m in reply.face_matches), default=-1.0)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return scores


def baseline_start_stack(checkout: Path) -> StartStack:
    """scripts/stack.py of another checkout: its processes run that checkout's code and models."""
    spec = importlib.util.spec_from_file_location("baseline_stack", checkout / "scripts" / "stack.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{checkout}/scripts/stack.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    start: StartStack = module.start_stack
    return start


async def run_facet(
    images: list[tuple[bytes, bytes]], concurrencies: list[int], sweep: int, start: StartStack, label: str
) -> Run:
    stack, addresses = start(Path(tempfile.mkdtemp(prefix="facet-peer-")), only=["faces"], echo=False)
    try:
        # The stack's processes are this process's children: count them once, then this client alone.
        processes = [psutil.Process(proc.pid) for _, proc in stack.children]
        client = psutil.Process()
        # Where the CPU goes: each service, tritonserver itself and each model's stub, the client.
        named = stack_processes({spec.name: proc.pid for spec, proc in stack.children})
        parts = {name: psutil.Process(pid) for name, pid in named.items()} | {"client (this bench)": client}
        async with grpc.aio.insecure_channel(addresses.gateway) as channel:
            stub = faces_pb2_grpc.FaceServiceStub(channel)
            await compare_all(stub, images[:8], 2)  # warm-up
            rates = {}
            for concurrency in concurrencies:
                started = time.perf_counter()
                await compare_all(stub, images[:sweep], concurrency)
                rates[concurrency] = sweep / (time.perf_counter() - started)
            best = max(rates, key=lambda c: rates[c])
            before = sum(cpu_seconds(p) for p in processes) + own_cpu_seconds(client)
            parts_before = {name: own_cpu_seconds(p) for name, p in parts.items()}
            started = time.perf_counter()
            scores = await compare_all(stub, images, best)
            elapsed = time.perf_counter() - started
            cpu = sum(cpu_seconds(p) for p in processes) + own_cpu_seconds(client) - before
            by_process = {name: own_cpu_seconds(p) - parts_before[name] for name, p in parts.items()}
    finally:
        stack.stop_all()
    sweep_note = ", ".join(f"c={c}: {r:.1f}" for c, r in rates.items())
    return Run(
        f"{label} (c={best})",
        len(images),
        elapsed,
        cpu,
        [s >= FACET_THRESHOLD for s in scores],
        f"sweep on {sweep} pairs, pairs/s: {sweep_note}",
        by_process,
    )


async def run_pipeline(
    images: list[tuple[bytes, bytes]], concurrency: int, session: InferenceSession, label: str
) -> Run:
    """The face service's FacePipeline.compare in this process (decode included), on `session`.

    CPU is this process's; with a TritonSession, add Triton's (run_pipeline_on_triton)."""
    executor = ThreadPoolExecutor(concurrency)
    pipeline = FacePipeline(session, executor)
    limits = ImageLimits()
    loop = asyncio.get_running_loop()
    scores = [-1.0] * len(images)

    async def one(i: int) -> None:
        source, target = await asyncio.gather(
            loop.run_in_executor(executor, decode_image, images[i][0], limits),
            loop.run_in_executor(executor, decode_image, images[i][1], limits),
        )
        with contextlib.suppress(FacetError):  # no face in the source: a non-match
            comparison = await pipeline.compare(source, target, 60)
            scores[i] = max(comparison.similarities, default=-1.0)

    todo = iter(range(len(images)))

    async def worker() -> None:
        for i in todo:
            await one(i)

    for i in range(4):
        await one(i)  # warm-up
    before = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - before
    executor.shutdown()
    return Run(f"{label} (c={concurrency})", len(images), elapsed, cpu, [s >= FACET_THRESHOLD for s in scores])


async def run_pipeline_on_triton(images: list[tuple[bytes, bytes]], concurrency: int) -> Run:
    """FacePipeline in this process with its networks on a Triton started here: what the faces
    service's gRPC layer and the gateway add on top of Triton is the gap to the gateway row."""
    stack, addresses = start_stack(Path(tempfile.mkdtemp(prefix="facet-peer-")), only=["faces"], echo=False)
    session = TritonSession(addresses.triton_url)
    try:
        triton = [psutil.Process(proc.pid) for spec, proc in stack.children if spec.name == "triton"]
        before = sum(cpu_seconds(p) for p in triton)
        run = await run_pipeline(images, concurrency, session, "FacePipeline in process, networks on Triton")
        triton_cpu = sum(cpu_seconds(p) for p in triton) - before
    finally:
        await session.close()
        stack.stop_all()
    return dataclasses.replace(run, cpu_s=run.cpu_s + triton_cpu, note="CPU: this process + Triton")


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--peer-python", help="python of the venv holding face_recognition (omit to skip the peer)")
    parser.add_argument("--pairs", type=int, default=0, help="only N pairs, spread over the list (0: all)")
    parser.add_argument("--baseline", type=Path, help="also run CompareFaces from this checkout (models built)")
    parser.add_argument(
        "--concurrency", type=int, action="append", help="Facet concurrencies to sweep (default 2, 4, 8)"
    )
    parser.add_argument("--split", action="store_true", help="also the pipeline in process on Triton's networks")
    parser.add_argument("--sweep", type=int, default=120, help="pairs per concurrency in the sweep")
    args = parser.parse_args()
    path = args.eval_dir / "lfw_view1" / "pairsDevTest.txt"
    if not path.exists():
        print(f"{path} not found: pass --eval-dir (research data, not in the repository)", file=sys.stderr)
        return 2
    pairs = read_pairs(path)
    if args.pairs:
        pairs = pairs[:: max(1, len(pairs) // args.pairs)][: args.pairs]
    truth = [same for _, _, same in pairs]
    images = [(a.read_bytes(), b.read_bytes()) for a, b, _ in pairs]
    runs: list[Run] = []
    print(f"\nLFW View 1 pairsDevTest, {len(pairs)} pairs ({sum(truth)} same), {os.cpu_count()} CPU cores\n")
    print("| tool | pairs/s | CPU s/pair | accuracy at default threshold | × face_recognition | note |")
    print("|---|---|---|---|---|---|", flush=True)

    def row(run: Run) -> None:
        runs.append(run)
        rate = run.pairs / run.wall_s
        peer = runs[0] if args.peer_python else None
        ratio = f"{rate / (peer.pairs / peer.wall_s):.2f}" if peer else "—"
        cpu = run.cpu_s / run.pairs
        print(f"| {run.tool} | {rate:.1f} | {cpu:.3f} | {run.accuracy(truth):.1%} | {ratio} | {run.note} |", flush=True)

    if args.peer_python:
        row(run_peer(args.peer_python, pairs))
    concurrencies, sweep = args.concurrency or [2, 4, 8], min(args.sweep, len(images))
    if args.baseline:
        label = f"Facet CompareFaces, {args.baseline.name} checkout"
        row(await run_facet(images, concurrencies, sweep, baseline_start_stack(args.baseline), label))
    row(await run_facet(images, concurrencies, sweep, start_stack, "Facet CompareFaces via gateway + Triton"))
    in_process = OnnxSession(["face_detector", "face_embedder"])
    row(await run_pipeline(images, 2 * (os.cpu_count() or 1), in_process, "same networks in process (onnxruntime)"))
    if args.split:
        row(await run_pipeline_on_triton(images, 2 * (os.cpu_count() or 1)))
    for run in runs:
        if run.by_process:
            print(f"\nCPU ms per pair by process, {run.tool}:\n\n| process | CPU ms/pair |\n|---|---|")
            for name, seconds in sorted(run.by_process.items(), key=lambda item: -item[1]):
                if seconds * 1000 / run.pairs >= 0.05:
                    print(f"| {name} | {seconds * 1000 / run.pairs:.1f} |")

    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
