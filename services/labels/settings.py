"""Label service settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import CommonSettings


class LabelSettings(CommonSettings):
    listen_address: str = "127.0.0.1:50062"
    # CenterNet peak score (0–1) below which a detection is dropped before merging. 0.1 maps to
    # confidence 31.6 (see services/labels/detector.py), below any useful min_confidence.
    detector_min_score: float = Field(default=0.1, ge=0.0, le=1.0)
    # Same-class boxes overlapping more than this (IoU) are one object (CenterNet's 3x3 peak
    # picking leaves near-duplicate peaks on large objects).
    detector_nms_iou: float = Field(default=0.5, gt=0.0, le=1.0)
    # ImageNet classes below this probability (0–1) contribute nothing (keeps responses small).
    classifier_min_probability: float = Field(default=0.005, ge=0.0, le=1.0)
