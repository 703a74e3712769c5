"""Greedy CTC decoding, word splitting, and the committed alphabet against the model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest

from services.text import charset

RECOGNIZER = (
    Path(__file__).resolve().parents[3] / "model_repository" / "models" / "text_recognizer" / "1" / "model.onnx"
)


def _index(char: str) -> int:
    return charset.alphabet().index(char)


def test_alphabet_has_blank_first_and_space_last() -> None:
    table = charset.alphabet()
    assert len(table) == charset.NUM_CLASSES
    assert table[0] == "" and table[-1] == " "
    assert table[_index("A")] == "A" and "é" in table and "的" in table


@pytest.mark.skipif(
    not RECOGNIZER.is_file(), reason="needs the built text model; `make test` (and `make models`) builds it first"
)
def test_alphabet_file_equals_the_model_metadata() -> None:
    model = onnx.load(str(RECOGNIZER), load_external_data=False)
    characters = next(p.value for p in model.metadata_props if p.key == "character")
    assert tuple(characters.splitlines()) == charset.alphabet()[1:-1]


def test_greedy_collapses_repeats_and_drops_blanks() -> None:
    # "h h e _ l l _ l o" → "hello": a blank separates the two l's.
    sequence = ["h", "h", "e", "", "l", "l", "", "l", "o", ""]
    indices = np.array([_index(c) for c in sequence])
    probs = np.linspace(0.5, 0.95, len(sequence), dtype=np.float32)
    chars = charset.ctc_greedy(indices, probs)
    assert "".join(c.text for c in chars) == "hello"
    assert [c.step for c in chars] == [0, 2, 4, 7, 8]
    assert chars[0].prob == pytest.approx(0.5)


def test_greedy_ignores_padding_steps() -> None:
    indices = np.array([_index("a"), 0, _index("b"), 0, _index("c")])
    chars = charset.ctc_greedy(indices, np.ones(5, np.float32), steps=3)
    assert "".join(c.text for c in chars) == "ab"


def test_split_words_at_spaces_with_confidences() -> None:
    text = "  to be  or"
    chars = [charset.Char(c, i, 0.5 if c == "b" else 1.0) for i, c in enumerate(text)]
    words = charset.split_words(chars)
    assert [w.text for w in words] == ["to", "be", "or"]
    assert words[1].confidence == pytest.approx(75.0)
    assert [c.step for c in words[2].chars] == [9, 10]
