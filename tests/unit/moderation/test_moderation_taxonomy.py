"""The taxonomy data file and its rules: hierarchy, restriction to enabled models, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.moderation import nsfw, nudenet
from services.moderation.taxonomy import DEFAULT_PATH, Source, Taxonomy, TaxonomyError, TaxonomyLabel, select

SHIPPED = Taxonomy.load()
BOTH = {nsfw.TAXONOMY_MODEL, nudenet.TAXONOMY_MODEL}


def label(name: str, parent: str, level: int, *sources: tuple[str, str]) -> TaxonomyLabel:
    return TaxonomyLabel(name, parent, level, "", tuple(Source(m, o) for m, o in sources))


def test_shipped_file_names_only_real_model_outputs() -> None:
    known = {nsfw.TAXONOMY_MODEL: {"nsfw"}, nudenet.TAXONOMY_MODEL: set(nudenet.CLASSES)}
    for entry in SHIPPED.labels:
        for source in entry.sources:
            assert source.output in known[source.model], f"{entry.name}: {source} is not an output of the model"
    assert SHIPPED.models == BOTH


def test_shipped_file_maps_each_output_once() -> None:
    sources = [s for entry in SHIPPED.labels for s in entry.sources]
    assert len(sources) == len(set(sources))


def test_default_deployment_offers_only_what_open_nsfw_detects() -> None:
    served = SHIPPED.restricted_to({nsfw.TAXONOMY_MODEL})
    assert [(x.name, x.parent, x.level) for x in served.labels] == [("Explicit", "", 1)]
    assert served.model_version() == f"{SHIPPED.version}/open_nsfw"


def test_nudenet_adds_the_finer_labels_and_suggestive_branch() -> None:
    served = SHIPPED.restricted_to(BOTH)
    names = {x.name for x in served.labels}
    assert {"Explicit Nudity", "Exposed Female Breast", "Suggestive", "Covered Female Breast"} <= names
    assert served.model_version() == f"{SHIPPED.version}/nudenet_320n+open_nsfw"
    assert {x.level for x in served.labels} == {1, 2, 3}


def test_unmapped_detector_classes_are_not_labels() -> None:
    mapped = {s.output for entry in SHIPPED.labels for s in entry.sources}
    for ignored in ("FACE_FEMALE", "FACE_MALE", "FEET_EXPOSED", "ARMPITS_EXPOSED", "BELLY_COVERED"):
        assert ignored not in mapped


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([label("A", "", 1), label("A", "", 1)], "twice"),
        ([label("A", "", 1), label("B", "Z", 2)], "not defined before"),
        ([label("A", "", 1), label("B", "A", 3)], "under level 1"),
        ([label("A", "X", 1)], "no parent"),
        ([label("A", "", 4)], "level 4"),
    ],
)
def test_rules_are_enforced(labels: list[TaxonomyLabel], message: str) -> None:
    with pytest.raises(TaxonomyError, match=message):
        Taxonomy("t", labels)


def test_malformed_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps({"version": "1", "labels": [{"parent": ""}]}))
    with pytest.raises(TaxonomyError, match="malformed"):
        Taxonomy.load(path)


TOY = Taxonomy(
    "t",
    [
        label("Top", "", 1, ("m1", "top")),
        label("Mid", "Top", 2),
        label("Leaf A", "Mid", 3, ("m2", "a")),
        label("Leaf B", "Mid", 3, ("m2", "b")),
        label("Other", "", 1),
        label("Other Leaf", "Other", 2, ("m2", "c")),
    ],
)


def test_parent_confidence_is_the_highest_of_own_score_and_children() -> None:
    scored = {s.name: s.confidence for s in TOY.score({"m1": {"top": 0.2}, "m2": {"a": 0.7, "b": 0.4, "c": 0.1}})}
    assert scored == pytest.approx(
        {"Top": 70.0, "Mid": 70.0, "Leaf A": 70.0, "Leaf B": 40.0, "Other": 10.0, "Other Leaf": 10.0}
    )
    scored = {s.name: s.confidence for s in TOY.score({"m1": {"top": 0.9}, "m2": {"a": 0.0, "b": 0.0, "c": 0.0}})}
    assert scored["Top"] == pytest.approx(90.0) and scored["Mid"] == 0.0


@pytest.mark.parametrize("threshold", [0.0, 5.0, 15.0, 39.9, 40.0, 55.0, 70.0, 70.1, 100.0])
def test_every_selected_label_has_its_parent(threshold: float) -> None:
    scored = TOY.score({"m1": {"top": 0.2}, "m2": {"a": 0.7, "b": 0.4, "c": 0.1}})
    chosen = select(scored, threshold)
    names = {s.name for s in chosen}
    assert all(s.parent in names for s in chosen if s.parent)
    assert names == {s.name for s in scored if s.confidence >= threshold}


def test_results_list_parents_first() -> None:
    scored = TOY.score({"m1": {"top": 0.2}, "m2": {"a": 0.7, "b": 0.4, "c": 0.1}})
    assert [s.level for s in scored] == sorted(s.level for s in scored)
    assert [s.name for s in scored][:2] == ["Top", "Other"]


def test_restriction_drops_labels_without_enabled_sources() -> None:
    only_m1 = TOY.restricted_to({"m1"})
    assert [x.name for x in only_m1.labels] == ["Top"]
    assert only_m1.score({"m1": {"top": 0.3}})[0].confidence == pytest.approx(30.0)


def test_missing_model_output_is_an_error_not_a_zero() -> None:
    with pytest.raises(KeyError):
        TOY.score({"m1": {"top": 0.2}, "m2": {"a": 0.7}})


def test_shipped_file_is_valid_json_with_a_version() -> None:
    raw = json.loads(DEFAULT_PATH.read_text())
    assert raw["version"] == SHIPPED.version
