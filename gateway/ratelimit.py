"""Per-key token buckets. Limits are per gateway process: with N gateway replicas behind a
balancer, a key can reach N times its rate (give each replica rate/N for a global limit)."""

from __future__ import annotations

import time
from collections.abc import Callable


class TokenBuckets:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, when)

    def take(self, name: str, rate: float, size: int) -> float:
        """Take one token; 0.0 when granted, else seconds until one will be there."""
        now = self._clock()
        tokens, when = self._buckets.get(name, (float(size), now))
        tokens = min(float(size), tokens + (now - when) * rate)
        if tokens >= 1.0:
            self._buckets[name] = (tokens - 1.0, now)
            return 0.0
        self._buckets[name] = (tokens, now)
        return (1.0 - tokens) / rate
