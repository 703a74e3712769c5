"""Verification of AWS Signature V4 forwarded by the Rekognition-compatible front.

The front (``gateway.rekognition``) builds the SigV4 string to sign from the real HTTP request and
forwards it as gRPC metadata (docs/security.md, "SigV4"):

* ``x-facet-sigv4-key-id``: the access key id from the Credential of the Authorization header;
* ``x-facet-sigv4-string-to-sign``: base64 of the string to sign;
* ``x-facet-sigv4-signature``: the request's signature, hex.

Here the signing key is derived from the stored secret and the credential scope written in the
string to sign (date/region/service/aws4_request), the signature recomputed and compared in
constant time, and an X-Amz-Date more than 15 minutes from now refused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

KEY_ID = "x-facet-sigv4-key-id"
STRING_TO_SIGN = "x-facet-sigv4-string-to-sign"
SIGNATURE = "x-facet-sigv4-signature"
HEADERS = (KEY_ID, STRING_TO_SIGN, SIGNATURE)
ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class SignedRequest:
    key_id: str
    string_to_sign: str
    signature: str


class SignatureError(Exception):
    """Why a forwarded signature is refused; ``reason`` is SIGNATURE_INVALID or SIGNATURE_EXPIRED."""

    def __init__(self, message: str, reason: str = "SIGNATURE_INVALID"):
        super().__init__(message)
        self.reason = reason


def from_metadata(values: Mapping[str, str]) -> SignedRequest | None:
    """The forwarded triple, None when no SigV4 header came; a partial triple is an error."""
    present = [h for h in HEADERS if values.get(h)]
    if not present:
        return None
    if len(present) != len(HEADERS):
        raise SignatureError(f"SigV4 metadata incomplete: expected {', '.join(HEADERS)}")
    try:
        text = base64.b64decode(values[STRING_TO_SIGN], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise SignatureError(f"{STRING_TO_SIGN} is not base64 of UTF-8 text") from None
    return SignedRequest(values[KEY_ID], text, values[SIGNATURE].strip().lower())


def verify(request: SignedRequest, secret: str, now: dt.datetime | None = None) -> None:
    """Raise SignatureError unless ``request`` was signed with ``secret`` within the allowed skew."""
    lines = request.string_to_sign.split("\n")
    if len(lines) != 4 or lines[0] != ALGORITHM:
        raise SignatureError(f"string to sign is not {ALGORITHM} with four lines")
    amz_date, scope = lines[1], lines[2]
    try:
        signed_at = dt.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        raise SignatureError(f"X-Amz-Date {amz_date!r} is not YYYYMMDDTHHMMSSZ") from None
    parts = scope.split("/")
    if len(parts) != 4 or parts[3] != "aws4_request" or parts[0] != amz_date[:8] or not all(parts):
        raise SignatureError("credential scope is not <date>/<region>/<service>/aws4_request for the X-Amz-Date")
    skew = abs((now or dt.datetime.now(dt.UTC)) - signed_at)
    if skew > MAX_SKEW:
        raise SignatureError(
            f"X-Amz-Date {amz_date} is {skew.total_seconds() / 60:.0f} min from the server clock (limit 15)",
            reason="SIGNATURE_EXPIRED",
        )
    expected = hmac.new(signing_key(secret, *parts[:3]), request.string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), request.signature.encode()):
        raise SignatureError("the request signature does not match")


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key
