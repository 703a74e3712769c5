"""TextService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import math

import grpc
import numpy as np

from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.errors import InvalidArgument
from services.common.images import DecodedImage, ImageLimits, decode_image
from services.text import layout
from services.text.pipeline import MODEL_VERSION, TextPipeline
from services.text.settings import TextSettings

DEFAULT_MIN_CONFIDENCE = 80.0
DEFAULT_MAX_WORDS = 100
MAX_WORDS_LIMIT = 1000
MAX_REGIONS = 10
MAX_POLYGON_POINTS = 100


class TextServicer(text_pb2_grpc.TextServiceServicer):
    def __init__(self, pipeline: TextPipeline, settings: TextSettings):
        self.pipeline = pipeline
        self.settings = settings
        self.limits = ImageLimits(settings.max_image_bytes, settings.min_image_side, settings.max_image_side)

    async def DetectText(
        self, request: text_pb2.DetectTextRequest, context: grpc.aio.ServicerContext
    ) -> text_pb2.DetectTextResponse:
        if not request.image.HasField("bytes"):
            raise InvalidArgument("image.bytes is required", reason="INVALID_PARAMETER", metadata={"field": "image"})
        max_words = parse_max_words(request)
        image = await self.pipeline.run_blocking(decode_image, request.image.bytes, self.limits, field="image")
        filters = parse_filters(request.filters, max_words, image.width, image.height)
        timeout = deadline_s(context, self.settings.default_deadline_s)
        lines = await self.pipeline.read(image, timeout)
        kept = layout.apply_filters(lines, filters)
        return text_pb2.DetectTextResponse(text_detections=detections(kept, image), text_model_version=MODEL_VERSION)


def deadline_s(context: grpc.aio.ServicerContext, default_s: float) -> float:
    """Seconds left for downstream work: the client's deadline if it set one, else the default."""
    remaining = context.time_remaining()
    return default_s if remaining is None else float(remaining)


def _invalid(message: str, field: str) -> InvalidArgument:
    return InvalidArgument(message, reason="INVALID_PARAMETER", metadata={"field": field})


def parse_max_words(request: text_pb2.DetectTextRequest) -> int:
    if not request.HasField("max_words"):
        return DEFAULT_MAX_WORDS
    if not 1 <= request.max_words <= MAX_WORDS_LIMIT:
        raise _invalid(f"max_words must be in [1, {MAX_WORDS_LIMIT}], got {request.max_words}", "max_words")
    return int(request.max_words)


def _ratio(value: float, field: str) -> float:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise _invalid(f"{field} must be a ratio in [0, 1], got {value}", field)
    return float(value)


def parse_filters(filters: text_pb2.DetectTextFilters, max_words: int, width: int, height: int) -> layout.Filters:
    """API filters (ratios) → pixel filters for this image; refuses out-of-range values."""
    word = filters.word_filter
    min_confidence = word.min_confidence if word.HasField("min_confidence") else DEFAULT_MIN_CONFIDENCE
    if not (math.isfinite(min_confidence) and 0.0 <= min_confidence <= 100.0):
        raise _invalid(
            f"min_confidence must be in [0, 100], got {min_confidence}", "filters.word_filter.min_confidence"
        )
    min_height = _ratio(word.min_bounding_box_height, "filters.word_filter.min_bounding_box_height")
    min_width = _ratio(word.min_bounding_box_width, "filters.word_filter.min_bounding_box_width")
    if len(filters.regions_of_interest) > MAX_REGIONS:
        raise _invalid(
            f"at most {MAX_REGIONS} regions_of_interest, got {len(filters.regions_of_interest)}",
            "filters.regions_of_interest",
        )
    regions = tuple(
        region_in_pixels(r, f"filters.regions_of_interest[{i}]", width, height)
        for i, r in enumerate(filters.regions_of_interest)
    )
    return layout.Filters(
        min_confidence=float(min_confidence),
        min_height=min_height * height,
        min_width=min_width * width,
        regions=regions,
        max_words=max_words,
    )


def region_in_pixels(region: text_pb2.RegionOfInterest, field: str, width: int, height: int) -> layout.Region:
    has_box, has_polygon = region.HasField("bounding_box"), len(region.polygon) > 0
    if has_box == has_polygon:
        raise _invalid(f"{field}: set exactly one of bounding_box and polygon", field)
    if has_box:
        box = region.bounding_box
        values = (box.left, box.top, box.width, box.height)
        if not all(math.isfinite(v) for v in values) or box.width <= 0 or box.height <= 0:
            raise _invalid(f"{field}.bounding_box needs finite values and width, height > 0", f"{field}.bounding_box")
        points = [
            (box.left, box.top),
            (box.left + box.width, box.top),
            (box.left + box.width, box.top + box.height),
            (box.left, box.top + box.height),
        ]
    else:
        if not 3 <= len(region.polygon) <= MAX_POLYGON_POINTS:
            raise _invalid(
                f"{field}.polygon needs 3 to {MAX_POLYGON_POINTS} points, got {len(region.polygon)}",
                f"{field}.polygon",
            )
        points = [(p.x, p.y) for p in region.polygon]
        if not all(math.isfinite(x) and math.isfinite(y) for x, y in points):
            raise _invalid(f"{field}.polygon needs finite coordinates", f"{field}.polygon")
    return layout.Region(np.array([(x * width, y * height) for x, y in points], dtype=np.float32))


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
