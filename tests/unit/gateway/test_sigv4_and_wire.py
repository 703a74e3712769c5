"""SigV4 verification (AWS's published example), the collection_id reader, the token buckets."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from facet.v1 import collections_pb2
from gateway import sigv4
from gateway.ratelimit import TokenBuckets
from gateway.wire import WireError, string_field

# From AWS's "Create a signature" example (IAM ListUsers, 2015-08-30).
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
AWS_STRING_TO_SIGN = (
    "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
    "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
)
AWS_SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
SIGNED_AT = dt.datetime(2015, 8, 30, 12, 36, tzinfo=dt.UTC)


def forwarded(string_to_sign: str = AWS_STRING_TO_SIGN, signature: str = AWS_SIGNATURE) -> sigv4.SignedRequest:
    request = sigv4.from_metadata(
        {
            sigv4.KEY_ID: "AKIDEXAMPLE",
            sigv4.STRING_TO_SIGN: base64.b64encode(string_to_sign.encode()).decode(),
            sigv4.SIGNATURE: signature,
        }
    )
    assert request is not None
    return request


def test_aws_example_signature_verifies() -> None:
    assert sigv4.signing_key(AWS_SECRET, "20150830", "us-east-1", "iam").hex() == (
        "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    )
    sigv4.verify(forwarded(), AWS_SECRET, now=SIGNED_AT + dt.timedelta(minutes=14))


@pytest.mark.parametrize(
    ("request_", "secret", "now", "reason"),
    [
        (forwarded(), AWS_SECRET + "x", SIGNED_AT, "SIGNATURE_INVALID"),
        (forwarded(signature="0" * 64), AWS_SECRET, SIGNED_AT, "SIGNATURE_INVALID"),
        # The scope is part of what is signed: another region does not verify.
        (forwarded(AWS_STRING_TO_SIGN.replace("us-east-1", "eu-west-1")), AWS_SECRET, SIGNED_AT, "SIGNATURE_INVALID"),
        (
            forwarded(AWS_STRING_TO_SIGN.replace("\n20150830/", "\n20150831/")),
            AWS_SECRET,
            SIGNED_AT,
            "SIGNATURE_INVALID",
        ),
        (forwarded("AWS4-HMAC-SHA256\nnot a date\nx\ny"), AWS_SECRET, SIGNED_AT, "SIGNATURE_INVALID"),
        (forwarded(), AWS_SECRET, SIGNED_AT + dt.timedelta(minutes=16), "SIGNATURE_EXPIRED"),
        (forwarded(), AWS_SECRET, SIGNED_AT - dt.timedelta(minutes=16), "SIGNATURE_EXPIRED"),
    ],
)
def test_bad_signatures_are_refused_with_their_reason(request_, secret: str, now: dt.datetime, reason: str) -> None:
    with pytest.raises(sigv4.SignatureError) as refused:
        sigv4.verify(request_, secret, now=now)
    assert refused.value.reason == reason


def test_partial_or_undecodable_sigv4_metadata_is_an_error() -> None:
    assert sigv4.from_metadata({"authorization": "Bearer x"}) is None
    with pytest.raises(sigv4.SignatureError):
        sigv4.from_metadata({sigv4.KEY_ID: "AKIDEXAMPLE"})
    with pytest.raises(sigv4.SignatureError):
        sigv4.from_metadata({sigv4.KEY_ID: "K", sigv4.STRING_TO_SIGN: "%%%", sigv4.SIGNATURE: "00"})


def test_collection_id_is_read_from_request_bytes() -> None:
    request = collections_pb2.SearchFacesByImageRequest(
        collection_id="staff", image={"bytes": b"\xff" * 1000}, max_faces=3, face_match_threshold=90.0
    )
    assert string_field(request.SerializeToString(), 1) == "staff"
    assert string_field(collections_pb2.ListFacesRequest().SerializeToString(), 1) == ""


def test_the_last_collection_id_wins_as_in_protobuf() -> None:
    # Two serialized messages concatenated merge: the service sees the last value, so must the check.
    twice = (
        collections_pb2.SearchFacesRequest(collection_id="staff").SerializeToString()
        + collections_pb2.SearchFacesRequest(collection_id="visitors", face_id="f").SerializeToString()
    )
    parsed = collections_pb2.SearchFacesRequest.FromString(twice)
    assert string_field(twice, 1) == parsed.collection_id == "visitors"


@pytest.mark.parametrize("data", [b"\x0a\x05sta", b"\x0a", b"\x0b\x00", b"\xff" * 11])
def test_malformed_bytes_are_reported(data: bytes) -> None:
    with pytest.raises(WireError):
        string_field(data, 1)


def test_token_bucket_grants_burst_then_refills_at_rate() -> None:
    now = [100.0]
    buckets = TokenBuckets(clock=lambda: now[0])
    assert [buckets.take("k", rate=2.0, size=3) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("k", rate=2.0, size=3) == pytest.approx(0.5)
    now[0] += 0.5
    assert buckets.take("k", rate=2.0, size=3) == 0.0
    assert buckets.take("other", rate=2.0, size=3) == 0.0  # buckets are per key
