"""Which Rekognition members each operation carries, computed from the same tables the
conversion uses, so docs/rekognition.md cannot drift from the code (a unit test compares).

``python -m gateway.rekognition.coverage`` prints the markdown table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from botocore.model import Shape
from google.protobuf.descriptor import Descriptor

from gateway.rekognition import names
from gateway.rekognition.operations import OPERATIONS
from gateway.rekognition.service_model import service


@dataclass
class Coverage:
    supported: list[str] = field(default_factory=list)  # request members Facet uses
    ignored: list[str] = field(default_factory=list)  # accepted, no effect
    refused: list[str] = field(default_factory=list)  # InvalidParameterException / InvalidS3ObjectException
    returned: list[str] = field(default_factory=list)  # response members Facet fills
    omitted: list[str] = field(default_factory=list)  # response members Facet never sends, as Shape.Member


def _walk_request(shape: Shape, message: Descriptor | None, path: str, out: Coverage) -> None:
    if shape.type_name == "list":
        return _walk_request(shape.member, message, path, out)  # type: ignore[attr-defined]
    if shape.type_name != "structure" or message is None:
        return None
    for member, member_shape in shape.members.items():  # type: ignore[attr-defined]
        key, name = (shape.name, member), f"{path}{member}"
        proto = message.fields_by_name.get(names.request_field(member))
        if key in names.IGNORED_REQUEST_MEMBERS:
            out.ignored.append(name)
        elif key in names.REFUSED_REQUEST_MEMBERS or member == "S3Object":
            out.refused.append(name)
        elif key in names.HANDLED_BY_OPERATION or proto is not None:
            out.supported.append(name)
            if proto is not None:
                _walk_request(member_shape, proto.message_type, f"{name}.", out)
        else:
            out.refused.append(name)
    return None


def _walk_response(shape: Shape, message: Descriptor | None, path: str, out: Coverage, depth: int = 0) -> None:
    if shape.type_name == "list":
        return _walk_response(shape.member, message, path, out, depth)  # type: ignore[attr-defined]
    if shape.type_name != "structure" or message is None or depth > 4:
        return None
    for member, member_shape in shape.members.items():  # type: ignore[attr-defined]
        name = f"{path}{member}"
        proto = message.fields_by_name.get(names.response_field(member))
        if proto is None and (shape.name, member) not in names.HANDLED_BY_OPERATION:
            if f"{shape.name}.{member}" not in out.omitted:
                out.omitted.append(f"{shape.name}.{member}")  # by shape: FaceDetail.Smile once, not per path
            continue
        out.returned.append(name)
        if proto is not None:
            _walk_response(member_shape, proto.message_type, f"{name}.", out, depth + 1)
    return None


def coverage(operation: str) -> Coverage:
    op, model = OPERATIONS[operation], service().operation_model(operation)
    out = Coverage()
    _walk_request(model.input_shape, op.request_type.DESCRIPTOR, "", out)
    _walk_response(model.output_shape, op.response_type.DESCRIPTOR, "", out)
    return out


def _top_level(members: list[str]) -> str:
    return ", ".join(f"`{m}`" for m in members if "." not in m or m.count(".") == 1) or "–"


def _grouped(members: list[str]) -> str:
    """``FaceDetail.Smile``, ``FaceDetail.Beard`` -> ``FaceDetail.{Smile, Beard}``."""
    by_shape: dict[str, list[str]] = {}
    for entry in members:
        shape, _, member = entry.partition(".")
        by_shape.setdefault(shape, []).append(member)
    parts = [f"`{shape}.{m[0]}`" if len(m) == 1 else f"`{shape}.{{{', '.join(m)}}}`" for shape, m in by_shape.items()]
    return ", ".join(parts) or "–"


def markdown_table() -> str:
    rows = [
        "| Operation | Request members used | Accepted, ignored | Refused | Response members never sent |",
        "|---|---|---|---|---|",
    ]
    for name in OPERATIONS:
        c = coverage(name)
        omitted = _grouped(c.omitted)
        refused = ", ".join(f"`{m}`" for m in c.refused) or "–"
        ignored = ", ".join(f"`{m}`" for m in c.ignored) or "–"
        rows.append(f"| {name} | {_top_level(c.supported)} | {ignored} | {refused} | {omitted} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
