"""DetectModerationLabels latency and throughput: through the gateway vs the same networks in-process.

    .venv/bin/python -m bench.moderation_latency [--requests 100] [--concurrency 8] [--images DIR]
    FACET_MODERATION_NUDENET=1 .venv/bin/python -m bench.moderation_latency   # with NudeNet (build it first)

The in-process side runs the very same ModerationPipeline (decode, pre-processing, taxonomy)
with onnxruntime sessions in this process instead of Triton (harness: bench/latency.py).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.latency import GATEWAY, IN_PROCESS, ROOT, Call, Endpoints, arguments, compare, load_images
from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.moderation.pipeline import ModerationPipeline, enabled_models
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import Taxonomy


async def main() -> int:
    args = arguments(__doc__ or "", images=ROOT / "tests" / "data", requests=100, concurrency=8).parse_args()
    use_nudenet = ModerationSettings().moderation_nudenet  # FACET_MODERATION_NUDENET, as the service reads it
    models = [m.spec.name for m in enabled_models(use_nudenet)]
    pipeline = ModerationPipeline(
        OnnxSession(models, threads=args.threads),
        ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench"),
        Taxonomy.load(),
        use_nudenet=use_nudenet,
    )
    limits = ImageLimits()

    def calls(endpoints: Endpoints) -> dict[str, Call]:
        stub = moderation_pb2_grpc.ModerationServiceStub(endpoints.gateway)

        async def via_gateway(data: bytes) -> int:
            request = moderation_pb2.DetectModerationLabelsRequest(image=common_pb2.Image(bytes=data))
            reply = await stub.DetectModerationLabels(request, timeout=60)
            return len(reply.moderation_labels)

        async def in_process(data: bytes) -> int:
            image = await pipeline.run_blocking(decode_image, data, limits)
            return len([x for x in await pipeline.labels(image, timeout_s=60) if x.confidence >= 50.0])

        return {IN_PROCESS: in_process, GATEWAY: via_gateway}

    title = f"DetectModerationLabels ({pipeline.taxonomy.model_version()})"
    return await compare(args, "moderation", title, load_images(args.images), calls)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
