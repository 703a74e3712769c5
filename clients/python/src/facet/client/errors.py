"""What a failed call says: its code, the `google.rpc.ErrorInfo` reason and the `RetryInfo` delay.

Facet puts a `google.rpc.Status` with these details in the `grpc-status-details-bin` trailer of
every error (domain "facet.v1", reasons from `facet.v1.ErrorReason`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status


def _rich_status(err: grpc.RpcError) -> status_pb2.Status | None:
    try:
        return rpc_status.from_call(err)  # type: ignore[arg-type]
    except (AttributeError, ValueError):  # not a call, or a status that contradicts its own code
        return None


def _detail(err: grpc.RpcError, kind: type) -> object | None:
    rich = _rich_status(err)
    if rich is None:
        return None
    for detail in rich.details:
        if detail.Is(kind.DESCRIPTOR):  # type: ignore[attr-defined]
            message = kind()
            detail.Unpack(message)
            return message
    return None


def error_info(err: grpc.RpcError) -> error_details_pb2.ErrorInfo | None:
    """The call's ErrorInfo (`reason`, `domain`, `metadata`), or None when it carries none."""
    return _detail(err, error_details_pb2.ErrorInfo)  # type: ignore[return-value]


def retry_info(err: grpc.RpcError) -> error_details_pb2.RetryInfo | None:
    """The call's RetryInfo (how long to wait before retrying), or None when it carries none."""
    return _detail(err, error_details_pb2.RetryInfo)  # type: ignore[return-value]


@dataclass(frozen=True)
class CallError:
    """A failed call in plain values: what the CLI prints and what logs want."""

    code: str  # gRPC status code name, e.g. "INVALID_ARGUMENT"
    reason: str  # ErrorInfo reason, e.g. "NO_FACE_IN_SOURCE"; "" when the call carried none
    message: str
    metadata: dict[str, str] = field(default_factory=dict)
    retry_after_s: float | None = None

    def one_line(self) -> str:
        parts = [self.code]
        if self.reason:
            parts.append(self.reason)
        text = " ".join(parts) + f": {self.message}"
        if self.metadata:
            text += " (" + ", ".join(f"{k}={v}" for k, v in sorted(self.metadata.items())) + ")"
        if self.retry_after_s is not None:
            text += f" (retry after {self.retry_after_s:g} s)"
        return text


def describe_error(err: grpc.RpcError) -> CallError:
    """Code, reason, message, ErrorInfo metadata and RetryInfo delay of a failed call."""
    code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
    message = (err.details() if hasattr(err, "details") else None) or ""
    info = error_info(err)
    retry = retry_info(err)
    delay = retry.retry_delay.ToTimedelta().total_seconds() if retry is not None else None
    return CallError(
        code=code.name,
        reason=info.reason if info is not None else "",
        message=message.replace("\n", " "),
        metadata=dict(info.metadata) if info is not None else {},
        retry_after_s=delay,
    )
