"""The moderation taxonomy: labels, their hierarchy, and which model outputs feed them.

The data lives in taxonomy.json beside this file, so a new model adds rows, not code. Rules
(checked when the file is loaded, so a bad edit fails the service at start):

- names are unique; a level-1 label has no parent; every other label's parent is defined
  earlier in the file and sits exactly one level above it; levels are 1-3;
- a label's confidence is the highest of its own sources' scores (x100) and its children's
  confidences, so whenever a label passes a threshold its parent does too;
- only labels with an enabled source, on themselves or a descendant, are offered: the service
  never lists or returns a label no running model can detect.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("taxonomy.json")
MAX_LEVEL = 3


class TaxonomyError(ValueError):
    """taxonomy.json breaks one of the rules above."""


@dataclass(frozen=True)
class Source:
    model: str  # taxonomy model name, e.g. "open_nsfw"
    output: str  # that model's output (class) name, e.g. "nsfw"


@dataclass(frozen=True)
class TaxonomyLabel:
    name: str
    parent: str  # "" for level 1
    level: int
    description: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ScoredLabel:
    name: str
    parent: str
    level: int
    confidence: float  # 0-100


# Model outputs: {taxonomy model name: {output name: score in [0, 1]}}.
Scores = Mapping[str, Mapping[str, float]]


class Taxonomy:
    def __init__(self, version: str, labels: list[TaxonomyLabel]):
        self.version = version
        self.labels = tuple(labels)
        seen: dict[str, TaxonomyLabel] = {}
        for label in labels:
            if label.name in seen:
                raise TaxonomyError(f"label {label.name!r} is defined twice")
            if not 1 <= label.level <= MAX_LEVEL:
                raise TaxonomyError(f"label {label.name!r}: level {label.level} is not 1-{MAX_LEVEL}")
            if label.level == 1 and label.parent:
                raise TaxonomyError(f"label {label.name!r}: a level-1 label has no parent")
            if label.level > 1:
                parent = seen.get(label.parent)
                if parent is None:
                    raise TaxonomyError(f"label {label.name!r}: parent {label.parent!r} is not defined before it")
                if parent.level != label.level - 1:
                    raise TaxonomyError(f"label {label.name!r} (level {label.level}) under level {parent.level}")
            seen[label.name] = label
        self._children: dict[str, list[str]] = {label.name: [] for label in labels}
        for label in labels:
            if label.parent:
                self._children[label.parent].append(label.name)

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Taxonomy:
        raw = json.loads(path.read_text(encoding="utf-8"))
        try:
            labels = [
                TaxonomyLabel(
                    name=str(item["name"]),
                    parent=str(item.get("parent", "")),
                    level=int(item["level"]),
                    description=str(item.get("description", "")),
                    sources=tuple(Source(str(s["model"]), str(s["output"])) for s in item.get("sources", [])),
                )
                for item in raw["labels"]
            ]
            version = str(raw["version"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TaxonomyError(f"{path.name}: malformed ({exc!r})") from exc
        return cls(version, labels)

    @property
    def models(self) -> frozenset[str]:
        """Every model name the taxonomy's sources mention."""
        return frozenset(s.model for label in self.labels for s in label.sources)

    def restricted_to(self, models: Collection[str]) -> Taxonomy:
        """The taxonomy as served when only ``models`` run: sources of other models dropped, and
        labels with no source left on themselves or below them removed."""
        kept_sources = {label.name: tuple(s for s in label.sources if s.model in models) for label in self.labels}
        alive: set[str] = set()
        for label in reversed(self.labels):  # children come after parents in the file
            if kept_sources[label.name] or any(c in alive for c in self._children[label.name]):
                alive.add(label.name)
        labels = [
            TaxonomyLabel(label.name, label.parent, label.level, label.description, kept_sources[label.name])
            for label in self.labels
            if label.name in alive
        ]
        return Taxonomy(self.version, labels)

    def model_version(self) -> str:
        """E.g. "1.0/open_nsfw" or "1.0/nudenet_320n+open_nsfw"."""
        return f"{self.version}/{'+'.join(sorted(self.models))}"

    def score(self, scores: Scores) -> list[ScoredLabel]:
        """Confidence of every label, parents before children (level, then confidence descending).

        ``scores`` must hold every output the taxonomy's sources name: a missing one is a bug in
        the pipeline (KeyError), not a zero."""
        confidence: dict[str, float] = {}
        for label in reversed(self.labels):
            own = [float(scores[s.model][s.output]) * 100.0 for s in label.sources]
            below = [confidence[c] for c in self._children[label.name]]
            confidence[label.name] = min(100.0, max([0.0, *own, *below]))
        scored = [ScoredLabel(label.name, label.parent, label.level, confidence[label.name]) for label in self.labels]
        return sorted(scored, key=lambda s: (s.level, -s.confidence, s.name))


def select(scored: list[ScoredLabel], min_confidence: float) -> list[ScoredLabel]:
    """Labels at or above ``min_confidence`` (0-100). Parents pass whenever a child passes."""
    return [label for label in scored if label.confidence >= min_confidence]
