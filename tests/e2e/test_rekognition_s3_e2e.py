"""Image.S3Object end to end: a Rekognition endpoint configured with an S3-compatible store
(moto's standalone server, `moto_server`, a real HTTP server speaking the S3 protocol) and a bucket
allow-list, in front of the session stack's gateway, services and Triton."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from scripts.stack import ProcessSpec, Stack, free_port, http_ok, rekognition_spec

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"
KEYS = {"aws_access_key_id": "store-reader", "aws_secret_access_key": "store-secret"}


@pytest.fixture(scope="module")
def s3_front(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = f"http://127.0.0.1:{free_port()}"
    port = store.rsplit(":", 1)[1]
    moto = ProcessSpec(
        "s3-store",
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", port],
        ready=lambda: http_ok(f"{store}/moto-api/"),
    )
    stack = Stack(log_dir=tmp_path_factory.mktemp("s3-front"), echo=False)
    stack.start(moto)
    s3 = boto3.client("s3", endpoint_url=store, region_name="us-east-1", **KEYS)
    for bucket in ("photos", "private"):
        s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket="photos", Key="obama.jpg", Body=(DATA / "person_a_1.jpg").read_bytes())
    s3.put_object(Bucket="photos", Key="group.jpg", Body=(DATA / "group_4_faces.jpg").read_bytes())
    s3.put_object(Bucket="photos", Key="huge.jpg", Body=b"\xff\xd8\xff" + bytes(6 << 20))
    s3.put_object(Bucket="private", Key="obama.jpg", Body=(DATA / "person_a_1.jpg").read_bytes())
    address = f"127.0.0.1:{free_port()}"
    env = {
        "FACET_AWS_S3_ENDPOINT_URL": store,
        "FACET_AWS_S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "FACET_AWS_S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "FACET_AWS_S3_ALLOWED_BUCKETS": '["photos"]',
    }
    stack.start(rekognition_spec(address, running_stack.gateway_address, env))
    yield f"http://{address}"
    stack.stop_all()


@pytest.fixture(scope="module")
def rek(s3_front: str):
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120)
    return boto3.client("rekognition", endpoint_url=s3_front, region_name="us-east-1", config=config, **KEYS)


def test_images_are_read_from_an_allowed_bucket(rek):
    faces = rek.detect_faces(Image={"S3Object": {"Bucket": "photos", "Name": "group.jpg"}})["FaceDetails"]
    assert len(faces) == 4
    compared = rek.compare_faces(
        SourceImage={"S3Object": {"Bucket": "photos", "Name": "obama.jpg"}},
        TargetImage={"Bytes": (DATA / "group_4_faces.jpg").read_bytes()},
    )
    assert len(compared["FaceMatches"]) == 1


def test_other_buckets_missing_and_oversized_objects_are_refused(rek):
    with pytest.raises(rek.exceptions.InvalidS3ObjectException, match="not one this endpoint may read"):
        rek.detect_faces(Image={"S3Object": {"Bucket": "private", "Name": "obama.jpg"}})
    with pytest.raises(rek.exceptions.InvalidS3ObjectException):
        rek.detect_labels(Image={"S3Object": {"Bucket": "photos", "Name": "no-such-key.jpg"}})
    with pytest.raises(rek.exceptions.ImageTooLargeException):
        rek.detect_labels(Image={"S3Object": {"Bucket": "photos", "Name": "huge.jpg"}})
