"""Hand freed heap memory back to the system every few seconds (glibc's ``malloc_trim``).

Why: ``MALLOC_MMAP_THRESHOLD_`` (scripts/stack.py, deploy/) maps every block of 1 MiB or more on
its own, so decoded photos go back to the system when freed. The many smaller blocks that
decoding, resizing and cropping a large photo also allocate come from glibc's heaps, and freed
pages inside a heap stay resident until something at its top is freed too. Under concurrent
calls on large photos that left the faces service holding 459-467 MB at rest after two minutes
(from 49 MB at start); ``malloc_trim(0)`` gave back all but 49 MB of it at once (docs/memory.md).
``malloc_trim`` releases free pages anywhere in every heap (``MADV_DONTNEED``), without moving
live blocks.

Where the C library has no ``malloc_trim`` (musl, macOS) this does nothing.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import time
from collections.abc import Callable

from services.common import metrics

log = logging.getLogger(__name__)


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


_MALLOC_TRIM = _find_malloc_trim()


def trim_heap() -> bool:
    """Release free heap pages now; True when any memory was released (False: none, or no glibc)."""
    if _MALLOC_TRIM is None:
        return False
    started = time.perf_counter()
    released = bool(_MALLOC_TRIM(0))
    metrics.HEAP_TRIM_SECONDS.observe(time.perf_counter() - started)
    return released


async def trim_heap_every(interval_s: float, stop: asyncio.Event) -> None:
    """Until ``stop`` is set, trim every ``interval_s`` seconds in a worker thread (the walk over
    the heaps takes milliseconds, and blocks other threads' allocations only while it holds one
    heap's lock). ``interval_s`` <= 0 disables it."""
    if interval_s <= 0 or _MALLOC_TRIM is None:
        return
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except TimeoutError:
            await asyncio.to_thread(trim_heap)
