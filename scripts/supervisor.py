"""Restart a dead child of the local stack, with back-off, as the kubelet does in a cluster.

A child that exits is restarted after 1 s, then 2 s, 4 s … up to 30 s if it keeps dying; a child
that has run for a minute since its last start counts as healthy again (back-off back to 1 s).
Triton is supervised like the services: they notice it leave and return on their own (health
follows it), so nothing else restarts.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass

INITIAL_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0
STABLE_AFTER_S = 60.0


@dataclass
class _ChildState:
    started_at: float
    failures: int = 0
    restart_at: float | None = None


class Supervisor:
    """Call :meth:`poll` periodically; it restarts children through ``restart(index)``."""

    def __init__(
        self,
        children: Callable[[], list[tuple[str, subprocess.Popen[bytes]]]],
        restart: Callable[[int], subprocess.Popen[bytes]],
        say: Callable[[str], None],
    ):
        self._children = children
        self._restart = restart
        self._say = say
        self._states: dict[int, _ChildState] = {}

    def poll(self, now: float) -> None:
        for index, (name, proc) in enumerate(self._children()):
            state = self._states.setdefault(index, _ChildState(started_at=now))
            if proc.poll() is None:
                if now - state.started_at >= STABLE_AFTER_S:
                    state.failures = 0
                continue
            if state.restart_at is None:
                delay = min(INITIAL_BACKOFF_S * 2**state.failures, MAX_BACKOFF_S)
                state.failures += 1
                state.restart_at = now + delay
                self._say(f"{name} exited with code {proc.returncode}; restarting in {delay:.0f}s")
            elif now >= state.restart_at:
                new = self._restart(index)
                state.restart_at, state.started_at = None, now
                self._say(f"{name} restarted (pid {new.pid})")
