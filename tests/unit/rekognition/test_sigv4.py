"""The front's half of SigV4: the string to sign it rebuilds from a received request is the one
botocore signed, and malformed signatures are refused before anything is forwarded."""

from __future__ import annotations

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from multidict import CIMultiDict

from gateway.rekognition import sigv4
from gateway.rekognition.errors import RekognitionError

BODY = b'{"CollectionId": "staff"}'


def signed_headers(service: str = "rekognition", body: bytes = BODY) -> tuple[CIMultiDict[str], SigV4Auth]:
    """Headers of a request botocore signed, as a server receives them, and the signer."""
    request = AWSRequest(
        method="POST",
        url="http://127.0.0.1:50080/",
        data=body,
        headers={"X-Amz-Target": "RekognitionService.DescribeCollection", "Content-Type": "application/x-amz-json-1.1"},
    )
    signer = SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), service, "eu-west-1")
    signer.add_auth(request)
    headers = CIMultiDict(request.headers.items())
    headers["Host"] = "127.0.0.1:50080"
    return headers, signer


def test_the_string_to_sign_is_the_one_botocore_signed():
    headers, signer = signed_headers()
    signed = sigv4.signed_request("POST", "127.0.0.1:50080", "/", headers, BODY)
    assert signed is not None and signed.key_id == "AKIDEXAMPLE"
    # botocore's signature over our string to sign is the one the client sent: same string.
    signer._region_name = signed.string_to_sign.split("\n")[2].split("/")[1]
    request = AWSRequest(method="POST", url="http://127.0.0.1:50080/")
    request.context["timestamp"] = signed.string_to_sign.split("\n")[1]
    assert signer.signature(signed.string_to_sign, request) == signed.signature
    other = sigv4.signed_request("POST", "127.0.0.1:50080", "/", headers, BODY.replace(b"staff", b"stuff"))
    assert other is not None and signer.signature(other.string_to_sign, request) != signed.signature


def test_an_unsigned_request_has_no_triple():
    assert sigv4.signed_request("POST", "h", "/", CIMultiDict(), BODY) is None


@pytest.mark.parametrize(
    ("change", "error_type"),
    [
        (lambda h: h.pop("X-Amz-Date"), "IncompleteSignatureException"),
        (lambda h: h.__setitem__("Authorization", "AWS4-HMAC-SHA1 Credential=x"), "IncompleteSignatureException"),
        (lambda h: h.__setitem__("Authorization", h["Authorization"].replace("host;", "")), "IncompleteSignature"),
        (lambda h: h.__setitem__("X-Amz-Content-SHA256", "0" * 64), "InvalidSignatureException"),
        (lambda h: h.__setitem__("X-Amz-Date", "20200101T000000Z"), "InvalidSignatureException"),
    ],
)
def test_malformed_signatures_are_refused(change, error_type):
    headers, _ = signed_headers()
    change(headers)
    with pytest.raises(RekognitionError) as caught:
        sigv4.signed_request("POST", "127.0.0.1:50080", "/", headers, BODY)
    assert caught.value.error_type.startswith(error_type)


def test_a_signature_for_another_service_is_refused():
    headers, _ = signed_headers(service="s3")
    with pytest.raises(RekognitionError, match="rekognition"):
        sigv4.signed_request("POST", "127.0.0.1:50080", "/", headers, BODY)
