"""The moderation taxonomy: labels, their hierarchy, and which model outputs feed them.

The data lives in taxonomy.json beside this file, so a new model adds rows, not code. Rules
(checked when the file is loaded, so a bad edit fails the service at start):

- names are unique; a level-1 label has no parent; every other label's parent is defined
  earlier in the file and sits exactly one level above it; levels are 1-3;
- a label's own score merges its sources' scores (x100): the highest of them, or with
  `"combine": "mean"` their mean; its confidence is the higher of that and its children's
  confidences, so whenever a label passes a threshold its parent does too;
- a source names one model output, or several (`outputs`) that are then added: the classes of
  one softmax are mutually exclusive, so P(Porn or Hentai) = P(Porn) + P(Hentai);
- only labels with an enabled source, on themselves or a descendant, are offered: the service
  never lists or returns a label no running model can detect;
- content types (what kind of image it is, e.g. "Illustrated") are flat rows of their own, with
  sources like labels', offered under the same rule.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

DEFAULT_PATH = Path(__file__).with_name("taxonomy.json")
MAX_LEVEL = 3
# How a label's own sources' scores (never empty here) merge into its score.
COMBINE: dict[str, Callable[[list[float]], float]] = {"max": max, "mean": lambda scores: sum(scores) / len(scores)}


# Model outputs: {taxonomy model name: {output name: score in [0, 1]}}.
Scores = Mapping[str, Mapping[str, float]]


class TaxonomyError(ValueError):
    """taxonomy.json breaks one of the rules above."""


@dataclass(frozen=True)
class Source:
    model: str  # taxonomy model name, e.g. "open_nsfw"
    outputs: tuple[str, ...]  # that model's output (class) names, e.g. ("nsfw",); scores are added

    def score(self, scores: Scores) -> float:
        """0-100. A missing output is a bug in the pipeline (KeyError), not a zero."""
        return sum(float(scores[self.model][output]) for output in self.outputs) * 100.0


@dataclass(frozen=True)
class TaxonomyLabel:
    name: str
    parent: str  # "" for level 1
    level: int
    description: str
    sources: tuple[Source, ...]
    combine: str = "max"  # how the sources' scores merge: a key of COMBINE


@dataclass(frozen=True)
class ContentType:
    name: str
    description: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ScoredContentType:
    name: str
    confidence: float  # 0-100


@dataclass(frozen=True)
class ScoredLabel:
    name: str
    parent: str
    level: int
    confidence: float  # 0-100


class Taxonomy:
    def __init__(self, version: str, labels: list[TaxonomyLabel], content_types: list[ContentType] | None = None):
        self.version = version
        self.labels = tuple(labels)
        self.content_types = tuple(content_types or ())
        names = [c.name for c in self.content_types]
        if len(names) != len(set(names)):
            raise TaxonomyError(f"a content type is defined twice: {names}")
        if any(not c.sources for c in self.content_types):
            raise TaxonomyError("every content type needs a source")
        seen: dict[str, TaxonomyLabel] = {}
        for label in labels:
            if label.name in seen:
                raise TaxonomyError(f"label {label.name!r} is defined twice")
            if label.combine not in COMBINE:
                raise TaxonomyError(f"label {label.name!r}: combine {label.combine!r} is not one of {sorted(COMBINE)}")
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
                    sources=_sources(item),
                    combine=str(item.get("combine", "max")),
                )
                for item in raw["labels"]
            ]
            content_types = [
                ContentType(str(item["name"]), str(item.get("description", "")), _sources(item))
                for item in raw.get("content_types", [])
            ]
            version = str(raw["version"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TaxonomyError(f"{path.name}: malformed ({exc!r})") from exc
        return cls(version, labels, content_types)

    @property
    def models(self) -> frozenset[str]:
        """Every model name the taxonomy's sources mention."""
        sources = [s for label in self.labels for s in label.sources]
        sources += [s for content in self.content_types for s in content.sources]
        return frozenset(s.model for s in sources)

    def restricted_to(self, models: Collection[str]) -> Taxonomy:
        """The taxonomy as served when only ``models`` run: sources of other models dropped, and
        labels with no source left on themselves or below them removed."""
        kept_sources = {label.name: tuple(s for s in label.sources if s.model in models) for label in self.labels}
        alive: set[str] = set()
        for label in reversed(self.labels):  # children come after parents in the file
            if kept_sources[label.name] or any(c in alive for c in self._children[label.name]):
                alive.add(label.name)
        labels = [
            TaxonomyLabel(
                label.name, label.parent, label.level, label.description, kept_sources[label.name], label.combine
            )
            for label in self.labels
            if label.name in alive
        ]
        content_types = [
            ContentType(c.name, c.description, kept)
            for c in self.content_types
            if (kept := tuple(s for s in c.sources if s.model in models))
        ]
        return Taxonomy(self.version, labels, content_types)

    def model_version(self) -> str:
        """E.g. "2.0/nsfwjs_mobilenet_v2_mid+open_nsfw"."""
        return f"{self.version}/{'+'.join(sorted(self.models))}"

    def score(self, scores: Scores) -> list[ScoredLabel]:
        """Confidence of every label, parents before children (level, then confidence descending).

        ``scores`` must hold every output the taxonomy's sources name: a missing one is a bug in
        the pipeline (KeyError), not a zero."""
        confidence: dict[str, float] = {}
        for label in reversed(self.labels):
            own = [COMBINE[label.combine]([s.score(scores) for s in label.sources])] if label.sources else []
            below = [confidence[c] for c in self._children[label.name]]
            confidence[label.name] = min(100.0, max([0.0, *own, *below]))
        scored = [ScoredLabel(label.name, label.parent, label.level, confidence[label.name]) for label in self.labels]
        return sorted(scored, key=lambda s: (s.level, -s.confidence, s.name))

    def score_content_types(self, scores: Scores) -> list[ScoredContentType]:
        """Confidence of every content type (the highest of its sources), highest first."""
        scored = [
            ScoredContentType(c.name, min(100.0, max(s.score(scores) for s in c.sources))) for c in self.content_types
        ]
        return sorted(scored, key=lambda c: (-c.confidence, c.name))


def _sources(item: Mapping[str, object]) -> tuple[Source, ...]:
    """A row's sources; each has `output` (one name) or `outputs` (names whose scores are added)."""
    found = []
    for raw in item.get("sources", []):  # type: ignore[attr-defined]
        outputs = raw["outputs"] if "outputs" in raw else [raw["output"]]
        if isinstance(outputs, str) or not outputs:
            raise TaxonomyError(f"{item.get('name')!r}: `outputs` must be a non-empty list of names")
        found.append(Source(str(raw["model"]), tuple(str(o) for o in outputs)))
    return tuple(found)


Scored = TypeVar("Scored", ScoredLabel, ScoredContentType)


def select(scored: list[Scored], min_confidence: float) -> list[Scored]:
    """Labels (or content types) at or above ``min_confidence`` (0-100). Parents pass whenever a
    child passes."""
    return [item for item in scored if item.confidence >= min_confidence]
