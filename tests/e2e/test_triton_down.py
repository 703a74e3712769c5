"""When Triton goes away, calls fail fast with UNAVAILABLE (never a hang) and health follows."""

from __future__ import annotations

import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common.errors import error_info
from tests.conftest import start_running_stack

pytestmark = pytest.mark.e2e
DATA = Path(__file__).parent.parent / "data"


def test_triton_stopped_gives_unavailable_within_deadline(tmp_path: Path) -> None:
    running = start_running_stack(tmp_path, only=("faces",))  # its own stack: this test kills Triton
    try:
        with grpc.insecure_channel(running.gateway_address) as channel:
            stub = faces_pb2_grpc.FaceServiceStub(channel)
            request = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=(DATA / "person_a_1.jpg").read_bytes()))
            assert len(stub.DetectFaces(request, timeout=60).face_details) == 1

            running.stack.stop("triton")
            deadline_s = 10.0
            started = time.monotonic()
            with pytest.raises(grpc.RpcError) as caught:
                stub.DetectFaces(request, timeout=deadline_s)
            elapsed = time.monotonic() - started
            assert caught.value.code() == grpc.StatusCode.UNAVAILABLE, caught.value.details()
            assert error_info(caught.value).reason == "INFERENCE_UNAVAILABLE"
            assert elapsed < deadline_s

            # The faces service notices within its recheck period; the gateway mirrors it.
            health = health_pb2_grpc.HealthStub(channel)
            give_up = time.monotonic() + 30
            status = None
            while time.monotonic() < give_up:
                status = health.Check(health_pb2.HealthCheckRequest(service="facet.v1.FaceService"), timeout=5).status
                if status == health_pb2.HealthCheckResponse.NOT_SERVING:
                    break
                time.sleep(0.5)
            assert status == health_pb2.HealthCheckResponse.NOT_SERVING
    finally:
        running.stack.stop_all()
