"""Forward-pass time of each moderation network alone: onnxruntime, one intra-op thread, batch 1.

    .venv/bin/python -m bench.moderation_forward [--runs 40]

What a Triton instance of each model costs per image (config.pbtxt gives each one thread), without
decoding, pre-processing or any hop: for telling which network a request's time goes to.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import onnxruntime as ort

from services.common.onnx_session import MODELS
from services.moderation import nsfw, nsfwjs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    feeds = {
        nsfw.TRITON_MODEL: {nsfw.INPUT_NAME: np.zeros((1, nsfw.CROP, nsfw.CROP, 3), np.float32)},
        nsfwjs.TRITON_MODEL: {nsfwjs.INPUT_NAME: np.zeros((1, 224, 224, 3), np.uint8)},
    }
    for name, feed in feeds.items():
        session = ort.InferenceSession(
            str(MODELS / name / "1" / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        for _ in range(5):
            session.run(None, feed)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            session.run(None, feed)
            times.append(time.perf_counter() - started)
        print(f"{name}: median {1000 * np.median(times):.1f} ms, p90 {1000 * np.percentile(times, 90):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
