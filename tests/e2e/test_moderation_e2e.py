"""ModerationService end to end: client -> gateway -> moderation service -> real Triton.

Only benign photos are used (tests/data, plus a receipt drawn here); how detector outputs map to
labels is tested on synthetic outputs in tests/unit/moderation. These tests hold whether or not
NudeNet is enabled (FACET_MODERATION_NUDENET=1 make test also runs test_moderation_nudenet_e2e.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import grpc
import numpy as np
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc
from services.common.errors import error_info

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parent.parent / "data"
PHOTOS = ["person_a_1.jpg", "person_a_2.jpg", "person_b_1.jpg", "person_c_1.jpg", "group_4_faces.jpg",
          "no_face.jpg", "no_face_cat.png"]  # fmt: skip


@pytest.fixture(scope="module")
def moderation(running_stack) -> Iterator[moderation_pb2_grpc.ModerationServiceStub]:
    channel = grpc.insecure_channel(
        running_stack.gateway_address, options=[("grpc.max_send_message_length", 64 * 1024 * 1024)]
    )
    yield moderation_pb2_grpc.ModerationServiceStub(channel)
    channel.close()


def receipt_jpeg() -> bytes:
    """A till receipt drawn here: black text lines on white paper (a benign document image)."""
    page = np.full((900, 420, 3), 250, np.uint8)
    lines = ["CORNER GROCERY", "12 HIGH STREET", "DATE 2024-03-01 10:42", "", "MILK 1L        1.20",
             "BREAD          2.35", "APPLES 1KG     3.10", "COFFEE 250G    4.99", "", "TOTAL         11.64",
             "CASH          20.00", "CHANGE         8.36", "", "THANK YOU"]  # fmt: skip
    for i, line in enumerate(lines):
        cv2.putText(page, line, (30, 60 + 55 * i), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (20, 20, 20), 2, cv2.LINE_AA)
    return cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def pencil_drawing(name: str) -> bytes:
    """A pencil drawing rendered here from a test photo (OpenCV's non-photorealistic pencilSketch)."""
    bgr = cv2.imread(str(DATA / name), cv2.IMREAD_COLOR)
    grey, _ = cv2.pencilSketch(bgr, sigma_s=60, sigma_r=0.07, shade_factor=0.05)
    return cv2.imencode(".png", grey)[1].tobytes()


def photo(name: str) -> bytes:
    return receipt_jpeg() if name == "receipt" else (DATA / name).read_bytes()


def detect(stub, data: bytes, min_confidence: float | None = None) -> moderation_pb2.DetectModerationLabelsResponse:
    request = moderation_pb2.DetectModerationLabelsRequest(image=common_pb2.Image(bytes=data))
    if min_confidence is not None:
        request.min_confidence = min_confidence
    return stub.DetectModerationLabels(request, timeout=60)


def test_health_serving(running_stack) -> None:
    with grpc.insecure_channel(running_stack.gateway_address) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="facet.v1.ModerationService"), timeout=5
        )
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.parametrize("name", [*PHOTOS, "receipt"])
def test_benign_photos_get_no_label_at_the_default_threshold(moderation, name: str) -> None:
    reply = detect(moderation, photo(name))
    # With NudeNet enabled, a portrait may score on a Suggestive label (e.g. a covered chest); what
    # must never happen on these photos is anything in the Explicit branch.
    allowed = set() if not nudenet_enabled(moderation) else {"Suggestive", "Covered Intimate Parts", "Partial Nudity"}
    unexpected = [(x.name, round(x.confidence, 1)) for x in reply.moderation_labels if x.name not in allowed
                  and x.parent_name not in allowed]  # fmt: skip
    assert unexpected == []
    assert reply.moderation_model_version


def test_default_models_are_named_in_the_version(moderation) -> None:
    version = detect(moderation, photo("no_face.jpg")).moderation_model_version
    assert "open_nsfw" in version and "nsfwjs_mobilenet_v2_mid" in version


def test_a_rendered_drawing_is_illustrated_and_its_photo_is_not(moderation) -> None:
    drawn = detect(moderation, pencil_drawing("person_a_1.jpg"))
    assert [c.name for c in drawn.content_types] == ["Illustrated"]
    assert 50.0 <= drawn.content_types[0].confidence <= 100.0
    assert [x.name for x in drawn.moderation_labels] == []  # a drawing is not unsafe in itself
    assert "Illustrated" not in {c.name for c in detect(moderation, photo("person_a_1.jpg")).content_types}


def nudenet_enabled(stub) -> bool:
    taxonomy = stub.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest(), timeout=10)
    return "nudenet_320n" in taxonomy.moderation_model_version


def test_taxonomy_matches_what_detection_can_return(moderation) -> None:
    taxonomy = moderation.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest(), timeout=10)
    listed = {(x.name, x.parent_name, x.taxonomy_level) for x in taxonomy.labels}
    assert ("Explicit", "", 1) in listed
    assert all(x.description for x in taxonomy.labels)
    names = {x.name for x in taxonomy.labels}
    assert all(x.parent_name in names for x in taxonomy.labels if x.parent_name)
    levels = [x.taxonomy_level for x in taxonomy.labels]
    assert levels == sorted(levels)
    listed_types = {x.name for x in taxonomy.content_types}
    assert {"Explicit", "Suggestive"} <= {x.name for x in taxonomy.labels} and listed_types == {"Illustrated"}
    assert all(x.description for x in taxonomy.content_types)
    # min_confidence 0 returns every label and content type with its score: exactly the taxonomy.
    for name in ("person_a_1.jpg", "no_face.jpg", "receipt"):
        reply = detect(moderation, photo(name), min_confidence=0.0)
        returned = {(x.name, x.parent_name, x.taxonomy_level) for x in reply.moderation_labels}
        assert returned == listed
        assert {x.name for x in reply.content_types} == listed_types
        assert reply.moderation_model_version == taxonomy.moderation_model_version
        assert all(0.0 <= x.confidence <= 100.0 for x in reply.moderation_labels)


def test_min_confidence_changes_the_output(moderation) -> None:
    data = photo("person_a_1.jpg")
    everything = detect(moderation, data, min_confidence=0.0).moderation_labels
    explicit = next(x for x in everything if x.name == "Explicit")
    assert 0.0 < explicit.confidence < 50.0
    at = detect(moderation, data, min_confidence=explicit.confidence * 0.999)
    above = detect(moderation, data, min_confidence=min(100.0, explicit.confidence * 1.01 + 1e-3))
    assert "Explicit" in {x.name for x in at.moderation_labels}
    assert "Explicit" not in {x.name for x in above.moderation_labels}
    assert len(detect(moderation, data, min_confidence=100.0).moderation_labels) == 0


def test_scores_do_not_depend_on_the_threshold(moderation) -> None:
    data = photo("group_4_faces.jpg")
    low = {x.name: x.confidence for x in detect(moderation, data, min_confidence=0.0).moderation_labels}
    again = {x.name: x.confidence for x in detect(moderation, data, min_confidence=0.0).moderation_labels}
    assert low == again


@pytest.mark.parametrize("threshold", [0.0, 0.1, 1.0, 5.0, 20.0])
def test_every_returned_label_comes_with_its_parent(moderation, threshold: float) -> None:
    for name in ("person_c_1.jpg", "group_4_faces.jpg"):
        labels = detect(moderation, photo(name), min_confidence=threshold).moderation_labels
        names = {x.name for x in labels}
        for x in labels:
            assert (x.parent_name == "") == (x.taxonomy_level == 1)
            assert not x.parent_name or x.parent_name in names


# ----- bad input: INVALID_ARGUMENT with the documented reason -----


def _png(array: np.ndarray) -> bytes:
    return cv2.imencode(".png", array)[1].tobytes()


BAD_IMAGES = {
    "not_an_image": (lambda: b"%PDF-1.4 this is not an image", "INVALID_IMAGE_FORMAT"),
    "truncated_jpeg": (lambda: photo("person_a_1.jpg")[:5000], "INVALID_IMAGE_FORMAT"),
    "empty": (lambda: b"", "INVALID_IMAGE_FORMAT"),
    "fifty_px": (lambda: _png(np.full((50, 50, 3), 128, np.uint8)), "IMAGE_TOO_SMALL"),
    "six_mib": (lambda: b"\xff\xd8\xff" + b"\0" * (6 * 1024 * 1024), "IMAGE_TOO_LARGE"),
}


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_bad_images_are_invalid_argument_with_reason(moderation, case: str) -> None:
    make, reason = BAD_IMAGES[case]
    with pytest.raises(grpc.RpcError) as caught:
        detect(moderation, make())
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info is not None and info.reason == reason and info.domain == "facet.v1"


def test_missing_image_is_invalid_parameter(moderation) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        moderation.DetectModerationLabels(moderation_pb2.DetectModerationLabelsRequest(), timeout=30)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info.reason == "INVALID_PARAMETER" and info.metadata["field"] == "image"


@pytest.mark.parametrize("threshold", [-1.0, 100.5, float("nan")])
def test_min_confidence_out_of_range(moderation, threshold: float) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        detect(moderation, photo("person_a_1.jpg"), min_confidence=threshold)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info.reason == "INVALID_PARAMETER" and info.metadata["field"] == "min_confidence"
