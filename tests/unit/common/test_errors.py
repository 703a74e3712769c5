"""Every FacetError maps to its gRPC code with an ErrorInfo a client can read back."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2

from services.common import errors


@pytest.mark.parametrize(
    ("error_type", "code", "reason"),
    [
        (errors.InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER"),
        (errors.Unavailable, grpc.StatusCode.UNAVAILABLE, "INFERENCE_UNAVAILABLE"),
        (errors.DeadlineExceeded, grpc.StatusCode.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"),
        (errors.Internal, grpc.StatusCode.INTERNAL, "INTERNAL"),
    ],
)
def test_each_error_maps_to_code_and_reason(
    error_type: type[errors.FacetError], code: grpc.StatusCode, reason: str
) -> None:
    status = error_type("boom", metadata={"field": "image"}).to_status()
    assert reason in errors.REASONS
    assert status.code == code
    assert status.details == "boom"
    ((_, value),) = [(k, v) for k, v in status.trailing_metadata if k == "grpc-status-details-bin"]
    rich = status_pb2.Status.FromString(value)
    assert rich.code == code.value[0]
    info = error_details_pb2.ErrorInfo()
    assert rich.details[0].Unpack(info)
    assert (info.reason, info.domain, dict(info.metadata)) == (reason, "facet.v1", {"field": "image"})


def test_explicit_reason_overrides_default() -> None:
    status = errors.InvalidArgument("too big", reason="IMAGE_TOO_LARGE").to_status()
    rich = status_pb2.Status.FromString(dict(status.trailing_metadata)["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    rich.details[0].Unpack(info)
    assert info.reason == "IMAGE_TOO_LARGE"


@pytest.mark.parametrize(
    ("error_type", "code", "reason"),
    [
        (errors.NotFound, grpc.StatusCode.NOT_FOUND, "COLLECTION_NOT_FOUND"),
        (errors.AlreadyExists, grpc.StatusCode.ALREADY_EXISTS, "COLLECTION_ALREADY_EXISTS"),
        (errors.FailedPrecondition, grpc.StatusCode.FAILED_PRECONDITION, "FACE_MODEL_MISMATCH"),
    ],
)
def test_errors_without_a_default_reason_carry_the_raisers(
    error_type: type[errors.FacetError], code: grpc.StatusCode, reason: str
) -> None:
    assert error_type("gone", reason=reason).to_status().code == code
    with pytest.raises(ValueError, match=r"is not a facet\.v1\.ErrorReason"):
        error_type("gone")  # no generic reason: "NOT_FOUND" is not an ErrorReason value


def test_a_reason_outside_the_enum_is_refused() -> None:
    with pytest.raises(ValueError, match=r"is not a facet\.v1\.ErrorReason"):
        errors.InvalidArgument("x", reason="LIMIT_BYTES")
