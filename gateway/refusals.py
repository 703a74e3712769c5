"""The gateway's refusals: UNAUTHENTICATED, PERMISSION_DENIED and RATE_LIMITED (with RetryInfo).

They are FacetErrors, so the server's error interceptor turns them into a status with an
ErrorInfo (reasons 40-42 of facet.v1.ErrorReason; SigV4 failures use 43-44).
"""

from __future__ import annotations

import math

import grpc

from services.common.admission import Overloaded
from services.common.errors import FacetError


class Unauthenticated(FacetError):
    code = grpc.StatusCode.UNAUTHENTICATED
    default_reason = "UNAUTHENTICATED"


class PermissionDenied(FacetError):
    code = grpc.StatusCode.PERMISSION_DENIED
    default_reason = "PERMISSION_DENIED"


class RateLimited(Overloaded):
    """Like a service's OVERLOADED (RESOURCE_EXHAUSTED + RetryInfo), but the caller's own limit."""

    default_reason = "RATE_LIMITED"

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message, retry_after_s)
        self.metadata["retry_after_ms"] = str(math.ceil(retry_after_s * 1000))
