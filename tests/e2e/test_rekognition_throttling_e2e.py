"""ThrottlingException from the real stack: a faces service admitting one call and queueing one
(the replicas branch's admission control), behind its own gateway and Rekognition endpoint; of ten
concurrent boto3 calls the excess is refused OVERLOADED, which the SDK raises as
`rek.exceptions.ThrottlingException` (a class its retry logic backs off on)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from gateway.routes import DEFAULT_ROUTES
from scripts.stack import Stack, stack_specs

pytestmark = pytest.mark.e2e

ROUTE = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.FaceService")
IMAGE = {"Bytes": (Path(__file__).resolve().parents[1] / "data" / "group_4_faces.jpg").read_bytes()}
LIMITS = {"FACET_MAX_CONCURRENT_CALLS": "1", "FACET_MAX_QUEUED_CALLS": "1", "FACET_MAX_QUEUE_WAIT_S": "60"}


@pytest.fixture(scope="module")
def endpoint(running_stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_dir = tmp_path_factory.mktemp("rekognition-overload")
    specs, addresses = stack_specs(
        ephemeral=True,
        only=[ROUTE.name],
        triton_url=running_stack.triton_url,
        service_env={ROUTE.name: LIMITS},
        state_dir=log_dir / "state",
    )
    stack = Stack(log_dir=log_dir, echo=False)
    try:
        for spec in specs:
            stack.start(spec)
        yield f"http://{addresses.rekognition}"
    finally:
        stack.stop_all()


def test_overload_is_a_throttling_exception(endpoint):
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120, max_pool_connections=10)
    rek = boto3.client(
        "rekognition", endpoint_url=endpoint, region_name="us-east-1", config=config,
        aws_access_key_id="AKIDTHROTTLE", aws_secret_access_key="unused",
    )

    def call(_: int) -> str:
        try:
            assert len(rek.detect_faces(Image=IMAGE)["FaceDetails"]) == 4
            return "OK"
        except rek.exceptions.ThrottlingException as err:
            assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 500
            return "ThrottlingException"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = sorted(pool.map(call, range(10)))
    assert set(outcomes) == {"OK", "ThrottlingException"}, outcomes
