"""The Java client (clients/java) compiled offline against Debian's grpc-java jars, against the live stack."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.clients.conftest import require_tool
from tests.clients.examples import check_example

pytestmark = pytest.mark.e2e

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "java"
JARS = Path("/usr/share/java")
# Debian's jars for grpc-java over Netty, protobuf-java and their runtime dependencies.
CLASSPATH = [
    "grpc-api", "grpc-context", "grpc-core", "grpc-netty", "grpc-protobuf", "grpc-protobuf-lite", "grpc-stub",
    "protobuf", "protobuf-util", "proto-google-common-protos", "guava", "gson", "perfmark-api",
    "geronimo-annotation-1.3-spec",  # javax.annotation.Generated, which grpc_java_plugin 1.41 writes
    "netty-buffer", "netty-codec", "netty-codec-http", "netty-codec-http2", "netty-codec-socks", "netty-common",
    "netty-handler", "netty-handler-proxy", "netty-resolver", "netty-transport",
]


def test_java_example_detects_compares_and_reads_error_info(gateway: str, tmp_path: Path) -> None:
    javac, java = require_tool("javac"), require_tool("java")
    jars = [JARS / f"{name}.jar" for name in CLASSPATH]
    missing = [jar.name for jar in jars if not jar.exists()]
    if missing:
        require_tool("missing-" + missing[0])  # fails in CI, skips elsewhere, naming the jar
    classpath = ":".join(str(jar) for jar in jars)
    sources = [str(p) for p in sorted((CLIENT / "src" / "main" / "java").rglob("*.java"))]
    build = subprocess.run([javac, "-nowarn", "-d", str(tmp_path), "-cp", classpath, *sources,
                            str(CLIENT / "examples" / "DetectFaces.java")], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-5000:]

    def run(args):
        return subprocess.run([java, "-cp", f"{tmp_path}:{classpath}", "DetectFaces", *args],
                              env={**os.environ, "FACET_ENDPOINT": gateway}, capture_output=True, text=True,
                              timeout=120)

    check_example(run)
