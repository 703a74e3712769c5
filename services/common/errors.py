"""One error hierarchy for every service, mapped to gRPC status + google.rpc.ErrorInfo.

Servicers raise :class:`FacetError` subclasses; :mod:`services.common.server` turns them into a
status whose details carry an ``ErrorInfo`` with a machine-readable ``reason`` (the names of
``facet.v1.ErrorReason`` without their prefix) and ``domain = "facet.v1"``.
"""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from facet.v1 import common_pb2

ERROR_DOMAIN = "facet.v1"
# The reasons a client may receive: facet.v1.ErrorReason's names without their prefix. Nothing else
# is ever sent (tests/unit/common/test_reasons.py walks every reason the code names).
REASONS: frozenset[str] = frozenset(
    name.removeprefix("ERROR_REASON_")
    for name in common_pb2.ErrorReason.keys()  # noqa: SIM118 (an EnumTypeWrapper, not a dict)
    if name != "ERROR_REASON_UNSPECIFIED"
)


class FacetError(Exception):
    """An error a client can act on: a gRPC code, a stable reason and a human message."""

    code: grpc.StatusCode = grpc.StatusCode.INTERNAL
    # None: the class covers several reasons and every raiser names one.
    default_reason: str | None = "INTERNAL"

    def __init__(self, message: str, *, reason: str | None = None, metadata: dict[str, str] | None = None):
        super().__init__(message)
        chosen = reason or self.default_reason
        if chosen not in REASONS:
            raise ValueError(f"{chosen!r} is not a facet.v1.ErrorReason; add it to common.proto first")
        self.message = message
        self.reason: str = chosen
        self.metadata = dict(metadata or {})

    def to_status(self) -> grpc.Status:
        """The gRPC status (code, message, ErrorInfo detail) for this error."""
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=ERROR_DOMAIN, metadata=self.metadata)
        detail = any_pb2.Any()
        detail.Pack(info)
        status = status_pb2.Status(code=_CODE_NUMBERS[self.code], message=self.message, details=[detail])
        return rpc_status.to_status(status)


class InvalidArgument(FacetError):
    code = grpc.StatusCode.INVALID_ARGUMENT
    default_reason = "INVALID_PARAMETER"


class NotFound(FacetError):
    code = grpc.StatusCode.NOT_FOUND
    default_reason = None  # COLLECTION_NOT_FOUND, FACE_NOT_FOUND: the raiser says which


class AlreadyExists(FacetError):
    code = grpc.StatusCode.ALREADY_EXISTS
    default_reason = None


class FailedPrecondition(FacetError):
    code = grpc.StatusCode.FAILED_PRECONDITION
    default_reason = None


class Unavailable(FacetError):
    code = grpc.StatusCode.UNAVAILABLE
    default_reason = "INFERENCE_UNAVAILABLE"


class DeadlineExceeded(FacetError):
    code = grpc.StatusCode.DEADLINE_EXCEEDED
    default_reason = "DEADLINE_EXCEEDED"


class Internal(FacetError):
    code = grpc.StatusCode.INTERNAL
    default_reason = "INTERNAL"


_CODE_NUMBERS: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.INVALID_ARGUMENT: code_pb2.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND: code_pb2.NOT_FOUND,
    grpc.StatusCode.ALREADY_EXISTS: code_pb2.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION: code_pb2.FAILED_PRECONDITION,
    grpc.StatusCode.RESOURCE_EXHAUSTED: code_pb2.RESOURCE_EXHAUSTED,
    grpc.StatusCode.UNAVAILABLE: code_pb2.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED: code_pb2.DEADLINE_EXCEEDED,
    grpc.StatusCode.INTERNAL: code_pb2.INTERNAL,
    grpc.StatusCode.UNAUTHENTICATED: code_pb2.UNAUTHENTICATED,  # the gateway (gateway/refusals.py)
    grpc.StatusCode.PERMISSION_DENIED: code_pb2.PERMISSION_DENIED,
}


def error_info(status: grpc.Status | grpc.aio.AioRpcError | grpc.RpcError) -> error_details_pb2.ErrorInfo | None:
    """The ErrorInfo carried by a failed call, or None. Used by clients and tests."""
    rich = rpc_status.from_call(status)  # type: ignore[arg-type]
    if rich is None:
        return None
    for detail in rich.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info
    return None
