"""The gateway's refusals: UNAUTHENTICATED, PERMISSION_DENIED and RATE_LIMITED (with RetryInfo).

They are FacetErrors, so the server's error interceptor turns them into a status with an
ErrorInfo (reasons 40-42 of facet.v1.ErrorReason; SigV4 failures use 43-44).
"""

from __future__ import annotations

import math

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from services.common.errors import ERROR_DOMAIN, FacetError


class Refusal(FacetError):
    """A FacetError whose status may carry extra google.rpc details after the ErrorInfo."""

    def details(self) -> list[any_pb2.Any]:
        return []

    def to_status(self) -> grpc.Status:
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=ERROR_DOMAIN, metadata=self.metadata)
        packed = []
        for detail in (info, *self.details()):
            item = any_pb2.Any()
            item.Pack(detail)
            packed.append(item)
        status = status_pb2.Status(code=self.code.value[0], message=self.message, details=packed)
        return rpc_status.to_status(status)


class Unauthenticated(Refusal):
    code = grpc.StatusCode.UNAUTHENTICATED
    default_reason = "UNAUTHENTICATED"


class PermissionDenied(Refusal):
    code = grpc.StatusCode.PERMISSION_DENIED
    default_reason = "PERMISSION_DENIED"


class RateLimited(Refusal):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED
    default_reason = "RATE_LIMITED"

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message, metadata={"retry_after_ms": str(math.ceil(retry_after_s * 1000))})
        self.retry_after_s = retry_after_s

    def details(self) -> list[any_pb2.Any]:
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(math.ceil(self.retry_after_s * 1e9))
        return [error_details_pb2.RetryInfo(retry_delay=delay)]  # type: ignore[list-item]
