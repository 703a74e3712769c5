"""The heap trimmer gives freed heap memory back to the system (issue #20: the faces service kept
hundreds of MB of freed memory after concurrent calls on large photos)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
from prometheus_client import REGISTRY

from services.common import heap

pytestmark = pytest.mark.skipif(heap._MALLOC_TRIM is None, reason="needs glibc's malloc_trim (Linux with glibc)")


def anonymous_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no RssAnon in /proc/self/status")


def trims() -> float:
    return REGISTRY.get_sample_value("facet_heap_trim_seconds_count") or 0.0


def test_freed_blocks_pinned_by_live_ones_are_given_back() -> None:
    # 64 KiB blocks come from the heap (below any mmap threshold); one in 50 stays alive, so the
    # heap cannot shrink from its top: only a trim returns the free pages between them.
    blocks = [np.ones(8192) for _ in range(4000)]  # ~256 MB
    survivors = blocks[::50]
    del blocks
    freed = anonymous_mb()
    heap.trim_heap()
    assert anonymous_mb() < freed - 150
    assert len(survivors) == 80 and all(float(s[0]) == 1.0 for s in survivors)  # live blocks untouched


async def test_trims_every_interval_until_stopped() -> None:
    stop = asyncio.Event()
    before = trims()
    task = asyncio.create_task(heap.trim_heap_every(0.05, stop))
    await asyncio.sleep(0.4)
    stop.set()
    await asyncio.wait_for(task, timeout=2)
    assert trims() - before >= 3


async def test_an_interval_of_zero_never_trims() -> None:
    before = trims()
    await asyncio.wait_for(heap.trim_heap_every(0, asyncio.Event()), timeout=1)
    assert trims() == before
