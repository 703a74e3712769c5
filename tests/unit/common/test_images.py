"""Image validation: every refusal comes with the documented reason, before pixels are decoded."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from services.common.errors import InvalidArgument
from services.common.images import ImageLimits, decode_image
from tests.png_bomb import png_claiming

LIMITS = ImageLimits(max_bytes=5 * 1024 * 1024, min_side=80, max_side=10_000)


def encode(array: np.ndarray, ext: str = ".png") -> bytes:
    ok, buf = cv2.imencode(ext, array)
    assert ok
    return buf.tobytes()


def reason_of(data: bytes, limits: ImageLimits = LIMITS) -> str:
    with pytest.raises(InvalidArgument) as caught:
        decode_image(data, limits)
    return caught.value.reason


def test_decodes_png_to_bgr_with_dimensions() -> None:
    array = np.zeros((120, 200, 3), np.uint8)
    array[:, :, 2] = 255  # red in BGR
    image = decode_image(encode(array), LIMITS)
    assert (image.width, image.height) == (200, 120)
    assert image.bgr[0, 0].tolist() == [0, 0, 255]
    assert image.format == "PNG"


def test_not_an_image() -> None:
    assert reason_of(b"hello, this is text and not an image at all") == "INVALID_IMAGE_FORMAT"


def test_empty_bytes() -> None:
    assert reason_of(b"") == "INVALID_IMAGE_FORMAT"


def test_truncated_jpeg() -> None:
    noise = np.random.default_rng(0).integers(0, 255, (300, 300, 3), dtype=np.uint8)
    data = encode(noise, ".jpg")
    assert reason_of(data[: len(data) // 2]) == "INVALID_IMAGE_FORMAT"


def test_too_many_bytes() -> None:
    data = encode(np.zeros((100, 100, 3), np.uint8)) + b"\x00" * (6 * 1024 * 1024)
    assert reason_of(data) == "IMAGE_TOO_LARGE"


def test_too_small() -> None:
    assert reason_of(encode(np.zeros((50, 50, 3), np.uint8))) == "IMAGE_TOO_SMALL"


@pytest.mark.parametrize("side", [12_000, 20_000])  # below and above Pillow's own bomb limit
def test_decompression_bomb_is_refused_from_its_header(side: int) -> None:
    data = png_claiming(side, side)
    assert len(data) < 2048
    assert reason_of(data) == "IMAGE_TOO_LARGE"


def test_unsupported_format_gif() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (100, 100)).save(buf, format="GIF")
    assert reason_of(buf.getvalue()) == "INVALID_IMAGE_FORMAT"


def test_exif_orientation_is_applied() -> None:
    # A 200×100 image stored landscape, tagged "rotate 90° CW to display" (orientation 6).
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (200, 100), (10, 20, 30)).save(buf, format="JPEG", exif=exif)
    image = decode_image(buf.getvalue(), LIMITS)
    assert (image.width, image.height) == (100, 200)


def test_palette_png_with_transparency_is_composited_on_white() -> None:
    palette_image = Image.new("P", (100, 100), 0)
    palette_image.putpalette([0, 0, 0, 255, 0, 0] + [0] * (254 * 3))
    palette_image.info["transparency"] = 0  # index 0 (black) is transparent
    palette_image.paste(1, (0, 0, 50, 100))  # left half red, right half transparent
    buf = io.BytesIO()
    palette_image.save(buf, format="PNG", transparency=0)
    image = decode_image(buf.getvalue(), LIMITS)
    assert image.bgr[50, 10].tolist() == [0, 0, 255]
    assert image.bgr[50, 90].tolist() == [255, 255, 255]


def test_limits_are_configurable() -> None:
    data = encode(np.zeros((300, 300, 3), np.uint8))
    assert reason_of(data, ImageLimits(max_bytes=100, min_side=80, max_side=10_000)) == "IMAGE_TOO_LARGE"
    assert reason_of(data, ImageLimits(max_bytes=10**6, min_side=80, max_side=200)) == "IMAGE_TOO_LARGE"
