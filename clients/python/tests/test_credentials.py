"""connect(): the API key reaches the server as `authorization: Bearer`, and TLS verifies with --ca-file.

A small gRPC server on loopback stands in for the gateway here, to see exactly what the client
sends and to serve a certificate made for the test; the live tests call the real gateway.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import grpc
import pytest

from facet.client import connect
from facet.v1 import faces_pb2, faces_pb2_grpc


class RecordingFaces(faces_pb2_grpc.FaceServiceServicer):
    def __init__(self) -> None:
        self.metadata: list[dict[str, str]] = []

    def DetectFaces(self, request, context):
        self.metadata.append({k: v for k, v in context.invocation_metadata()})
        return faces_pb2.DetectFacesResponse()


def serve(credentials: grpc.ServerCredentials | None) -> Iterator[tuple[int, RecordingFaces]]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = RecordingFaces()
    faces_pb2_grpc.add_FaceServiceServicer_to_server(servicer, server)
    address = "127.0.0.1:0"
    port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    server.start()
    try:
        yield port, servicer
    finally:
        server.stop(None)


@pytest.fixture
def plain_server() -> Iterator[tuple[int, RecordingFaces]]:
    yield from serve(None)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: it makes the test certificate (apt-get install openssl)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def detect(channel: grpc.Channel) -> None:
    faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(faces_pb2.DetectFacesRequest(), timeout=10)


def test_api_key_is_sent_as_bearer_token(plain_server) -> None:
    port, servicer = plain_server
    with connect(f"127.0.0.1:{port}", api_key="fk_test.secret") as channel:
        detect(channel)
    assert servicer.metadata[-1]["authorization"] == "Bearer fk_test.secret"


def test_no_api_key_sends_no_authorization(plain_server) -> None:
    port, servicer = plain_server
    with connect(f"127.0.0.1:{port}") as channel:
        detect(channel)
    assert "authorization" not in servicer.metadata[-1]


def test_tls_with_ca_file_verifies_the_server_and_carries_the_key(certificate) -> None:
    cert, key = certificate
    credentials = grpc.ssl_server_credentials([(key.read_bytes(), cert.read_bytes())])
    for port, servicer in serve(credentials):
        with connect(f"localhost:{port}", api_key="k1", ca_file=cert) as channel:
            detect(channel)
        assert servicer.metadata[-1]["authorization"] == "Bearer k1"


def test_tls_refuses_a_server_the_ca_file_does_not_vouch_for(certificate, tmp_path) -> None:
    cert, key = certificate
    other = tmp_path / "other.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "other.key"), "-out", str(other)],
        check=True, capture_output=True,
    )
    credentials = grpc.ssl_server_credentials([(key.read_bytes(), cert.read_bytes())])
    for port, _ in serve(credentials):
        with connect(f"localhost:{port}", ca_file=other) as channel, pytest.raises(grpc.RpcError) as failure:
            detect(channel)
        assert failure.value.code() == grpc.StatusCode.UNAVAILABLE
