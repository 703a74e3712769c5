"""A one-line progress bar on stderr for long runs (folder indexing)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Redraws `label done/total [####....] pct% extra` in place, at most 10 times a second."""

    def __init__(
        self, label: str, total: int, stream: TextIO = sys.stderr, width: int = 30, enabled: bool = True
    ) -> None:
        self.label, self.total, self.stream, self.width, self.enabled = label, total, stream, width, enabled
        self._last = 0.0

    def update(self, done: int, extra: str = "", force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled:
            return
        if not force and now - self._last < 0.1:
            return
        self._last = now
        fraction = done / self.total if self.total else 1.0
        filled = round(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} {done}/{self.total} [{bar}] {fraction:4.0%} {extra}")
        self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        self.enabled = False  # closed: later updates and closes draw nothing
        self.stream.write("\n")
        self.stream.flush()
