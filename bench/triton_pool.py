"""tritonserver's gRPC allocation pool: its memory and its per-call cost, pool on against pool off.

    .venv/bin/python -m bench.triton_pool [--pools 8,0] [--calls 120] [--small-calls 400] [--concurrency 4]

For each ``--grpc-infer-allocation-pool-size`` in ``--pools`` (8 is Triton's default; the stack
runs with 0, scripts/stack.py says why) it starts tritonserver alone on free ports and drives it
straight through tritonclient, ``--concurrency`` threads at once:

1. ``--calls`` calls of the text models with the tensor shapes the text service sends them
   (bench/ort_memory.py SHAPES: receipt-sized detector inputs, recogniser batches of every width
   bucket, direction batches), in a seeded order, sampling tritonserver's PSS and anonymous RSS
   after each call; prints them at each tenth of the calls, so growth shows as a trend;
2. ``--small-calls`` calls of face_gender with one 32x32 face, where tritonserver's own per-call
   work (not the network) is most of the latency: mean and p50/p95 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import tritonclient.grpc as triton_grpc

from bench import ort_memory, stack_memory
from bench.soak_report import percentile
from scripts.stack import Stack, free_port, triton_spec

TEXT_MODELS = ("text_detector", "text_recognizer", "text_direction")


def _call(
    client: triton_grpc.InferenceServerClient, model: str, shape: tuple[int, ...], name: str = "x", fp32: bool = False
) -> float:
    data = np.full(shape, 100, np.float32 if fp32 else np.uint8)
    tensor = triton_grpc.InferInput(name, list(shape), "FP32" if fp32 else "UINT8")
    tensor.set_data_from_numpy(data)
    began = time.perf_counter()
    client.infer(model, [tensor], client_timeout=300)
    return (time.perf_counter() - began) * 1000


def one_pool(pool: int, calls: int, small_calls: int, concurrency: int, seed: int) -> None:
    ports = (free_port(), free_port(), free_port())
    stack = Stack(log_dir=Path(tempfile.mkdtemp(prefix="facet-pool-")), echo=False)
    stack.start(triton_spec(*ports, grpc_pool=pool))
    try:
        pid = stack.children[0][1].pid
        client = triton_grpc.InferenceServerClient(f"127.0.0.1:{ports[0]}")
        ort_memory.RNG.seed(seed)
        rng = random.Random(seed)
        plan = [(model, ort_memory.SHAPES[model]()) for model in (rng.choice(TEXT_MODELS) for _ in range(calls))]
        done, lock = [0], threading.Lock()
        marks: list[tuple[int, float, float]] = []

        def text_call(item: tuple[str, tuple[int, ...]]) -> None:
            _call(client, *item)
            with lock:
                done[0] += 1
                if done[0] % max(1, calls // 10) == 0:
                    use = stack_memory.usage(pid)
                    if use:
                        marks.append((done[0], use.pss_mb, use.anon_mb))

        with ThreadPoolExecutor(concurrency) as pool_threads:
            list(pool_threads.map(text_call, plan))
        trend = ", ".join(f"{n}: {pss:.0f}/{anon:.0f}" for n, pss, anon in marks)
        print(f"pool {pool}: tritonserver PSS/anon MB after N text calls: {trend}", flush=True)

        def small_call(_index: int) -> float:
            return _call(client, "face_gender", (1, 3, 32, 32), name="images", fp32=True)

        small_call(0)
        with ThreadPoolExecutor(concurrency) as pool_threads:
            times = list(pool_threads.map(small_call, range(small_calls)))
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(
            f"pool {pool}: face_gender 1x32x32, {small_calls} calls at concurrency {concurrency}: "
            f"mean {statistics.fmean(times):.2f} ms, p50 {p50:.2f}, p95 {p95:.2f}",
            flush=True,
        )
    finally:
        stack.stop_all()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pools", default="8,0", help="pool sizes to run, in order")
    parser.add_argument("--calls", type=int, default=120)
    parser.add_argument("--small-calls", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for pool in (int(p) for p in args.pools.split(",")):
        one_pool(pool, args.calls, args.small_calls, args.concurrency, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
