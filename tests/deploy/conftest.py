"""Renderings of deploy/ shared by the manifest tests: every overlay, alone and with components.

Rendered once per session with `kubectl kustomize` (kubectl ships kustomize; CI machines have it),
exactly as `make deploy-check` renders them. No cluster is involved.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from scripts.deploy_check import Variant, render, variants

Doc = dict[str, Any]
WORKLOAD_KINDS = ("Deployment", "StatefulSet")


@dataclass(frozen=True)
class Rendering:
    variant: Variant
    docs: list[Doc]

    def of_kind(self, kind: str) -> list[Doc]:
        return [d for d in self.docs if d["kind"] == kind]

    def get(self, kind: str, name: str) -> Doc:
        found = [d for d in self.of_kind(kind) if d["metadata"]["name"] == name]
        assert len(found) == 1, f"{self.variant.name}: expected one {kind}/{name}, found {len(found)}"
        return found[0]

    def workloads(self) -> list[Doc]:
        return [d for d in self.docs if d["kind"] in WORKLOAD_KINDS]

    def config(self) -> dict[str, str]:
        maps = [d for d in self.of_kind("ConfigMap") if d["metadata"]["name"].startswith("facet-config")]
        assert len(maps) == 1, f"{self.variant.name}: expected one facet-config ConfigMap"
        return dict(maps[0]["data"])


def containers(workload: Doc, *, init: bool = False) -> list[Doc]:
    spec = workload["spec"]["template"]["spec"]
    return list(spec.get("containers", [])) + (list(spec.get("initContainers", [])) if init else [])


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


@pytest.fixture(scope="session")
def renderings() -> Iterator[list[Rendering]]:
    if shutil.which("kubectl") is None:
        pytest.fail("kubectl is needed to render deploy/ (it carries kustomize); install kubectl 1.32")
    yield [Rendering(v, render(v)) for v in variants()]


@pytest.fixture(scope="session")
def by_name(renderings: list[Rendering]) -> dict[str, Rendering]:
    return {r.variant.name: r for r in renderings}
