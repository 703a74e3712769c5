"""The Containerfiles agree with the repository and the manifests (no build needed; `make images`
builds and smoke-checks the images themselves)."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import yaml

from scripts.deploy_check import DEPLOY, ROOT

IMAGES = DEPLOY / "images"
CONTAINERFILES = sorted(IMAGES.glob("*.Containerfile"))


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def stages(path: Path) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions(path):
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def ignored(relative: str) -> bool:
    """Whether .containerignore keeps ``relative`` out of the context: the last matching line decides,
    a line starting with ``!`` lets a path back in (Docker's rule, which buildah and podman follow)."""
    lines = (ROOT / ".containerignore").read_text(encoding="utf-8").splitlines()
    patterns = [p for p in lines if p and not p.startswith("#")]
    parts = relative.rstrip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for pattern in patterns:
        if any(fnmatch.fnmatch(prefix, pattern.lstrip("!")) for prefix in prefixes):
            excluded = not pattern.startswith("!")
    return excluded


def test_the_base_image_is_a_build_argument_defaulting_to_the_official_slim_python() -> None:
    assert CONTAINERFILES
    for path in CONTAINERFILES:
        first = instructions(path)[0]
        assert first == ("ARG", "BASE_IMAGE=python:3.11-slim-bookworm"), path.name
        assert all(args.split()[0] == "${BASE_IMAGE}" for kind, args in instructions(path) if kind == "FROM"), path.name


def test_every_copied_path_exists_and_reaches_the_build_context() -> None:
    for path in CONTAINERFILES:
        for kind, args in instructions(path):
            if kind != "COPY" or args.startswith("--from"):
                continue
            for source in args.split()[:-1]:
                assert (ROOT / source).exists(), f"{path.name}: COPY {source} does not exist"
                assert not ignored(source), f"{path.name}: COPY {source} is excluded by .containerignore"


def test_every_runtime_stage_runs_as_uid_10001_without_pip() -> None:
    for path in CONTAINERFILES:
        for stage in stages(path):
            if stage[0][1].split()[-1] == "build":
                continue
            users = [args for kind, args in stage if kind == "USER"]
            assert users and users[-1] == "10001:10001", f"{path.name}: {stage[0][1]}"
            assert not any(kind == "RUN" and "pip install" in args for kind, args in stage), (
                f"{path.name}: pip at run time"
            )


def test_the_manifests_start_what_the_cpu_triton_image_holds() -> None:
    (triton_cpu,) = [s for s in stages(IMAGES / "triton.Containerfile") if s[0][1].endswith("AS triton-cpu")]
    cmd = next(args for kind, args in triton_cpu if kind == "CMD")
    image_argv = [part.strip(' "') for part in cmd.strip("[]").split(",")]
    manifest = next(
        d
        for d in yaml.safe_load_all((DEPLOY / "base" / "triton.yaml").read_text(encoding="utf-8"))
        if d["kind"] == "Deployment"
    )
    assert manifest["spec"]["template"]["spec"]["containers"][0]["command"] == image_argv
