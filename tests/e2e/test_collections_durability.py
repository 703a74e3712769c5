"""kill -9 of the real collection service during an IndexFaces loop, then restart on the same data.

The service runs as its own process (python -m services.collection, on the session stack's Triton)
with a temporary collections directory. A client indexes photos in a loop; the process is
SIGKILLed while calls are in flight. After a restart every acknowledged face must be listed and
searchable, and at most the in-flight calls' faces may appear besides (whole, never partly).
Each indexed face is also made a user of its own (CreateUser + AssociateFaces): every
acknowledged association must survive the kill too.
"""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import grpc
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc, common_pb2
from scripts.stack import Stack, free_port, service_spec

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"
PHOTOS = ["person_a_1.jpg", "person_b_1.jpg", "person_c_1.jpg"]


def start_collection(stack: Stack, running_stack, directory: Path, port: int) -> None:
    env = {
        "FACET_TRITON_URL": running_stack.triton_url,
        "FACET_COLLECTIONS_DIR": str(directory),
        "FACET_AUDIT_LOG": "off",
        "FACET_METRICS_PORT": "0",
        "FACET_SNAPSHOT_INTERVAL_S": "0",
    }
    stack.start(service_spec("collection", "services.collection", port, env))


def check_users(stub, associated: dict[str, str], attempted: set[str]) -> None:
    """Every acknowledged user is there and still owns its face; users of in-flight calls only besides."""
    users: dict[str, int] = {}
    token = ""
    while True:
        page = stub.ListUsers(pb.ListUsersRequest(collection_id="durable", page_size=500, page_token=token), timeout=30)
        users |= {u.user_id: u.user_status for u in page.users}
        if not (token := page.next_page_token):
            break
    for name in associated:
        assert users.get(name) == pb.USER_STATUS_ACTIVE, f"acknowledged user {name} lost or emptied"
    assert set(users) - set(associated) <= attempted and len(set(users) - set(associated)) <= 3
    # Ownership, read through the API: a fresh user asking for every acknowledged face is refused
    # each one, with the owner named.
    stub.CreateUser(pb.CreateUserRequest(collection_id="durable", user_id="probe"), timeout=30)
    names = sorted(associated)
    for start in range(0, len(names), 100):
        chunk = names[start : start + 100]
        faces = [associated[n] for n in chunk]
        request = pb.AssociateFacesRequest(collection_id="durable", user_id="probe", face_ids=faces)
        reply = stub.AssociateFaces(request, timeout=30)
        owners = {r.face_id: r.user_id for r in reply.unsuccessful_face_associations}
        assert list(reply.associated_faces) == []
        assert owners == {associated[n]: n for n in chunk}


def test_sigkill_during_indexing_loses_no_acknowledged_face(running_stack, tmp_path: Path) -> None:
    port = free_port()
    address = f"127.0.0.1:{port}"
    stack = Stack(tmp_path, echo=False)
    start_collection(stack, running_stack, tmp_path / "collections", port)
    images = [common_pb2.Image(bytes=(DATA / name).read_bytes()) for name in PHOTOS]
    acked: dict[str, str] = {}  # external_image_id -> face_id
    associated: dict[str, str] = {}  # user_id (= external_image_id) -> its face_id, acknowledged
    attempted: set[str] = set()
    lock = threading.Lock()
    stop = threading.Event()
    try:
        with grpc.insecure_channel(address) as channel:
            stub = collections_pb2_grpc.CollectionServiceStub(channel)
            stub.CreateCollection(pb.CreateCollectionRequest(collection_id="durable"), timeout=30)

            def loop(worker: int) -> None:
                i = 0
                while not stop.is_set():
                    name = f"w{worker}-{i}"
                    with lock:
                        attempted.add(name)
                    try:
                        reply = stub.IndexFaces(
                            pb.IndexFacesRequest(collection_id="durable", image=images[i % 3], external_image_id=name),
                            timeout=30,
                        )
                    except grpc.RpcError:
                        return  # the server died under this call: not acknowledged
                    face_id = reply.face_records[0].face.face_id
                    with lock:
                        acked[name] = face_id
                    try:
                        stub.CreateUser(pb.CreateUserRequest(collection_id="durable", user_id=name), timeout=30)
                        stub.AssociateFaces(
                            pb.AssociateFacesRequest(collection_id="durable", user_id=name, face_ids=[face_id]),
                            timeout=30,
                        )
                    except grpc.RpcError:
                        return
                    with lock:
                        associated[name] = face_id
                    i += 1

            workers = [threading.Thread(target=loop, args=(w,)) for w in range(3)]
            for thread in workers:
                thread.start()
            deadline = time.monotonic() + 120
            while len(associated) < 12 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(associated) >= 12, "indexing too slow to test"
            stack.stop("collection", grace_s=0, sig=signal.SIGKILL)
            stop.set()
            for thread in workers:
                thread.join(timeout=60)
        stack.children.clear()

        start_collection(stack, running_stack, tmp_path / "collections", port)
        with grpc.insecure_channel(address) as channel:
            stub = collections_pb2_grpc.CollectionServiceStub(channel)
            faces = stub.ListFaces(pb.ListFacesRequest(collection_id="durable", page_size=4096), timeout=30).faces
            present = {f.external_image_id: f.face_id for f in faces}
            for name, face_id in acked.items():
                assert present.get(name) == face_id, f"acknowledged face {name} lost"
            extra = set(present) - set(acked)
            assert extra <= attempted and len(extra) <= 3, extra  # only calls in flight at the kill
            assert len(present) == len(faces), "an image was stored twice"
            count = stub.DescribeCollection(pb.DescribeCollectionRequest(collection_id="durable"), timeout=30)
            assert count.face_count == len(faces)

            # Every stored face is in the search index too (not only in the records): a search with
            # any face finds exactly the other faces indexed from the same photo.
            def photo_of(name: str) -> int:
                return int(name.split("-")[1]) % len(PHOTOS)

            for face in faces:
                hits = stub.SearchFaces(
                    pb.SearchFacesRequest(
                        collection_id="durable", face_id=face.face_id, max_faces=4096, face_match_threshold=99
                    ),
                    timeout=30,
                )
                same = {f.face_id for f in faces if photo_of(f.external_image_id) == photo_of(face.external_image_id)}
                assert {m.face.face_id for m in hits.face_matches} == same - {face.face_id}

            check_users(stub, associated, attempted)
    finally:
        stop.set()
        stack.stop_all(grace_s=10)
