"""ModerationService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import grpc

from facet.v1 import moderation_pb2, moderation_pb2_grpc
from services.common.request import PipelineServicer, optional_percent
from services.moderation.pipeline import ModerationPipeline

# Amazon Rekognition's default for DetectModerationLabels.
DEFAULT_MIN_CONFIDENCE = 50.0


class ModerationServicer(PipelineServicer[ModerationPipeline], moderation_pb2_grpc.ModerationServiceServicer):
    async def DetectModerationLabels(
        self, request: moderation_pb2.DetectModerationLabelsRequest, context: grpc.aio.ServicerContext
    ) -> moderation_pb2.DetectModerationLabelsResponse:
        min_confidence = optional_percent(request, "min_confidence", DEFAULT_MIN_CONFIDENCE)
        image = await self.requests.image(request.image)
        found = await self.pipeline.detect(image, self.requests.deadline_s(context), min_confidence)
        return moderation_pb2.DetectModerationLabelsResponse(
            moderation_labels=[
                moderation_pb2.ModerationLabel(
                    name=label.name,
                    confidence=label.confidence,
                    parent_name=label.parent,
                    taxonomy_level=label.level,
                )
                for label in found.labels
            ],
            moderation_model_version=self.pipeline.taxonomy.model_version(),
            content_types=[
                moderation_pb2.ContentType(name=c.name, confidence=c.confidence) for c in found.content_types
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
