"""botocore's Rekognition service model: names, shapes, enums and limits come from here.

Requests are parsed with botocore's own JSON parser against the operation's input shape (so
``Image.Bytes`` is base64-decoded exactly as the SDKs encode it) and checked with botocore's own
parameter validator (required members, types, ranges, lengths), the checks an SDK makes before
sending; a raw HTTP client that skips them gets the same InvalidParameterException.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from botocore.loaders import Loader
from botocore.model import OperationModel, ServiceModel
from botocore.parsers import JSONParser
from botocore.validate import ParamValidator

from gateway.rekognition.errors import RekognitionError, invalid_parameter

TARGET_PREFIX = "RekognitionService."


@cache
def service() -> ServiceModel:
    return ServiceModel(Loader().load_service_model("rekognition", "service-2"), "rekognition")


def operation(target: str) -> OperationModel:
    """The operation named by an ``X-Amz-Target`` header, e.g. ``RekognitionService.DetectFaces``."""
    name = target[len(TARGET_PREFIX) :] if target.startswith(TARGET_PREFIX) else ""
    if name not in service().operation_names:
        raise RekognitionError("UnknownOperationException", f"Unknown operation {target!r}")
    return service().operation_model(name)


def parse_input(op: OperationModel, body: bytes) -> dict[str, Any]:
    """The request's parameters as an SDK user would have passed them (blobs as bytes)."""
    try:
        document = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise RekognitionError("SerializationException", "The request body is not valid JSON") from exc
    if not isinstance(document, dict):
        raise RekognitionError("SerializationException", "The request body must be a JSON object")
    try:
        params: dict[str, Any] = JSONParser()._parse_shape(op.input_shape, document)
    except (ValueError, TypeError, AttributeError) as exc:
        # A blob that is not base64, a string where a structure belongs, ...
        raise RekognitionError("SerializationException", f"The request body does not match {op.name}: {exc}") from exc
    report = ParamValidator().validate(params, op.input_shape)
    if report.has_errors():
        raise invalid_parameter(report.generate_report())
    return params
