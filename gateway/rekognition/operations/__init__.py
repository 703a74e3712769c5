"""One mapping module per Facet service; together they define every operation this endpoint serves."""

from __future__ import annotations

from gateway.rekognition.operations import face_collections, faces, labels, moderation, text
from gateway.rekognition.operations.base import Operation

OPERATIONS: dict[str, Operation] = {
    op.name: op
    for module in (faces, labels, text, moderation, face_collections)
    for op in module.OPERATIONS
}
