"""Fixtures for the facet-client tests, which run in a virtual environment holding only this package.

Live tests call the gateway at FACET_TEST_ENDPOINT (tests/clients/test_python_client_venv.py in
the repository starts the stack, installs this package into a fresh venv and sets it); the
images come from FACET_TEST_DATA (the repository's tests/data).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def endpoint() -> str:
    value = os.environ.get("FACET_TEST_ENDPOINT")
    if not value:
        pytest.skip("needs a running gateway: FACET_TEST_ENDPOINT (tests/clients/test_python_client_venv.py sets it)")
    return value


@pytest.fixture(scope="session")
def data() -> Path:
    path = Path(os.environ.get("FACET_TEST_DATA", Path(__file__).resolve().parents[3] / "tests" / "data"))
    if not (path / "group_4_faces.jpg").exists():
        pytest.fail(f"test images not found in {path}: set FACET_TEST_DATA to the repository's tests/data")
    return path
