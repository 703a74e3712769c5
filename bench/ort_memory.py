"""Resident memory of one onnxruntime session fed varied input shapes, under each memory setting.

    .venv/bin/python -m bench.ort_memory [--models text_detector,...] [--runs 150] [--settings default,...]
    .venv/bin/python -m bench.ort_memory --models face_embedder --settings default,no_mem_pattern --batches 16,16,14
    .venv/bin/python -m bench.ort_memory --models text_detector --settings no_arena --batches 1,1,2,1,2 \
        --shape 3,2016,1408 --threads 2

Runs each (model, setting) in a fresh child process with the stack's malloc settings
(scripts/stack.py MALLOC_ENV), as Triton's Python-backend stub holds one session per process:
the session of ``model_repository/models/<model>/1/model.onnx`` with the options of
``model_repository/triton_python/onnx_model.py`` for that setting, fed the input shapes the
services send it (SHAPES below: detector sizes of real receipts, recogniser batches of every
width bucket and row count, and so on), in a seeded random order, one run at a time. Prints a
table: RSS after the session is created, after a third of the runs, at the end, the peak, and
the mean run time, so a setting's memory and its latency cost come from the same shapes.

``--batches`` replaces the random shapes with these batch sizes in this order (the model's other
dimensions as in SHAPES) and prints the RSS after each run: how a warm-up at load (Triton's
``model_warmup``) sizes the arena, and which later batch still takes it a step up, and each run's
time per row (is a merged batch cheaper per image than the same images one by one?). ``--shape``
fixes the other dimensions, ``--threads`` sets onnxruntime's intra-op threads as the model's
config.pbtxt does (default 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from scripts.stack import MALLOC_ENV

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "model_repository" / "models"
RNG = random.Random(3)

# Detector network sizes of the SROIE receipts (short side 736, long side capped at 2000,
# multiples of 32) and of phone photos: the text service's detection.prepare() produces these.
_DETECTOR_SIZES = [(h, 736) for h in range(1024, 2016, 32)] + [(736, w) for w in (960, 1312, 1376)]
_REC_WIDTHS = [320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2304, 2560]


def bucketed(size: int, buckets: list[int]) -> int:
    """The smallest bucket that holds ``size`` (the largest bucket when none does)."""
    return next((b for b in sorted(buckets) if b >= size), max(buckets))


# model -> a function giving one random input shape (the whole tensor, batch first).
SHAPES: dict[str, Callable[[], tuple[int, ...]]] = {
    "text_detector": lambda: (1, 3, *RNG.choice(_DETECTOR_SIZES)),
    "text_recognizer": lambda: (RNG.randint(1, 32), 3, 48, RNG.choice(_REC_WIDTHS)),
    "text_direction": lambda: (RNG.randint(1, 32), 3, 48, 192),
    "labels_detector": lambda: (RNG.randint(1, 8), 512, 512, 3),
    "labels_classifier": lambda: (RNG.randint(1, 16), 3, 224, 224),
    "moderation_nsfw": lambda: (RNG.randint(1, 16), 224, 224, 3),
    "moderation_nsfwjs": lambda: (RNG.randint(1, 16), 224, 224, 3),
    "face_mesh": lambda: (RNG.randint(1, 32), 192, 192, 3),
    "face_detector": lambda: (1, 3, 640, 640),
    "face_embedder": lambda: (RNG.randint(1, 32), 3, 112, 112),
    "face_age": lambda: (RNG.randint(1, 32), 3, 64, 64),
    "face_gender": lambda: (RNG.randint(1, 32), 3, 32, 32),
    "face_emotion": lambda: (RNG.randint(1, 32), 64, 64, 1),
}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one(model: str, setting: str, runs: int, seed: int, batches: list[int], threads: int = 1) -> dict[str, Any]:
    """In this process: build the session, feed ``runs`` random shapes, report memory and time."""
    sys.path.insert(0, str(ROOT / "model_repository" / "triton_python"))
    import onnxruntime as ort
    from onnx_model import SETTINGS, run_options, session_options

    RNG.seed(seed)
    params = SETTINGS[setting]
    session = ort.InferenceSession(
        str(MODELS / model / "1" / "model.onnx"),
        sess_options=session_options(params, intra_op_threads=threads),
        providers=["CPUExecutionProvider"],
    )
    inputs = session.get_inputs()
    dtype = np.uint8 if "uint8" in inputs[0].type else np.float32
    options = run_options(params)
    created = rss_mb()
    if batches:
        shapes = [(batch, *SHAPES[model]()[1:]) for batch in batches]
        runs = len(shapes)
    else:
        shapes = [SHAPES[model]() for _ in range(runs)]
    first_pass, elapsed, after_each, ms_per_row = 0.0, 0.0, [], []
    for index, shape in enumerate(shapes):
        feeds = {inputs[0].name: np.full(shape, 100, dtype)}
        began = time.perf_counter()
        session.run(None, feeds, options)
        took = time.perf_counter() - began
        elapsed += took
        after_each.append(round(rss_mb()))
        ms_per_row.append(round(1000 * took / shape[0]))
        if index == runs // 3:
            first_pass = rss_mb()
    return {
        "created": created,
        "third": first_pass,
        "end": rss_mb(),
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ms": 1000 * elapsed / runs,
        "after_each": after_each,
        "ms_per_row": ms_per_row,
    }


def _each_run(result: dict[str, Any]) -> str:
    rss = " ".join(map(str, result["after_each"]))
    return f"{rss} MB; {' '.join(map(str, result['ms_per_row']))} ms/row"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default="text_detector,text_recognizer,labels_detector")
    parser.add_argument("--settings", default="", help="comma-separated (default: every setting)")
    parser.add_argument("--runs", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--detector-buckets",
        default="",
        help="pad each detector side to the next of these sizes (e.g. 736,1024,1280,1600,2016), as padded input would",
    )
    parser.add_argument("--batches", default="", help="batch sizes in order instead of random shapes, e.g. 16,16,8")
    parser.add_argument("--shape", default="", help="the dimensions after the batch, fixed, e.g. 3,2016,1408")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    parser.add_argument("--child", nargs=2, metavar=("MODEL", "SETTING"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    batches = [int(b) for b in args.batches.split(",") if b]
    if args.detector_buckets:
        buckets = [int(b) for b in args.detector_buckets.split(",")]
        SHAPES["text_detector"] = lambda: (
            1,
            3,
            *(bucketed(side, buckets) for side in RNG.choice(_DETECTOR_SIZES)),
        )
    if args.shape:
        fixed: tuple[int, ...] = (1, *(int(d) for d in args.shape.split(",")))
        for name in args.models.split(","):
            SHAPES[name] = lambda: fixed
    if args.child:
        model, setting = args.child
        print(json.dumps(one(model, setting, args.runs, args.seed, batches, args.threads)))
        return 0
    sys.path.insert(0, str(ROOT / "model_repository" / "triton_python"))
    from onnx_model import SETTINGS

    settings = [s for s in args.settings.split(",") if s] or list(SETTINGS)
    child_env = {**MALLOC_ENV, **os.environ}  # the allocator settings the stack gives Triton's stubs
    if batches:
        print(f"batches {args.batches} in this order; RSS MB after each run, then ms per row of each run\n")
    else:
        print(f"{args.runs} runs per row, one at a time, shapes as bench/ort_memory.py SHAPES, seed {args.seed}\n")
    print("| model | setting | RSS created MB | after 1/3 | end | peak | growth 1/3→end | mean run ms | each run |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for model in args.models.split(","):
        for setting in settings:
            argv = [sys.executable, "-m", "bench.ort_memory", "--runs", str(args.runs), "--seed", str(args.seed)]
            argv += ["--detector-buckets", args.detector_buckets] if args.detector_buckets else []
            argv += ["--batches", args.batches] if batches else []
            argv += ["--shape", args.shape] if args.shape else []
            argv += ["--threads", str(args.threads)]
            done = subprocess.run(
                [*argv, "--child", model, setting], capture_output=True, text=True, cwd=ROOT, env=child_env
            )
            if done.returncode:
                print(f"| {model} | {setting} | failed: {done.stderr.strip().splitlines()[-1]} ||||||")
                continue
            r = json.loads(done.stdout)
            print(
                f"| {model} | {setting} | {r['created']:.0f} | {r['third']:.0f} | {r['end']:.0f} | {r['peak']:.0f} "
                f"| {100 * (r['end'] - r['third']) / r['third']:+.1f} % | {r['ms']:.1f} "
                f"| {_each_run(r) if batches else ''} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
