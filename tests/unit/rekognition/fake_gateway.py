"""A stand-in gRPC gateway for the Rekognition front's unit tests: records what the front sends
and answers with whatever status the test sets. (The end-to-end tests use the real stack.)"""

from __future__ import annotations

from concurrent import futures
from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from services.common.errors import ERROR_DOMAIN


@dataclass
class Failure:
    code: grpc.StatusCode
    reason: str
    message: str = "what went wrong"
    metadata: dict[str, str] = field(default_factory=dict)

    def status(self) -> grpc.Status:
        # Built here rather than with FacetError: the gateway's own codes (UNAUTHENTICATED, ...) too.
        detail = any_pb2.Any()
        detail.Pack(error_details_pb2.ErrorInfo(reason=self.reason, domain=ERROR_DOMAIN, metadata=self.metadata))
        status = status_pb2.Status(code=self.code.value[0], message=self.message, details=[detail])
        return rpc_status.to_status(status)


@dataclass
class Received:
    method: str
    metadata: dict[str, str]
    request: bytes


@dataclass
class FakeGateway(grpc.GenericRpcHandler):
    calls: list[Received] = field(default_factory=list)
    error: Failure | None = None  # raised for the next calls; None answers an empty message
    raw_abort: tuple[grpc.StatusCode, str] | None = None  # a status without ErrorInfo

    def service(self, details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler | None:
        if details.method.startswith("/grpc.health"):
            return None

        def answer(request: bytes, context: grpc.ServicerContext) -> bytes:
            self.calls.append(Received(details.method, dict(context.invocation_metadata()), request))
            if self.raw_abort is not None:
                context.abort(*self.raw_abort)
            if self.error is not None:
                context.abort_with_status(self.error.status())
            return b""

        return grpc.unary_unary_rpc_method_handler(answer)


def start_fake_gateway() -> tuple[grpc.Server, FakeGateway, str]:
    fake = FakeGateway()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers([fake])
    servicer = health.HealthServicer()
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, fake, f"127.0.0.1:{port}"
