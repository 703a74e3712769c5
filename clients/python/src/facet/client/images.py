"""Images in and out: request images from files, and boxes back in pixels.

Facet returns positions as ratios of the image size after its EXIF orientation is applied, so
drawing or cropping must use the image turned the same way (`open_oriented`).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps

from facet.v1 import common_pb2


def image_from_bytes(data: bytes) -> common_pb2.Image:
    """An API `Image` holding `data` (JPEG, PNG or WebP, as read from disk; never re-encoded)."""
    return common_pb2.Image(bytes=data)


def load_image(path: str | Path) -> common_pb2.Image:
    """An API `Image` with the bytes of the file at `path`."""
    return image_from_bytes(Path(path).read_bytes())


def open_oriented(data: bytes) -> PILImage.Image:
    """The image as Facet sees it: decoded, EXIF orientation applied, RGB."""
    with PILImage.open(io.BytesIO(data)) as img:
        oriented = ImageOps.exif_transpose(img)
        return oriented.convert("RGB")


def box_to_pixels(box: common_pb2.BoundingBox, width: int, height: int) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) pixel corners of a ratio box in a `width` × `height` image, clamped to it."""
    x0 = round(box.left * width)
    y0 = round(box.top * height)
    x1 = round((box.left + box.width) * width)
    y1 = round((box.top + box.height) * height)
    return (
        min(max(x0, 0), width - 1),
        min(max(y0, 0), height - 1),
        min(max(x1, 0), width - 1),
        min(max(y1, 0), height - 1),
    )
