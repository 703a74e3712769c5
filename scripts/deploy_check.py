"""Offline checks of deploy/ (``make deploy-check``; no cluster needed).

    .venv/bin/python -m scripts.deploy_check [--no-checkov] [--out DIR]

1. Render every overlay alone, with each component, and with all components (``kubectl kustomize``).
2. Validate every rendered document strictly against the Kubernetes 1.32 schemas
   (kubernetes-validate's Python API). A kind without a schema fails unless it is a custom resource
   on CRD_ALLOW_LIST, whose CRDs the cluster gets from their own projects.
3. Run checkov offline, with the skips in deploy/checkov.yaml (each justified there), on each overlay
   alone and with all components: together they hold every object any combination renders.

The project rules (probes, requests, PDBs, routes...) are tests: tests/deploy/, over the same renderings.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
OVERLAYS = ("cpu", "gpu", "dev")
COMPONENTS = ("milvus", "monitoring", "gateway-api", "gateway-tls")
NAMESPACE = "facet"
KUBERNETES_VERSION = "1.32.0"
# Custom resources deploy/ uses: (apiVersion, kind). Their CRDs come with the Prometheus Operator and
# the Gateway API; kubernetes-validate has no schema for them, and nothing else may pass unchecked.
CRD_ALLOW_LIST = frozenset(
    {
        ("monitoring.coreos.com/v1", "ServiceMonitor"),
        ("gateway.networking.k8s.io/v1", "GRPCRoute"),
    }
)
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
CHECKOV_CONFIG = DEPLOY / "checkov.yaml"


@dataclass(frozen=True)
class Variant:
    overlay: str
    components: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return "+".join((self.overlay, *self.components))


def variants() -> list[Variant]:
    """Each overlay alone, with each component, and with every component at once."""
    found = [Variant(o) for o in OVERLAYS]
    found += [Variant(o, (c,)) for o, c in itertools.product(OVERLAYS, COMPONENTS)]
    found += [Variant(o, COMPONENTS) for o in OVERLAYS]
    return found


def kustomize(path: Path) -> str:
    result = subprocess.run(["kubectl", "kustomize", str(path)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {path.relative_to(ROOT)} failed:\n{result.stderr.strip()}")
    return result.stdout


def render(variant: Variant) -> list[dict[str, Any]]:
    """The documents ``kubectl apply -k`` would send for this variant."""
    if not variant.components:
        return load_documents(kustomize(DEPLOY / "overlays" / variant.overlay))
    # What docs/deploy.md tells a user to write: their own kustomization with the overlay, the components
    # and the namespace (a component's new objects get it only from there). kustomize accepts only
    # relative paths below a kustomization: build it next to deploy/'s folders.
    with tempfile.TemporaryDirectory(dir=DEPLOY, prefix=".render-") as scratch:
        lines = [f"namespace: {NAMESPACE}", "resources:", f"  - ../overlays/{variant.overlay}", "components:"]
        lines += [f"  - ../components/{c}" for c in variant.components]
        (Path(scratch) / "kustomization.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return load_documents(kustomize(Path(scratch)))


def load_documents(text: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


def schema_errors(docs: Sequence[dict[str, Any]]) -> Iterator[str]:
    """One line per document that fails strict validation against the Kubernetes schemas."""
    for doc in docs:
        where = f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        if (doc.get("apiVersion"), doc.get("kind")) in CRD_ALLOW_LIST:
            continue
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            api = doc.get("apiVersion")
            yield f"{where}: no Kubernetes {KUBERNETES_VERSION} schema for {api} (not on the CRD allow-list)"
        except kubernetes_validate.ValidationError as err:
            path = ".".join(str(p) for p in err.absolute_path)
            yield f"{where}: {path}: {err.message}"


def run_checkov(rendered: dict[str, str]) -> bool:
    if not CHECKOV.exists():
        raise SystemExit(f"{CHECKOV} is missing: run `make deploy-check` (it installs checkov)")
    with tempfile.TemporaryDirectory(prefix="facet-checkov-") as folder:
        for name, text in rendered.items():
            (Path(folder) / f"{name}.yaml").write_text(text, encoding="utf-8")
        env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_NO_OUTPUT_TRUNCATION": "1"}
        env.pop("BC_API_KEY", None)  # offline: never talk to the vendor's platform
        result = subprocess.run(
            [str(CHECKOV), "--config-file", str(CHECKOV_CONFIG), "--directory", folder],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    print(result.stdout.strip())
    if result.returncode != 0:
        print(result.stderr.strip()[-4000:], file=sys.stderr)
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-checkov", action="store_true", help="render and validate only")
    parser.add_argument("--out", type=Path, help="also write each rendering to DIR/<variant>.yaml")
    args = parser.parse_args()
    if shutil.which("kubectl") is None:
        raise SystemExit("kubectl (with its built-in kustomize) is needed to render deploy/")
    failures = 0
    rendered: dict[str, str] = {}
    for variant in variants():
        docs = render(variant)
        rendered[variant.name] = yaml.safe_dump_all(docs, sort_keys=False)
        errors = list(schema_errors(docs))
        failures += len(errors)
        status = "ok" if not errors else f"{len(errors)} schema errors"
        print(f"deploy-check: {variant.name}: {len(docs)} documents, {status}")
        for line in errors:
            print(f"  {line}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in rendered.items():
            (args.out / f"{name}.yaml").write_text(text, encoding="utf-8")
    maximal = {v.name for v in variants() if len(v.components) in (0, len(COMPONENTS))}
    if not args.no_checkov and not run_checkov({k: v for k, v in rendered.items() if k in maximal}):
        failures += 1
        print("deploy-check: checkov found problems (above)")
    print("deploy-check: " + ("FAILED" if failures else f"ok ({len(rendered)} renderings)"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
