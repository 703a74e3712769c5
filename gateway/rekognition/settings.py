"""Settings of the Rekognition front (environment variables, prefix FACET_AWS_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class RekognitionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_AWS_", extra="ignore")

    # Where the HTTP endpoint listens (host:port).
    listen_address: str = "127.0.0.1:50080"
    # The gRPC gateway every call is forwarded to.
    gateway_address: str = "127.0.0.1:50051"
    # Largest accepted HTTP body. Two 5 MiB images in base64 (CompareFaces) take about 13.4 MiB.
    max_body_bytes: int = Field(default=32 * MIB, ge=16 * MIB)
    # Deadline of each forwarded call (seconds): SDKs send none, so the front sets one.
    request_timeout_s: float = Field(default=60.0, gt=0)
    # Log level name (DEBUG, INFO, WARNING, ERROR).
    log_level: str = "INFO"
