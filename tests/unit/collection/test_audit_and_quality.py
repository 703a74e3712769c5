"""Audit records (services/common/audit.py) and the quality filter levels (services/collection/quality_filter.py)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import numpy as np
import pytest

from facet.v1 import collections_pb2 as pb
from services.collection import quality_filter
from services.common import audit
from services.common.errors import InvalidArgument
from services.faces.pipeline import FaceResult
from services.faces.pose import Pose
from services.faces.quality import FaceQuality


class Reply:
    def __init__(self, matches: int):
        self.face_matches = [object()] * matches


def test_audited_writes_one_record_per_call_success_or_failure(tmp_path: Path) -> None:
    sink = audit.open_sink(str(tmp_path / "a" / "audit.jsonl"), "test")
    metadata = [("x-user-id", "bob"), ("x-request-id", "r-1"), ("authorization", "secret")]

    async def ok() -> Reply:
        return Reply(3)

    async def fails() -> Reply:
        raise InvalidArgument("bad", reason="NO_FACE_IN_IMAGE")

    assert asyncio.run(audit.audited(sink, "SearchFaces", metadata, ok, collection_id="c", threshold=90, max_faces=5))
    with pytest.raises(InvalidArgument):
        asyncio.run(audit.audited(sink, "SearchFacesByImage", [], fails, collection_id="c", threshold=80))
    sink.close()
    first, second = (json.loads(line) for line in (tmp_path / "a" / "audit.jsonl").read_text().splitlines())
    assert (first["operation"], first["caller"], first["request_id"], first["matches"], first["status"]) == (
        "SearchFaces",
        "bob",
        "r-1",
        3,
        "OK",
    )
    assert (first["threshold"], first["max_faces"], first["collection_id"]) == (90.0, 5, "c")
    assert (second["caller"], second["matches"], second["status"]) == ("", 0, "NO_FACE_IN_IMAGE")
    assert "secret" not in json.dumps([first, second])  # only the named identity headers are kept


def test_caller_header_preference_and_sinks() -> None:
    assert audit.request_identity([("x-user-id", "u"), ("x-facet-caller", "svc")]) == ("svc", "")
    assert isinstance(audit.open_sink("off", "x"), audit.NullSink)
    assert isinstance(audit.open_sink("-", "x"), audit.LogSink)


def face(*, confidence=99.0, side=120.0, yaw=0.0, pitch=0.0, brightness=50.0, sharpness=70.0) -> FaceResult:
    return FaceResult(
        box=(10.0, 10.0, side, side),
        landmarks=np.zeros((5, 2), np.float32),
        confidence=confidence,
        pose=Pose(roll=0.0, yaw=yaw, pitch=pitch),
        quality=FaceQuality(brightness=brightness, sharpness=sharpness),
        chip=np.zeros((112, 112, 3), np.uint8),
    )


def test_quality_levels() -> None:
    auto = quality_filter.limits_for(pb.QUALITY_FILTER_AUTO)
    assert auto == quality_filter.limits_for(pb.QUALITY_FILTER_MEDIUM)
    assert quality_filter.limits_for(pb.QUALITY_FILTER_UNSPECIFIED) == auto
    assert quality_filter.reasons(face(), auto) == []
    bad = face(confidence=70, side=20, yaw=50, brightness=10, sharpness=5)
    assert set(quality_filter.reasons(bad, auto)) == {
        pb.UNINDEXED_REASON_LOW_CONFIDENCE,
        pb.UNINDEXED_REASON_SMALL_BOUNDING_BOX,
        pb.UNINDEXED_REASON_EXTREME_POSE,
        pb.UNINDEXED_REASON_LOW_BRIGHTNESS,
        pb.UNINDEXED_REASON_LOW_SHARPNESS,
    }
    assert quality_filter.reasons(bad, quality_filter.limits_for(pb.QUALITY_FILTER_NONE)) == []
    assert quality_filter.reasons(face(brightness=97), auto) == [pb.UNINDEXED_REASON_LOW_FACE_QUALITY]
    # Stricter levels reject a superset of what looser ones reject.
    middling = face(confidence=80, side=40, yaw=35, brightness=25, sharpness=25)
    low, high = (quality_filter.limits_for(level) for level in (pb.QUALITY_FILTER_LOW, pb.QUALITY_FILTER_HIGH))
    assert quality_filter.reasons(middling, low) == [] and quality_filter.reasons(middling, auto) == []
    assert len(quality_filter.reasons(middling, high)) == 5
    with pytest.raises(InvalidArgument):
        quality_filter.limits_for(99)


def test_non_finite_threshold_still_gives_valid_json() -> None:
    entry = audit.record("SearchFaces", (), threshold=float("nan"), max_faces=1, matches=0, status="INVALID_PARAMETER")
    json.loads(json.dumps(entry, allow_nan=False))  # strict JSON: no NaN literal
    assert entry["threshold"] == "nan"
