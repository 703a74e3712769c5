"""Prometheus metrics shared by every Facet process (one registry per process)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram, start_http_server

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("facet_requests_total", "gRPC requests handled", ["method", "code"])
REQUEST_SECONDS = Histogram("facet_request_seconds", "gRPC request latency", ["method"], buckets=_LATENCY_BUCKETS)
TRITON_SECONDS = Histogram(
    "facet_triton_seconds", "Time spent in Triton calls, by model", ["model"], buckets=_LATENCY_BUCKETS
)
STAGE_SECONDS = Histogram(
    "facet_stage_seconds",
    "Time per pipeline stage (decode, preprocess, postprocess)",
    ["stage"],
    buckets=_LATENCY_BUCKETS,
)

HEAP_TRIM_SECONDS = Histogram(
    "facet_heap_trim_seconds",
    "Time per malloc_trim of the process's heaps (services/common/heap.py)",
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25),
)


def start_exporter(port: int) -> None:
    """Serve /metrics on ``port``; 0 disables it (tests run many processes)."""
    if port:
        start_http_server(port)
