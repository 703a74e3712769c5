"""services/common/request.py: the checks every servicer shares, and Triton's answers mapped to reasons."""

from __future__ import annotations

import pytest
from tritonclient.utils import InferenceServerException

from facet.v1 import labels_pb2, text_pb2
from services.common.errors import InvalidArgument
from services.common.request import check_percent, known_enum_values, optional_percent
from services.common.triton import _map_triton_error


def test_unset_is_the_default_and_an_explicit_zero_is_kept() -> None:
    assert optional_percent(labels_pb2.DetectLabelsRequest(), "min_confidence", 55.0) == 55.0
    assert optional_percent(labels_pb2.DetectLabelsRequest(min_confidence=0), "min_confidence", 55.0) == 0.0


@pytest.mark.parametrize("value", [-0.5, 100.01, float("nan"), float("inf"), float("-inf")])
def test_out_of_range_names_the_nested_field(value: float) -> None:
    word = text_pb2.DetectionFilter(min_confidence=value)
    with pytest.raises(InvalidArgument) as caught:
        optional_percent(word, "min_confidence", 80.0, field="filters.word_filter.min_confidence")
    assert (caught.value.reason, caught.value.metadata) == (
        "INVALID_PARAMETER",
        {"field": "filters.word_filter.min_confidence"},
    )


def test_check_percent_bounds_are_inclusive() -> None:
    assert check_percent(0.0, "x") == 0.0 and check_percent(100.0, "x") == 100.0


def test_unknown_enum_value_names_its_field() -> None:
    assert known_enum_values([1, 2, 2], {1, 2}, "features", "A or B") == {1, 2}
    with pytest.raises(InvalidArgument) as caught:
        known_enum_values([0], {1, 2}, "features", "A or B")
    assert caught.value.metadata == {"field": "features"}


@pytest.mark.parametrize(
    ("message", "status", "reason"),
    [
        ("Request for unknown model: 'face_detector' is not found", "StatusCode.NOT_FOUND", "MODEL_NOT_READY"),
        ("Request for unknown model: 'x' has no available versions", "StatusCode.UNAVAILABLE", "MODEL_NOT_READY"),
        ("failed to connect to all addresses", "StatusCode.UNAVAILABLE", "INFERENCE_UNAVAILABLE"),
        ("Deadline Exceeded", "StatusCode.DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED"),
        ("boom", "StatusCode.INTERNAL", "INTERNAL"),
    ],
)
def test_triton_answers_map_to_documented_reasons(message: str, status: str, reason: str) -> None:
    assert _map_triton_error("face_detector", InferenceServerException(message, status=status)).reason == reason  # type: ignore[attr-defined]
