"""Settings of the Rekognition front (environment variables, prefix FACET_AWS_)."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
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

    # Image.S3Object support (off unless an endpoint is set): an S3-compatible store's URL, ...
    s3_endpoint_url: str = ""
    # ... the credentials this endpoint reads it with (never logged) ...
    s3_access_key_id: str = ""
    s3_secret_access_key: SecretStr = SecretStr("")
    s3_region: str = "us-east-1"
    # ... and the buckets callers may name (JSON list; required with an endpoint, or any caller could
    # read any bucket these credentials reach: a confused deputy).
    s3_allowed_buckets: list[str] = Field(default_factory=list)
    # Largest object fetched, in bytes (larger: ImageTooLargeException, without reading it).
    s3_max_object_bytes: int = Field(default=5 * MIB, gt=0)
    s3_timeout_s: float = Field(default=10.0, gt=0)

    @model_validator(mode="after")
    def _allow_list_required(self) -> RekognitionSettings:
        if self.s3_endpoint_url and not self.s3_allowed_buckets:
            raise ValueError("FACET_AWS_S3_ALLOWED_BUCKETS must list the buckets when FACET_AWS_S3_ENDPOINT_URL is set")
        return self
