"""Channel settings shared by every client hop (gateway → services, services → Triton).

Each hop balances with gRPC's ``round_robin`` over every address its target resolves to
(``host:port``, ``ipv4:a:p,b:p``, ``dns:///name:port``) and retries a call that failed
UNAVAILABLE on another replica, for idempotent methods only. docs/scaling.md explains the
numbers to operators.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

# At most 3 attempts, 0.1 s then up to 1 s apart (gRPC adds jitter). Only UNAVAILABLE: the
# replica is gone or refused before doing anything; other codes are answers.
RETRY_POLICY = {
    "maxAttempts": 3,
    "initialBackoff": "0.1s",
    "maxBackoff": "1s",
    "backoffMultiplier": 2,
    "retryableStatusCodes": ["UNAVAILABLE"],
}

# gRPC's reconnection back-off grows to 120 s; a restarted replica should get traffic again
# within about a second, and reconnecting to loopback or in-cluster addresses is cheap.
MAX_RECONNECT_BACKOFF_MS = 1000


def service_config(retried: Sequence[tuple[str, str | None]], health_service: str | None = None) -> str:
    """gRPC service config JSON: round_robin, retries for ``retried`` (service, method or None
    for the whole service), and, with ``health_service``, client-side health checking, so a
    replica that reports NOT_SERVING (its Triton is gone, or it is shutting down) gets no calls.
    """
    names = [{"service": service, **({"method": method} if method else {})} for service, method in retried]
    config: dict[str, object] = {
        "loadBalancingConfig": [{"round_robin": {}}],
        "methodConfig": [{"name": names, "retryPolicy": RETRY_POLICY}] if names else [],
    }
    if health_service is not None:
        config["healthCheckConfig"] = {"serviceName": health_service}
    return json.dumps(config)
