"""gRPC server bootstrap shared by every Facet process.

``create_server`` builds a ``grpc.aio`` server with the error interceptor, health checking and
reflection (tests bind port 0 and read the port back). ``run_until_signalled`` starts it, reports
SERVING only after the process's readiness check passes (Triton models ready and verified), keeps
checking, and on SIGTERM/SIGINT flips health to NOT_SERVING before a graceful stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from services.common import metrics
from services.common.errors import FacetError, Internal
from services.common.logs import REQUEST_ID, REQUEST_ID_KEY
from services.common.settings import CommonSettings

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], Awaitable[None]]


class ErrorInterceptor(grpc.aio.ServerInterceptor):
    """Maps FacetError to its status, anything unexpected to a generic INTERNAL, and records metrics.

    This is the only place exceptions become statuses, so servicers stay thin and a stack trace
    never reaches a client.
    """

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler
        method = handler_call_details.method
        inner = handler.unary_unary

        async def guarded(request: Any, context: grpc.aio.ServicerContext) -> Any:
            started = time.perf_counter()
            code = "OK"
            # Every log line of this call (this task and the work it hands to threads) names it.
            REQUEST_ID.set(_request_id(context.invocation_metadata()))
            try:
                return await inner(request, context)
            except FacetError as err:
                code = err.code.name
                log.info("%s failed: %s %s", method, err.reason, err.message)
                status = err.to_status()
                await context.abort(status.code, status.details, status.trailing_metadata)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                code = "CANCELLED"
                raise
            except Exception:
                code = "INTERNAL"
                log.exception("unexpected error in %s", method)
                status = Internal("internal error; see the service log").to_status()
                await context.abort(status.code, status.details, status.trailing_metadata)
            finally:
                metrics.REQUESTS.labels(method=method, code=code).inc()
                metrics.REQUEST_SECONDS.labels(method=method).observe(time.perf_counter() - started)

        return grpc.unary_unary_rpc_method_handler(
            guarded,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


def _request_id(metadata: Sequence[tuple[str, str | bytes]] | None) -> str:
    return next((v for k, v in metadata or () if k == REQUEST_ID_KEY and isinstance(v, str)), "")


@dataclass
class Server:
    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer
    service_names: Sequence[str]

    async def set_serving(self, serving: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ("", *self.service_names):
            await self.health.set(name, status)


def create_server(
    address: str,
    settings: CommonSettings,
    service_names: Sequence[str],
    add_servicers: Callable[[grpc.aio.Server], None],
    credentials: grpc.ServerCredentials | None = None,
) -> Server:
    """A configured, not yet started server. ``address`` may end in ``:0`` (tests).
    ``credentials``: serve TLS with them (the gateway); None: plaintext."""
    options = [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        ("grpc.so_reuseport", 0),
    ]
    server = grpc.aio.server(interceptors=[ErrorInterceptor()], options=options)
    add_servicers(server)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [*service_names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME],
        server,
    )
    port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    if port == 0:
        raise RuntimeError(f"could not bind {address}")
    return Server(server=server, port=port, health=health_servicer, service_names=list(service_names))


async def run_until_signalled(
    app: Server,
    settings: CommonSettings,
    readiness: ReadinessCheck | None = None,
    *,
    recheck_every_s: float = 5.0,
    on_stop: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Serve until SIGTERM/SIGINT; health is SERVING only while ``readiness`` passes."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    await app.set_serving(False)
    await app.server.start()
    metrics.start_exporter(settings.metrics_port)
    log.info("listening on port %d (NOT_SERVING until ready)", app.port)

    async def watch_readiness() -> None:
        serving = False
        while not stop.is_set():
            try:
                if readiness is not None:
                    await readiness()
            except FacetError as err:
                if serving or err.code != grpc.StatusCode.UNAVAILABLE:
                    log.warning("not ready: %s", err.message)
                if err.code != grpc.StatusCode.UNAVAILABLE:
                    stop.set()  # a wrong model repository will not fix itself: exit non-zero
                    raise
                ok = False
            else:
                ok = True
            if ok != serving:
                serving = ok
                await app.set_serving(ok)
                log.info("health: %s", "SERVING" if ok else "NOT_SERVING")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=recheck_every_s)

    watcher = asyncio.create_task(watch_readiness())
    await stop.wait()
    log.info("shutting down: health NOT_SERVING, %.0fs grace for in-flight calls", settings.shutdown_grace_s)
    await app.health.enter_graceful_shutdown()
    await app.server.stop(settings.shutdown_grace_s)
    failure: FacetError | None = None
    watcher.cancel()
    try:
        await watcher
    except asyncio.CancelledError:
        pass
    except FacetError as err:
        failure = err
    if on_stop is not None:
        await on_stop()
    log.info("stopped")
    if failure is not None:
        raise SystemExit(f"startup check failed: {failure.message}")
