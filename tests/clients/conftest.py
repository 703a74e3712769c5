"""Fixtures for the client tests: every language calls the one stack the test session runs."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import RunningStack


@pytest.fixture(scope="session")
def gateway(running_stack: RunningStack) -> str:
    return running_stack.gateway_address


def require_tool(name: str) -> str:
    """The tool's path. Missing: fail in CI (FACET_REQUIRE_CLIENT_TOOLCHAINS=1), skip elsewhere."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed: run `make client-toolchains` (Debian/Ubuntu packages, npm ci)"
        if os.environ.get("FACET_REQUIRE_CLIENT_TOOLCHAINS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path
