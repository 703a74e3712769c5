"""A byte-level unary gRPC proxy.

Requests and responses are forwarded as raw bytes (no deserializer on either side), so the
gateway never re-serialises messages and needs no code change when a service adds a field.
Metadata and the remaining deadline travel with the call; a backend's status, message and
trailing metadata (including google.rpc.Status details) come back unchanged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

import grpc

from gateway.idempotent import idempotent_methods
from gateway.routes import Route
from services.common.audit import REQUEST_ID_KEY
from services.common.balancing import MAX_RECONNECT_BACKOFF_MS, service_config
from services.common.errors import Unavailable

log = logging.getLogger(__name__)

# Headers owned by the transport; forwarding them would corrupt the outgoing call.
_HOP_BY_HOP = {"content-type", "te", "user-agent", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding"}


class Backend:
    """One channel per routed service, balanced over every replica its target resolves to.

    ``route.address`` is any gRPC target: ``host:port``, ``ipv4:a:p,b:p``, ``dns:///name:port``.
    Idempotent methods (gateway/idempotent.py) are retried on UNAVAILABLE; replicas that report
    NOT_SERVING get no calls. ``dns_min_reresolution_s`` is how soon a name may be resolved again
    after a connection closes (gRPC's own default is 30 s).
    """

    def __init__(self, route: Route, max_message_bytes: int, dns_min_reresolution_s: float = 30.0):
        self.route = route
        config = service_config(idempotent_methods(route.service), health_service=route.service)
        self.channel = grpc.aio.insecure_channel(
            route.address,
            options=[
                ("grpc.max_receive_message_length", max_message_bytes),
                ("grpc.max_send_message_length", max_message_bytes),
                ("grpc.service_config", config),
                ("grpc.max_reconnect_backoff_ms", MAX_RECONNECT_BACKOFF_MS),
                # A request larger than the retry buffer is never retried: allow the largest.
                ("grpc.per_rpc_retry_buffer_size", max_message_bytes),
                ("grpc.dns_min_time_between_resolutions_ms", int(dns_min_reresolution_s * 1000)),
            ],
        )

    async def close(self) -> None:
        await self.channel.close()


class ProxyHandler(grpc.GenericRpcHandler):
    """Routes ``/package.Service/Method`` to the backend registered for ``package.Service``."""

    def __init__(self, backends: Mapping[str, Backend]):
        self._backends = backends

    def service(self, handler_call_details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler | None:
        method = handler_call_details.method
        service_name = method.lstrip("/").split("/", 1)[0]
        backend = self._backends.get(service_name)
        if backend is None:
            return None  # grpc answers UNIMPLEMENTED
        forward = backend.channel.unary_unary(method)

        async def proxy(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
            metadata = _forwarded_metadata(context.invocation_metadata() or ())
            timeout = context.time_remaining()
            call = forward(request, metadata=metadata, timeout=timeout)
            try:
                response: bytes = await call
            except grpc.aio.AioRpcError as err:
                if err.initial_metadata():  # e.g. x-facet-replica of the replica that refused
                    await context.send_initial_metadata(_user_metadata(err.initial_metadata()))
                trailers = err.trailing_metadata() or ()
                if err.code() == grpc.StatusCode.UNAVAILABLE and not _has_status_details(trailers):
                    # The backend process itself is unreachable: say which one, with a reason.
                    raise Unavailable(f"{service_name} is unavailable", reason="SERVICE_UNAVAILABLE") from err
                await context.abort(err.code(), err.details() or "", _user_metadata(trailers))
            initial = await call.initial_metadata()
            if initial:
                await context.send_initial_metadata(_user_metadata(initial))
            trailing = await call.trailing_metadata()
            if trailing:
                context.set_trailing_metadata(_user_metadata(trailing))
            return response

        return grpc.unary_unary_rpc_method_handler(proxy)


def _forwarded_metadata(metadata: object) -> tuple[tuple[str, str | bytes], ...]:
    items = [(key, value) for key, value in metadata if key not in _HOP_BY_HOP and not key.startswith(":")]  # type: ignore[attr-defined]
    if not any(key == REQUEST_ID_KEY for key, _ in items):
        # One id per call, so the service's logs and audit records can be joined with the gateway's.
        items.append((REQUEST_ID_KEY, uuid.uuid4().hex))
    return tuple(items)


def _user_metadata(metadata: object) -> tuple[tuple[str, str | bytes], ...]:
    return tuple(
        (key, value)
        for key, value in metadata  # type: ignore[attr-defined]
        if key not in _HOP_BY_HOP
        and not key.startswith(":")
        and (not key.startswith("grpc-") or key == "grpc-status-details-bin")
    )


def _has_status_details(metadata: object) -> bool:
    return any(key == "grpc-status-details-bin" for key, _ in metadata)  # type: ignore[attr-defined]
