"""TextService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import math

import grpc
import numpy as np

from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.images import DecodedImage
from services.common.request import PipelineServicer, invalid_parameter, optional_percent
from services.text import layout
from services.text.pipeline import MODEL_VERSION, TextPipeline

DEFAULT_MIN_CONFIDENCE = 80.0
DEFAULT_MAX_WORDS = 100
MAX_WORDS_LIMIT = 1000
MAX_REGIONS = 10
MAX_POLYGON_POINTS = 100


class TextServicer(PipelineServicer[TextPipeline], text_pb2_grpc.TextServiceServicer):
    async def DetectText(
        self, request: text_pb2.DetectTextRequest, context: grpc.aio.ServicerContext
    ) -> text_pb2.DetectTextResponse:
        # Every field is checked before the image is decoded: a bad filter costs no decoding.
        filters = parse_filters(request.filters, parse_max_words(request))
        image = await self.requests.image(request.image)
        lines = await self.pipeline.detect_text(image, self.requests.deadline_s(context), filters)
        return text_pb2.DetectTextResponse(text_detections=detections(lines, image), text_model_version=MODEL_VERSION)


def parse_max_words(request: text_pb2.DetectTextRequest) -> int:
    if not request.HasField("max_words"):
        return DEFAULT_MAX_WORDS
    if not 1 <= request.max_words <= MAX_WORDS_LIMIT:
        raise invalid_parameter(f"max_words must be in [1, {MAX_WORDS_LIMIT}], got {request.max_words}", "max_words")
    return int(request.max_words)


def _ratio(value: float, field: str) -> float:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise invalid_parameter(f"{field} must be a ratio in [0, 1], got {value}", field)
    return float(value)


def parse_filters(filters: text_pb2.DetectTextFilters, max_words: int) -> layout.RatioFilters:
    """The request's filters, checked; still in ratios (the pipeline scales them to the image)."""
    word = filters.word_filter
    min_confidence = optional_percent(
        word, "min_confidence", DEFAULT_MIN_CONFIDENCE, field="filters.word_filter.min_confidence"
    )
    min_height = _ratio(word.min_bounding_box_height, "filters.word_filter.min_bounding_box_height")
    min_width = _ratio(word.min_bounding_box_width, "filters.word_filter.min_bounding_box_width")
    if len(filters.regions_of_interest) > MAX_REGIONS:
        raise invalid_parameter(
            f"at most {MAX_REGIONS} regions_of_interest, got {len(filters.regions_of_interest)}",
            "filters.regions_of_interest",
        )
    regions = tuple(
        region_polygon(r, f"filters.regions_of_interest[{i}]") for i, r in enumerate(filters.regions_of_interest)
    )
    return layout.RatioFilters(
        min_confidence=min_confidence,
        min_height=min_height,
        min_width=min_width,
        regions=regions,
        max_words=max_words,
    )


def region_polygon(region: text_pb2.RegionOfInterest, field: str) -> np.ndarray:
    """A region of interest as a [K, 2] polygon of (x, y) ratios."""
    has_box, has_polygon = region.HasField("bounding_box"), len(region.polygon) > 0
    if has_box == has_polygon:
        raise invalid_parameter(f"{field}: set exactly one of bounding_box and polygon", field)
    if has_box:
        box = region.bounding_box
        values = (box.left, box.top, box.width, box.height)
        if not all(math.isfinite(v) for v in values) or box.width <= 0 or box.height <= 0:
            raise invalid_parameter(
                f"{field}.bounding_box needs finite values and width, height > 0", f"{field}.bounding_box"
            )
        points = [
            (box.left, box.top),
            (box.left + box.width, box.top),
            (box.left + box.width, box.top + box.height),
            (box.left, box.top + box.height),
        ]
    else:
        if not 3 <= len(region.polygon) <= MAX_POLYGON_POINTS:
            raise invalid_parameter(
                f"{field}.polygon needs 3 to {MAX_POLYGON_POINTS} points, got {len(region.polygon)}",
                f"{field}.polygon",
            )
        points = [(p.x, p.y) for p in region.polygon]
        if not all(math.isfinite(x) and math.isfinite(y) for x, y in points):
            raise invalid_parameter(f"{field}.polygon needs finite coordinates", f"{field}.polygon")
    return np.array(points, dtype=np.float32)


def geometry(item: layout.TextItem, image: DecodedImage) -> text_pb2.TextGeometry:
    w, h = image.width, image.height
    x0, y0, x1, y1 = item.box
    x0, x1 = max(0.0, x0), min(float(w), x1)
    y0, y1 = max(0.0, y0), min(float(h), y1)
    return text_pb2.TextGeometry(
        bounding_box=common_pb2.BoundingBox(left=x0 / w, top=y0 / h, width=(x1 - x0) / w, height=(y1 - y0) / h),
        polygon=[
            text_pb2.TextPoint(x=float(np.clip(x / w, 0, 1)), y=float(np.clip(y / h, 0, 1))) for x, y in item.quad
        ],
    )


def detections(lines: list[layout.Line], image: DecodedImage) -> list[text_pb2.TextDetection]:
    """Lines first (ids 0..L-1, reading order), then their words (ids L.., same order)."""
    out = [
        text_pb2.TextDetection(
            detected_text=line.item.text,
            type=text_pb2.TEXT_TYPE_LINE,
            id=i,
            confidence=line.item.confidence,
            geometry=geometry(line.item, image),
        )
        for i, line in enumerate(lines)
    ]
    next_id = len(lines)
    for line_id, line in enumerate(lines):
        for word in line.words:
            out.append(
                text_pb2.TextDetection(
                    detected_text=word.text,
                    type=text_pb2.TEXT_TYPE_WORD,
                    id=next_id,
                    parent_id=line_id,
                    confidence=word.confidence,
                    geometry=geometry(word, image),
                )
            )
            next_id += 1
    return out
