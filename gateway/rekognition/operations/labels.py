"""facet.v1.LabelService: DetectLabels."""

from __future__ import annotations

from google.protobuf.message import Message

from facet.v1 import labels_pb2
from gateway.rekognition.convert import to_proto
from gateway.rekognition.operations.base import Operation, Params
from gateway.rekognition.service_model import service

# Rekognition's default for Settings.ImageProperties.MaxDominantColors; Facet returns at most 10.
_DEFAULT_MAX_DOMINANT_COLORS = 10


def _without_settings(params: Params) -> Params:
    return {key: value for key, value in params.items() if key != "Settings"}


def _general_label_filters(params: Params, message: Message) -> None:
    # Rekognition nests the filters one level deeper (Settings.GeneralLabels) than Facet (settings).
    general = params.get("Settings", {}).get("GeneralLabels")
    if general:
        to_proto(general, message.settings, service().shape_for("GeneralLabelsSettings"))  # type: ignore[attr-defined]


def _limit_dominant_colors(response: Params, message: Message, params: Params) -> Params:
    limit = params.get("Settings", {}).get("ImageProperties", {}).get("MaxDominantColors", _DEFAULT_MAX_DOMINANT_COLORS)
    properties = response.get("ImageProperties")
    if properties and "DominantColors" in properties:
        properties["DominantColors"] = properties["DominantColors"][:limit]
    return response


OPERATIONS = (
    Operation(
        "DetectLabels",
        "facet.v1.LabelService",
        labels_pb2.DetectLabelsRequest,
        labels_pb2.DetectLabelsResponse,
        prepare=_without_settings,
        complete=_general_label_filters,
        finish=_limit_dominant_colors,
    ),
)
