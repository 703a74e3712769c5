"""SigV4 end to end: boto3 → Rekognition endpoint → a gateway with a keys file → the session
stack's services and Triton. Keys are made with the real command (`python -m gateway.keys add
--sigv4 --json`); the endpoint computes the string to sign from the HTTP request, the gateway
verifies it with the stored secret. Each refusal reaches the SDK as AWS's error for it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from scripts.stack import free_port, rekognition_spec
from tests.e2e.conftest import start_keyed_gateway

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
IMAGE = {"Bytes": (ROOT / "tests" / "data" / "person_a_1.jpg").read_bytes()}


@dataclass
class KeyedEndpoint:
    url: str
    keys_file: Path
    audit_file: Path

    def add_key(self, *options: str) -> dict[str, str]:
        name = f"rek-{uuid.uuid4().hex[:8]}"
        done = subprocess.run(
            [sys.executable, "-m", "gateway.keys", "--file", str(self.keys_file), "add", name, "--sigv4", *options,
             "--json"],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        time.sleep(1.1)  # the gateway re-reads the keys file at most once a second
        return json.loads(done.stdout)

    def client(self, key_id: str, secret: str):
        config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120)
        return boto3.client(
            "rekognition", endpoint_url=self.url, region_name="eu-central-1", config=config,
            aws_access_key_id=key_id, aws_secret_access_key=secret,
        )


@pytest.fixture(scope="module")
def keyed(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyedEndpoint]:
    folder = tmp_path_factory.mktemp("keyed-rekognition")
    gateway = start_keyed_gateway(running_stack, folder, "keyed-gateway")
    stack, gateway_port = gateway.stack, gateway.port
    address = f"127.0.0.1:{free_port()}"
    stack.start(rekognition_spec(address, f"127.0.0.1:{gateway_port}"))
    yield KeyedEndpoint(f"http://{address}", gateway.keys_file, gateway.audit_file)
    stack.stop_all()


def error_code(call) -> str:
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response["Error"]["Code"]


def test_a_right_signature_passes_and_names_the_caller(keyed):
    issued = keyed.add_key()
    rek = keyed.client(issued["key_id"], issued["secret"])
    assert len(rek.detect_faces(Image=IMAGE)["FaceDetails"]) == 1
    collection = f"rek-sigv4-{uuid.uuid4().hex[:8]}"
    created = rek.create_collection(CollectionId=collection)
    rek.delete_collection(CollectionId=collection)
    # The gateway audits collection writes under the verified key, joined by the request id.
    deadline = time.monotonic() + 10
    records: list[dict] = []
    while not records and time.monotonic() < deadline:
        lines = keyed.audit_file.read_text().splitlines() if keyed.audit_file.exists() else []
        records = [r for r in map(json.loads, lines) if r.get("collection_id") == collection]
        time.sleep(0.2)
    assert records and all(r["caller"] == f"key:{issued['name']}" for r in records)
    assert created["ResponseMetadata"]["RequestId"] in {r.get("request_id") for r in records}


def test_a_wrong_secret_an_unknown_key_and_no_signature_fail(keyed):
    issued = keyed.add_key()
    wrong = keyed.client(issued["key_id"], issued["secret"] + "x")
    assert error_code(lambda: wrong.detect_faces(Image=IMAGE)) == "InvalidSignatureException"
    unknown = keyed.client("AKIDNOSUCHKEY0000000", issued["secret"])
    assert error_code(lambda: unknown.list_collections()) == "UnrecognizedClientException"
    from botocore import UNSIGNED

    anonymous = boto3.client(
        "rekognition", endpoint_url=keyed.url, region_name="eu-central-1", config=Config(signature_version=UNSIGNED)
    )
    assert error_code(lambda: anonymous.list_collections()) == "UnrecognizedClientException"


def test_a_tampered_body_fails(keyed):
    issued = keyed.add_key()
    rek = keyed.client(issued["key_id"], issued["secret"])

    def tamper(request, **_):
        request.body = request.body.replace(b'"MaxResults": 5', b'"MaxResults": 6')  # same length, after signing

    rek.meta.events.register_first("before-send.rekognition.ListCollections", tamper)
    assert error_code(lambda: rek.list_collections(MaxResults=5)) == "InvalidSignatureException"


def test_a_stale_date_fails(keyed):
    issued = keyed.add_key()
    rek = keyed.client(issued["key_id"], issued["secret"])
    stale = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=20)
    with mock.patch("botocore.auth.get_current_datetime", return_value=stale), pytest.raises(ClientError) as caught:
        rek.list_collections()
    assert caught.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert "min" in caught.value.response["Error"]["Message"]


def test_scopes_and_rates_reach_the_sdk_as_access_denied_and_throttling(keyed):
    labels_only = keyed.add_key("--allow", "facet.v1.LabelService/*")
    rek = keyed.client(labels_only["key_id"], labels_only["secret"])
    with pytest.raises(rek.exceptions.AccessDeniedException):
        rek.detect_faces(Image=IMAGE)
    slow = keyed.add_key("--rate", "1/m", "--burst", "1")
    rek = keyed.client(slow["key_id"], slow["secret"])
    rek.list_collections()
    with pytest.raises(rek.exceptions.ThrottlingException):
        rek.list_collections()
