"""DetectFaces latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.faces_latency [--requests 200] [--concurrency 8] [--images DIR]

The in-process side runs the very same FacePipeline (decode, pre-processing, post-processing)
with onnxruntime sessions in this process instead of Triton (harness: bench/latency.py).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import grpc

from bench.inprocess import OnnxSession
from bench.latency import GATEWAY, IN_PROCESS, ROOT, Call, arguments, compare, load_images
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common.images import ImageLimits, decode_image
from services.faces.pipeline import FacePipeline


async def main() -> int:
    args = arguments(__doc__ or "", images=ROOT / "tests" / "data", requests=200, concurrency=8).parse_args()
    pipeline = FacePipeline(
        OnnxSession(["face_detector"], threads=args.threads), ThreadPoolExecutor(4, thread_name_prefix="bench")
    )
    limits = ImageLimits()

    def calls(channel: grpc.aio.Channel) -> dict[str, Call]:
        stub = faces_pb2_grpc.FaceServiceStub(channel)

        async def via_gateway(data: bytes) -> int:
            reply = await stub.DetectFaces(faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=data)), timeout=60)
            return len(reply.face_details)

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            return len(await pipeline.analyse(image, timeout_s=60))

        return {IN_PROCESS: in_process, GATEWAY: via_gateway}

    return await compare(args, "faces", "DetectFaces", load_images(args.images), calls)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
