"""Image.S3Object: fetch the image from a configured S3-compatible store, bucket allow-list first.

Without ``FACET_AWS_S3_ENDPOINT_URL`` every S3Object is refused with InvalidS3ObjectException
asking for bytes. With it, only buckets in ``FACET_AWS_S3_ALLOWED_BUCKETS`` are read (this
endpoint's credentials must not become every caller's), objects above the size limit are refused
before their body is read, and every store failure is InvalidS3ObjectException, as at AWS.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from gateway.rekognition.errors import RekognitionError
from gateway.rekognition.settings import RekognitionSettings

log = logging.getLogger(__name__)

# The shape of every image member of a request (DetectFaces.Image, CompareFaces.SourceImage, ...).
IMAGE_SHAPE = "Image"
_UNREADABLE = "Unable to get object metadata from S3. Check object key, region and/or access permissions."


def _invalid(message: str) -> RekognitionError:
    return RekognitionError("InvalidS3ObjectException", message)


class S3Images:
    """Reads S3Object images from the configured store; with no store configured, refuses them."""

    def __init__(self, settings: RekognitionSettings):
        self._settings = settings
        self._client: Any = None
        if settings.s3_endpoint_url:
            self._client = botocore.session.get_session().create_client(
                "s3",
                endpoint_url=settings.s3_endpoint_url,
                region_name=settings.s3_region,
                aws_access_key_id=settings.s3_access_key_id,
                aws_secret_access_key=settings.s3_secret_access_key.get_secret_value(),
                config=Config(
                    s3={"addressing_style": "path"},
                    connect_timeout=settings.s3_timeout_s,
                    read_timeout=settings.s3_timeout_s,
                    retries={"max_attempts": 2, "mode": "standard"},
                ),
            )

    async def resolve(self, params: dict[str, Any], members: dict[str, Any]) -> dict[str, Any]:
        """``params`` with every ``{"S3Object": ...}`` image replaced by ``{"Bytes": ...}``."""
        resolved = dict(params)
        for member, shape in members.items():
            image = params.get(member)
            if shape.name == IMAGE_SHAPE and isinstance(image, dict) and "S3Object" in image:
                resolved[member] = {"Bytes": await asyncio.to_thread(self._fetch, image["S3Object"])}
        return resolved

    def _fetch(self, s3_object: dict[str, str]) -> bytes:
        if self._client is None:
            raise _invalid("S3 objects are not supported by this endpoint: send the image itself in Image.Bytes")
        bucket, key = s3_object.get("Bucket", ""), s3_object.get("Name", "")
        if bucket not in self._settings.s3_allowed_buckets:
            raise _invalid(f"Bucket {bucket!r} is not one this endpoint may read")
        extra = {"VersionId": s3_object["Version"]} if s3_object.get("Version") else {}
        try:
            reply = self._client.get_object(Bucket=bucket, Key=key, **extra)
            with reply["Body"] as body:
                if reply["ContentLength"] > self._settings.s3_max_object_bytes:
                    limit = self._settings.s3_max_object_bytes
                    raise RekognitionError("ImageTooLargeException", f"The S3 object is larger than {limit} bytes")
                return bytes(body.read())
        except (ClientError, BotoCoreError) as exc:
            log.info("S3 read of %s/%s failed: %s", bucket, key, exc)
            raise _invalid(_UNREADABLE) from exc
