"""ModerationService with NudeNet enabled (FACET_MODERATION_NUDENET=1), end to end.

NudeNet is AGPL-3.0 and off by default, so these tests run only when the suite runs with it on:
`FACET_MODERATION_NUDENET=1 make test` builds the model into the repository and the stack's
moderation service inherits the setting. Without it they are skipped, saying so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from facet.v1 import common_pb2, moderation_pb2, moderation_pb2_grpc

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        os.environ.get("FACET_MODERATION_NUDENET", "").lower() not in {"1", "true", "yes"},
        reason="NudeNet (AGPL-3.0) is off by default; `make test-nudenet` (in .ci/run) tests it",
    ),
]

DATA = Path(__file__).parent.parent / "data"
FINER = {"Explicit Nudity", "Exposed Female Genitalia", "Exposed Male Genitalia", "Exposed Anus",
         "Exposed Female Breast", "Exposed Buttocks", "Suggestive", "Covered Intimate Parts",
         "Covered Female Breast", "Covered Female Genitalia", "Covered Buttocks", "Covered Anus",
         "Partial Nudity", "Exposed Male Chest", "Exposed Belly"}  # fmt: skip


@pytest.fixture(scope="module")
def moderation(running_stack) -> Iterator[moderation_pb2_grpc.ModerationServiceStub]:
    channel = grpc.insecure_channel(running_stack.gateway_address)
    yield moderation_pb2_grpc.ModerationServiceStub(channel)
    channel.close()


def test_taxonomy_has_the_nudenet_labels(moderation) -> None:
    taxonomy = moderation.DescribeModerationTaxonomy(moderation_pb2.DescribeModerationTaxonomyRequest(), timeout=10)
    assert "nudenet_320n" in taxonomy.moderation_model_version
    assert "nsfwjs_mobilenet_v2_mid" in taxonomy.moderation_model_version  # the default models still run
    names = {x.name for x in taxonomy.labels}
    assert FINER | {"Explicit"} == names
    assert [x.name for x in taxonomy.content_types] == ["Illustrated"]
    assert {x.taxonomy_level for x in taxonomy.labels} == {1, 2, 3}


@pytest.mark.parametrize("threshold", [0.0, 0.5, 2.0, 10.0, 30.0, 50.0])
@pytest.mark.parametrize("name", ["person_a_1.jpg", "group_4_faces.jpg", "person_c_1.jpg", "no_face.jpg"])
def test_hierarchy_is_consistent(moderation, name: str, threshold: float) -> None:
    request = moderation_pb2.DetectModerationLabelsRequest(
        image=common_pb2.Image(bytes=(DATA / name).read_bytes()), min_confidence=threshold
    )
    labels = moderation.DetectModerationLabels(request, timeout=60).moderation_labels
    by_name = {x.name: x for x in labels}
    for x in labels:
        assert x.confidence >= threshold
        if x.parent_name:
            parent = by_name[x.parent_name]  # every label's parent is returned too
            assert parent.taxonomy_level == x.taxonomy_level - 1
            assert parent.confidence >= x.confidence


def test_benign_photos_have_no_explicit_label(moderation) -> None:
    for name in ("person_a_1.jpg", "person_a_2.jpg", "person_b_1.jpg", "person_c_1.jpg", "group_4_faces.jpg"):
        request = moderation_pb2.DetectModerationLabelsRequest(image=common_pb2.Image(bytes=(DATA / name).read_bytes()))
        labels = moderation.DetectModerationLabels(request, timeout=60).moderation_labels
        assert not {x.name for x in labels} & {"Explicit", "Explicit Nudity"}, name
