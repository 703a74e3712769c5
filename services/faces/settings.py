"""Face service settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import CommonSettings


class FaceSettings(CommonSettings):
    listen_address: str = "127.0.0.1:50061"
    # YuNet score below which a candidate is not a face (0–1). See services/faces/detector.py.
    detection_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
