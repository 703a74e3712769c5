"""Request validation of DetectModerationLabels (min_confidence)."""

from __future__ import annotations

import pytest

from facet.v1 import moderation_pb2
from services.common.errors import InvalidArgument
from services.moderation.servicer import DEFAULT_MIN_CONFIDENCE, min_confidence_of


def test_unset_min_confidence_is_the_rekognition_default() -> None:
    assert min_confidence_of(moderation_pb2.DetectModerationLabelsRequest()) == DEFAULT_MIN_CONFIDENCE == 50.0


@pytest.mark.parametrize("value", [0.0, 12.5, 100.0])
def test_explicit_values_are_kept_including_zero(value: float) -> None:
    assert min_confidence_of(moderation_pb2.DetectModerationLabelsRequest(min_confidence=value)) == value


@pytest.mark.parametrize("value", [-0.5, 100.01, float("nan"), float("inf")])
def test_out_of_range_is_invalid_parameter(value: float) -> None:
    with pytest.raises(InvalidArgument) as caught:
        min_confidence_of(moderation_pb2.DetectModerationLabelsRequest(min_confidence=value))
    assert caught.value.reason == "INVALID_PARAMETER"
    assert caught.value.metadata == {"field": "min_confidence"}
