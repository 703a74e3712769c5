"""Three replicas of a real service (the collection service, on the session's real Triton) behind
one gateway: calls spread evenly, and a replica SIGKILLed with calls in flight costs no read.

Each replica keeps its own embedded store (state directory per replica), so the test can count
where writes landed: a write in flight on the killed replica must fail UNAVAILABLE and must not
reappear on a survivor (writes are never retried).
"""

from __future__ import annotations

import signal
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc, common_pb2
from gateway.routes import DEFAULT_ROUTES
from scripts.stack import Stack, stack_specs
from services.common.server import REPLICA_KEY

pytestmark = pytest.mark.e2e

ROUTE = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.CollectionService")
DATA = Path(__file__).resolve().parents[1] / "data"
COLLECTION = "replicas"
FACE = common_pb2.Image(bytes=(DATA / "person_a_1.jpg").read_bytes())


@dataclass
class Replicas:
    stack: Stack
    gateway: grpc.Channel
    replicas: list[str]  # host:port, also each one's x-facet-replica


@pytest.fixture(scope="module")
def cluster(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    log_dir = tmp_path_factory.mktemp("replicas")
    specs, addresses = stack_specs(
        ephemeral=True,
        only=[ROUTE.name],
        replicas={ROUTE.name: 3},
        triton_url=running_stack.triton_url,
        state_dir=log_dir / "state",
    )
    stack = Stack(log_dir=log_dir, echo=False)
    channel = grpc.insecure_channel(addresses.gateway)
    try:
        for spec in specs:
            stack.start(spec)
        replicas = addresses.replicas[ROUTE.name]
        for address in replicas:  # every replica has the collection in its own store
            with grpc.insecure_channel(address) as direct:
                collections_pb2_grpc.CollectionServiceStub(direct).CreateCollection(
                    pb.CreateCollectionRequest(collection_id=COLLECTION), timeout=30
                )
        yield Replicas(stack, channel, replicas)
    finally:
        channel.close()
        stack.stop_all()


def answered_by(call: grpc.Call) -> str:
    return str(dict(call.initial_metadata())[REPLICA_KEY])


def search(stub: collections_pb2_grpc.CollectionServiceStub) -> str:
    reply, call = stub.SearchFacesByImage.with_call(
        pb.SearchFacesByImageRequest(collection_id=COLLECTION, image=FACE), timeout=60
    )
    assert reply.searched_face_confidence > 0
    return answered_by(call)


def test_calls_spread_over_three_replicas(cluster: Replicas) -> None:
    stub = collections_pb2_grpc.CollectionServiceStub(cluster.gateway)
    with ThreadPoolExecutor(max_workers=3) as pool:
        counts = Counter(pool.map(lambda _: search(stub), range(90)))
    assert set(counts) == set(cluster.replicas)
    assert min(counts.values()) >= 18, counts  # each at least 20% of 90


def test_sigkill_with_calls_in_flight(cluster: Replicas) -> None:
    """The victim is frozen (SIGSTOP) first, so calls are provably in flight on it, then killed."""
    stub = collections_pb2_grpc.CollectionServiceStub(cluster.gateway)
    victim_name = next(spec.name for spec, _ in cluster.stack.children if spec.name.endswith("-3"))
    victim_address = cluster.replicas[2]
    victim = next(proc for spec, proc in cluster.stack.children if spec.name == victim_name)
    victim.send_signal(signal.SIGSTOP)
    try:
        reads = [
            stub.SearchFacesByImage.future(
                pb.SearchFacesByImageRequest(collection_id=COLLECTION, image=FACE), timeout=90
            )
            for _ in range(9)
        ]
        writes = [
            stub.IndexFaces.future(
                pb.IndexFacesRequest(collection_id=COLLECTION, image=FACE, external_image_id=f"w{i}"), timeout=90
            )
            for i in range(6)
        ]
        # The survivors answer their share; what is left is stuck on the frozen victim.
        settled_at, done = time.monotonic(), -1
        while time.monotonic() - settled_at < 3 and time.monotonic() < settled_at + 60:
            now_done = sum(call.done() for call in reads + writes)
            if now_done != done:
                settled_at, done = time.monotonic(), now_done
            time.sleep(0.1)
        stuck_reads = [call for call in reads if not call.done()]
        stuck_writes = [call for call in writes if not call.done()]
        assert stuck_reads and stuck_writes, "round_robin sent nothing to the frozen replica"
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.send_signal(signal.SIGCONT)
        victim.wait(timeout=30)

    for call in reads:  # zero failed reads: those on the victim were retried on a survivor
        call.result()
        assert answered_by(call) != victim_address
    survivors_writes: Counter[str] = Counter()
    for call in writes:
        if call in stuck_writes:
            assert call.exception() is not None and call.code() == grpc.StatusCode.UNAVAILABLE
        else:
            assert call.result().face_records
            survivors_writes[answered_by(call)] += 1
    # Not retried: each survivor holds exactly the faces of the writes it answered.
    for address in cluster.replicas[:2]:
        with grpc.insecure_channel(address) as direct:
            described = collections_pb2_grpc.CollectionServiceStub(direct).DescribeCollection(
                pb.DescribeCollectionRequest(collection_id=COLLECTION), timeout=30
            )
        assert described.face_count == survivors_writes[address], (address, survivors_writes)
    # And new calls keep working on the two survivors.
    assert {search(stub) for _ in range(6)} == set(cluster.replicas[:2])
