"""The taxonomy data file and its rules: hierarchy, restriction to enabled models, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.moderation import nsfw, nsfwjs, nudenet
from services.moderation.taxonomy import (
    DEFAULT_PATH,
    ContentType,
    Source,
    Taxonomy,
    TaxonomyError,
    TaxonomyLabel,
    select,
)

SHIPPED = Taxonomy.load()
DEFAULT = {nsfw.TAXONOMY_MODEL, nsfwjs.TAXONOMY_MODEL}
ALL = DEFAULT | {nudenet.TAXONOMY_MODEL}


def label(name: str, parent: str, level: int, *sources: tuple[str, str]) -> TaxonomyLabel:
    return TaxonomyLabel(name, parent, level, "", tuple(Source(m, (o,)) for m, o in sources))


def test_shipped_file_names_only_real_model_outputs() -> None:
    known = {
        nsfw.TAXONOMY_MODEL: {"nsfw"},
        nsfwjs.TAXONOMY_MODEL: set(nsfwjs.CLASSES),
        nudenet.TAXONOMY_MODEL: set(nudenet.CLASSES),
    }
    for entry in [*SHIPPED.labels, *SHIPPED.content_types]:
        for source in entry.sources:
            assert set(source.outputs) <= known[source.model], f"{entry.name}: {source} is not an output of the model"
    assert SHIPPED.models == ALL


def test_shipped_file_maps_each_output_to_one_label() -> None:
    outputs = [(s.model, o) for entry in SHIPPED.labels for s in entry.sources for o in s.outputs]
    assert len(outputs) == len(set(outputs))


def test_default_deployment_offers_explicit_suggestive_and_illustrated() -> None:
    served = SHIPPED.restricted_to(DEFAULT)
    assert [(x.name, x.parent, x.level) for x in served.labels] == [("Explicit", "", 1), ("Suggestive", "", 1)]
    assert [x.name for x in served.content_types] == ["Illustrated"]
    assert served.model_version() == f"{SHIPPED.version}/nsfwjs_mobilenet_v2_mid+open_nsfw"


def test_nudenet_adds_the_finer_labels_under_the_same_tree() -> None:
    served = SHIPPED.restricted_to(ALL)
    names = {x.name for x in served.labels}
    assert {"Explicit Nudity", "Exposed Female Breast", "Suggestive", "Covered Female Breast"} <= names
    assert served.model_version() == f"{SHIPPED.version}/nsfwjs_mobilenet_v2_mid+nudenet_320n+open_nsfw"
    assert {x.level for x in served.labels} == {1, 2, 3}
    assert [x.name for x in served.content_types] == ["Illustrated"]


def test_without_nsfwjs_there_is_no_content_type_and_no_suggestive_label() -> None:
    served = SHIPPED.restricted_to({nsfw.TAXONOMY_MODEL})
    assert [x.name for x in served.labels] == ["Explicit"] and served.content_types == ()


def test_unmapped_detector_classes_are_not_labels() -> None:
    mapped = {o for entry in [*SHIPPED.labels, *SHIPPED.content_types] for s in entry.sources for o in s.outputs}
    for ignored in ("FACE_FEMALE", "FACE_MALE", "FEET_EXPOSED", "ARMPITS_EXPOSED", "BELLY_COVERED", "Neutral"):
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


def test_a_label_may_merge_its_sources_by_their_mean() -> None:
    mean = Taxonomy("t", [TaxonomyLabel("A", "", 1, "", (Source("m1", ("x",)), Source("m2", ("y",))), "mean")])
    assert mean.score({"m1": {"x": 0.9}, "m2": {"y": 0.3}})[0].confidence == pytest.approx(60.0)
    assert mean.restricted_to({"m1"}).score({"m1": {"x": 0.9}})[0].confidence == pytest.approx(90.0)
    with pytest.raises(TaxonomyError, match="combine"):
        Taxonomy("t", [TaxonomyLabel("A", "", 1, "", (), "median")])


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


@pytest.mark.parametrize(
    ("content_types", "message"),
    [
        ([ContentType("Illustrated", "", (Source("m", ("a",)),))] * 2, "twice"),
        ([ContentType("Illustrated", "", ())], "needs a source"),
    ],
)
def test_content_type_rules_are_enforced(content_types: list[ContentType], message: str) -> None:
    with pytest.raises(TaxonomyError, match=message):
        Taxonomy("t", [label("A", "", 1, ("m", "a"))], content_types)
