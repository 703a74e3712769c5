"""Detection post-processing, crops and their corner bookkeeping, word spans."""

from __future__ import annotations

import numpy as np
import pytest

from services.text import crops, detection, layout
from services.text.charset import Char, split_words


def test_order_quad_starts_top_left_and_runs_clockwise() -> None:
    shuffled = np.array([[10, 50], [100, 10], [0, 10], [110, 50]], dtype=np.float32)
    assert detection.order_quad(shuffled).tolist() == [[0, 10], [100, 10], [110, 50], [10, 50]]


def test_unclip_grows_a_box_by_area_ratio_over_perimeter() -> None:
    box = np.array([[0, 0], [100, 0], [100, 20], [0, 20]], dtype=np.float32)
    grown = detection.unclip(box, 1.6)
    assert grown is not None
    distance = 100 * 20 * 1.6 / 240  # 13.3 px on every side
    assert grown[:, 0].min() == pytest.approx(-distance, abs=1) and grown[:, 1].max() == pytest.approx(
        20 + distance, abs=1
    )


def test_prepare_keeps_multiples_of_32_and_limits() -> None:
    small = detection.prepare(np.zeros((100, 300, 3), np.uint8))
    assert small.tensor.shape == (3, 192, 608)  # enlarged 2x at most
    banner = detection.prepare(np.zeros((200, 4000, 3), np.uint8))
    assert banner.tensor.shape == (3, 96, 1984)  # long side 2000 at most (then rounded to 32)
    big = detection.prepare(np.zeros((1000, 1500, 3), np.uint8))
    assert big.tensor.shape == (3, 992, 1504) and big.scale_x == pytest.approx(1500 / 1504)


def test_regions_from_a_probability_map() -> None:
    prob = np.zeros((96, 192), np.float32)
    prob[40:52, 20:150] = 0.9  # one text kernel
    prob[80:82, 10:12] = 0.9  # a speck: too small
    source = detection.DetectorInput(np.zeros((3, 96, 192), np.uint8), 2.0, 2.0)
    found = detection.regions(prob, source, (384, 192))
    assert len(found) == 1
    quad = found[0].quad
    x0, y0 = quad.min(axis=0)
    x1, y1 = quad.max(axis=0)
    # Kernel 20..150 x 40..52 in map px, grown by the unclip offset, scaled by 2.
    assert 0 <= x0 < 40 and 300 < x1 <= 384 and 40 < y0 < 80 and 104 < y1 < 140
    # Mean over the kernel's rectangle, whose border pixels (from the dilation) are 0.
    assert 0.75 < found[0].score <= 0.9


def _striped(height: int, width: int) -> np.ndarray:
    image = np.zeros((height, width, 3), np.uint8)
    image[:, : width // 2] = 255  # left half white: shows where the crop's left went
    return image


def test_cut_turns_tall_crops_and_rolls_the_corners() -> None:
    image = np.zeros((300, 100, 3), np.uint8)
    image[:150] = 255  # top half white
    quad = np.array([[10, 10], [60, 10], [60, 290], [10, 290]], dtype=np.float32)
    crop = crops.cut(image, quad)
    assert crop.image.shape[1] > crop.image.shape[0]
    # Turned counter-clockwise: the image's top (white) is now the crop's left.
    assert crop.image[:, :5].mean() > 200 and crop.image[:, -5:].mean() < 50
    assert crop.text_quad[0].tolist() == [60, 10]  # the former top-right corner
    flipped = crops.flip(crop)
    assert flipped.text_quad[0].tolist() == [10, 290] and flipped.image[:, :5].mean() < 50


def test_bucket_widths_bound_padding() -> None:
    assert crops.bucket_width(10) == 320
    assert crops.bucket_width(321) == 384
    assert crops.bucket_width(700) == 768
    for width in range(320, 2560, 7):
        padded = crops.bucket_width(width)
        assert width <= padded < width * 1.25


def test_rec_batches_group_by_width_and_split_at_max_batch() -> None:
    items = [crops.Crop(np.zeros((48, w, 3), np.uint8), np.zeros((4, 2), np.float32)) for w in [100, 330, 340] * 3]
    batches = crops.rec_batches(items, max_batch=2)
    assert sorted(i for b in batches for i in b.indices) == list(range(9))
    assert all(len(b.indices) <= 2 for b in batches)
    assert {b.tensor.shape[3] for b in batches} == {320, 384}
    for b in batches:
        assert b.tensor.dtype == np.uint8 and b.tensor.shape[2] == 48


def test_word_quads_follow_ctc_steps_along_the_line() -> None:
    # 40 steps = 320 px of content; "ab cd" emitted at steps 2,4 | 6 | 30,32.
    chars = [Char("a", 2, 1.0), Char("b", 4, 1.0), Char(" ", 6, 1.0), Char("c", 30, 0.5), Char("d", 32, 1.0)]
    quad = np.array([[100, 50], [420, 50], [420, 98], [100, 98]], dtype=np.float32)
    line = layout.build_line(quad, chars, split_words(chars), 320)
    assert line.item.text == "ab cd"
    assert line.item.confidence == pytest.approx(87.5)
    first, second = line.words
    assert first.box[0] == pytest.approx(100 + 1.5 * 8, abs=0.5) and first.box[2] == pytest.approx(
        100 + 5.5 * 8, abs=0.5
    )
    assert second.box[0] > first.box[2] and second.box[2] <= 420
    assert second.confidence == pytest.approx(75.0)


def _line(text: str, x: float, y: float, w: float = 100, h: float = 20, conf: float = 99.0) -> layout.Line:
    quad = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], dtype=np.float32)
    words = tuple(
        layout.TextItem(word, conf, layout.span_quad(quad, i / len(text.split()), (i + 1) / len(text.split())))
        for i, word in enumerate(text.split())
    )
    return layout.Line(layout.TextItem(text, conf, quad), words)


def test_reading_order_rows_then_left_to_right() -> None:
    lines = [_line("c", 10, 100), _line("b", 300, 12), _line("a", 10, 10), _line("d", 300, 104)]
    assert [line.item.text for line in layout.reading_order(lines)] == ["a", "b", "c", "d"]


def test_filters_confidence_size_regions_and_limit() -> None:
    lines = [_line("one two", 0, 0, conf=95), _line("three", 0, 100, conf=60), _line("four five six", 0, 200, h=40)]
    assert [line.item.text for line in layout.apply_filters(lines, layout.Filters())] == ["one two", "four five six"]
    tall = layout.apply_filters(lines, layout.Filters(min_confidence=0, min_height=30))
    assert [line.item.text for line in tall] == ["four five six"]
    region = layout.RegionOfInterest(np.array([[0, 90], [200, 90], [200, 130], [0, 130]], dtype=np.float32))
    inside = layout.apply_filters(lines, layout.Filters(min_confidence=0, regions=(region,)))
    assert [line.item.text for line in inside] == ["three"]
    limited = layout.apply_filters(lines, layout.Filters(min_confidence=0, max_words=4))
    assert [[w.text for w in line.words] for line in limited] == [["one", "two"], ["three"], ["four"]]
