"""SigV4: the string to sign, computed here from the HTTP request as it arrived.

The secret never reaches this process. It rebuilds the canonical request with botocore's own
SigV4 code (the code the SDKs sign with, so both sides canonicalise alike), and forwards the
access key id, the string to sign and the client's signature to the gateway as gRPC metadata;
the gateway holds the secrets, derives the signing key from the credential scope inside the
string to sign, compares, and checks the date. Without an Authorization header nothing is sent
and the gateway decides (on loopback without keys it lets the call through).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from hashlib import sha256

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

from gateway.rekognition.errors import RekognitionError

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "rekognition"
KEY_ID = "x-facet-sigv4-key-id"
STRING_TO_SIGN = "x-facet-sigv4-string-to-sign"
SIGNATURE = "x-facet-sigv4-signature"

_FIELD = re.compile(r"\s*(Credential|SignedHeaders|Signature)=([^,\s]+)\s*")


@dataclass(frozen=True)
class SignedRequest:
    key_id: str
    string_to_sign: str
    signature: str

    def metadata(self) -> tuple[tuple[str, str], ...]:
        encoded = base64.b64encode(self.string_to_sign.encode()).decode()
        return ((KEY_ID, self.key_id), (STRING_TO_SIGN, encoded), (SIGNATURE, self.signature))


def _incomplete(message: str) -> RekognitionError:
    return RekognitionError("IncompleteSignatureException", message, 400)


def signed_request(
    method: str, host: str, path_qs: str, headers: Mapping[str, str], body: bytes
) -> SignedRequest | None:
    """The SigV4 triple of a request, or None when it carries no Authorization header.

    ``headers`` are the received headers (case-insensitive mapping); ``path_qs`` the raw path and
    query string as sent.
    """
    authorization = headers.get("Authorization")
    if authorization is None:
        return None
    algorithm, _, rest = authorization.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise _incomplete(f"Unsupported authorization algorithm {algorithm!r}; expected {ALGORITHM}")
    matches = [_FIELD.fullmatch(part) for part in rest.split(",")]
    fields = {match.group(1): match.group(2) for match in matches if match is not None}
    if set(fields) != {"Credential", "SignedHeaders", "Signature"}:
        raise _incomplete("Authorization header requires Credential, SignedHeaders and Signature")
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise _incomplete("Credential must be <key id>/<date>/<region>/<service>/aws4_request")
    key_id, date, region, service, _ = scope
    if service != SERVICE:
        raise RekognitionError("InvalidSignatureException", f"Credential should be scoped to service {SERVICE}", 403)
    timestamp = headers.get("X-Amz-Date", "")
    if not re.fullmatch(r"\d{8}T\d{6}Z", timestamp):
        raise _incomplete("X-Amz-Date header (YYYYMMDDTHHMMSSZ) is required with SigV4")
    if timestamp[:8] != date:
        raise RekognitionError("InvalidSignatureException", "Credential date does not match X-Amz-Date", 403)
    declared_hash = headers.get("X-Amz-Content-SHA256")
    if declared_hash is not None and declared_hash != sha256(body).hexdigest():
        # botocore signs the declared hash: it must be the body's, or the body could be swapped.
        raise RekognitionError("InvalidSignatureException", "X-Amz-Content-SHA256 does not match the body", 403)

    signed_names = fields["SignedHeaders"].split(";")
    if "host" not in signed_names:
        raise _incomplete("SignedHeaders must include host")
    missing = [name for name in signed_names if name not in headers]
    if missing:
        raise _incomplete(f"Signed headers missing from the request: {', '.join(missing)}")
    signed = {name: headers[name] for name in signed_names}
    request = AWSRequest(method=method, url=f"http://{host}{path_qs}", headers=signed, data=body)
    request.context["timestamp"] = timestamp
    signer = SigV4Auth(None, SERVICE, region)
    string_to_sign = signer.string_to_sign(request, signer.canonical_request(request))
    return SignedRequest(key_id, string_to_sign, fields["Signature"])
