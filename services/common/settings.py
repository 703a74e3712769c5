"""Process settings read from environment variables (prefix ``FACET_``).

One settings object per process. Every field has a documented default so the same container image
runs locally and in Kubernetes; see README.md ("Configuration") for the full table.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class CommonSettings(BaseSettings):
    """Settings every Facet gRPC process understands."""

    model_config = SettingsConfigDict(env_prefix="FACET_", extra="ignore")

    # Where this process listens for gRPC.
    listen_address: str = "127.0.0.1:50061"
    # Prometheus metrics HTTP port (0 disables the exporter).
    metrics_port: int = Field(default=0, ge=0, le=65535)
    # Triton's gRPC endpoint.
    triton_url: str = "127.0.0.1:8001"
    # How long startup waits for Triton to report every model ready before giving up.
    triton_ready_timeout_s: float = Field(default=180.0, gt=0)
    # Deadline applied to a Triton call when the client sent none (seconds).
    default_deadline_s: float = Field(default=30.0, gt=0)
    # Largest accepted image, in bytes. The gRPC max message size is derived from it.
    max_image_bytes: int = Field(default=5 * MIB, gt=0)
    # Smallest and largest accepted image side, in pixels.
    min_image_side: int = Field(default=80, gt=0)
    max_image_side: int = Field(default=10_000, gt=0)
    # Worker threads for decoding and pre/post-processing (kept off the event loop).
    worker_threads: int = Field(default=4, gt=0)
    # Seconds between hand-backs of freed heap memory to the system (glibc malloc_trim; 0: never).
    # Without them a service that decoded large photos concurrently kept hundreds of MB of freed
    # memory (services/common/heap.py, docs/memory.md).
    heap_trim_interval_s: float = Field(default=5.0, ge=0)
    # Seconds in-flight RPCs get to finish after SIGTERM.
    shutdown_grace_s: float = Field(default=10.0, ge=0)
    # Log level name (DEBUG, INFO, WARNING, ERROR).
    log_level: str = "INFO"
    # Directory for everything a process keeps on disk (audit logs, the embedded face store).
    state_dir: str = ".run"
    # Audit sink for face comparisons and searches: a JSON-lines file path, "-" (the process log)
    # or "off". Empty: <state_dir>/audit/<service>.jsonl.
    audit_log: str = ""
    # Servers close each client connection after this long (plus up to 10% jitter), so clients
    # re-resolve their target and new replicas get traffic (docs/scaling.md).
    max_connection_age_s: float = Field(default=30.0, gt=0)
    # How long calls in flight on such a connection may still run before it is cut with
    # UNAVAILABLE. Keep it above the longest call you allow (the default deadline is 30 s, and
    # DetectText on a large receipt takes 10-60 s on a loaded 2-core machine: docs/memory.md).
    max_connection_age_grace_s: float = Field(default=60.0, ge=0)
    # Admission control (docs/scaling.md): calls running at once (0: no limit), calls waiting
    # for a slot beyond that, and the longest a call waits; beyond either bound the call is
    # refused at once with RESOURCE_EXHAUSTED (reason OVERLOADED, google.rpc.RetryInfo).
    max_concurrent_calls: int = Field(default=8, ge=0)
    max_queued_calls: int = Field(default=32, ge=0)
    max_queue_wait_s: float = Field(default=5.0, gt=0)
    # Sent as `x-facet-replica` initial metadata on every response. Empty: <hostname>:<port>.
    replica_name: str = ""

    @property
    def max_message_bytes(self) -> int:
        """gRPC message limit: two images (CompareFaces) plus room for the envelope."""
        return 2 * self.max_image_bytes + MIB
