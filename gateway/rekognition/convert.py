"""Table-driven conversion between Rekognition parameters and Facet protobuf messages.

Requests walk the proto descriptor: each Rekognition member becomes the field named by
``names.request_field``; enums match by ``names.enum_key``. Responses walk botocore's output
shape: each member the shape defines is filled from the proto field ``names.response_field``
names, when Facet has it; members Facet lacks are omitted. Walking the output shape means a
response can only ever hold names, types and enum values Rekognition defines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.model import Shape
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.message import Message

from gateway.rekognition import names
from gateway.rekognition.errors import RekognitionError, invalid_parameter


def to_proto(params: Mapping[str, Any], message: Message, shape: Shape) -> Message:
    """Fill ``message`` from Rekognition ``params`` of ``shape`` (already validated by botocore)."""
    descriptor: Descriptor = message.DESCRIPTOR
    members = shape.members  # type: ignore[attr-defined]
    for member, value in params.items():
        key = (shape.name, member)
        if key in names.IGNORED_REQUEST_MEMBERS:
            continue
        if key in names.REFUSED_REQUEST_MEMBERS:
            raise invalid_parameter(f"{member} is not supported: {names.REFUSED_REQUEST_MEMBERS[key]}")
        if shape.name == "Image" and member == "S3Object":
            raise RekognitionError(
                "InvalidS3ObjectException",
                "S3 objects are not supported by this endpoint: send the image itself in Image.Bytes",
            )
        field = descriptor.fields_by_name.get(names.request_field(member))
        if field is None:
            raise invalid_parameter(f"{shape.name}.{member} is not supported by Facet")
        _set_field(message, field, value, members[member])
    return message


def _set_field(message: Message, field: FieldDescriptor, value: Any, shape: Shape) -> None:
    if field.is_repeated:
        target = getattr(message, field.name)
        for item in value:
            if field.message_type is not None:
                to_proto(item, target.add(), shape.member)  # type: ignore[attr-defined]
            elif field.enum_type is not None:
                number = _enum_number(field.enum_type, item)
                if number is not None:
                    target.append(number)
            else:
                target.append(item)
    elif field.message_type is not None:
        to_proto(value, getattr(message, field.name), shape)
    elif field.enum_type is not None:
        number = _enum_number(field.enum_type, value)
        if number is not None:
            setattr(message, field.name, number)
    else:
        setattr(message, field.name, value)


def _enum_number(enum: EnumDescriptor, value: str) -> int | None:
    """The proto number of a Rekognition enum string; None for an accepted value Facet lacks."""
    prefix = _enum_prefix(enum)
    for candidate in enum.values:
        if candidate.number and names.enum_key(candidate.name[len(prefix) :]) == names.enum_key(value):
            return int(candidate.number)
    if value in names.UNSUPPORTED_ATTRIBUTES:
        return None
    raise invalid_parameter(f"{value!r} is not a supported value here")


def _enum_prefix(enum: EnumDescriptor) -> str:
    unspecified = enum.values_by_number[0].name  # e.g. LANDMARK_TYPE_UNSPECIFIED
    return unspecified[: -len("UNSPECIFIED")]


def to_rekognition(message: Message, shape: Shape) -> dict[str, Any]:
    """The Rekognition structure ``shape`` filled from ``message``: only members Facet has."""
    result: dict[str, Any] = {}
    fields = message.DESCRIPTOR.fields_by_name
    for member, member_shape in shape.members.items():  # type: ignore[attr-defined]
        field = fields.get(names.response_field(member))
        if field is None:
            continue
        value = getattr(message, field.name)
        if field.is_repeated:
            if value or not member_shape.metadata.get("min"):  # an empty list where the shape needs one item
                result[member] = [_value(field, item, member_shape.member) for item in value]
        elif not _unset(message, field, value, (shape.name, member)):
            result[member] = _value(field, value, member_shape)
    return result


def _unset(message: Message, field: FieldDescriptor, value: Any, member: tuple[str, str]) -> bool:
    """Whether Facet left the field unset, so Rekognition's member is omitted."""
    if field.has_presence:
        return not message.HasField(field.name)
    if field.enum_type is not None:
        return bool(value == 0)  # X_UNSPECIFIED: never a value
    return value == "" and member not in names.KEEP_EMPTY_STRING


def _value(field: FieldDescriptor, value: Any, shape: Shape) -> Any:
    if shape.type_name == "timestamp":
        return value.seconds + value.nanos / 1e9  # google.protobuf.Timestamp -> epoch seconds
    if field.message_type is not None:
        return to_rekognition(value, shape)
    if field.enum_type is not None:
        return _enum_string(field.enum_type, value, shape)
    return value


def _enum_string(enum: EnumDescriptor, number: int, shape: Shape) -> str:
    name = enum.values_by_number[number].name[len(_enum_prefix(enum)) :]
    for candidate in shape.enum:  # type: ignore[attr-defined]
        if names.enum_key(candidate) == names.enum_key(name):
            return str(candidate)
    raise RekognitionError("InternalServerError", "Internal server error", 500)
