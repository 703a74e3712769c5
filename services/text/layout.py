"""Lines and words in image space: word quads from CTC time steps, reading order, filters.

Everything here is in original-image pixels; the servicer converts to ratios at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from services.text.charset import Char, Word
from services.text.crops import REC_STEP_PX


@dataclass(frozen=True)
class TextItem:
    text: str
    confidence: float  # 0–100
    quad: np.ndarray  # [4, 2] px, clockwise from the text's own top-left corner

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Axis-aligned (left, top, right, bottom) in px."""
        x0, y0 = self.quad.min(axis=0)
        x1, y1 = self.quad.max(axis=0)
        return float(x0), float(y0), float(x1), float(y1)

    @property
    def centre(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        return (x0 + x1) / 2, (y0 + y1) / 2


@dataclass(frozen=True)
class Line:
    item: TextItem
    words: tuple[TextItem, ...]


def span_quad(text_quad: np.ndarray, start: float, end: float) -> np.ndarray:
    """The part of a text quad between fractions ``start`` and ``end`` of its length."""
    tl, tr, br, bl = text_quad.astype(np.float32)
    top = lambda f: tl + (tr - tl) * f  # noqa: E731
    bottom = lambda f: bl + (br - bl) * f  # noqa: E731
    return np.stack([top(start), top(end), bottom(end), bottom(start)])


def word_spans(words: Sequence[Word], chars: Sequence[Char], content_width: int) -> list[tuple[float, float]]:
    """Fractions (start, end) of the line's length covered by each word.

    A CTC model emits a character at one time step near the character's middle; a word runs
    from half a character pitch before its first character's step to half a pitch after its
    last. The pitch is the line's median distance between consecutive characters' steps.
    """
    steps = [c.step for c in chars]
    gaps = np.diff(steps) if len(steps) > 1 else np.array([2])
    pitch = float(np.median(gaps)) if len(gaps) else 2.0
    spans = []
    for word in words:
        left = (word.chars[0].step + 0.5 - pitch / 2) * REC_STEP_PX
        right = (word.chars[-1].step + 0.5 + pitch / 2) * REC_STEP_PX
        spans.append((float(np.clip(left / content_width, 0, 1)), float(np.clip(right / content_width, 0, 1))))
    return spans


def build_line(text_quad: np.ndarray, chars: Sequence[Char], words: Sequence[Word], content_width: int) -> Line:
    letters = [c for c in chars if not c.text.isspace()]
    confidence = 100.0 * sum(c.prob for c in letters) / len(letters)
    spans = word_spans(words, chars, content_width)
    items = tuple(
        TextItem(word.text, word.confidence, span_quad(text_quad, start, end))
        for word, (start, end) in zip(words, spans, strict=True)
    )
    text = " ".join(word.text for word in words)
    return Line(TextItem(text, confidence, text_quad.astype(np.float32)), items)


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom, then left to right: a line joins the current row when its vertical
    extent overlaps the row's first line by at least half the smaller of the two heights."""
    ordered = sorted(lines, key=lambda line: line.item.centre[1])
    rows: list[list[Line]] = []
    for line in ordered:
        _, top, _, bottom = line.item.box
        if rows:
            _, row_top, _, row_bottom = rows[-1][0].item.box
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap >= 0.5 * min(bottom - top, row_bottom - row_top):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.item.box[0])]


@dataclass(frozen=True)
class RegionOfInterest:
    """A request's region of interest in px: an axis-aligned box or a polygon."""

    polygon: np.ndarray  # [K, 2] float32

    def contains(self, point: tuple[float, float]) -> bool:
        return cv2.pointPolygonTest(self.polygon.reshape(-1, 1, 2), point, False) >= 0


@dataclass(frozen=True)
class Filters:
    min_confidence: float = 80.0  # 0–100
    min_height: float = 0.0  # px
    min_width: float = 0.0  # px
    regions: tuple[RegionOfInterest, ...] = ()
    max_words: int = 100


@dataclass(frozen=True)
class RatioFilters:
    """A request's filters as sent, before any image is decoded: sizes and region corners as ratios
    of the oriented image (0–1). ``in_pixels`` turns them into Filters for one image."""

    min_confidence: float = 80.0  # 0–100
    min_height: float = 0.0  # ratio of the image height
    min_width: float = 0.0  # ratio of the image width
    regions: tuple[np.ndarray, ...] = ()  # [K, 2] float32 (x, y) ratio polygons
    max_words: int = 100

    def in_pixels(self, width: int, height: int) -> Filters:
        scale = np.array([width, height], dtype=np.float32)
        return Filters(
            min_confidence=self.min_confidence,
            min_height=self.min_height * height,
            min_width=self.min_width * width,
            regions=tuple(RegionOfInterest((polygon * scale).astype(np.float32)) for polygon in self.regions),
            max_words=self.max_words,
        )


def _inside(item: TextItem, regions: Sequence[RegionOfInterest]) -> bool:
    return not regions or any(region.contains(item.centre) for region in regions)


def _word_passes(word: TextItem, filters: Filters) -> bool:
    x0, y0, x1, y1 = word.box
    return (
        word.confidence >= filters.min_confidence
        and (y1 - y0) >= filters.min_height
        and (x1 - x0) >= filters.min_width
        and _inside(word, filters.regions)
    )


def apply_filters(lines: Sequence[Line], filters: Filters) -> list[Line]:
    """Drop words that fail a filter, lines left without words or centred outside every
    region, and words beyond ``max_words`` (counted in reading order) with their lines."""
    kept: list[Line] = []
    budget = filters.max_words
    for line in lines:
        if budget <= 0:
            break
        if not _inside(line.item, filters.regions):
            continue
        words = tuple(w for w in line.words if _word_passes(w, filters))[:budget]
        if words:
            kept.append(Line(line.item, words))
            budget -= len(words)
    return kept
