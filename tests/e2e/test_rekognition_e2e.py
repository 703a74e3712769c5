"""The Rekognition endpoint end to end: unmodified boto3 and AWS CLI → HTTP front → gateway →
services → real Triton, on the stack `make run` starts.

Every raw response body of a successful call is checked against botocore's output shape
(tests/rekognition_shapes.py: botocore's validator plus unknown keys, enums and maximums),
because boto3 itself silently drops a misspelt key. Photos and who they show: tests/data/README.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import cv2
import numpy as np
import pytest
from botocore.config import Config

from tests.rekognition_shapes import shape_errors

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"
CREDENTIALS = {"aws_access_key_id": "AKIDFACETTEST", "aws_secret_access_key": "not-checked-without-keys"}


def photo(name: str) -> bytes:
    return (DATA / name).read_bytes()


class BodyChecker:
    """Records the shape errors of every successful raw response body the client receives."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.errors: list[str] = []

    def __call__(self, operation_model, response_dict, **_) -> None:
        if response_dict["status_code"] == 200:
            self.checked.append(operation_model.name)
            self.errors.extend(shape_errors(operation_model.name, response_dict["body"]))


@pytest.fixture(scope="module")
def endpoint(running_stack) -> str:
    return f"http://{running_stack.addresses.rekognition}"


@pytest.fixture(scope="module")
def checker() -> BodyChecker:
    return BodyChecker()


@pytest.fixture(scope="module")
def rek(endpoint: str, checker: BodyChecker):
    client = boto3.client(
        "rekognition",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120),
        **CREDENTIALS,
    )
    client.meta.events.register("before-parse.rekognition.*", checker)
    return client


@pytest.fixture(autouse=True)
def bodies_conform(checker: BodyChecker) -> Iterator[None]:
    checker.errors.clear()
    yield
    assert checker.errors == []


@pytest.fixture
def collection(rek) -> Iterator[str]:
    name = f"rek-e2e-{uuid.uuid4().hex[:12]}"
    assert rek.create_collection(CollectionId=name)["StatusCode"] == 200
    yield name
    with contextlib.suppress(rek.exceptions.ResourceNotFoundException):  # the test may have deleted it
        rek.delete_collection(CollectionId=name)


def sign_image() -> bytes:
    image = np.full((160, 640, 3), 255, np.uint8)
    cv2.putText(image, "HELLO FACET 2026", (20, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (0, 0, 0), 3)
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return encoded.tobytes()


def test_detect_faces(rek):
    reply = rek.detect_faces(Image={"Bytes": photo("group_4_faces.jpg")}, Attributes=["ALL"])
    faces = reply["FaceDetails"]
    assert len(faces) == 4
    for face in faces:
        landmarks = {mark["Type"] for mark in face["Landmarks"]}
        assert {"eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight"} <= landmarks  # all spelt as AWS does
        assert face["Gender"]["Value"] in ("Male", "Female")
        assert 0 <= face["AgeRange"]["Low"] <= face["AgeRange"]["High"]
        assert 0 < face["BoundingBox"]["Width"] < 1
    default = rek.detect_faces(Image={"Bytes": photo("person_a_1.jpg")})["FaceDetails"]
    assert len(default) == 1 and "AgeRange" not in default[0] and "Pose" in default[0]
    # Attributes Facet cannot compute yet are accepted, as Rekognition accepts them, and omitted.
    expressions = rek.detect_faces(Image={"Bytes": photo("person_a_1.jpg")}, Attributes=["SMILE", "EMOTIONS", "BEARD"])
    face = expressions["FaceDetails"][0]
    assert isinstance(face["Smile"]["Value"], bool) and face["Emotions"] and "AgeRange" not in face
    assert "Beard" not in face  # BEARD: accepted, as Rekognition accepts it; Facet cannot compute it yet


def test_compare_faces(rek):
    reply = rek.compare_faces(
        SourceImage={"Bytes": photo("person_a_1.jpg")}, TargetImage={"Bytes": photo("group_4_faces.jpg")}
    )
    assert reply["SourceImageFace"]["Confidence"] > 50
    assert len(reply["FaceMatches"]) == 1  # the Obama tile
    assert reply["FaceMatches"][0]["Similarity"] >= 80
    assert reply["FaceMatches"][0]["Face"]["BoundingBox"]["Left"] < 0.25  # the first of four tiles
    assert len(reply["UnmatchedFaces"]) == 3


def test_detect_labels(rek):
    cat = {"Bytes": photo("no_face_cat.png")}
    reply = rek.detect_labels(
        Image=cat,
        Features=["GENERAL_LABELS", "IMAGE_PROPERTIES"],
        Settings={"ImageProperties": {"MaxDominantColors": 3}},
    )
    names = [label["Name"] for label in reply["Labels"]]
    assert "Cat" in names
    assert 1 <= len(reply["ImageProperties"]["DominantColors"]) <= 3
    assert reply["LabelModelVersion"]
    filtered = rek.detect_labels(Image=cat, Settings={"GeneralLabels": {"LabelExclusionFilters": ["Animal"]}})
    assert "Cat" not in [label["Name"] for label in filtered["Labels"]]


def test_detect_text(rek):
    reply = rek.detect_text(Image={"Bytes": sign_image()})
    words = [d["DetectedText"] for d in reply["TextDetections"] if d["Type"] == "WORD"]
    lines = [d for d in reply["TextDetections"] if d["Type"] == "LINE"]
    assert "HELLO" in words and "FACET" in words
    assert lines and all("ParentId" not in line for line in lines)
    assert all(len(d["Geometry"]["Polygon"]) == 4 for d in reply["TextDetections"])


def test_detect_moderation_labels(rek):
    reply = rek.detect_moderation_labels(Image={"Bytes": photo("no_face.jpg")}, MinConfidence=0)
    labels = reply["ModerationLabels"]
    assert labels and reply["ModerationModelVersion"]
    assert any(label["ParentName"] == "" for label in labels)  # top-level labels, as Rekognition sends them
    assert reply["ContentTypes"] and all(0 <= kind["Confidence"] <= 100 for kind in reply["ContentTypes"])
    assert not rek.detect_moderation_labels(Image={"Bytes": photo("no_face.jpg")})["ModerationLabels"]


def test_collection_lifecycle(rek, collection):
    described = rek.describe_collection(CollectionId=collection)
    assert described["FaceCount"] == 0 and described["FaceModelVersion"]
    indexed = rek.index_faces(
        CollectionId=collection, Image={"Bytes": photo("person_a_1.jpg")}, ExternalImageId="obama", MaxFaces=1
    )
    obama = indexed["FaceRecords"][0]["Face"]
    assert obama["ExternalImageId"] == "obama"
    group = rek.index_faces(CollectionId=collection, Image={"Bytes": photo("group_4_faces.jpg")})
    assert len(group["FaceRecords"]) + len(group["UnindexedFaces"]) == 4
    assert rek.describe_collection(CollectionId=collection)["FaceCount"] == 1 + len(group["FaceRecords"])
    assert collection in rek.list_collections()["CollectionIds"]

    by_image = rek.search_faces_by_image(CollectionId=collection, Image={"Bytes": photo("person_a_2.jpg")})
    assert by_image["FaceMatches"] and by_image["FaceMatches"][0]["Face"]["FaceId"] == obama["FaceId"]
    assert by_image["SearchedFaceConfidence"] > 50
    by_id = rek.search_faces(CollectionId=collection, FaceId=obama["FaceId"], FaceMatchThreshold=0, MaxFaces=10)
    assert by_id["SearchedFaceId"] == obama["FaceId"]
    assert obama["FaceId"] not in [match["Face"]["FaceId"] for match in by_id["FaceMatches"]]

    unknown = str(uuid.uuid4())
    deleted = rek.delete_faces(CollectionId=collection, FaceIds=[obama["FaceId"], unknown])
    assert deleted["DeletedFaces"] == [obama["FaceId"]]
    assert deleted["UnsuccessfulFaceDeletions"] == [{"FaceId": unknown, "Reasons": ["FACE_NOT_FOUND"]}]
    assert obama["FaceId"] not in [face["FaceId"] for face in rek.list_faces(CollectionId=collection)["Faces"]]
    assert rek.delete_collection(CollectionId=collection)["StatusCode"] == 200


def test_user_vectors(rek, collection):
    first = rek.index_faces(CollectionId=collection, Image={"Bytes": photo("person_a_1.jpg")})
    second = rek.index_faces(CollectionId=collection, Image={"Bytes": photo("person_a_2.jpg")})
    biden = rek.index_faces(CollectionId=collection, Image={"Bytes": photo("person_b_1.jpg")})
    obama_faces = [r["FaceRecords"][0]["Face"]["FaceId"] for r in (first, second)]
    rek.create_user(CollectionId=collection, UserId="obama", ClientRequestToken="token-accepted-and-ignored-1")
    with pytest.raises(rek.exceptions.ConflictException):
        rek.create_user(CollectionId=collection, UserId="obama")
    associated = rek.associate_faces(CollectionId=collection, UserId="obama", FaceIds=obama_faces)
    assert sorted(face["FaceId"] for face in associated["AssociatedFaces"]) == sorted(obama_faces)
    assert [user["UserId"] for user in rek.list_users(CollectionId=collection)["Users"]] == ["obama"]
    by_face = rek.search_users(CollectionId=collection, FaceId=obama_faces[0])
    assert by_face["UserMatches"][0]["User"]["UserId"] == "obama"
    by_image = rek.search_users_by_image(CollectionId=collection, Image={"Bytes": photo("group_4_faces.jpg")})
    assert "SearchedFace" in by_image and "UserMatches" in by_image
    biden_face = biden["FaceRecords"][0]["Face"]["FaceId"]
    assert biden_face not in [m["User"]["UserId"] for m in by_face["UserMatches"]]
    disassociated = rek.disassociate_faces(CollectionId=collection, UserId="obama", FaceIds=[obama_faces[1]])
    assert [face["FaceId"] for face in disassociated["DisassociatedFaces"]] == [obama_faces[1]]
    rek.delete_user(CollectionId=collection, UserId="obama")
    with pytest.raises(rek.exceptions.ResourceNotFoundException):
        rek.delete_user(CollectionId=collection, UserId="obama")


def test_paginators_walk_more_than_one_page(rek, collection):
    for name in ("group_4_faces.jpg", "person_a_1.jpg", "person_b_1.jpg"):
        rek.index_faces(CollectionId=collection, Image={"Bytes": photo(name)})
    total = rek.describe_collection(CollectionId=collection)["FaceCount"]
    assert total >= 5
    pages = list(rek.get_paginator("list_faces").paginate(CollectionId=collection, PaginationConfig={"PageSize": 2}))
    face_ids = [face["FaceId"] for page in pages for face in page["Faces"]]
    assert len(pages) == -(-total // 2)
    assert len(face_ids) == len(set(face_ids)) == total

    others = [f"rek-e2e-page-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for other in others:
        rek.create_collection(CollectionId=other)
    try:
        pages = list(rek.get_paginator("list_collections").paginate(PaginationConfig={"PageSize": 1}))
        listed = [cid for page in pages for cid in page["CollectionIds"]]
        assert len(pages) >= 3 and {collection, *others} <= set(listed)
    finally:
        for other in others:
            rek.delete_collection(CollectionId=other)


def test_each_error_is_caught_by_its_sdk_exception_class(rek, collection):
    with pytest.raises(rek.exceptions.InvalidImageFormatException):
        rek.detect_faces(Image={"Bytes": b"this is not an image" * 10})
    with pytest.raises(rek.exceptions.ImageTooLargeException):
        rek.detect_labels(Image={"Bytes": b"\xff\xd8\xff" + bytes(6 * 1024 * 1024)})
    with pytest.raises(rek.exceptions.ResourceNotFoundException):
        rek.describe_collection(CollectionId=f"missing-{uuid.uuid4().hex[:8]}")
    with pytest.raises(rek.exceptions.ResourceAlreadyExistsException):
        rek.create_collection(CollectionId=collection)
    with pytest.raises(rek.exceptions.InvalidPaginationTokenException):
        rek.list_faces(CollectionId=collection, NextToken="garbage")
    with pytest.raises(rek.exceptions.InvalidParameterException) as no_face:
        rek.compare_faces(SourceImage={"Bytes": photo("no_face.jpg")}, TargetImage={"Bytes": photo("person_a_1.jpg")})
    assert no_face.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert no_face.value.response["ResponseMetadata"]["RequestId"]
    with pytest.raises(rek.exceptions.InvalidS3ObjectException):
        rek.index_faces(CollectionId=collection, Image={"S3Object": {"Bucket": "photos", "Name": "a.jpg"}})


def test_one_environment_variable_switches_an_unchanged_client(endpoint, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_REKOGNITION", endpoint)
    client = boto3.client("rekognition", region_name="us-east-1", **CREDENTIALS)  # no endpoint_url
    assert "CollectionIds" in client.list_collections()


def aws_cli(endpoint: str, *args: str, tmp: Path) -> dict:
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL_REKOGNITION": endpoint,
        "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp / "none"),
    }
    aws = Path(sys.executable).parent / "aws"
    done = subprocess.run(
        [str(aws), "rekognition", *args, "--output", "json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_aws_cli_runs_every_operation(endpoint, tmp_path):
    for name, data in (("obama.jpg", photo("person_a_1.jpg")), ("obama2.jpg", photo("person_a_2.jpg"))):
        (tmp_path / name).write_bytes(data)
    (tmp_path / "sign.png").write_bytes(sign_image())
    (tmp_path / "group.jpg").write_bytes(photo("group_4_faces.jpg"))
    source, other, group = (f"fileb://{tmp_path / n}" for n in ("obama.jpg", "obama2.jpg", "group.jpg"))

    def cli(*args: str) -> dict:
        return aws_cli(endpoint, *args, tmp=tmp_path)

    labels = cli("detect-labels", "--endpoint-url", endpoint, "--image-bytes", group, "--max-labels", "5")
    assert 0 < len(labels["Labels"]) <= 5
    assert len(cli("detect-faces", "--image-bytes", group, "--attributes", "ALL")["FaceDetails"]) == 4
    compared = cli("compare-faces", "--source-image-bytes", source, "--target-image-bytes", group)
    assert len(compared["FaceMatches"]) == 1
    words = cli("detect-text", "--image-bytes", f"fileb://{tmp_path / 'sign.png'}")["TextDetections"]
    assert "HELLO" in [w["DetectedText"] for w in words]
    assert "ModerationLabels" in cli("detect-moderation-labels", "--image-bytes", source)

    name = f"rek-cli-{uuid.uuid4().hex[:10]}"
    assert cli("create-collection", "--collection-id", name)["StatusCode"] == 200
    try:
        assert name in cli("list-collections")["CollectionIds"]
        assert cli("describe-collection", "--collection-id", name)["FaceCount"] == 0
        indexed = cli("index-faces", "--collection-id", name, "--image-bytes", source)
        face_id = indexed["FaceRecords"][0]["Face"]["FaceId"]
        cli("index-faces", "--collection-id", name, "--image-bytes", group)
        listed = cli("list-faces", "--collection-id", name, "--page-size", "2")  # the CLI pages through all
        assert len(listed["Faces"]) >= 4
        matches = cli("search-faces-by-image", "--collection-id", name, "--image-bytes", other)["FaceMatches"]
        assert face_id in [m["Face"]["FaceId"] for m in matches]
        assert cli("search-faces", "--collection-id", name, "--face-id", face_id)["SearchedFaceId"] == face_id
        cli("create-user", "--collection-id", name, "--user-id", "obama")
        associated = cli("associate-faces", "--collection-id", name, "--user-id", "obama", "--face-ids", face_id)
        assert [f["FaceId"] for f in associated["AssociatedFaces"]] == [face_id]
        assert [u["UserId"] for u in cli("list-users", "--collection-id", name)["Users"]] == ["obama"]
        found = cli("search-users", "--collection-id", name, "--face-id", face_id)["UserMatches"]
        assert found[0]["User"]["UserId"] == "obama"
        assert "UserMatches" in cli("search-users-by-image", "--collection-id", name, "--image-bytes", other)
        cli("disassociate-faces", "--collection-id", name, "--user-id", "obama", "--face-ids", face_id)
        cli("delete-user", "--collection-id", name, "--user-id", "obama")
        assert cli("delete-faces", "--collection-id", name, "--face-ids", face_id)["DeletedFaces"] == [face_id]
    finally:
        assert cli("delete-collection", "--collection-id", name)["StatusCode"] == 200


def test_every_operation_was_checked_against_its_output_shape(checker):
    from gateway.rekognition.operations import OPERATIONS

    assert set(OPERATIONS) <= set(checker.checked)
