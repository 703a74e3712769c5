"""Admission control on a real gRPC server: bounded in flight, bounded queue, bounded wait."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common.errors import error_info
from services.common.settings import CommonSettings
from tests.serving import add_faces, connected


class Gated(faces_pb2_grpc.FaceServiceServicer):
    """Holds every call until the test opens the gate; answers with how many ran at once."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.running = 0
        self.most = 0

    async def DetectFaces(self, request, context):
        self.running += 1
        self.most = max(self.most, self.running)
        try:
            await self.gate.wait()
        finally:
            self.running -= 1
        return faces_pb2.DetectFacesResponse(face_details=[faces_pb2.FaceDetail(confidence=self.most)])


@asynccontextmanager
async def serving(**limits: float) -> AsyncIterator[tuple[Gated, grpc.aio.Channel]]:
    servicer = Gated()
    async with connected(add_faces(servicer), settings=CommonSettings(**limits)) as channel:
        yield servicer, channel


def retry_delay_s(err: grpc.aio.AioRpcError) -> float:
    for detail in rpc_status.from_call(err).details:  # type: ignore[arg-type]
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            return info.retry_delay.ToNanoseconds() / 1e9
    raise AssertionError("no RetryInfo detail")


async def test_beyond_running_and_queued_calls_are_refused_at_once() -> None:
    async with serving(max_concurrent_calls=2, max_queued_calls=2, max_queue_wait_s=30) as (servicer, channel):
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        calls = [asyncio.ensure_future(stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=20)) for _ in range(7)]
        started = time.monotonic()
        done, _ = await asyncio.wait(calls, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        while len(done) < 3 and time.monotonic() - started < 10:  # the 3 refusals, not the 4 admitted
            await asyncio.sleep(0.05)
            done = {call for call in calls if call.done()}
        assert len(done) == 3 and time.monotonic() - started < 2
        for call in done:
            err = call.exception()
            assert isinstance(err, grpc.aio.AioRpcError) and err.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert error_info(err).reason == "OVERLOADED"
            assert 0 < retry_delay_s(err) <= 30

        health = health_pb2_grpc.HealthStub(channel)  # health is still answered while full
        reply = await health.Check(health_pb2.HealthCheckRequest(service="facet.v1.FaceService"), timeout=2)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING

        servicer.gate.set()
        admitted = [await call for call in calls if call not in done]
        assert len(admitted) == 4 and servicer.most == 2  # never more than 2 ran at once


async def test_queued_call_is_refused_after_the_longest_wait() -> None:
    async with serving(max_concurrent_calls=1, max_queued_calls=5, max_queue_wait_s=0.3) as (servicer, channel):
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        running = asyncio.ensure_future(stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=20))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=20)
        assert 0.25 < time.monotonic() - started < 3
        assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert error_info(caught.value).reason == "OVERLOADED"
        servicer.gate.set()
        assert (await running).face_details[0].confidence == 1


async def test_zero_turns_admission_control_off() -> None:
    async with serving(max_concurrent_calls=0, max_queued_calls=0) as (servicer, channel):
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        calls = [asyncio.ensure_future(stub.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=20)) for _ in range(20)]
        give_up = time.monotonic() + 10
        while servicer.running < 20 and time.monotonic() < give_up:
            await asyncio.sleep(0.05)
        assert servicer.running == 20
        servicer.gate.set()
        assert all(reply.face_details for reply in await asyncio.gather(*calls))
