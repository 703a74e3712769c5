"""Merging rules (docs/labels.md) on a real hierarchy with hand-made network outputs."""

from __future__ import annotations

import pytest

from services.labels.detector import Detection
from services.labels.hierarchy import Hierarchy
from services.labels.merge import LabelFilters, merge, recheck, select


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy.load()


def cls(hierarchy: Hierarchy, name: str) -> int:
    return hierarchy.imagenet.index(name)


def det(hierarchy: Hierarchy, name: str, score: float, box=(0.1, 0.1, 0.5, 0.5)) -> Detection:
    return Detection(hierarchy.coco.index(name), score, box)


def by_name(labels):
    return {entry.name: entry for entry in labels}


def test_parent_confidence_is_the_sum_of_its_classes(hierarchy: Hierarchy) -> None:
    classes = [(cls(hierarchy, "Golden Retriever"), 0.5), (cls(hierarchy, "Labrador Retriever"), 0.3)]
    merged = by_name(merge(hierarchy, classes, []))
    assert merged["Golden Retriever"].confidence == pytest.approx(50.0)
    assert merged["Dog"].confidence == pytest.approx(80.0)
    assert merged["Animal"].confidence == pytest.approx(80.0)
    assert "Cat" not in merged


def test_detection_and_class_merge_into_one_label_with_instances(hierarchy: Hierarchy) -> None:
    classes = [(cls(hierarchy, "Golden Retriever"), 0.4)]
    merged = by_name(merge(hierarchy, classes, [det(hierarchy, "Dog", 0.81)]))
    dog = merged["Dog"]
    assert dog.confidence == pytest.approx(90.0)  # max(40, 100 * sqrt(0.81))
    assert len(dog.instances) == 1
    assert merged["Golden Retriever"].instances == []  # instances stay on the detector's own label
    assert merged["Animal"].instances == []
    assert "Dog" in hierarchy.labels["Golden Retriever"].parents


def test_parents_are_never_less_confident_than_children(hierarchy: Hierarchy) -> None:
    classes = [(cls(hierarchy, "Tabby"), 0.3), (cls(hierarchy, "Egyptian Cat"), 0.2), (cls(hierarchy, "Espresso"), 0.1)]
    detections = [det(hierarchy, "Cat", 0.7), det(hierarchy, "Cup", 0.3), det(hierarchy, "Person", 0.5)]
    merged = by_name(merge(hierarchy, classes, detections))
    for name, entry in merged.items():
        for parent in hierarchy.labels[name].parents:
            assert merged[parent].confidence >= entry.confidence - 1e-6, (name, parent)


def test_sorted_by_confidence_then_name(hierarchy: Hierarchy) -> None:
    merged = merge(hierarchy, [(cls(hierarchy, "Tabby"), 0.6)], [det(hierarchy, "Cup", 0.25)])
    keys = [(-m.confidence, m.name) for m in merged]
    assert keys == sorted(keys)


def test_select_applies_min_confidence_to_labels_and_instances(hierarchy: Hierarchy) -> None:
    detections = [det(hierarchy, "Dog", 0.81), det(hierarchy, "Dog", 0.16, box=(0.6, 0.6, 0.2, 0.2))]
    merged = merge(hierarchy, [], detections)
    chosen = by_name(select(hierarchy, merged, min_confidence=50, max_labels=1000, filters=LabelFilters()))
    assert len(chosen["Dog"].instances) == 1  # the 40-confidence box is dropped
    low = by_name(select(hierarchy, merged, min_confidence=30, max_labels=1000, filters=LabelFilters()))
    assert len(low["Dog"].instances) == 2
    none = select(hierarchy, merged, min_confidence=95, max_labels=1000, filters=LabelFilters())
    assert none == []


def test_select_filters_by_lineage_and_category(hierarchy: Hierarchy) -> None:
    classes = [(cls(hierarchy, "Golden Retriever"), 0.9), (cls(hierarchy, "Pizza"), 0.9)]
    merged = merge(hierarchy, classes, [])

    def names(filters: LabelFilters) -> set[str]:
        return {m.name for m in select(hierarchy, merged, min_confidence=0, max_labels=1000, filters=filters)}

    assert names(LabelFilters(include=frozenset({"dog"}))) == {"Dog", "Golden Retriever"}
    assert not names(LabelFilters(exclude=frozenset({"animal"}))) & {"Dog", "Golden Retriever", "Animal"}
    assert names(LabelFilters(include_categories=frozenset({"food and beverage"}))) == {"Pizza", "Food"}
    assert "Pizza" not in names(LabelFilters(exclude_categories=frozenset({"food and beverage"})))
    assert len(select(hierarchy, merged, min_confidence=0, max_labels=2, filters=LabelFilters())) == 2


def test_second_look_relabels_a_contradicted_detection_within_its_category(hierarchy: Hierarchy) -> None:
    dog_box = det(hierarchy, "Dog", 0.47)
    crop = [(cls(hierarchy, "Egyptian Cat"), 0.7), (cls(hierarchy, "Tabby"), 0.25)]
    checked = recheck(hierarchy, dog_box, crop)
    assert hierarchy.coco[checked.class_index] == "Cat"
    assert checked.support == pytest.approx(0.95)
    assert dog_box.confidence < checked.confidence < 100


def test_second_look_keeps_detections_it_cannot_judge_or_that_change_category(hierarchy: Hierarchy) -> None:
    pizza_crop = [(cls(hierarchy, "Pizza"), 0.9)]
    table = recheck(hierarchy, det(hierarchy, "Dining Table", 0.5), pizza_crop)
    assert hierarchy.coco[table.class_index] == "Dining Table"  # food is not furniture
    person = det(hierarchy, "Person", 0.5)
    assert recheck(hierarchy, person, [(cls(hierarchy, "Golden Retriever"), 0.9)]) == person


def test_support_raises_confidence_in_proportion_to_the_detector(hierarchy: Hierarchy) -> None:
    weak = recheck(hierarchy, det(hierarchy, "Dog", 0.1), [(cls(hierarchy, "Golden Retriever"), 1.0)])
    strong = recheck(hierarchy, det(hierarchy, "Dog", 0.49), [(cls(hierarchy, "Golden Retriever"), 1.0)])
    assert weak.confidence == pytest.approx(100 * (0.316 + 0.684 * 0.316), abs=0.1)
    assert strong.confidence == pytest.approx(100 * (0.7 + 0.3 * 0.7), abs=0.1)


def test_crop_evidence_reaches_fine_grained_labels(hierarchy: Hierarchy) -> None:
    dog = recheck(hierarchy, det(hierarchy, "Dog", 0.81), [(cls(hierarchy, "Golden Retriever"), 0.8)])
    merged = by_name(merge(hierarchy, [], [dog], [(dog, [(cls(hierarchy, "Golden Retriever"), 0.8)])]))
    assert merged["Golden Retriever"].confidence == pytest.approx(0.8 * dog.confidence)
    assert merged["Dog"].confidence == pytest.approx(dog.confidence)
