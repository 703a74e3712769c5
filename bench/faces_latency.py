"""DetectFaces latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.faces_latency [--requests 200] [--concurrency 8] [--images DIR] [--all]

--all asks for FACE_ATTRIBUTE_ALL (age, gender, emotions, smile, eyes/mouth open, 30 landmarks):
one more Triton call per image, to the face_attributes ensemble (in-process: the same four networks).

The in-process side runs the very same FacePipeline (decode, pre-processing, post-processing)
with onnxruntime sessions in this process instead of Triton (harness: bench/latency.py). Two
intermediate paths split the difference: the same FacePipeline in this process with its
networks on Triton (the cost of Triton itself), and the faces service called directly (the
cost of the service's gRPC layer; the rest up to the gateway path is the gateway's hop).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.latency import (
    DIRECT,
    GATEWAY,
    IN_PROCESS,
    PIPELINE_ON_TRITON,
    ROOT,
    Call,
    Endpoints,
    arguments,
    compare,
    load_images,
)
from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.common.triton import TritonSession
from services.faces.face_attributes import ALL, Wanted
from services.faces.pipeline import FacePipeline


async def main() -> int:
    parser = arguments(__doc__ or "", images=ROOT / "tests" / "data", requests=200, concurrency=8)
    parser.add_argument("--all", action="store_true", help="ask for FACE_ATTRIBUTE_ALL")
    args = parser.parse_args()
    wanted = ALL if args.all else Wanted()
    attributes = [faces_pb2.FACE_ATTRIBUTE_ALL] if args.all else []
    executor = ThreadPoolExecutor(4, thread_name_prefix="bench")
    models = ["face_detector", "face_attributes"] if args.all else ["face_detector"]
    in_process = FacePipeline(OnnxSession(models, threads=args.threads), executor)
    limits = ImageLimits()

    def calls(endpoints: Endpoints) -> dict[str, Call]:
        def pipeline_call(pipeline: FacePipeline) -> Call:
            async def call(data: bytes) -> int:
                image = await pipeline.run_blocking(decode_image, data, limits)
                return len(await pipeline.analyse(image, 60, wanted))

            return call

        def service_call(stub: faces_pb2_grpc.FaceServiceStub) -> Call:
            async def call(data: bytes) -> int:
                request = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=data), attributes=attributes)
                return len((await stub.DetectFaces(request, timeout=60)).face_details)

            return call

        paths = {IN_PROCESS: pipeline_call(in_process)}
        if endpoints.triton_url:
            paths[PIPELINE_ON_TRITON] = pipeline_call(FacePipeline(TritonSession(endpoints.triton_url), executor))
        if endpoints.service:
            paths[DIRECT] = service_call(faces_pb2_grpc.FaceServiceStub(endpoints.service))
        paths[GATEWAY] = service_call(faces_pb2_grpc.FaceServiceStub(endpoints.gateway))
        return paths

    return await compare(args, "faces", "DetectFaces", load_images(args.images), calls)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
