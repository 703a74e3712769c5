"""The TypeScript client (clients/typescript, ts-proto + @grpc/grpc-js) on Node, against the live stack."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.clients.conftest import require_tool
from tests.clients.examples import check_example

pytestmark = pytest.mark.e2e

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "typescript"


def test_typescript_example_detects_compares_and_reads_error_info(gateway: str) -> None:
    node, npm = require_tool("node"), require_tool("npm")
    if not (CLIENT / "node_modules" / ".bin" / "tsc").exists():
        # The committed lockfile pins every package; npm's registry is one this project may reach.
        installed = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CLIENT, capture_output=True,
                                   text=True, timeout=600)
        assert installed.returncode == 0, installed.stderr[-3000:]
    build = subprocess.run([npm, "run", "--silent", "build"], cwd=CLIENT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    def run(args):
        return subprocess.run([node, str(CLIENT / "dist" / "examples" / "detect_faces.js"), *args],
                              env={**os.environ, "FACET_ENDPOINT": gateway}, capture_output=True, text=True,
                              timeout=120)

    check_example(run)
