"""facet.v1.TextService: DetectText (names and shapes line up: the generic conversion suffices)."""

from __future__ import annotations

from facet.v1 import text_pb2
from gateway.rekognition.operations.base import Operation

OPERATIONS = (Operation("DetectText", "facet.v1.TextService", text_pb2.DetectTextRequest, text_pb2.DetectTextResponse),)
