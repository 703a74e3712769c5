"""The moderation pipeline: run every enabled model on the image, in one Triton round trip each
(concurrently), and turn their outputs into taxonomy scores.

Decoding and pre-processing are CPU work and run in a bounded thread pool, never on the event loop.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from services.common.blocking import BlockingWork
from services.common.images import DecodedImage
from services.common.triton import InferenceSession, ModelSpec
from services.moderation import nsfw, nudenet
from services.moderation.taxonomy import ScoredLabel, Taxonomy, select


def required_models(use_nudenet: bool) -> tuple[ModelSpec, ...]:
    """The Triton models the service needs: open_nsfw, and NudeNet when it is enabled."""
    return (nsfw.SPEC, nudenet.SPEC) if use_nudenet else (nsfw.SPEC,)


class ModerationPipeline(BlockingWork):
    def __init__(self, session: InferenceSession, executor: Executor, taxonomy: Taxonomy, *, use_nudenet: bool):
        self.session = session
        self.executor = executor
        self.use_nudenet = use_nudenet
        models = {nsfw.TAXONOMY_MODEL} | ({nudenet.TAXONOMY_MODEL} if use_nudenet else set())
        # Only labels the enabled models can produce are ever listed or returned.
        self.taxonomy = taxonomy.restricted_to(models)

    async def detect(self, image: DecodedImage, timeout_s: float, min_confidence: float) -> list[ScoredLabel]:
        """DetectModerationLabels: the labels at or above ``min_confidence`` (0–100), parents first."""
        return select(await self.labels(image, timeout_s), min_confidence)

    async def labels(self, image: DecodedImage, timeout_s: float) -> list[ScoredLabel]:
        """Every label of the (restricted) taxonomy with its confidence, parents first."""
        calls = [self._open_nsfw(image, timeout_s)]
        if self.use_nudenet:
            calls.append(self._nudenet(image, timeout_s))
        results = await asyncio.gather(*calls)
        scores = {model: outputs for model, outputs in results}
        return self.taxonomy.score(scores)

    async def _open_nsfw(self, image: DecodedImage, timeout_s: float) -> tuple[str, dict[str, float]]:
        tensor = await self._timed("nsfw_pre", nsfw.preprocess, image.bgr)
        outputs = await self.session.infer(
            nsfw.TRITON_MODEL, {nsfw.INPUT_NAME: tensor[None]}, [nsfw.OUTPUT_NAME], timeout_s=timeout_s
        )
        return nsfw.TAXONOMY_MODEL, nsfw.postprocess(outputs[nsfw.OUTPUT_NAME][0])

    async def _nudenet(self, image: DecodedImage, timeout_s: float) -> tuple[str, dict[str, float]]:
        tensor = await self._timed("nudenet_pre", nudenet.preprocess, image.bgr)
        outputs = await self.session.infer(
            nudenet.TRITON_MODEL, {nudenet.INPUT_NAME: tensor[None]}, [nudenet.OUTPUT_NAME], timeout_s=timeout_s
        )
        return nudenet.TAXONOMY_MODEL, await self._timed(
            "nudenet_post", nudenet.postprocess, outputs[nudenet.OUTPUT_NAME][0]
        )
