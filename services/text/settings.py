"""Text service settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import CommonSettings


class TextSettings(CommonSettings):
    # Field names carry a text_ prefix: every process reads the same FACET_* environment.
    listen_address: str = "127.0.0.1:50063"
    # DB detector: probability above which a pixel is text (0–1), and mean probability a
    # region needs to be kept (0–1). PaddleOCR/RapidOCR defaults. See services/text/detection.py.
    text_pixel_threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    text_box_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    # Lines whose recognition confidence (0–100) is below this are dropped before any filter:
    # they are almost always non-text the detector picked up (PaddleOCR's drop_score 0.5).
    text_min_line_confidence: float = Field(default=50.0, ge=0.0, le=100.0)
    # Direction classifier: a crop is also read turned 180° when P(upside down) exceeds this
    # (0–1); the more confident of the two readings wins (services/text/pipeline.py).
    text_flip_threshold: float = Field(default=0.9, ge=0.5, le=1.0)
