"""Draws what a call found on the image it was found in, so a person can look instead of read.

Everything is drawn on the image turned by its EXIF orientation (the space Facet's ratios are
in) and saved as PNG, so the colours below survive exactly: tests find the drawn boxes by them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from facet.client.images import box_to_pixels, open_oriented
from facet.v1 import common_pb2

FACE_COLOR = (255, 0, 255)  # detected / searched faces
LANDMARK_COLOR = (0, 255, 255)
MATCH_COLOR = (0, 255, 0)  # CompareFaces matches
UNMATCHED_COLOR = (255, 64, 0)
LABEL_COLOR = (255, 255, 0)  # label instances
TEXT_COLOR = (0, 128, 255)  # text polygons
CAPTION_BACKGROUND = (0, 0, 0)
CAPTION_COLOR = (255, 255, 255)


def line_width(image: PILImage.Image) -> int:
    """Box outline width: visible on a phone photo, not hiding a small face."""
    return max(2, round(min(image.size) / 300))


class Canvas:
    """An oriented image to draw ratio-space shapes on.

    Text (captions, banners) is drawn when called; outlines, polygons and points wait for
    `save` and go on top, so a caption never hides part of a box: every drawn box is whole.
    """

    def __init__(self, image_bytes: bytes) -> None:
        self.image = open_oriented(image_bytes)
        self.draw = ImageDraw.Draw(self.image)
        self.width_px = line_width(self.image)
        self._shapes: list[Callable[[], object]] = []

    def box(self, box: common_pb2.BoundingBox, color: tuple[int, int, int], caption: str = "") -> None:
        x0, y0, x1, y1 = box_to_pixels(box, *self.image.size)
        self._shapes.append(partial(self.draw.rectangle, (x0, y0, x1, y1), outline=color, width=self.width_px))
        if caption:
            # Above the box when there is room, else below it.
            _, top, _, bottom = self.draw.textbbox((0, 0), caption)
            height = round(bottom - top)
            y = max(0, y0 - height - 4)
            if y + height + 2 >= y0:
                y = min(self.image.height - height - 2, y1 + self.width_px + 2)
            self.caption((x0, y), caption)

    def points(self, points: Iterable[tuple[float, float]], color: tuple[int, int, int]) -> None:
        w, h = self.image.size
        r = max(2, self.width_px)
        for x, y in points:
            cx, cy = round(x * w), round(y * h)
            self._shapes.append(partial(self.draw.ellipse, (cx - r, cy - r, cx + r, cy + r), fill=color))

    def polygon(self, points: Sequence[tuple[float, float]], color: tuple[int, int, int]) -> None:
        w, h = self.image.size
        xy = [(round(x * w), round(y * h)) for x, y in points]
        if len(xy) >= 3:
            self._shapes.append(partial(self.draw.polygon, xy, outline=color, width=max(1, self.width_px // 2)))

    def caption(self, xy: tuple[int, int], text: str) -> None:
        left, top, right, bottom = self.draw.textbbox(xy, text)
        self.draw.rectangle((left - 2, top - 2, right + 2, bottom + 2), fill=CAPTION_BACKGROUND)
        self.draw.text(xy, text, fill=CAPTION_COLOR)

    def banner(self, lines: Sequence[str]) -> None:
        """A list of lines at the top left (labels or moderation results without a place)."""
        y = 4
        for text in lines:
            self.caption((4, y), text)
            _, top, _, bottom = self.draw.textbbox((4, y), text)
            y += round(bottom - top) + 6

    def save(self, path: str | Path) -> None:
        for draw_shape in self._shapes:  # in call order: landmarks asked for after boxes stay on top
            draw_shape()
        self._shapes.clear()
        self.image.save(Path(path), format="PNG")
