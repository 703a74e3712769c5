"""The Rekognition front against a stand-in gateway, called with the unmodified boto3.

Covers what the real stack cannot produce on demand (every row of the error table, the gRPC
metadata the front sends), and what the front decides alone (refusals, defaults, renames).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import boto3
import grpc
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from facet.v1 import collections_pb2, faces_pb2, labels_pb2
from gateway.rekognition import errors, sigv4
from scripts.stack import Stack, free_port, rekognition_spec
from tests.unit.rekognition.fake_gateway import Failure, FakeGateway, start_fake_gateway

IMAGE = {"Bytes": b"\xff\xd8 any bytes: the stand-in gateway does not decode"}
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeGateway]]:
    server, fake, gateway = start_fake_gateway()
    address = f"127.0.0.1:{free_port()}"
    stack = Stack(log_dir=tmp_path_factory.mktemp("front-logs"), echo=False)
    stack.start(rekognition_spec(address, gateway))
    yield f"http://{address}", fake
    stack.stop_all()
    server.stop(None)


@pytest.fixture
def gateway(front: tuple[str, FakeGateway]) -> FakeGateway:
    fake = front[1]
    fake.calls.clear()
    fake.error = None
    fake.raw_abort = None
    return fake


@pytest.fixture(scope="module")
def rek(front: tuple[str, FakeGateway]):
    return boto3.client(
        "rekognition",
        endpoint_url=front[0],
        region_name="eu-west-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key=SECRET,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )




@pytest.mark.parametrize(
    ("code", "reason", "expected"),
    [(code, reason, mapped) for (code, reason), mapped in errors.BY_REASON.items()]
    + [(grpc.StatusCode.UNAVAILABLE, "SERVICE_UNAVAILABLE", errors.Mapped("ThrottlingException", 500))]
    + [(grpc.StatusCode.INTERNAL, "INTERNAL", errors.Mapped("InternalServerError", 500))],
)
def test_each_facet_error_reaches_the_sdk_as_its_rekognition_exception(rek, gateway, code, reason, expected):
    gateway.error = Failure(code, reason)
    modeled = getattr(rek.exceptions, expected.error_type, None)
    with pytest.raises(modeled or ClientError) as caught:
        rek.detect_faces(Image=IMAGE)
    error = caught.value.response
    assert error["Error"]["Code"] == expected.error_type
    assert error["ResponseMetadata"]["HTTPStatusCode"] == expected.status
    assert uuid.UUID(error["ResponseMetadata"]["RequestId"])
    if expected.error_type != "InternalServerError":
        assert error["Error"]["Message"] == "what went wrong"


def test_throttling_and_access_denied_are_caught_by_their_sdk_classes(rek, gateway):
    gateway.error = Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
    with pytest.raises(rek.exceptions.ThrottlingException):
        rek.list_collections()
    gateway.error = Failure(grpc.StatusCode.PERMISSION_DENIED, "PERMISSION_DENIED")
    with pytest.raises(rek.exceptions.AccessDeniedException):
        rek.list_collections()


def test_a_bad_page_token_is_an_invalid_pagination_token(rek, gateway):
    gateway.error = Failure(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PARAMETER", metadata={"field": "page_token"})
    with pytest.raises(rek.exceptions.InvalidPaginationTokenException):
        rek.list_faces(CollectionId="c", NextToken="x")


def test_an_unexpected_server_message_is_not_passed_on(rek, gateway):
    gateway.raw_abort = (grpc.StatusCode.UNKNOWN, "Traceback: secret internals")
    with pytest.raises(rek.exceptions.InternalServerError) as caught:
        rek.detect_labels(Image=IMAGE)
    assert "secret" not in caught.value.response["Error"]["Message"]


def test_requests_are_converted_with_rekognitions_names_and_defaults(rek, gateway):
    rek.detect_faces(Image=IMAGE, Attributes=["AGE_RANGE", "BEARD", "GENDER"])
    sent = faces_pb2.DetectFacesRequest.FromString(gateway.calls[-1].request)
    assert gateway.calls[-1].method == "/facet.v1.FaceService/DetectFaces"
    assert sent.image.bytes == IMAGE["Bytes"]
    # BEARD is accepted (Rekognition accepts it) and dropped: Facet cannot compute it yet.
    assert list(sent.attributes) == [faces_pb2.FACE_ATTRIBUTE_AGE_RANGE, faces_pb2.FACE_ATTRIBUTE_GENDER]

    rek.search_faces_by_image(CollectionId="staff", Image=IMAGE, MaxFaces=3)
    sent_search = collections_pb2.SearchFacesByImageRequest.FromString(gateway.calls[-1].request)
    assert sent_search.quality_filter == collections_pb2.QUALITY_FILTER_NONE  # Rekognition's default
    assert sent_search.max_faces == 3 and sent_search.collection_id == "staff"

    rek.list_faces(CollectionId="staff", MaxResults=7, NextToken="abc")
    sent_list = collections_pb2.ListFacesRequest.FromString(gateway.calls[-1].request)
    assert (sent_list.page_size, sent_list.page_token) == (7, "abc")

    rek.detect_labels(
        Image=IMAGE,
        Features=["GENERAL_LABELS"],
        Settings={"GeneralLabels": {"LabelExclusionFilters": ["Furniture"]}},
        MinConfidence=70,
    )
    sent_labels = labels_pb2.DetectLabelsRequest.FromString(gateway.calls[-1].request)
    assert list(sent_labels.settings.label_exclusion_filters) == ["Furniture"]
    assert sent_labels.min_confidence == 70
    assert list(sent_labels.features) == [labels_pb2.LABEL_FEATURE_GENERAL_LABELS]


def test_empty_replies_keep_rekognitions_constant_members(rek, gateway):
    assert rek.create_collection(CollectionId="staff", Tags={"team": "a"})["StatusCode"] == 200
    assert rek.delete_collection(CollectionId="staff")["StatusCode"] == 200


def test_s3_objects_and_unsupported_filters_are_refused_before_the_gateway(rek, gateway):
    with pytest.raises(rek.exceptions.InvalidS3ObjectException) as caught:
        rek.detect_labels(Image={"S3Object": {"Bucket": "photos", "Name": "k.jpg"}})
    assert "Image.Bytes" in caught.value.response["Error"]["Message"]
    with pytest.raises(rek.exceptions.InvalidParameterException, match="UserId"):
        rek.list_faces(CollectionId="staff", UserId="someone")
    with pytest.raises(rek.exceptions.InvalidParameterException, match="QualityFilter"):
        rek.compare_faces(SourceImage=IMAGE, TargetImage=IMAGE, QualityFilter="HIGH")
    assert gateway.calls == []


def _raw_post(url: str, target: str, body: bytes) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, dict(reply.headers), json.loads(reply.read())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), json.loads(err.read())


def test_raw_requests_without_an_sdk_get_rekognition_errors(front, gateway):
    url = front[0] + "/any/path"
    status, headers, body = _raw_post(url, "RekognitionService.NoSuchThing", b"{}")
    assert (status, body["__type"]) == (400, "UnknownOperationException")
    assert "x-amzn-RequestId" in headers
    status, _, body = _raw_post(url, "RekognitionService.DetectProtectiveEquipment", b"{}")
    assert (status, body["__type"]) == (400, "UnknownOperationException")  # Rekognition has it, Facet not
    status, _, body = _raw_post(url, "RekognitionService.DetectFaces", b"{not json")
    assert (status, body["__type"]) == (400, "SerializationException")
    # Server-side validation from botocore's model: what an SDK would have refused before sending.
    status, _, body = _raw_post(url, "RekognitionService.SearchFaces", json.dumps({"CollectionId": "c"}).encode())
    assert (status, body["__type"]) == (400, "InvalidParameterException")
    assert "FaceId" in body["Message"]
    zero_faces = {"CollectionId": "c", "Image": {"Bytes": "aGk="}, "MaxFaces": 0}
    status, _, body = _raw_post(url, "RekognitionService.IndexFaces", json.dumps(zero_faces).encode())
    assert (status, body["__type"]) == (400, "InvalidParameterException")
    assert gateway.calls == []


def _signing_key(secret: str, scope: str) -> bytes:
    date, region, service, terminator = scope.split("/")
    key = f"AWS4{secret}".encode()
    for part in (date, region, service, terminator):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _verify(received: dict[str, str], secret: str) -> bool:
    """What the gateway does with the forwarded triple (the security branch implements it there)."""
    import base64

    string_to_sign = base64.b64decode(received[sigv4.STRING_TO_SIGN]).decode()
    scope = string_to_sign.split("\n")[2]
    expected = hmac.new(_signing_key(secret, scope), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received[sigv4.SIGNATURE])


def test_sigv4_string_to_sign_matches_what_boto3_signed(rek, gateway):
    rek.detect_faces(Image=IMAGE)
    received = gateway.calls[-1].metadata
    assert received[sigv4.KEY_ID] == "AKIDEXAMPLE"
    assert _verify(received, SECRET)
    assert not _verify(received, SECRET + "x")  # a wrong secret cannot match
    assert uuid.UUID(received["x-request-id"])


def test_sigv4_of_a_tampered_body_does_not_verify(rek, gateway):
    def tamper(request, **_):
        request.body = request.body.replace(b"IGJ5", b"IGJ6")  # one image byte changed after signing

    rek.meta.events.register_first("before-send.rekognition.DetectFaces", tamper)
    try:
        rek.detect_faces(Image=IMAGE)
    finally:
        rek.meta.events.unregister("before-send.rekognition.DetectFaces", tamper)
    assert not _verify(gateway.calls[-1].metadata, SECRET)


def test_unsigned_requests_carry_no_sigv4_metadata(front, gateway):
    _raw_post(front[0], "RekognitionService.ListCollections", b"{}")
    assert sigv4.KEY_ID not in gateway.calls[-1].metadata


def test_a_body_over_the_limit_is_image_too_large(front, gateway):
    status, headers, body = _raw_post(front[0], "RekognitionService.DetectFaces", b" " * (33 * 1024 * 1024))
    assert (status, body["__type"]) == (400, "ImageTooLargeException")
    assert "x-amzn-RequestId" in headers and gateway.calls == []
