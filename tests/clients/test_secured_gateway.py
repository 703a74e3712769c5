"""The Python client and the CLI against a gateway that wants an API key over TLS.

A second gateway process, with a keys file and a certificate made here, routes to the faces
service of the session's stack. It needs the gateway's API keys (gateway/keys.py, the security
work); FACET_SECURED_GATEWAY_ROOT may point at another checkout whose gateway has them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facet.cli.main import EXIT_CODES, run
from scripts.stack import free_port
from tests.clients.examples import DATA
from tests.conftest import RunningStack

pytestmark = pytest.mark.e2e

GATEWAY_ROOT = Path(os.environ.get("FACET_SECURED_GATEWAY_ROOT", Path(__file__).resolve().parents[2]))


def make_certificate(folder: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is not installed: it makes the test certificate (apt-get install openssl)")
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def secured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if not (GATEWAY_ROOT / "gateway" / "keys.py").exists():
        pytest.skip("this gateway has no API keys yet (gateway/keys.py, from the security work); "
                    "set FACET_SECURED_GATEWAY_ROOT to a checkout that has them")
    running_stack: RunningStack = request.getfixturevalue("running_stack")  # only when the test can run
    folder = tmp_path_factory.mktemp("secured")
    cert, key = make_certificate(folder)
    keys_file = folder / "keys.json"
    env = {**os.environ, "PYTHONPATH": str(GATEWAY_ROOT)}
    command = [sys.executable, "-m", "gateway.keys", "--file", str(keys_file), "add", "cli-test", "--json"]
    added = subprocess.run(command, cwd=GATEWAY_ROOT, env=env, capture_output=True, text=True, timeout=60)
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
    gateway = subprocess.Popen([sys.executable, "-m", "gateway"], cwd=GATEWAY_ROOT, env=env, stdout=log, stderr=log)
    endpoint = f"localhost:{address.rsplit(':', 1)[1]}"
    try:
        deadline = time.monotonic() + 60
        while run(["--endpoint", endpoint, "--ca-file", str(cert), "--api-key", token, "--timeout", "5",
                   "faces", "detect", str(DATA / "no_face.jpg")]) != 0:
            assert gateway.poll() is None, (folder / "gateway.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (folder / "gateway.log").read_text()[-3000:]
            time.sleep(0.5)
        yield {"endpoint": endpoint, "ca_file": str(cert), "token": token}
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
