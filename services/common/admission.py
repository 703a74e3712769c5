"""Admission control: a bounded number of calls in flight, a bounded queue, a bounded wait.

Without it, a service under more load than Triton can absorb queues every call and latency grows
without limit until clients time out (and retry, adding more load). With it, excess calls are
refused at once with RESOURCE_EXHAUSTED, reason OVERLOADED, and a ``google.rpc.RetryInfo`` that
says when a retry is likely to find a free slot, so a balancer or client can go elsewhere or back
off. Limits and how to size them: docs/scaling.md.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from services.common.errors import ERROR_DOMAIN, FacetError


class Overloaded(FacetError):
    """RESOURCE_EXHAUSTED, reason OVERLOADED, with a RetryInfo detail beside the ErrorInfo."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED
    default_reason = "OVERLOADED"

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message)
        self.retry_after_s = retry_after_s

    def to_status(self) -> grpc.Status:
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(self.retry_after_s * 1e9))
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=ERROR_DOMAIN, metadata=self.metadata)
        details = []
        for message in (info, error_details_pb2.RetryInfo(retry_delay=delay)):
            detail = any_pb2.Any()
            detail.Pack(message)
            details.append(detail)
        status = status_pb2.Status(code=code_pb2.RESOURCE_EXHAUSTED, message=self.message, details=details)
        return rpc_status.to_status(status)


class AdmissionControl:
    """At most ``max_concurrent`` calls run; at most ``max_queued`` wait, each at most ``max_wait_s``.

    ``max_concurrent`` 0 turns admission control off. One instance per server, used from its
    event loop only (no locking beyond asyncio's).
    """

    def __init__(self, max_concurrent: int, max_queued: int, max_wait_s: float):
        self.max_concurrent = max_concurrent
        self.max_queued = max_queued
        self.max_wait_s = max_wait_s
        self._slots = asyncio.Semaphore(max(max_concurrent, 1))
        self._queued = 0
        self._mean_call_s = 0.1  # moving average of admitted call time: the RetryInfo hint

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.max_concurrent == 0:
            yield
            return
        if self._slots.locked():
            if self._queued >= self.max_queued:
                raise self._refuse(f"{self.max_concurrent} calls running and {self._queued} queued")
            self._queued += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout=self.max_wait_s)
            except TimeoutError:
                raise self._refuse(f"no free slot within {self.max_wait_s:g}s") from None
            finally:
                self._queued -= 1
        else:
            await self._slots.acquire()
        started = time.perf_counter()
        try:
            yield
        finally:
            self._slots.release()
            self._mean_call_s += 0.1 * (time.perf_counter() - started - self._mean_call_s)

    def _refuse(self, why: str) -> Overloaded:
        # A slot frees about every mean-call-time / concurrency; the queue ahead drains in about
        # queued × that. Never suggest less than 50 ms or more than the queue wait.
        drain_s = self._mean_call_s * (1 + self._queued) / self.max_concurrent
        return Overloaded(f"the service is overloaded ({why}); retry later", min(max(drain_s, 0.05), self.max_wait_s))
