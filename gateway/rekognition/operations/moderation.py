"""facet.v1.ModerationService: DetectModerationLabels (the generic conversion suffices)."""

from __future__ import annotations

from facet.v1 import moderation_pb2
from gateway.rekognition.operations.base import Operation

OPERATIONS = (
    Operation(
        "DetectModerationLabels",
        "facet.v1.ModerationService",
        moderation_pb2.DetectModerationLabelsRequest,
        moderation_pb2.DetectModerationLabelsResponse,
    ),
)
