"""The Python client and the CLI against a gateway that wants an API key over TLS.

A second gateway process, with a keys file and a certificate from a throwaway CA made here
(tests/certificates.py), routes to the faces service of the session's stack.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facet.cli.main import EXIT_CODES, run
from scripts.stack import free_port
from tests.certificates import TestCA
from tests.clients.examples import DATA
from tests.conftest import RunningStack

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def secured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    running_stack: RunningStack = request.getfixturevalue("running_stack")
    folder = tmp_path_factory.mktemp("secured")
    ca = TestCA()
    cert, key = ca.issue("localhost", server=True).write(folder, "server")
    ca_file = folder / "ca.crt"
    ca_file.write_bytes(ca.pem)
    keys_file = folder / "keys.json"
    env = dict(os.environ)
    command = [sys.executable, "-m", "gateway.keys", "--file", str(keys_file), "add", "cli-test", "--json"]
    added = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    token = json.loads(added.stdout)["token"]

    address = f"127.0.0.1:{free_port()}"
    env |= {
        "FACET_LISTEN_ADDRESS": address,
        "FACET_ROUTES": json.dumps({"facet.v1.FaceService": running_stack.addresses.services["faces"]}),
        "FACET_ENABLED_SERVICES": json.dumps(["facet.v1.FaceService"]),
        "FACET_API_KEYS_FILE": str(keys_file),
        "FACET_TLS_CERT_FILE": str(cert),
        "FACET_TLS_KEY_FILE": str(key),
        "FACET_STATE_DIR": str(folder / "state"),
    }
    log = (folder / "gateway.log").open("w")
    gateway = subprocess.Popen([sys.executable, "-m", "gateway"], cwd=ROOT, env=env, stdout=log, stderr=log)
    endpoint = f"localhost:{address.rsplit(':', 1)[1]}"
    try:
        deadline = time.monotonic() + 60
        while run(["--endpoint", endpoint, "--ca-file", str(ca_file), "--api-key", token, "--timeout", "5",
                   "faces", "detect", str(DATA / "no_face.jpg")]) != 0:
            assert gateway.poll() is None, (folder / "gateway.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (folder / "gateway.log").read_text()[-3000:]
            time.sleep(0.5)
        yield {"endpoint": endpoint, "ca_file": str(ca_file), "token": token}
    finally:
        gateway.terminate()
        gateway.wait(timeout=30)
        log.close()


def test_api_key_over_tls_with_ca_file(secured, capsys) -> None:
    status = run(["--endpoint", secured["endpoint"], "--ca-file", secured["ca_file"], "--api-key", secured["token"],
                  "--json", "--timeout", "60", "faces", "detect", str(DATA / "group_4_faces.jpg")])
    out = capsys.readouterr().out
    assert status == 0 and len(json.loads(out)["face_details"]) == 4


def test_missing_or_wrong_key_is_unauthenticated(secured, capsys) -> None:
    for key in ([], ["--api-key", secured["token"] + "x"]):
        status = run(["--endpoint", secured["endpoint"], "--ca-file", secured["ca_file"], *key, "--timeout", "30",
                      "faces", "detect", str(DATA / "no_face.jpg")])
        assert status == EXIT_CODES["UNAUTHENTICATED"]
        assert capsys.readouterr().err.startswith("facet: UNAUTHENTICATED")


def test_a_certificate_the_client_does_not_trust_is_refused(secured, capsys) -> None:
    # --tls alone verifies with the system roots, which do not know the test certificate.
    status = run(["--endpoint", secured["endpoint"], "--tls", "--api-key", secured["token"], "--timeout", "10",
                  "faces", "detect", str(DATA / "no_face.jpg")])
    assert status == EXIT_CODES["UNAVAILABLE"]
    capsys.readouterr()
