"""Rekognition's error responses, and the one table from Facet's gRPC status to them.

A Rekognition error is ``{"__type": <exception>, "Message": ...}`` with an HTTP status; botocore
turns ``__type`` into the SDK's exception class (``rek.exceptions.ImageTooLargeException``), so
the names here are the names of shapes in botocore's service model, except the signature errors,
which AWS's front door sends for every service and SDKs raise as ``ClientError`` with that code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import grpc

from services.common.errors import error_info

log = logging.getLogger(__name__)


class RekognitionError(Exception):
    """An error this front answers with directly (bad request, refused field, failed signature)."""

    def __init__(self, error_type: str, message: str, status: int = 400):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.status = status

    def body(self) -> dict[str, str]:
        # Rekognition also sends "Code" (a member of its exception shapes) with the same value.
        return {"__type": self.error_type, "Code": self.error_type, "Message": self.message}


def invalid_parameter(message: str) -> RekognitionError:
    return RekognitionError("InvalidParameterException", message)


@dataclass(frozen=True)
class Mapped:
    error_type: str
    status: int


_INVALID_PARAMETER = Mapped("InvalidParameterException", 400)
_THROTTLING = Mapped("ThrottlingException", 500)  # Rekognition's own status for it; SDKs retry it
_INTERNAL = Mapped("InternalServerError", 500)

# (gRPC code, ErrorInfo reason) -> Rekognition error. Reasons are facet.v1.ErrorReason names.
BY_REASON: dict[tuple[grpc.StatusCode, str], Mapped] = {
    (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_IMAGE_FORMAT"): Mapped("InvalidImageFormatException", 400),
    (grpc.StatusCode.INVALID_ARGUMENT, "IMAGE_TOO_LARGE"): Mapped("ImageTooLargeException", 400),
    (grpc.StatusCode.INVALID_ARGUMENT, "IMAGE_TOO_SMALL"): _INVALID_PARAMETER,
    (grpc.StatusCode.INVALID_ARGUMENT, "NO_FACE_IN_SOURCE"): _INVALID_PARAMETER,  # as Rekognition answers
    (grpc.StatusCode.INVALID_ARGUMENT, "NO_FACE_IN_IMAGE"): _INVALID_PARAMETER,
    (grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND"): Mapped("ResourceNotFoundException", 400),
    (grpc.StatusCode.NOT_FOUND, "FACE_NOT_FOUND"): Mapped("ResourceNotFoundException", 400),
    (grpc.StatusCode.ALREADY_EXISTS, "COLLECTION_ALREADY_EXISTS"): Mapped("ResourceAlreadyExistsException", 400),
    (grpc.StatusCode.ALREADY_EXISTS, "USER_ALREADY_EXISTS"): Mapped("ConflictException", 400),
    (grpc.StatusCode.FAILED_PRECONDITION, "FACE_MODEL_MISMATCH"): _INVALID_PARAMETER,
    # The gateway's own decisions (security branch reasons 40-44, replicas branch 30).
    (grpc.StatusCode.UNAUTHENTICATED, "SIGNATURE_INVALID"): Mapped("InvalidSignatureException", 403),
    (grpc.StatusCode.UNAUTHENTICATED, "SIGNATURE_EXPIRED"): Mapped("InvalidSignatureException", 403),
    (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED"): Mapped("UnrecognizedClientException", 403),
    (grpc.StatusCode.PERMISSION_DENIED, "PERMISSION_DENIED"): Mapped("AccessDeniedException", 400),
    (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED"): _THROTTLING,
    (grpc.StatusCode.RESOURCE_EXHAUSTED, "OVERLOADED"): _THROTTLING,
}

# When the reason is unknown or absent, the code decides.
BY_CODE: dict[grpc.StatusCode, Mapped] = {
    grpc.StatusCode.INVALID_ARGUMENT: _INVALID_PARAMETER,
    grpc.StatusCode.OUT_OF_RANGE: _INVALID_PARAMETER,
    grpc.StatusCode.FAILED_PRECONDITION: _INVALID_PARAMETER,
    grpc.StatusCode.NOT_FOUND: Mapped("ResourceNotFoundException", 400),
    grpc.StatusCode.ALREADY_EXISTS: Mapped("ResourceAlreadyExistsException", 400),
    grpc.StatusCode.UNAUTHENTICATED: Mapped("UnrecognizedClientException", 403),
    grpc.StatusCode.PERMISSION_DENIED: Mapped("AccessDeniedException", 400),
    grpc.StatusCode.RESOURCE_EXHAUSTED: _THROTTLING,
    grpc.StatusCode.UNAVAILABLE: _THROTTLING,  # "temporarily unable to process the request. Try again."
}

# A malformed page token is INVALID_PARAMETER on field page_token at Facet, its own type at AWS.
_FIELD_TYPES: dict[str, Mapped] = {"page_token": Mapped("InvalidPaginationTokenException", 400)}


def from_grpc(err: grpc.aio.AioRpcError) -> RekognitionError:
    """The Rekognition error for a failed gateway call. Anything unmapped is InternalServerError."""
    info = error_info(err)
    reason = info.reason if info is not None else ""
    field = info.metadata.get("field", "") if info is not None else ""
    mapped = (
        (_FIELD_TYPES.get(field) if reason == "INVALID_PARAMETER" else None)
        or BY_REASON.get((err.code(), reason))
        or BY_CODE.get(err.code(), _INTERNAL)
    )
    if mapped is _INTERNAL:
        # Never pass an unexpected server message on: it may hold internals. The log keeps it.
        log.warning("gateway answered %s %s: %s", err.code().name, reason or "(no reason)", err.details())
        return RekognitionError(mapped.error_type, "Internal server error", mapped.status)
    return RekognitionError(mapped.error_type, err.details() or mapped.error_type, mapped.status)
