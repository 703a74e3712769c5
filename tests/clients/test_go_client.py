"""The Go client (clients/go) built offline with Debian's Go and Go gRPC packages, against the live stack."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.clients.conftest import require_tool
from tests.clients.examples import check_example

pytestmark = pytest.mark.e2e

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "go"
MODULE = "github.com/facet-dev/facet/clients/go"
DEBIAN_GOPATH = "/usr/share/gocode"  # golang-google-grpc-dev and friends install their sources here


def test_go_example_detects_compares_and_reads_error_info(gateway: str, tmp_path: Path) -> None:
    go = require_tool("go")
    # GOPATH mode: the module's imports resolve to Debian's packages, with no module download.
    link = tmp_path / "src" / MODULE
    link.parent.mkdir(parents=True)
    link.symlink_to(CLIENT)
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": f"{tmp_path}:{DEBIAN_GOPATH}", "GOFLAGS": "",
           "GOCACHE": os.environ.get("GOCACHE", str(Path.home() / ".cache" / "go-build"))}
    binary = tmp_path / "detect_faces"
    build = subprocess.run([go, "build", "-o", str(binary), "./examples/detect_faces"], cwd=link, env=env,
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr

    def run(args):
        return subprocess.run([str(binary), *args], env={**os.environ, "FACET_ENDPOINT": gateway},
                              capture_output=True, text=True, timeout=120)

    check_example(run)
