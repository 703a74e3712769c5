"""The recogniser's alphabet and greedy CTC decoding with time steps.

ppocrv6_characters.txt is the `character` metadata of PP-OCRv6_rec_small.onnx (rapidocr
3.10.0), one character per line, committed so the service never needs the model file
(tests/unit/text/test_charset.py checks it against the built model when present). Class 0
is the CTC blank, classes 1..18708 the file's lines in order, and the last class (18709) a
space, as in PaddleOCR's CTCLabelDecode with use_space_char.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CHARSET_FILE = Path(__file__).resolve().with_name("ppocrv6_characters.txt")
NUM_CLASSES = 18710
BLANK = 0


@lru_cache(maxsize=1)
def alphabet() -> tuple[str, ...]:
    """Class index → character ("" for the blank)."""
    lines = CHARSET_FILE.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    table = ("", *lines, " ")
    if len(table) != NUM_CLASSES:
        raise RuntimeError(f"{CHARSET_FILE.name} gives {len(table)} classes, the recogniser has {NUM_CLASSES}")
    return table


@dataclass(frozen=True)
class Char:
    text: str
    step: int  # CTC time step where the character was emitted (one step = 8 input pixels)
    prob: float  # 0–1


def ctc_greedy(indices: np.ndarray, probs: np.ndarray, steps: int | None = None) -> list[Char]:
    """Collapse repeats, drop blanks. ``indices``/``probs``: [T] best class and its probability
    per step; ``steps`` limits decoding to the first steps (the rest is width padding)."""
    table = alphabet()
    limit = len(indices) if steps is None else min(steps, len(indices))
    chars: list[Char] = []
    previous = BLANK
    for t in range(limit):
        index = int(indices[t])
        if index != BLANK and index != previous:
            chars.append(Char(table[index], t, float(probs[t])))
        previous = index
    return chars


@dataclass(frozen=True)
class Word:
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def confidence(self) -> float:
        """Mean character probability, 0–100."""
        return 100.0 * sum(c.prob for c in self.chars) / len(self.chars)


def split_words(chars: list[Char]) -> list[Word]:
    """Split at spaces (runs of spaces count once; leading and trailing spaces vanish)."""
    words: list[Word] = []
    current: list[Char] = []
    for char in chars:
        if char.text.isspace():
            if current:
                words.append(Word(tuple(current)))
            current = []
        else:
            current.append(char)
    if current:
        words.append(Word(tuple(current)))
    return words
