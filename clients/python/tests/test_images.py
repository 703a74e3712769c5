"""Image helpers: bytes sent unchanged, EXIF orientation applied like the server does, boxes in pixels."""

import io

from PIL import Image as PILImage

from facet.client import box_to_pixels, image_from_bytes, load_image, open_oriented
from facet.v1 import common_pb2


def jpeg_with_orientation(width: int, height: int, orientation: int) -> bytes:
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_load_image_sends_the_file_bytes_unchanged(tmp_path) -> None:
    data = jpeg_with_orientation(120, 90, 1)
    (tmp_path / "a.jpg").write_bytes(data)
    assert load_image(tmp_path / "a.jpg").bytes == data
    assert image_from_bytes(data).WhichOneof("source") == "bytes"


def test_open_oriented_turns_the_image_by_its_exif_orientation() -> None:
    # Orientation 6 (rotate 90° clockwise to view): a 120×90 file is a 90×120 picture.
    assert open_oriented(jpeg_with_orientation(120, 90, 6)).size == (90, 120)
    assert open_oriented(jpeg_with_orientation(120, 90, 1)).size == (120, 90)


def test_box_to_pixels_scales_and_clamps() -> None:
    box = common_pb2.BoundingBox(left=0.25, top=0.5, width=0.5, height=0.25)
    assert box_to_pixels(box, 200, 100) == (50, 50, 150, 75)
    outside = common_pb2.BoundingBox(left=-0.1, top=0.9, width=0.5, height=0.5)
    assert box_to_pixels(outside, 200, 100) == (0, 90, 80, 99)
