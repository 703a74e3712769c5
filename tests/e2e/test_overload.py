"""A real service (faces, on the session's Triton) admitting one call and queueing one: of ten
concurrent calls through the gateway the excess is refused quickly with RESOURCE_EXHAUSTED
(reason OVERLOADED, with RetryInfo), none times out, and every admitted call is answered right."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from gateway.routes import DEFAULT_ROUTES
from scripts.stack import Stack, stack_specs
from services.common.errors import error_info

pytestmark = pytest.mark.e2e

ROUTE = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.FaceService")
DATA = Path(__file__).resolve().parents[1] / "data"
LIMITS = {"FACET_MAX_CONCURRENT_CALLS": "1", "FACET_MAX_QUEUED_CALLS": "1", "FACET_MAX_QUEUE_WAIT_S": "60"}


@pytest.fixture(scope="module")
def gateway(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_dir = tmp_path_factory.mktemp("overload")
    specs, addresses = stack_specs(
        ephemeral=True,
        only=[ROUTE.name],
        triton_url=running_stack.triton_url,
        service_env={ROUTE.name: LIMITS},
        state_dir=log_dir / "state",
    )
    stack = Stack(log_dir=log_dir, echo=False)
    try:
        for spec in specs:
            stack.start(spec)
        yield addresses.gateway
    finally:
        stack.stop_all()


def has_retry_info(err: grpc.RpcError) -> bool:
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    return status is not None and any(d.Is(error_details_pb2.RetryInfo.DESCRIPTOR) for d in status.details)


def test_excess_calls_are_refused_quickly(gateway: str) -> None:
    request = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=(DATA / "group_4_faces.jpg").read_bytes()))

    def call(_: int) -> tuple[str, float, object]:
        started = time.monotonic()
        with grpc.insecure_channel(gateway) as channel:  # one connection each: truly concurrent
            try:
                reply = faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(request, timeout=120)
                return "OK", time.monotonic() - started, reply
            except grpc.RpcError as err:
                return err.code().name, time.monotonic() - started, err

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(call, range(10)))
    codes = sorted(code for code, _, _ in outcomes)
    assert "DEADLINE_EXCEEDED" not in codes
    assert set(codes) == {"OK", "RESOURCE_EXHAUSTED"}, codes
    for code, seconds, result in outcomes:
        if code == "OK":
            assert len(result.face_details) == 4  # type: ignore[attr-defined]
        else:
            assert error_info(result).reason == "OVERLOADED" and has_retry_info(result)  # type: ignore[arg-type]
            assert seconds < 5, "a refusal must not wait for the admitted calls"
