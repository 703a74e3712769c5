"""Every reason string the code can send is a facet.v1.ErrorReason value.

Reasons reach clients from three places in the code: a ``reason="..."`` keyword where an error is
raised, a class's ``default_reason``, and literal reasons in the servicers' own checks. This test
reads every Python file of services/ and gateway/ and collects each string literal given as a
reason; a typo or a reason nobody added to common.proto fails here instead of at a client.
"""

from __future__ import annotations

import ast
from pathlib import Path

from facet.v1 import common_pb2
from services.common import errors

ROOT = Path(__file__).resolve().parents[3]
ENUM = {name.removeprefix("ERROR_REASON_") for name in common_pb2.ErrorReason.keys()} - {"UNSPECIFIED"}  # noqa: SIM118


def reasons_in(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.keyword) and node.arg == "reason":
            values = [node.value]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not any(isinstance(t, ast.Name) and t.id == "default_reason" for t in targets):
                continue
            values = [node.value] if node.value is not None else []
        else:
            continue
        for value in values:
            # A literal, or literals picked by a conditional expression (a if c else b).
            for leaf in ast.walk(value):  # type: ignore[arg-type]
                if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                    found.append((leaf.lineno, leaf.value))
    return found


def test_every_reason_the_code_sends_is_an_enum_value() -> None:
    sources = sorted([*(ROOT / "services").rglob("*.py"), *(ROOT / "gateway").rglob("*.py")])
    seen = {(str(path.relative_to(ROOT)), line, reason) for path in sources for line, reason in reasons_in(path)}
    assert len(seen) > 20  # the walk found the raisers (not vacuously empty)
    strays = sorted(entry for entry in seen if entry[2] not in ENUM)
    assert strays == [], f"reasons that are not facet.v1.ErrorReason values: {strays}"


def test_the_runtime_list_is_the_enum() -> None:
    assert errors.REASONS == ENUM
    assert {"MODEL_NOT_READY", "SERVICE_UNAVAILABLE", "INVALID_PARAMETER"} <= errors.REASONS
