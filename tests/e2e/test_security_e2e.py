"""The gateway as a secure edge, end to end: a gateway process with a keys file in front of the
session stack's real services and Triton.

Keys are made with the real command (`python -m gateway.keys ... --json`); each test makes its
own keys and collections (random suffixes), so tests do not depend on each other's order.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc, common_pb2, faces_pb2, faces_pb2_grpc, labels_pb2, labels_pb2_grpc
from gateway import sigv4
from gateway.routes import DEFAULT_ROUTES
from services.common.errors import error_info
from tests.e2e.conftest import start_keyed_gateway

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
COLLECTION_PROCESS = next(r.name for r in DEFAULT_ROUTES if r.service == "facet.v1.CollectionService")


@dataclass
class SecureGateway:
    address: str
    keys_file: Path
    audit_file: Path
    channel: grpc.Channel

    def add_key(self, name: str, *options: str) -> dict[str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "gateway.keys", "--file", str(self.keys_file), "add", name, *options, "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return json.loads(done.stdout)

    def keys_command(self, *argv: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "gateway.keys", "--file", str(self.keys_file), *argv],
            capture_output=True,
            check=True,
            cwd=ROOT,
        )

    def gateway_audit(self) -> list[dict]:
        lines = self.audit_file.read_text().splitlines() if self.audit_file.exists() else []
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def gateway(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureGateway]:
    keyed = start_keyed_gateway(running_stack, tmp_path_factory.mktemp("secure-gateway"), "secure-gateway")
    port = keyed.port
    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.max_send_message_length", 64 << 20)])
    yield SecureGateway(f"127.0.0.1:{port}", keyed.keys_file, keyed.audit_file, channel)
    channel.close()
    keyed.stack.stop_all()


@pytest.fixture(scope="module")
def admin(gateway: SecureGateway) -> tuple[tuple[str, str], ...]:
    return bearer(gateway.add_key(f"admin-{uuid.uuid4().hex[:6]}"))


def bearer(issued: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {issued['token']}"),)


def photo(name: str) -> common_pb2.Image:
    return common_pb2.Image(bytes=(DATA / name).read_bytes())


def collections(gateway: SecureGateway) -> collections_pb2_grpc.CollectionServiceStub:
    return collections_pb2_grpc.CollectionServiceStub(gateway.channel)


def make_collection(gateway: SecureGateway, admin, prefix: str) -> str:
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    collections(gateway).CreateCollection(pb.CreateCollectionRequest(collection_id=name), metadata=admin, timeout=30)
    return name


def refused(call, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, **kwargs)
    return caught.value


def reason(err: grpc.RpcError) -> tuple[grpc.StatusCode, str]:
    info = error_info(err)
    return err.code(), info.reason if info else ""


def test_missing_wrong_and_revoked_keys_are_unauthenticated(gateway: SecureGateway) -> None:
    stub = collections(gateway)
    request = pb.ListCollectionsRequest()
    assert reason(refused(stub.ListCollections, request, timeout=10)) == (
        grpc.StatusCode.UNAUTHENTICATED,
        "UNAUTHENTICATED",
    )
    issued = gateway.add_key(f"temp-{uuid.uuid4().hex[:6]}")
    wrong = (("authorization", f"Bearer {issued['key_id']}.{'x' * 40}"),)
    assert reason(refused(stub.ListCollections, request, metadata=wrong, timeout=10))[1] == "UNAUTHENTICATED"
    stub.ListCollections(request, metadata=(("x-api-key", issued["token"]),), timeout=10)  # the other header works
    gateway.keys_command("revoke", issued["name"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the gateway notices the file change by itself
        try:
            stub.ListCollections(request, metadata=bearer(issued), timeout=10)
        except grpc.RpcError as err:
            assert reason(err) == (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")
            break
        time.sleep(0.2)
    else:
        pytest.fail("a revoked key still worked 10 s after the file changed")
    # Health stays open for probes.
    health = health_pb2_grpc.HealthStub(gateway.channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert health.status == health_pb2.HealthCheckResponse.SERVING


def test_a_key_added_while_running_works_without_restart(gateway: SecureGateway) -> None:
    issued = gateway.add_key(f"late-{uuid.uuid4().hex[:6]}", "--allow", "facet.v1.CollectionService/ListCollections")
    deadline = time.monotonic() + 10
    while True:
        try:
            collections(gateway).ListCollections(pb.ListCollectionsRequest(), metadata=bearer(issued), timeout=10)
            break
        except grpc.RpcError as err:
            assert reason(err)[1] == "UNAUTHENTICATED"
            assert time.monotonic() < deadline, "a new key was not accepted 10 s after it was added"
            time.sleep(0.2)


def test_method_scope(gateway: SecureGateway) -> None:
    faces_only = bearer(gateway.add_key(f"faces-{uuid.uuid4().hex[:6]}", "--allow", "facet.v1.FaceService/*"))
    detected = faces_pb2_grpc.FaceServiceStub(gateway.channel).DetectFaces(
        faces_pb2.DetectFacesRequest(image=photo("person_a_1.jpg")), metadata=faces_only, timeout=60
    )
    assert len(detected.face_details) == 1
    err = refused(
        labels_pb2_grpc.LabelServiceStub(gateway.channel).DetectLabels,
        labels_pb2.DetectLabelsRequest(image=photo("person_a_1.jpg")),
        metadata=faces_only,
        timeout=60,
    )
    assert reason(err) == (grpc.StatusCode.PERMISSION_DENIED, "PERMISSION_DENIED")
    assert "facet.v1.LabelService/DetectLabels" in (err.details() or "")
    assert error_info(err).metadata["method"] == "facet.v1.LabelService/DetectLabels"


def test_collection_scope_read_only_and_trustworthy_audit(gateway: SecureGateway, admin, running_stack) -> None:
    stub = collections(gateway)
    staff, visitors = make_collection(gateway, admin, "staff"), make_collection(gateway, admin, "visitors")
    indexed = stub.IndexFaces(
        pb.IndexFacesRequest(collection_id=staff, image=photo("person_a_1.jpg"), external_image_id="a"),
        metadata=admin,
        timeout=60,
    )
    face_id = indexed.face_records[0].face.face_id
    issued = gateway.add_key(
        f"alice-{uuid.uuid4().hex[:6]}",
        "--allow",
        "facet.v1.FaceService/*",
        "--allow",
        "facet.v1.CollectionService/Search*",
        "--allow",
        "facet.v1.CollectionService/IndexFaces",
        "--collections",
        staff,
        "--read-only",
    )
    alice = bearer(issued)
    spoofed = (*alice, ("x-facet-caller", "mallory"), ("x-user-id", "mallory"))

    found = stub.SearchFaces(pb.SearchFacesRequest(collection_id=staff, face_id=face_id), metadata=spoofed, timeout=60)
    assert found.searched_face_id == face_id

    err = refused(
        stub.SearchFaces, pb.SearchFacesRequest(collection_id=visitors, face_id=face_id), metadata=alice, timeout=60
    )
    assert reason(err) == (grpc.StatusCode.PERMISSION_DENIED, "PERMISSION_DENIED")
    assert error_info(err).metadata["collection_id"] == visitors
    err = refused(
        stub.IndexFaces, pb.IndexFacesRequest(collection_id=staff, image=photo("person_b_1.jpg")), metadata=alice
    )
    assert reason(err) == (grpc.StatusCode.PERMISSION_DENIED, "PERMISSION_DENIED") and "read-only" in err.details()
    # ListCollections would name collections outside the key's scope.
    assert reason(refused(stub.ListCollections, pb.ListCollectionsRequest(), metadata=alice))[1] == "PERMISSION_DENIED"

    # The search service's audit record names the key, never the spoofed caller.
    service_audit = running_stack.log_dir / "state" / "audit" / f"{COLLECTION_PROCESS}.jsonl"  # stack's state dir
    records = wait_for_records(service_audit, staff)
    assert [(r["operation"], r["caller"]) for r in records] == [("SearchFaces", f"key:{issued['name']}")]
    # The gateway audits the refusals (with the collection tried) and the admin's collection writes.
    mine = [r for r in gateway.gateway_audit() if r["caller"] == f"key:{issued['name']}"]
    assert [(r["operation"], r["collection_id"], r["status"]) for r in mine] == [
        ("SearchFaces", visitors, "PERMISSION_DENIED"),
        ("IndexFaces", staff, "PERMISSION_DENIED"),
        ("ListCollections", "", "PERMISSION_DENIED"),
    ]
    writes = [r for r in gateway.gateway_audit() if r["collection_id"] == staff and r["status"] == "OK"]
    assert [r["operation"] for r in writes] == ["CreateCollection", "IndexFaces"]
    assert "mallory" not in gateway.audit_file.read_text()


def wait_for_records(path: Path, needle: str) -> list[dict]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = path.read_text().splitlines() if path.exists() else []
        found = [json.loads(line) for line in lines if needle in line]
        if found:
            return found
        time.sleep(0.1)
    return []


def test_rate_limit_answers_retry_info_then_lets_the_call_through(gateway: SecureGateway) -> None:
    # One token per 5 s: the three calls below fit in that even on a loaded machine.
    issued = gateway.add_key(f"slow-{uuid.uuid4().hex[:6]}", "--rate", "12/m", "--burst", "2")
    limited = bearer(issued)
    stub = collections(gateway)
    stub.ListCollections(pb.ListCollectionsRequest(), metadata=limited, timeout=10)
    stub.ListCollections(pb.ListCollectionsRequest(), metadata=limited, timeout=10)
    err = refused(stub.ListCollections, pb.ListCollectionsRequest(), metadata=limited, timeout=10)
    assert reason(err) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
    status = rpc_status.from_call(err)
    retry = error_details_pb2.RetryInfo()
    assert any(detail.Unpack(retry) for detail in status.details if detail.Is(retry.DESCRIPTOR))
    delay = retry.retry_delay.ToTimedelta().total_seconds()
    assert 0 < delay <= 5.0
    time.sleep(delay)
    stub.ListCollections(pb.ListCollectionsRequest(), metadata=limited, timeout=10)
    refusals = [r for r in gateway.gateway_audit() if r["caller"] == f"key:{issued['name']}"]
    assert [(r["operation"], r["status"]) for r in refusals] == [("ListCollections", "RATE_LIMITED")]


def sigv4_metadata(key_id: str, secret: str, signed_at: dt.datetime) -> tuple[tuple[str, str], ...]:
    """What the Rekognition front forwards for a request signed with ``secret`` at ``signed_at``."""
    amz_date = signed_at.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{amz_date[:8]}/us-east-1/rekognition/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(b"canonical").hexdigest()])
    key = sigv4.signing_key(secret, amz_date[:8], "us-east-1", "rekognition")
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        (sigv4.KEY_ID, key_id),
        (sigv4.STRING_TO_SIGN, base64.b64encode(string_to_sign.encode()).decode()),
        (sigv4.SIGNATURE, signature),
    )


def test_sigv4_forwarded_by_the_front(gateway: SecureGateway) -> None:
    issued = gateway.add_key(f"aws-{uuid.uuid4().hex[:6]}", "--sigv4")
    plain = gateway.add_key(f"plain-{uuid.uuid4().hex[:6]}")
    stub = collections(gateway)
    now = dt.datetime.now(dt.UTC)
    call = stub.ListCollections
    request = pb.ListCollectionsRequest()
    call(request, metadata=sigv4_metadata(issued["key_id"], issued["secret"], now), timeout=10)
    tampered = sigv4_metadata(issued["key_id"], issued["secret"] + "x", now)
    assert reason(refused(call, request, metadata=tampered))[1] == "SIGNATURE_INVALID"
    old = sigv4_metadata(issued["key_id"], issued["secret"], now - dt.timedelta(minutes=20))
    assert reason(refused(call, request, metadata=old))[1] == "SIGNATURE_EXPIRED"
    # Unknown keys, and keys whose secret the file does not keep, cannot sign.
    for key_id, secret in (("FKUNKNOWNUNKNOWN0000", "s"), (plain["key_id"], plain["secret"])):
        err = refused(call, request, metadata=sigv4_metadata(key_id, secret, now))
        assert reason(err) == (grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")
