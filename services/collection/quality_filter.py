"""Which detected faces are good enough to index or search with (IndexFaces' QualityFilter).

Each level is a set of limits on what the face pipeline measures for every face. A face gets one
reason per limit it breaks. The numbers are documented in docs/collections.md; they were chosen
from the pipeline's measured ranges (services/faces/quality.py: sharp LFW faces score ~74
sharpness, blur of sigma 1/2/4 chip pixels ~50/25/10; services/faces/pose.py: pose is good to a
few degrees near frontal and rough past ~45 degrees) and were not tuned on an identification
benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from facet.v1 import collections_pb2 as pb
from services.common.errors import InvalidArgument
from services.faces.pipeline import FaceResult


@dataclass(frozen=True)
class Limits:
    min_confidence: float  # detection confidence, 0–100
    min_box_side: float  # shorter side of the face box, image pixels
    max_yaw: float  # degrees, absolute
    max_pitch: float  # degrees, absolute
    min_brightness: float  # 0–100
    max_brightness: float  # 0–100; above: over-exposed (LOW_FACE_QUALITY)
    min_sharpness: float  # 0–100


LEVELS: Final[dict[int, Limits | None]] = {
    pb.QUALITY_FILTER_NONE: None,
    pb.QUALITY_FILTER_LOW: Limits(60.0, 20.0, 60.0, 45.0, 10.0, 98.0, 10.0),
    pb.QUALITY_FILTER_MEDIUM: Limits(75.0, 32.0, 45.0, 30.0, 20.0, 95.0, 20.0),
    pb.QUALITY_FILTER_HIGH: Limits(90.0, 64.0, 30.0, 20.0, 30.0, 90.0, 35.0),
}
LEVELS[pb.QUALITY_FILTER_AUTO] = LEVELS[pb.QUALITY_FILTER_MEDIUM]
LEVELS[pb.QUALITY_FILTER_UNSPECIFIED] = LEVELS[pb.QUALITY_FILTER_MEDIUM]


def limits_for(level: int) -> Limits | None:
    if level not in LEVELS:
        raise InvalidArgument(f"unknown quality_filter {level}", metadata={"field": "quality_filter"})
    return LEVELS[level]


def reasons(face: FaceResult, limits: Limits | None) -> list[pb.UnindexedReason]:
    """UnindexedReason values for one face (empty: the face passes)."""
    if limits is None:
        return []
    found: list[pb.UnindexedReason] = []
    if abs(face.pose.yaw) > limits.max_yaw or abs(face.pose.pitch) > limits.max_pitch:
        found.append(pb.UNINDEXED_REASON_EXTREME_POSE)
    if face.quality.brightness < limits.min_brightness:
        found.append(pb.UNINDEXED_REASON_LOW_BRIGHTNESS)
    if face.quality.sharpness < limits.min_sharpness:
        found.append(pb.UNINDEXED_REASON_LOW_SHARPNESS)
    if face.confidence < limits.min_confidence:
        found.append(pb.UNINDEXED_REASON_LOW_CONFIDENCE)
    if min(face.box[2], face.box[3]) < limits.min_box_side:
        found.append(pb.UNINDEXED_REASON_SMALL_BOUNDING_BOX)
    if face.quality.brightness > limits.max_brightness:
        found.append(pb.UNINDEXED_REASON_LOW_FACE_QUALITY)
    return found
