"""Checks a raw Rekognition response body against botocore's output shape.

botocore's own ParamValidator checks required members, types, lengths and minimums; it ignores
keys the shape does not define (and boto3 silently drops them when parsing), and it checks
neither enum values nor maximums, so ``shape_errors`` walks the body for those itself.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.model import Shape
from botocore.validate import ParamValidator

from gateway.rekognition.service_model import service


def shape_errors(operation: str, raw_body: bytes) -> list[str]:
    """Every way ``raw_body`` departs from ``operation``'s output shape (empty when it conforms)."""
    body = json.loads(raw_body)
    shape = service().operation_model(operation).output_shape
    errors = []
    report = ParamValidator().validate(body, shape)
    if report.has_errors():
        errors.append(report.generate_report())
    _walk(body, shape, operation, errors)
    return errors


def _walk(value: Any, shape: Shape, path: str, errors: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            member = shape.members.get(key)  # type: ignore[attr-defined]
            if member is None:
                errors.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                _walk(item, member, f"{path}.{key}", errors)
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, shape.member, f"{path}[{index}]", errors)  # type: ignore[attr-defined]
        _check_max(len(value), shape, path, errors)
    elif kind == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:  # type: ignore[attr-defined]
            errors.append(f"{path}: {value!r} is not one of {shape.enum}")  # type: ignore[attr-defined]
        _check_max(len(value), shape, path, errors)
    elif kind in ("integer", "long", "float", "double") and isinstance(value, int | float):
        _check_max(value, shape, path, errors)


def _check_max(value: float, shape: Shape, path: str, errors: list[str]) -> None:
    maximum = shape.metadata.get("max")
    if maximum is not None and value > maximum:
        errors.append(f"{path}: {value} is above the maximum {maximum}")
