"""DetectLabels latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.labels_latency [--requests 60] [--concurrency 4] [--images DIR]

The in-process side runs the very same LabelPipeline (decode, pre-processing, post-processing)
with onnxruntime sessions in this process instead of Triton (harness: bench/latency.py).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.latency import GATEWAY, IN_PROCESS, ROOT, Call, Endpoints, arguments, compare, load_images
from facet.v1 import common_pb2, labels_pb2, labels_pb2_grpc
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.labels.hierarchy import Hierarchy
from services.labels.pipeline import LabelPipeline


async def main() -> int:
    args = arguments(__doc__ or "", images=ROOT / "tests" / "data" / "labels", requests=60, concurrency=4).parse_args()
    pipeline = LabelPipeline(
        OnnxSession(["labels_classifier", "labels_detector"], threads=args.threads),
        ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
        Hierarchy.load(),
    )
    limits = ImageLimits()

    def calls(endpoints: Endpoints) -> dict[str, Call]:
        stub = labels_pb2_grpc.LabelServiceStub(endpoints.gateway)

        async def via_gateway(data: bytes) -> int:
            request = labels_pb2.DetectLabelsRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectLabels(request, timeout=60)
            return len(reply.labels)

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            merged, _ = await pipeline.analyse(image, 60, labels=True, image_properties=False)
            return len(merged)

        return {IN_PROCESS: in_process, GATEWAY: via_gateway}

    return await compare(args, "labels", "DetectLabels", load_images(args.images), calls)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
