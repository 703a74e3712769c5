"""Read one string field from serialized protobuf bytes, without parsing (or copying) the rest.

The gateway forwards requests as bytes; authorisation needs only ``collection_id``. This walks
the wire format, skipping every other field by its length (an image is skipped, not copied),
and keeps the *last* occurrence of the field, as protobuf parsers do: a request carrying the
field twice is judged by the value the service will see.
"""

from __future__ import annotations


class WireError(ValueError):
    """The bytes are not a well-formed protobuf message."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise WireError("truncated or oversized varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def string_field(data: bytes, number: int) -> str:
    """The value of string field ``number`` ("" when absent), last occurrence winning."""
    found = b""
    pos = 0
    while pos < len(data):
        tag, pos = _varint(data, pos)
        field, wire_type = tag >> 3, tag & 7
        if wire_type == 0:
            _, pos = _varint(data, pos)
        elif wire_type == 1:
            pos += 8
        elif wire_type == 5:
            pos += 4
        elif wire_type == 2:
            length, pos = _varint(data, pos)
            if field == number:
                found = data[pos : pos + length]
            pos += length
        else:
            raise WireError(f"unsupported wire type {wire_type}")
        if pos > len(data):
            raise WireError("field runs past the end of the message")
    try:
        return found.decode("utf-8")
    except UnicodeDecodeError:
        raise WireError("string field is not UTF-8") from None
