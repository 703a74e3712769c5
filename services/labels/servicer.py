"""LabelService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import grpc

from facet.v1 import common_pb2, labels_pb2, labels_pb2_grpc
from services.common.request import PipelineServicer, invalid_parameter, known_enum_values, optional_percent
from services.labels.hierarchy import Hierarchy
from services.labels.merge import LabelFilters, MergedLabel
from services.labels.pipeline import MODEL_VERSION, LabelPipeline, LabelRequest
from services.labels.properties import ImageProperties
from services.labels.settings import LabelSettings

DEFAULT_MAX_LABELS = 1000
DEFAULT_MIN_CONFIDENCE = 55.0
MAX_FILTER_ENTRIES = 100


class LabelServicer(PipelineServicer[LabelPipeline], labels_pb2_grpc.LabelServiceServicer):
    def __init__(self, pipeline: LabelPipeline, settings: LabelSettings):
        super().__init__(pipeline, settings)
        self.hierarchy: Hierarchy = pipeline.hierarchy

    async def DetectLabels(
        self, request: labels_pb2.DetectLabelsRequest, context: grpc.aio.ServicerContext
    ) -> labels_pb2.DetectLabelsResponse:
        asked = parse_request(request)  # every field is checked before the image is decoded
        image = await self.requests.image(request.image)
        chosen, props = await self.pipeline.detect_labels(image, self.requests.deadline_s(context), asked)
        response = labels_pb2.DetectLabelsResponse(
            labels=[self.label_message(entry) for entry in chosen], label_model_version=MODEL_VERSION
        )
        if props is not None:
            response.image_properties.CopyFrom(properties_message(props))
        return response

    def label_message(self, entry: MergedLabel) -> labels_pb2.Label:
        info = self.hierarchy.labels[entry.name]
        return labels_pb2.Label(
            name=entry.name,
            confidence=entry.confidence,
            instances=[
                labels_pb2.LabelInstance(
                    bounding_box=common_pb2.BoundingBox(left=d.box[0], top=d.box[1], width=d.box[2], height=d.box[3]),
                    confidence=d.confidence,
                )
                for d in entry.instances
            ],
            parents=[labels_pb2.LabelParent(name=p) for p in info.parents],
            aliases=[labels_pb2.LabelAlias(name=a) for a in info.aliases],
            categories=[labels_pb2.LabelCategory(name=c) for c in info.categories],
        )


def parse_request(request: labels_pb2.DetectLabelsRequest) -> LabelRequest:
    want_labels, want_properties = parse_features(request.features)
    return LabelRequest(
        labels=want_labels,
        image_properties=want_properties,
        min_confidence=parse_min_confidence(request),
        max_labels=parse_max_labels(request.max_labels),
        filters=parse_filters(request.settings),
    )


def parse_features(features: list[int]) -> tuple[bool, bool]:
    """(labels wanted, image properties wanted). Empty → labels only."""
    known = set(labels_pb2.LabelFeature.values()) - {labels_pb2.LABEL_FEATURE_UNSPECIFIED}
    wanted = known_enum_values(features, known, "features", "GENERAL_LABELS or IMAGE_PROPERTIES")
    if not wanted:
        return True, False
    return labels_pb2.LABEL_FEATURE_GENERAL_LABELS in wanted, labels_pb2.LABEL_FEATURE_IMAGE_PROPERTIES in wanted


def parse_max_labels(value: int) -> int:
    if value < 0:
        raise invalid_parameter(f"max_labels must be >= 0, got {value}", "max_labels")
    return value or DEFAULT_MAX_LABELS


def parse_min_confidence(request: labels_pb2.DetectLabelsRequest) -> float:
    return optional_percent(request, "min_confidence", DEFAULT_MIN_CONFIDENCE)


def parse_filters(settings: labels_pb2.DetectLabelsSettings) -> LabelFilters:
    lists = {
        "label_inclusion_filters": settings.label_inclusion_filters,
        "label_exclusion_filters": settings.label_exclusion_filters,
        "label_category_inclusion_filters": settings.label_category_inclusion_filters,
        "label_category_exclusion_filters": settings.label_category_exclusion_filters,
    }
    for name, values in lists.items():
        if len(values) > MAX_FILTER_ENTRIES:
            raise invalid_parameter(
                f"{name} holds {len(values)} entries; at most {MAX_FILTER_ENTRIES}", f"settings.{name}"
            )
    for kind in ("label", "label_category"):
        if lists[f"{kind}_inclusion_filters"] and lists[f"{kind}_exclusion_filters"]:
            raise invalid_parameter(
                f"set either {kind}_inclusion_filters or {kind}_exclusion_filters, not both",
                f"settings.{kind}_exclusion_filters",
            )

    def lower(values: object) -> frozenset[str]:
        return frozenset(str(v).strip().lower() for v in values)  # type: ignore[attr-defined]

    return LabelFilters(
        include=lower(settings.label_inclusion_filters),
        exclude=lower(settings.label_exclusion_filters),
        include_categories=lower(settings.label_category_inclusion_filters),
        exclude_categories=lower(settings.label_category_exclusion_filters),
    )


def properties_message(props: ImageProperties) -> labels_pb2.ImageProperties:
    return labels_pb2.ImageProperties(
        quality=labels_pb2.ImagePropertiesQuality(
            brightness=props.brightness, sharpness=props.sharpness, contrast=props.contrast
        ),
        dominant_colors=[
            labels_pb2.DominantColor(
                red=c.rgb[0],
                green=c.rgb[1],
                blue=c.rgb[2],
                hex_code=c.hex_code,
                pixel_percent=100.0 * c.share,
                simplified_color_name=c.name,
            )
            for c in props.colors
        ],
    )
