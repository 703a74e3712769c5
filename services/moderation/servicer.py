"""ModerationService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import math

import grpc

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.errors import InvalidArgument
from services.common.images import DecodedImage, ImageLimits, decode_image
from services.moderation.pipeline import ModerationPipeline, deadline_s
from services.moderation.settings import ModerationSettings
from services.moderation.taxonomy import select

# Amazon Rekognition's default for DetectModerationLabels (DESIGN.md: moderation 50).
DEFAULT_MIN_CONFIDENCE = 50.0


class ModerationServicer(moderation_pb2_grpc.ModerationServiceServicer):
    def __init__(self, pipeline: ModerationPipeline, settings: ModerationSettings):
        self.pipeline = pipeline
        self.settings = settings
        self.limits = ImageLimits(settings.max_image_bytes, settings.min_image_side, settings.max_image_side)

    async def DetectModerationLabels(
        self, request: moderation_pb2.DetectModerationLabelsRequest, context: grpc.aio.ServicerContext
    ) -> moderation_pb2.DetectModerationLabelsResponse:
        min_confidence = min_confidence_of(request)
        image = await self._decode(request.image, "image")
        timeout = deadline_s(context, self.settings.default_deadline_s)
        result = await self.pipeline.moderate(image, timeout)
        return moderation_pb2.DetectModerationLabelsResponse(
            moderation_labels=[
                moderation_pb2.ModerationLabel(
                    name=label.name,
                    confidence=label.confidence,
                    parent_name=label.parent,
                    taxonomy_level=label.level,
                )
                for label in select(result.labels, min_confidence)
            ],
            moderation_model_version=self.pipeline.taxonomy.model_version(),
            content_types=[
                moderation_pb2.ContentType(name=c.name, confidence=c.confidence)
                for c in select(result.content_types, min_confidence)
            ],
        )

    async def DescribeModerationTaxonomy(
        self, request: moderation_pb2.DescribeModerationTaxonomyRequest, context: grpc.aio.ServicerContext
    ) -> moderation_pb2.DescribeModerationTaxonomyResponse:
        taxonomy = self.pipeline.taxonomy
        ordered = sorted(taxonomy.labels, key=lambda label: label.level)  # stable: file order within a level
        return moderation_pb2.DescribeModerationTaxonomyResponse(
            labels=[
                moderation_pb2.ModerationTaxonomyEntry(
                    name=label.name,
                    parent_name=label.parent,
                    taxonomy_level=label.level,
                    description=label.description,
                )
                for label in ordered
            ],
            moderation_model_version=taxonomy.model_version(),
            content_types=[
                moderation_pb2.ModerationContentTypeEntry(name=c.name, description=c.description)
                for c in taxonomy.content_types
            ],
        )

    async def _decode(self, image: common_pb2.Image, field: str) -> DecodedImage:
        if not image.HasField("bytes"):
            raise InvalidArgument(f"{field}.bytes is required", reason="INVALID_PARAMETER", metadata={"field": field})
        return await self.pipeline.run_blocking(decode_image, image.bytes, self.limits, field=field)


def min_confidence_of(request: moderation_pb2.DetectModerationLabelsRequest) -> float:
    """The request's threshold (0-100), or the default when unset; NaN and out-of-range are refused."""
    if not request.HasField("min_confidence"):
        return DEFAULT_MIN_CONFIDENCE
    value = float(request.min_confidence)
    if math.isnan(value) or not 0.0 <= value <= 100.0:
        raise InvalidArgument(
            f"min_confidence must be in [0, 100], got {value}",
            reason="INVALID_PARAMETER",
            metadata={"field": "min_confidence"},
        )
    return value
