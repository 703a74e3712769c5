"""Merge the classifier's and the detector's evidence into one list of labels (docs/labels.md).

Rules, in order:

1. Classifier: the softmax gives a probability p_i to each ImageNet class. A label's
   classifier evidence is the summed probability of every class that is the label itself
   or one of its descendants (a parent is as likely as the union of its children, and the
   classes are mutually exclusive, so the sum is that union's probability). "Dog" gets the
   sum over the 118 breeds; "Animal" over all 398 animal classes.
2. Detector: a detection of COCO class c gives evidence confidence(score) to c's label and to
   every parent of it; a label's detector evidence is the largest over its detections and
   those of its descendants.
3. Second look: the classifier also classifies the crop of each detection whose COCO label
   it can judge (one with ImageNet classes under it: Dog, Cat, Bird, Laptop, Pizza, ...).
   If the crop gives the detected class under RELABEL_MAX_OWN of its mass and another such
   COCO label of the same category at least RELABEL_MIN_OTHER, the detection takes that label (CenterNet calls
   Chelsea the cat a dog; the crop says 99 % cat). The crop's mass for the (final) label is
   the detection's `support`, which raises its confidence (detector.Detection.confidence).
4. Crop evidence: a crop's classes also count for their labels, weighted by the detection's
   confidence (a small dog box with a 0.8 "Golden Retriever" crop gives that breed evidence
   the whole-image classifier may not have seen).
5. Confidence = the largest of the three, times 100 (max, not a sum: the networks see the
   same pixels and are not independent witnesses).
6. Instances: each detection becomes an instance of its own COCO label only (not of its
   parents), with the detection's confidence.
Every evidence function is monotone up the hierarchy, so a parent's confidence is never
below its child's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from services.labels.detector import Detection
from services.labels.hierarchy import Hierarchy

RELABEL_MAX_OWN = 0.1
RELABEL_MIN_OTHER = 0.5


def coco_masses(hierarchy: Hierarchy, classes: Iterable[tuple[int, float]]) -> dict[str, float]:
    """Summed classifier probability under each COCO label the classifier can judge."""
    masses: dict[str, float] = defaultdict(float)
    for index, probability in classes:
        for name in hierarchy.lineage(hierarchy.imagenet[index]):
            if name in hierarchy.covered_coco:
                masses[name] += probability
    return masses


def recheck(hierarchy: Hierarchy, detection: Detection, crop_classes: Sequence[tuple[int, float]]) -> Detection:
    """Rule 3: relabel a detection the crop classifier contradicts; record its support."""
    own = hierarchy.coco[detection.class_index]
    if own not in hierarchy.covered_coco:
        return detection
    masses = coco_masses(hierarchy, crop_classes)
    own_mass = min(1.0, masses.get(own, 0.0))
    # Only into a label of the same category (Cat ↔ Dog, Oven ↔ Microwave): a dining-table box
    # whose crop shows pizza is still a table.
    same_kind = set(hierarchy.labels[own].categories)
    others = {
        name: mass
        for name, mass in masses.items()
        if name != own and same_kind & set(hierarchy.labels[name].categories)
    }
    if own_mass < RELABEL_MAX_OWN and others:
        best = max(others, key=lambda name: (others[name], name))
        if others[best] >= RELABEL_MIN_OTHER:
            return replace(detection, class_index=hierarchy.coco.index(best), support=min(1.0, others[best]))
    return replace(detection, support=own_mass)


@dataclass
class MergedLabel:
    name: str
    confidence: float  # 0–100
    instances: list[Detection] = field(default_factory=list)
    from_classifier: float = 0.0  # 0–1, summed class probability
    from_detector: float = 0.0  # 0–100, best detection confidence
    from_crops: float = 0.0  # 0–100, best crop evidence


def merge(
    hierarchy: Hierarchy,
    classes: Iterable[tuple[int, float]],
    detections: Sequence[Detection],
    crops: Sequence[tuple[Detection, Sequence[tuple[int, float]]]] = (),
) -> list[MergedLabel]:
    """Every label with any evidence, unfiltered, highest confidence first (ties by name).

    ``detections`` are final (already rechecked); ``crops`` pairs each rechecked detection with
    its crop's classes (rule 4)."""
    labels: dict[str, MergedLabel] = {}

    def get(name: str) -> MergedLabel:
        if name not in labels:
            labels[name] = MergedLabel(name, 0.0)
        return labels[name]

    for index, probability in classes:
        for name in hierarchy.lineage(hierarchy.imagenet[index]):
            get(name).from_classifier += probability
    for detection in detections:
        own = hierarchy.coco[detection.class_index]
        get(own).instances.append(detection)
        for name in hierarchy.lineage(own):
            entry = get(name)
            entry.from_detector = max(entry.from_detector, detection.confidence)
    for detection, crop_classes in crops:
        weight = detection.confidence / 100.0
        crop_mass: dict[str, float] = defaultdict(float)
        for index, probability in crop_classes:
            for name in hierarchy.lineage(hierarchy.imagenet[index]):
                crop_mass[name] += probability
        for name, mass in crop_mass.items():
            entry = get(name)
            entry.from_crops = max(entry.from_crops, 100.0 * min(1.0, mass) * weight)
    for entry in labels.values():
        entry.confidence = min(100.0, max(100.0 * entry.from_classifier, entry.from_detector, entry.from_crops))
        entry.instances.sort(key=lambda d: -d.score)
    return sorted(labels.values(), key=lambda e: (-e.confidence, e.name))


@dataclass(frozen=True)
class LabelFilters:
    include: frozenset[str] = frozenset()  # lower-case label names
    exclude: frozenset[str] = frozenset()
    include_categories: frozenset[str] = frozenset()  # lower-case category names
    exclude_categories: frozenset[str] = frozenset()

    def keeps(self, hierarchy: Hierarchy, name: str) -> bool:
        lineage = {n.lower() for n in hierarchy.lineage(name)}
        categories = {c.lower() for c in hierarchy.labels[name].categories}
        if self.include and not lineage & self.include:
            return False
        if lineage & self.exclude:
            return False
        if self.include_categories and not categories & self.include_categories:
            return False
        return not categories & self.exclude_categories


def select(
    hierarchy: Hierarchy,
    merged: Sequence[MergedLabel],
    *,
    min_confidence: float,
    max_labels: int,
    filters: LabelFilters,
) -> list[MergedLabel]:
    """Apply min_confidence (to labels and their instances), the filters, then max_labels."""
    out = []
    for entry in merged:
        if entry.confidence < min_confidence or not filters.keeps(hierarchy, entry.name):
            continue
        instances = [d for d in entry.instances if d.confidence >= min_confidence]
        out.append(replace(entry, instances=instances))
    return out[:max_labels]
