"""DetectText latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.text_latency [--requests 40] [--concurrency 8] [--images DIR [--limit N]]

The in-process side runs the very same TextPipeline (decode, detection post-processing, crops,
CTC decoding) on onnxruntime sessions in this process instead of Triton (harness:
bench/latency.py). Without --images it uses three rendered signs (640 px wide, 3 lines each),
which need no eval data.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np

from bench.latency import GATEWAY, IN_PROCESS, Call, Endpoints, arguments, compare, load_images
from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.text import layout
from services.text.pipeline import REQUIRED_MODELS, TextPipeline


def rendered_signs() -> list[bytes]:
    texts = [
        ["FRESH MILK 2.49", "BROWN BREAD 1.89", "TOTAL 4.38"],
        ["PARKING ONLY", "Exit 12B", "Mon-Fri 8am-6pm"],
        ["Quality Street 42", "OPEN 9AM TO 5PM", "Tel 0123 456 789"],
    ]
    images = []
    for lines in texts:
        image = np.full((240, 640, 3), 255, np.uint8)
        for i, line in enumerate(lines):
            cv2.putText(image, line, (24, 60 + 70 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (20, 20, 20), 3, cv2.LINE_AA)
        images.append(cv2.imencode(".png", image)[1].tobytes())
    return images


async def main() -> int:
    parser = arguments(__doc__ or "", images=None, requests=40, concurrency=8)
    parser.add_argument("--limit", type=int, default=0, help="first N images of --images")
    args = parser.parse_args()
    if args.images:
        images, title = load_images(args.images, args.limit), f"DetectText ({args.images})"
    else:
        images, title = rendered_signs(), "DetectText (rendered signs, 640×240, 3 lines each)"
    pipeline = TextPipeline(
        OnnxSession([m.name for m in REQUIRED_MODELS], threads=args.threads),
        ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
    )
    limits = ImageLimits()

    def calls(endpoints: Endpoints) -> dict[str, Call]:
        stub = text_pb2_grpc.TextServiceStub(endpoints.gateway)

        async def via_gateway(data: bytes) -> int:
            request = text_pb2.DetectTextRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectText(request, timeout=300)
            return len(reply.text_detections)

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            return len(layout.apply_filters(await pipeline.read(image, 300), layout.Filters()))

        return {IN_PROCESS: in_process, GATEWAY: via_gateway}

    return await compare(args, "text", title, images, calls)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
