"""The pipeline keeps, per region, the most confident of its readings (upright vs flipped)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from services.text import charset, crops
from services.text.pipeline import TextPipeline


def _steps(text: str, prob: float, length: int = 40) -> tuple[np.ndarray, np.ndarray]:
    table = charset.alphabet()
    indices = np.zeros(length, np.int32)
    for i, char in enumerate(text):
        indices[2 * i + 1] = table.index(char)
    return indices, np.full(length, prob, np.float32)


def test_more_confident_reading_wins_and_weak_lines_go() -> None:
    quad = np.array([[0, 0], [100, 0], [100, 20], [0, 20]], dtype=np.float32)
    image = np.zeros((20, 100, 3), np.uint8)
    upright = crops.Crop(image, quad)
    candidates = [upright, crops.flip(upright), crops.Crop(image, quad + np.array([0, 50], np.float32))]
    owners = [0, 0, 1]  # region 0 read both ways; region 1 once
    rows = [_steps("PAX: 6", 0.97), _steps("9 :XAD", 0.62), _steps("zz", 0.3)]
    batch = crops.RecBatch([0, 1, 2], [300, 300, 300], np.zeros((3, 3, 48, 320), np.uint8))
    result = {
        "char_index": np.stack([r[0] for r in rows]),
        "char_prob": np.stack([r[1] for r in rows]),
    }
    pipeline = TextPipeline(session=None, executor=ThreadPoolExecutor(1), min_line_confidence=50)  # type: ignore[arg-type]
    lines = pipeline._lines(candidates, owners, [batch], [result])
    assert [line.item.text for line in lines] == ["PAX: 6"]
    assert lines[0].item.quad[0].tolist() == [0, 0]  # the upright candidate's corners
