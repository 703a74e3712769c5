"""What every language's example must show against the live stack (Go, Java, TypeScript).

Each example is a program `detect IMAGE` / `compare SOURCE TARGET` that prints the response as
JSON, or {"error": {"code", "reason", "message"}} with exit status 1.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"

Run = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


def field(obj: dict[str, Any], name: str) -> Any:
    """A JSON field by its proto name or its lowerCamel JSON name (TypeScript prints the latter)."""
    head, *rest = name.split("_")
    return obj.get(name, obj.get(head + "".join(word.title() for word in rest)))


def output(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.stdout.strip(), f"no output (exit {result.returncode}): {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def check_example(run: Run) -> None:
    detected = run(["detect", str(DATA / "group_4_faces.jpg")])
    assert detected.returncode == 0, detected.stdout + detected.stderr[-2000:]
    faces = field(output(detected), "face_details")
    assert len(faces) == 4
    assert all(0 < field(face, "bounding_box")["width"] < 1 for face in faces)

    compared = run(["compare", str(DATA / "person_a_1.jpg"), str(DATA / "person_a_2.jpg")])
    assert compared.returncode == 0, compared.stdout + compared.stderr[-2000:]
    matches = field(output(compared), "face_matches")
    assert len(matches) == 1 and matches[0]["similarity"] >= 80

    refused = run(["compare", str(DATA / "no_face.jpg"), str(DATA / "group_4_faces.jpg")])
    assert refused.returncode == 1, refused.stdout + refused.stderr[-2000:]
    assert output(refused)["error"] | {"message": ""} == {
        "code": "INVALID_ARGUMENT", "reason": "NO_FACE_IN_SOURCE", "message": ""}
