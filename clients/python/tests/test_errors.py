"""error_info / retry_info / describe_error read the google.rpc.Status details of a failed call."""

from __future__ import annotations

from concurrent import futures

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from facet.client import describe_error, error_info, retry_info
from facet.v1 import faces_pb2, faces_pb2_grpc


class Overloaded(faces_pb2_grpc.FaceServiceServicer):
    """Fails like an overloaded Facet service: RESOURCE_EXHAUSTED with ErrorInfo and RetryInfo."""

    def DetectFaces(self, request, context):
        info, retry = any_pb2.Any(), any_pb2.Any()
        info.Pack(error_details_pb2.ErrorInfo(reason="OVERLOADED", domain="facet.v1", metadata={"queue": "full"}))
        retry.Pack(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=1, nanos=500_000_000)))
        context.abort_with_status(rpc_status.to_status(status_pb2.Status(
            code=code_pb2.RESOURCE_EXHAUSTED, message="too many calls\nin flight", details=[info, retry])))


class Plain(faces_pb2_grpc.FaceServiceServicer):
    def DetectFaces(self, request, context):
        context.abort(grpc.StatusCode.INTERNAL, "no details")


def failed_call(servicer: faces_pb2_grpc.FaceServiceServicer) -> grpc.RpcError:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
    faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            try:
                faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(faces_pb2.DetectFacesRequest(), timeout=10)
            except grpc.RpcError as err:
                return err
    finally:
        server.stop(None)
    raise AssertionError("the call did not fail")


def test_error_and_retry_info_are_read_from_the_status_details() -> None:
    err = failed_call(Overloaded())
    info = error_info(err)
    assert info is not None and (info.reason, info.domain, dict(info.metadata)) == (
        "OVERLOADED", "facet.v1", {"queue": "full"})
    retry = retry_info(err)
    assert retry is not None and retry.retry_delay.ToTimedelta().total_seconds() == 1.5
    described = describe_error(err)
    assert described.one_line() == (
        "RESOURCE_EXHAUSTED OVERLOADED: too many calls in flight (queue=full) (retry after 1.5 s)")


def test_a_call_without_details_has_no_error_info() -> None:
    err = failed_call(Plain())
    assert error_info(err) is None and retry_info(err) is None
    assert describe_error(err).one_line() == "INTERNAL: no details"
