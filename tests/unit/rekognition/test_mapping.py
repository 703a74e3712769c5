"""The mapping tables against botocore's model: every enum value Facet can send has a Rekognition
spelling, every request member is handled one way or another, docs list what the code does, and
the response-shape checker the end-to-end tests rely on catches what it must."""

from __future__ import annotations

from pathlib import Path

import pytest
from botocore.model import Shape
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from gateway.rekognition import names
from gateway.rekognition.convert import to_rekognition
from gateway.rekognition.coverage import coverage, markdown_table
from gateway.rekognition.operations import OPERATIONS
from gateway.rekognition.service_model import service
from tests.rekognition_shapes import shape_errors

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("member", "field"),
    [("FaceMatchThreshold", "face_match_threshold"), ("CollectionARN", "collection_arn"), ("Id", "id"),
     ("MinBoundingBoxHeight", "min_bounding_box_height"), ("SearchedFaceId", "searched_face_id")],
)
def test_snake_case(member, field):
    assert names.snake_case(member) == field


def _enum_pairs(shape: Shape, message: Descriptor, seen: set) -> list[tuple[str, FieldDescriptor, Shape]]:
    pairs = []
    if shape.type_name == "list":
        return _enum_pairs(shape.member, message, seen)  # type: ignore[attr-defined]
    if shape.type_name != "structure" or shape.name in seen:
        return pairs
    seen.add(shape.name)
    for member, member_shape in shape.members.items():  # type: ignore[attr-defined]
        field = message.fields_by_name.get(names.response_field(member))
        if field is None:
            continue
        inner = member_shape.member if member_shape.type_name == "list" else member_shape
        if field.enum_type is not None:
            pairs.append((f"{shape.name}.{member}", field, inner))
        elif field.message_type is not None:
            pairs.extend(_enum_pairs(member_shape, field.message_type, seen))
    return pairs


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_facet_enum_value_in_a_response_has_a_rekognition_spelling(operation):
    op = OPERATIONS[operation]
    output = service().operation_model(operation).output_shape
    for where, field, shape in _enum_pairs(output, op.response_type.DESCRIPTOR, set()):
        prefix = field.enum_type.values_by_number[0].name[: -len("UNSPECIFIED")]
        wanted = {names.enum_key(v) for v in shape.enum}  # type: ignore[attr-defined]
        for value in field.enum_type.values[1:]:
            assert names.enum_key(value.name[len(prefix) :]) in wanted, f"{where}: {value.name}"


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_request_member_is_used_ignored_or_refused(operation):
    model = service().operation_model(operation)
    handled = coverage(operation)
    top = {m for m in handled.supported + handled.ignored + handled.refused if "." not in m}
    assert top == set(model.input_shape.members)


def test_an_empty_facet_reply_converts_to_a_conforming_body():
    import json

    for name, op in OPERATIONS.items():
        model = service().operation_model(name)
        body = op.response(op.response_type(), model, {})
        assert shape_errors(name, json.dumps(body).encode()) == [], name


def test_docs_list_what_the_mapping_does():
    docs = (ROOT / "docs" / "rekognition.md").read_text()
    block = docs.split("<!-- coverage:begin -->\n", 1)[1].split("\n<!-- coverage:end -->", 1)[0]
    assert block == markdown_table(), "regenerate with: python -m gateway.rekognition.coverage"


def test_shape_checker_catches_unknown_keys_bad_enums_and_types():
    bad = b'{"FaceDetails": [{"Landmarks": [{"Type": "eye_left"}], "Confidence": "high", "Bogus": 1}]}'
    errors = " ".join(shape_errors("DetectFaces", bad))
    assert "Bogus" in errors and "eye_left" in errors and "Confidence" in errors
    assert shape_errors("DetectFaces", b'{"FaceDetails": [{"Landmarks": [{"Type": "eyeLeft", "X": 0.5}]}]}') == []
    too_long = b'{"TextModelVersion": "v", "TextDetections": [{"ParentId": 1, "Id": -1}]}'
    assert shape_errors("DetectText", too_long)  # Id below its minimum 0


def test_to_rekognition_omits_unset_optionals_and_keeps_a_top_level_parent_name():
    from facet.v1 import moderation_pb2, text_pb2

    line = text_pb2.TextDetection(detected_text="HI", type=text_pb2.TEXT_TYPE_LINE, id=0)
    shape = service().shape_for("TextDetection")
    converted = to_rekognition(line, shape)
    assert converted["Type"] == "LINE" and "ParentId" not in converted and "Geometry" not in converted
    label = moderation_pb2.ModerationLabel(name="Explicit", confidence=90, parent_name="", taxonomy_level=1)
    assert to_rekognition(label, service().shape_for("ModerationLabel"))["ParentName"] == ""


def test_an_s3_endpoint_without_a_bucket_allow_list_does_not_start(monkeypatch):
    from pydantic import ValidationError

    from gateway.rekognition.settings import RekognitionSettings

    monkeypatch.setenv("FACET_AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    with pytest.raises(ValidationError, match="ALLOWED_BUCKETS"):
        RekognitionSettings()
    monkeypatch.setenv("FACET_AWS_S3_ALLOWED_BUCKETS", '["photos"]')
    assert RekognitionSettings().s3_allowed_buckets == ["photos"]
