"""The Python client installed from clients/python into a fresh venv (no server code there), tests run there.

Its own tests (clients/python/tests) check it imports without the server and call the live
stack's gateway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "python"


def test_client_package_installs_alone_and_its_tests_pass(gateway: str, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # A copy of the package: building in place would leave build/ and egg-info in the repository.
    source = tmp_path / "facet-client"
    shutil.copytree(CLIENT, source, ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__", "tests"))
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", f"{source}[test]"],
                               capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr[-3000:]

    # The tests run from a folder outside the repository, with their own empty pytest config, so
    # nothing puts the repository (and its server code) on sys.path.
    tests = tmp_path / "tests"
    shutil.copytree(CLIENT / "tests", tests)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"FACET_TEST_ENDPOINT": gateway, "FACET_TEST_DATA": str(ROOT / "tests" / "data")}
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(tmp_path / "pytest.ini"),
                             str(tests)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]
