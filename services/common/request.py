"""Request plumbing every servicer shares, written once: the call's time budget, the image field,
0–100 thresholds and other refusals of a bad field, with the field named as the API promises.

gRPC and proto types stop in the servicers and here: pipelines take plain values (a decoded image,
seconds left, floats).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Generic, TypeVar

import grpc
from google.protobuf.message import Message

from facet.v1 import common_pb2
from services.common.blocking import BlockingWork
from services.common.errors import InvalidArgument
from services.common.images import DecodedImage, ImageLimits, decode_image
from services.common.settings import CommonSettings

PipelineT = TypeVar("PipelineT", bound=BlockingWork)


def invalid_parameter(message: str, field: str) -> InvalidArgument:
    """INVALID_PARAMETER with metadata["field"], as common.proto promises for that reason."""
    return InvalidArgument(message, reason="INVALID_PARAMETER", metadata={"field": field})


def image_limits(settings: CommonSettings) -> ImageLimits:
    return ImageLimits(settings.max_image_bytes, settings.min_image_side, settings.max_image_side)


def deadline_s(context: grpc.aio.ServicerContext, default_s: float) -> float:
    """Seconds left for downstream work: the client's deadline if it set one, else the default."""
    remaining = context.time_remaining()
    return default_s if remaining is None else float(remaining)


def check_percent(value: float, field: str) -> float:
    """A 0–100 score or threshold; NaN and infinities are refused with the rest."""
    if not (math.isfinite(value) and 0.0 <= value <= 100.0):
        raise invalid_parameter(f"{field} must be in [0, 100], got {value}", field)
    return float(value)


def optional_percent(message: Message, name: str, default: float, *, field: str = "") -> float:
    """An optional 0–100 field of ``message``: ``default`` when unset (an explicit 0 is kept).

    ``field`` is the path reported to the client when ``message`` is nested (default: ``name``).
    """
    if not message.HasField(name):
        return default
    return check_percent(getattr(message, name), field or name)


def known_enum_values(values: Iterable[int], known: Iterable[int], field: str, hint: str) -> set[int]:
    """The set of ``values`` if every one is in ``known`` (the enum's values less UNSPECIFIED)."""
    allowed = set(known)
    for value in values:
        if value not in allowed:
            raise invalid_parameter(f"unknown {field} value {value}; use {hint}", field)
    return set(values)


class RequestReader:
    """What every servicer does with a call before its pipeline runs: the time left and the images.

    Decoding runs on ``work``'s thread pool (never on the event loop), with the process's limits.
    """

    def __init__(self, settings: CommonSettings, work: BlockingWork):
        self.limits = image_limits(settings)
        self.default_deadline_s = settings.default_deadline_s
        self.work = work

    def deadline_s(self, context: grpc.aio.ServicerContext) -> float:
        return deadline_s(context, self.default_deadline_s)

    async def image(self, image: common_pb2.Image, field: str = "image") -> DecodedImage:
        if not image.HasField("bytes"):
            raise invalid_parameter(f"{field}.bytes is required", field)
        return await self.work.run_blocking(decode_image, image.bytes, self.limits, field=field)


class PipelineServicer(Generic[PipelineT]):
    """What every servicer holds: its pipeline, and a RequestReader on the pipeline's thread pool.

    Servicers inherit it beside their generated base: ``class X(PipelineServicer[P], XServicer)``.
    """

    def __init__(self, pipeline: PipelineT, settings: CommonSettings):
        self.pipeline = pipeline
        self.requests = RequestReader(settings, pipeline)
