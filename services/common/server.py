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
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.message import DecodeError
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from services.common import heap, metrics
from services.common.admission import AdmissionControl
from services.common.errors import FacetError, Internal, InvalidArgument
from services.common.logs import REQUEST_ID, REQUEST_ID_KEY
from services.common.settings import CommonSettings

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], Awaitable[None]]


REPLICA_KEY = "x-facet-replica"
# Always answered, even under overload: health checks and reflection are how operators look in.
_ALWAYS_ADMITTED = ("/grpc.health.v1.Health/", "/grpc.reflection.")
_UNLIMITED = AdmissionControl(0, 0, 1.0)


class ErrorInterceptor(grpc.aio.ServerInterceptor):
    """Every unary call: decode, admit, run, and map the outcome to a status, with metrics.

    This is the only place exceptions become statuses, so servicers stay thin and a stack trace
    never reaches a client. It decodes the request itself (gRPC's own decoding failure would
    answer UNKNOWN with the Python exception class), applies admission control, and names the
    replica that answered in the initial metadata, sent with the response: headers received
    earlier would commit a client's retry, so a replica killed mid-call could not be retried
    (for the same reason an error names the replica in its trailing metadata).
    """

    def __init__(self, admission: AdmissionControl | None = None, replica_name: str = ""):
        self._admission = admission or _UNLIMITED
        self.replica_name = replica_name

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
        decode = handler.request_deserializer
        admission = _UNLIMITED if method.startswith(_ALWAYS_ADMITTED) else self._admission

        async def guarded(raw: Any, context: grpc.aio.ServicerContext) -> Any:
            started = time.perf_counter()
            code = "OK"
            # Every log line of this call (this task and the work it hands to threads) names it.
            REQUEST_ID.set(_request_id(context.invocation_metadata()))
            try:
                request = _decode(decode, raw)
                async with admission.slot():
                    response = await inner(request, context)
                await self._announce(context)
                return response
            except FacetError as err:
                code = err.code.name
                log.info("%s failed: %s %s", method, err.reason, err.message)
                _drop_frames(err)
                await self._abort(context, err)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                code = "CANCELLED"
                raise
            except Exception as exc:
                code = "INTERNAL"
                log.exception("unexpected error in %s", method)
                _drop_frames(exc)
                await self._abort(context, Internal("internal error; see the service log"))
            finally:
                metrics.REQUESTS.labels(method=method, code=code).inc()
                metrics.REQUEST_SECONDS.labels(method=method).observe(time.perf_counter() - started)

        return grpc.unary_unary_rpc_method_handler(
            guarded,
            request_deserializer=None,  # raw bytes: decoded in `guarded`, where a failure has a reason
            response_serializer=handler.response_serializer,
        )

    async def _announce(self, context: grpc.aio.ServicerContext) -> None:
        if not self.replica_name:
            return
        # A servicer that sent its own initial metadata keeps it; gRPC refuses a second send.
        with contextlib.suppress(grpc.aio.UsageError, RuntimeError):
            await context.send_initial_metadata(((REPLICA_KEY, self.replica_name),))

    async def _abort(self, context: grpc.aio.ServicerContext, err: FacetError) -> None:
        # An error goes out as a trailers-only response, the replica named in the trailers:
        # initial metadata would commit the call, and an UNAVAILABLE could not be retried.
        status = err.to_status()
        trailers = tuple(status.trailing_metadata)
        if self.replica_name:
            trailers += ((REPLICA_KEY, self.replica_name),)
        await context.abort(status.code, status.details, trailers)


def _drop_frames(err: BaseException) -> None:
    """Detach the tracebacks of an answered error and of the errors chained to it.

    gRPC's abort raises with this error as its context, and that chain outlived the call: the
    frames it keeps hold the call's locals, so a failed call on a large photo kept the decoded
    pixels alive until a later failure replaced it (faces: +57 MB per 20 MP photo, issue #20).
    The error has been logged and answered; nothing reads its frames afterwards."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__


def _decode(decode: Callable[[bytes], Any] | None, raw: Any) -> Any:
    if decode is None:
        return raw
    try:
        return decode(raw)
    except DecodeError as exc:
        raise InvalidArgument("the request is not a valid protobuf message", reason="INVALID_REQUEST") from exc


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
    *,
    interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
    announce_replica: bool = True,
    credentials: grpc.ServerCredentials | None = None,
) -> Server:
    """A configured, not yet started server. ``address`` may end in ``:0`` (tests).

    ``interceptors`` run before the error interceptor (outermost first). ``announce_replica``
    off: the process forwards its backends' ``x-facet-replica`` instead (the gateway).
    ``credentials``: serve TLS with them (the gateway); None: plaintext.
    """
    options = [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        ("grpc.so_reuseport", 0),
        # Connections end after this age, so clients re-resolve names and reach new replicas.
        ("grpc.max_connection_age_ms", int(settings.max_connection_age_s * 1000)),
        ("grpc.max_connection_age_grace_ms", int(settings.max_connection_age_grace_s * 1000)),
    ]
    admission = AdmissionControl(settings.max_concurrent_calls, settings.max_queued_calls, settings.max_queue_wait_s)
    errors = ErrorInterceptor(admission)
    server = grpc.aio.server(interceptors=[*interceptors, errors], options=options)
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
    if announce_replica:
        errors.replica_name = settings.replica_name or f"{socket.gethostname()}:{port}"
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
            # While not serving, look again every second: a returning Triton is noticed quickly.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=recheck_every_s if serving else min(recheck_every_s, 1.0))

    watcher = asyncio.create_task(watch_readiness())
    trimmer = asyncio.create_task(heap.trim_heap_every(settings.heap_trim_interval_s, stop))
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
    await trimmer
    if on_stop is not None:
        await on_stop()
    log.info("stopped")
    if failure is not None:
        raise SystemExit(f"startup check failed: {failure.message}")
