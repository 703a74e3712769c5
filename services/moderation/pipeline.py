"""The moderation pipeline: run every enabled model on the image, in one Triton round trip each
(concurrently), and turn their outputs into taxonomy scores: labels and content types.

Decoding and pre-processing are CPU work and run in a bounded thread pool, never on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from services.common.blocking import BlockingWork
from services.common.images import DecodedImage
from services.common.triton import InferenceSession, ModelSpec
from services.moderation import nsfw, nsfwjs, nudenet
from services.moderation.taxonomy import ScoredContentType, ScoredLabel, Taxonomy, select

Pre = Callable[[np.ndarray], np.ndarray]
Post = Callable[[np.ndarray], dict[str, float]]


@dataclass(frozen=True)
class ModelRunner:
    """One network as the pipeline runs it: pre-process, one Triton call, post-process."""

    spec: ModelSpec
    taxonomy_model: str  # the name taxonomy.json's sources use
    input_name: str
    output_name: str
    preprocess: Pre
    postprocess: Post


OPEN_NSFW = ModelRunner(
    nsfw.SPEC, nsfw.TAXONOMY_MODEL, nsfw.INPUT_NAME, nsfw.OUTPUT_NAME, nsfw.preprocess, nsfw.postprocess
)
NSFWJS = ModelRunner(
    nsfwjs.SPEC, nsfwjs.TAXONOMY_MODEL, nsfwjs.INPUT_NAME, nsfwjs.OUTPUT_NAME, nsfwjs.preprocess, nsfwjs.postprocess
)
NUDENET = ModelRunner(
    nudenet.SPEC,
    nudenet.TAXONOMY_MODEL,
    nudenet.INPUT_NAME,
    nudenet.OUTPUT_NAME,
    nudenet.preprocess,
    nudenet.postprocess,
)


def enabled_models(use_nudenet: bool) -> tuple[ModelRunner, ...]:
    """open_nsfw and nsfwjs run in every deployment (both permissively licensed); NudeNet is opt-in."""
    return (OPEN_NSFW, NSFWJS, NUDENET) if use_nudenet else (OPEN_NSFW, NSFWJS)


def required_models(use_nudenet: bool) -> tuple[ModelSpec, ...]:
    """The Triton models the service needs: open_nsfw and nsfwjs, and NudeNet when it is enabled."""
    return tuple(m.spec for m in enabled_models(use_nudenet))


@dataclass(frozen=True)
class Moderation:
    labels: list[ScoredLabel]  # the served taxonomy's labels, parents first
    content_types: list[ScoredContentType]  # its content types, highest first


class ModerationPipeline(BlockingWork):
    def __init__(self, session: InferenceSession, executor: Executor, taxonomy: Taxonomy, *, use_nudenet: bool):
        self.session = session
        self.executor = executor
        self.use_nudenet = use_nudenet
        self.models = enabled_models(use_nudenet)
        # Only labels the enabled models can produce are ever listed or returned.
        self.taxonomy = taxonomy.restricted_to({m.taxonomy_model for m in self.models})

    async def detect(self, image: DecodedImage, timeout_s: float, min_confidence: float) -> Moderation:
        """DetectModerationLabels: the labels (parents first) and content types at or above
        ``min_confidence`` (0–100)."""
        found = await self.moderate(image, timeout_s)
        return Moderation(select(found.labels, min_confidence), select(found.content_types, min_confidence))

    async def moderate(self, image: DecodedImage, timeout_s: float) -> Moderation:
        """Every label and content type of the (restricted) taxonomy with its confidence."""
        scores = await self.model_scores(image, timeout_s)
        return Moderation(self.taxonomy.score(scores), self.taxonomy.score_content_types(scores))

    async def model_scores(self, image: DecodedImage, timeout_s: float) -> dict[str, dict[str, float]]:
        """Each enabled model's raw outputs, {taxonomy model name: {output: score 0-1}}, before
        the taxonomy merges them (bench/moderation_eval.py --per-model reads these)."""
        results = await asyncio.gather(*(self._run(model, image, timeout_s) for model in self.models))
        return {model.taxonomy_model: outputs for model, outputs in zip(self.models, results, strict=True)}

    async def labels(self, image: DecodedImage, timeout_s: float) -> list[ScoredLabel]:
        """Every label of the (restricted) taxonomy with its confidence, parents first."""
        return (await self.moderate(image, timeout_s)).labels

    async def _run(self, model: ModelRunner, image: DecodedImage, timeout_s: float) -> dict[str, float]:
        name = model.spec.name
        tensor = await self._timed(f"{name}_pre", model.preprocess, image.bgr)
        outputs = await self.session.infer(
            name, {model.input_name: tensor[None]}, [model.output_name], timeout_s=timeout_s
        )
        return await self._timed(f"{name}_post", model.postprocess, outputs[model.output_name][0])
