"""The committed WordNet-derived hierarchy: complete, consistent, and merging COCO with ImageNet."""

from __future__ import annotations

import pytest

from services.labels.hierarchy import Hierarchy


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy.load()


def test_class_lists_have_the_networks_sizes_and_unique_names(hierarchy: Hierarchy) -> None:
    assert len(hierarchy.imagenet) == 1000
    assert len(set(hierarchy.imagenet)) == 1000
    assert len(hierarchy.coco) == 80
    assert len(set(hierarchy.coco)) == 80


def test_every_parent_is_a_label_and_parents_are_transitively_closed(hierarchy: Hierarchy) -> None:
    for name, info in hierarchy.labels.items():
        assert name not in info.parents, name
        for parent in info.parents:
            assert parent in hierarchy.labels, (name, parent)
            assert set(hierarchy.labels[parent].parents) <= set(info.parents), (name, parent)


def test_dog_breeds_collapse_into_dog_pet_mammal_animal(hierarchy: Hierarchy) -> None:
    parents = set(hierarchy.labels["Golden Retriever"].parents)
    assert {"Dog", "Pet", "Mammal", "Animal"} <= parents
    breeds = [n for n in hierarchy.imagenet if "Dog" in hierarchy.labels[n].parents]
    assert len(breeds) >= 118  # ImageNet-1k's dog breeds (wolves and foxes are not dogs)
    assert "Dog" in hierarchy.coco  # the detector's "dog" is the same label


def test_coco_and_imagenet_share_labels_where_they_share_synsets(hierarchy: Hierarchy) -> None:
    shared = set(hierarchy.coco) & set(hierarchy.imagenet)
    assert {"Laptop", "Pizza", "Broccoli", "Banana", "Toaster"} <= shared


def test_names_are_human_friendly(hierarchy: Hierarchy) -> None:
    for name in hierarchy.labels:
        assert not name.startswith("n0"), name
        assert "_" not in name, name
        assert name[0].isupper() or name[0].isdigit(), name


def test_categories_come_from_ancestors(hierarchy: Hierarchy) -> None:
    assert hierarchy.labels["Tabby"].categories == ("Animals and Pets",)
    assert "Vehicles and Automotive" in hierarchy.labels["School Bus"].categories
    assert "Food and Beverage" in hierarchy.labels["Pizza"].categories
