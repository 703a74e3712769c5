"""The HTTP side: AWS JSON 1.1 requests in, Rekognition responses and errors out.

``POST`` to any path with ``X-Amz-Target: RekognitionService.<Operation>``; the body is parsed
and validated against botocore's model, converted to the Facet request, sent to the gateway
with the request id (and the SigV4 triple, when signed), and the reply converted back.
``GET /health`` answers 200 when the gateway reports SERVING (for probes and ``make run``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any

import grpc
from aiohttp import web
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.rekognition import service_model, sigv4
from gateway.rekognition.errors import RekognitionError, from_grpc
from gateway.rekognition.operations import OPERATIONS
from gateway.rekognition.s3 import S3Images
from gateway.rekognition.settings import RekognitionSettings

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/x-amz-json-1.1"
REQUEST_ID_HEADER = "x-amzn-RequestId"
_CHANNEL: web.AppKey[grpc.aio.Channel] = web.AppKey("channel", grpc.aio.Channel)
_SETTINGS: web.AppKey[RekognitionSettings] = web.AppKey("settings", RekognitionSettings)
_S3: web.AppKey[S3Images] = web.AppKey("s3", S3Images)


def _reply(body: dict[str, Any], request_id: str, status: int = 200) -> web.Response:
    return web.Response(
        body=json.dumps(body, separators=(",", ":")).encode(),
        status=status,
        headers={"Content-Type": CONTENT_TYPE, REQUEST_ID_HEADER: request_id},
    )


async def handle(request: web.Request) -> web.Response:
    request_id = str(uuid.uuid4())
    started = time.perf_counter()
    target = request.headers.get("X-Amz-Target", "")
    try:
        response = await _call(request, target, request_id)
    except RekognitionError as err:
        response = _reply(err.body(), request_id, err.status)
        log.info("%s failed: %s %s", target, err.error_type, err.message, extra={"request_id": request_id})
    except Exception:  # never a stack trace to the client
        log.exception("%s failed unexpectedly", target, extra={"request_id": request_id})
        error = RekognitionError("InternalServerError", "Internal server error", 500)
        response = _reply(error.body(), request_id, error.status)
    log.debug(
        "%s %d", target, response.status, extra={"duration_ms": (time.perf_counter() - started) * 1e3}
    )
    return response


async def _call(request: web.Request, target: str, request_id: str) -> web.Response:
    model = service_model.operation(target)
    operation = OPERATIONS.get(model.name)
    if operation is None:
        message = f"{model.name} is a Rekognition operation Facet does not offer"
        raise RekognitionError("UnknownOperationException", message)
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge as exc:
        message = "The request body is larger than this endpoint accepts"
        raise RekognitionError("ImageTooLargeException", message) from exc

    def sign_and_parse() -> tuple[sigv4.SignedRequest | None, dict[str, Any]]:
        signed = sigv4.signed_request(request.method, request.host, request.path_qs, request.headers, body)
        return signed, service_model.parse_input(model, body)

    # Hashing, JSON and base64 of a 5 MiB image take tens of milliseconds: off the event loop.
    signed, params = await asyncio.to_thread(sign_and_parse)
    params = await request.app[_S3].resolve(params, model.input_shape.members)
    message = operation.request(params, model)
    metadata: list[tuple[str, str]] = [("x-request-id", request_id)]
    if signed is not None:
        metadata.extend(signed.metadata())
    call = request.app[_CHANNEL].unary_unary(
        operation.method,
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=operation.response_type.FromString,
    )
    try:
        reply = await call(message, metadata=metadata, timeout=request.app[_SETTINGS].request_timeout_s)
    except grpc.aio.AioRpcError as err:
        raise from_grpc(err) from err
    return _reply(operation.response(reply, model, params), request_id)


async def health(request: web.Request) -> web.Response:
    stub = health_pb2_grpc.HealthStub(request.app[_CHANNEL])
    try:
        reply = await stub.Check(health_pb2.HealthCheckRequest(), timeout=2)
    except grpc.aio.AioRpcError:
        return web.Response(status=503, text="gateway unreachable\n")
    serving = reply.status == health_pb2.HealthCheckResponse.SERVING
    return web.Response(status=200 if serving else 503, text="SERVING\n" if serving else "NOT_SERVING\n")


def create_app(settings: RekognitionSettings) -> web.Application:
    app = web.Application(client_max_size=settings.max_body_bytes)
    app[_SETTINGS] = settings
    app[_S3] = S3Images(settings)

    async def channel_lifecycle(app: web.Application) -> Any:
        limit = settings.max_body_bytes
        app[_CHANNEL] = grpc.aio.insecure_channel(
            settings.gateway_address,
            options=[("grpc.max_send_message_length", limit), ("grpc.max_receive_message_length", limit)],
        )
        yield
        await app[_CHANNEL].close()

    app.cleanup_ctx.append(channel_lifecycle)
    app.router.add_get("/health", health)
    app.router.add_post("/{tail:.*}", handle)
    return app
