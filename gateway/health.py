"""Aggregated health: the gateway is SERVING only when every routed backend is."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from gateway.proxy import Backend
from services.common.errors import Unavailable

log = logging.getLogger(__name__)

_SERVING = health_pb2.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class BackendHealth:
    """Polls each backend's grpc.health.v1 and mirrors it, per service, in the gateway's own health."""

    def __init__(self, backends: Mapping[str, Backend], servicer: health.aio.HealthServicer, timeout_s: float = 2.0):
        self._backends = backends
        self._servicer = servicer
        self._timeout_s = timeout_s
        self._last: dict[str, bool] = {}

    async def check(self) -> None:
        """Readiness check for ``run_until_signalled``: raises Unavailable unless all are SERVING."""
        down = []
        for name, backend in self._backends.items():
            ok = await self._is_serving(name, backend)
            if self._last.get(name) != ok:
                log.info("backend %s at %s: %s", name, backend.route.address, "SERVING" if ok else "NOT_SERVING")
                self._last[name] = ok
            await self._servicer.set(name, _SERVING if ok else _NOT_SERVING)
            if not ok:
                down.append(name)
        if down:
            raise Unavailable(f"backends not serving: {', '.join(down)}", reason="SERVICE_UNAVAILABLE")

    async def _is_serving(self, name: str, backend: Backend) -> bool:
        stub = health_pb2_grpc.HealthStub(backend.channel)
        try:
            reply = await stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=self._timeout_s)
        except grpc.aio.AioRpcError:
            return False
        return bool(reply.status == _SERVING)
