"""Blocking work (decoding, pre- and post-processing) kept off the event loop, and timed.

Pipelines inherit :class:`BlockingWork` and set ``self.executor`` (a bounded thread pool: numpy
and OpenCV release the GIL, and a bound keeps a burst of large images from exhausting memory).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable
from concurrent.futures import Executor
from typing import ParamSpec, TypeVar

from services.common import metrics

P = ParamSpec("P")
T = TypeVar("T")


class BlockingWork:
    executor: Executor

    async def run_blocking(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        # The caller's context goes with the work, so a log line in the thread names its request.
        context = contextvars.copy_context()
        return await loop.run_in_executor(self.executor, lambda: context.run(fn, *args, **kwargs))

    async def _timed(self, stage: str, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        started = time.perf_counter()
        try:
            return await self.run_blocking(fn, *args, **kwargs)
        finally:
            metrics.STAGE_SECONDS.labels(stage=stage).observe(time.perf_counter() - started)
