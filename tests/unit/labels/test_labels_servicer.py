"""Request validation of DetectLabels: defaults and INVALID_PARAMETER with the offending field."""

from __future__ import annotations

import pytest

from facet.v1 import labels_pb2
from services.common.errors import InvalidArgument
from services.labels.servicer import parse_features, parse_filters, parse_max_labels, parse_min_confidence


def test_defaults() -> None:
    request = labels_pb2.DetectLabelsRequest()
    assert parse_features(request.features) == (True, False)
    assert parse_max_labels(request.max_labels) == 1000
    assert parse_min_confidence(request) == 55.0
    assert parse_filters(request.settings).include == frozenset()


def test_explicit_zero_min_confidence_is_kept() -> None:
    assert parse_min_confidence(labels_pb2.DetectLabelsRequest(min_confidence=0)) == 0.0


def test_features_properties_only() -> None:
    assert parse_features([labels_pb2.LABEL_FEATURE_IMAGE_PROPERTIES]) == (False, True)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: parse_features([0]), "features"),
        (lambda: parse_features([7]), "features"),
        (lambda: parse_max_labels(-5), "max_labels"),
        (lambda: parse_min_confidence(labels_pb2.DetectLabelsRequest(min_confidence=-1)), "min_confidence"),
        (lambda: parse_min_confidence(labels_pb2.DetectLabelsRequest(min_confidence=float("nan"))), "min_confidence"),
        (
            lambda: parse_filters(
                labels_pb2.DetectLabelsSettings(
                    label_category_inclusion_filters=["Sports"], label_category_exclusion_filters=["Food"]
                )
            ),
            "settings.label_category_exclusion_filters",
        ),
    ],
)
def test_invalid_parameters_name_their_field(call, field: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        call()
    assert caught.value.reason == "INVALID_PARAMETER"
    assert caught.value.metadata["field"] == field


def test_filters_are_case_insensitive() -> None:
    filters = parse_filters(labels_pb2.DetectLabelsSettings(label_inclusion_filters=[" Dog ", "CAT"]))
    assert filters.include == frozenset({"dog", "cat"})
