"""The gateway's edge against a real gRPC backend (a scripted FaceService), no Triton involved:
TLS and mTLS with certificates from a throwaway CA, certificate reload, what reaches the backend,
and the safe default (no keys: loopback only)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from facet.client import connect  # the installable client package (clients/python)
from facet.v1 import faces_pb2, faces_pb2_grpc
from gateway import keys
from gateway.__main__ import build_gateway
from gateway.edge import UnsafeConfiguration, build_edge, is_loopback
from gateway.settings import GatewaySettings
from scripts.stack import free_port
from services.common.errors import error_info
from tests.certificates import TestCA

ROOT = Path(__file__).resolve().parents[3]
REQUEST = faces_pb2.DetectFacesRequest(image={"bytes": b"abc"})


@pytest.fixture
def ca() -> TestCA:
    return TestCA()


def gateway_settings(tmp_path: Path, backend_port: int, **overrides: str) -> GatewaySettings:
    return GatewaySettings(
        listen_address="127.0.0.1:0",
        routes={"facet.v1.FaceService": f"127.0.0.1:{backend_port}"},
        enabled_services=["facet.v1.FaceService"],
        state_dir=str(tmp_path / "state"),
        **overrides,
    )


@pytest.fixture
async def serve(tmp_path: Path) -> AsyncIterator:
    started = []

    async def start(settings: GatewaySettings) -> int:
        app, _health, backends = build_gateway(settings)
        await app.server.start()
        started.append((app, backends))
        return app.port

    yield start
    for app, backends in started:
        await app.server.stop(0)
        for b in backends:
            await b.close()


def tls_files(ca: TestCA, folder: Path, *, client_ca: bool) -> dict[str, str]:
    cert, key = ca.issue("localhost", server=True).write(folder, "server")
    files = {"tls_cert_file": str(cert), "tls_key_file": str(key)}
    if client_ca:
        (folder / "clients-ca.pem").write_bytes(ca.pem)
        files["tls_client_ca_file"] = str(folder / "clients-ca.pem")
    return files


async def detect(port: int, credentials: grpc.ChannelCredentials | None, metadata=()) -> faces_pb2.DetectFacesResponse:
    target = f"127.0.0.1:{port}"
    channel = grpc.aio.secure_channel(target, credentials) if credentials else grpc.aio.insecure_channel(target)
    async with channel:
        return await faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(REQUEST, metadata=metadata, timeout=5)


async def test_tls_client_trusting_the_ca_connects_plaintext_and_strangers_do_not(tmp_path, ca, backend, serve):
    port = await serve(gateway_settings(tmp_path, backend[0].port, **tls_files(ca, tmp_path, client_ca=False)))
    reply = await detect(port, grpc.ssl_channel_credentials(ca.pem))
    assert reply.face_details[0].confidence == 3.0  # reached the backend
    with pytest.raises(grpc.aio.AioRpcError) as plaintext:
        await detect(port, None)
    assert plaintext.value.code() == grpc.StatusCode.UNAVAILABLE
    with pytest.raises(grpc.aio.AioRpcError) as stranger:
        await detect(port, grpc.ssl_channel_credentials(TestCA("Another CA").pem))
    assert stranger.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_mtls_needs_a_client_certificate_whose_subject_names_the_caller(tmp_path, ca, backend, serve) -> None:
    port = await serve(gateway_settings(tmp_path, backend[0].port, **tls_files(ca, tmp_path, client_ca=True)))
    with pytest.raises(grpc.aio.AioRpcError) as anonymous:
        await detect(port, grpc.ssl_channel_credentials(ca.pem))
    assert anonymous.value.code() == grpc.StatusCode.UNAVAILABLE
    client = ca.issue("ci-runner", server=False)
    await detect(port, grpc.ssl_channel_credentials(ca.pem, client.key, client.cert), (("x-facet-caller", "root"),))
    assert backend[1].seen_metadata["x-facet-caller"] == "cert:CN=ci-runner,O=Facet Tests"


async def test_mtls_subject_bound_to_a_key_gets_its_scopes(tmp_path, ca, backend, serve, capsys) -> None:
    keys_file = tmp_path / "keys.json"
    keys.main(["--file", str(keys_file), "add", "ci", "--subject", "CN=ci-runner,O=Facet Tests", "--allow", "x/*"])
    settings = gateway_settings(
        tmp_path, backend[0].port, api_keys_file=str(keys_file), **tls_files(ca, tmp_path, client_ca=True)
    )
    port = await serve(settings)
    bound, unbound = ca.issue("ci-runner", server=False), ca.issue("someone-else", server=False)
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await detect(port, grpc.ssl_channel_credentials(ca.pem, bound.key, bound.cert))
    assert error_info(denied.value).reason == "PERMISSION_DENIED"  # the key allows only x/*
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await detect(port, grpc.ssl_channel_credentials(ca.pem, unbound.key, unbound.cert))
    assert error_info(unknown.value).reason == "UNAUTHENTICATED"


async def test_renewed_certificate_is_served_without_restart(tmp_path, ca, backend, serve) -> None:
    port = await serve(gateway_settings(tmp_path, backend[0].port, **tls_files(ca, tmp_path, client_ca=False)))
    await detect(port, grpc.ssl_channel_credentials(ca.pem))
    renewed_ca = TestCA("Renewed CA")
    issued = renewed_ca.issue("localhost", server=True)
    # As cert-manager and the kubelet do: new files replace the old ones atomically.
    for name, data in (("server.key", issued.key), ("server.crt", issued.cert)):
        (tmp_path / f"{name}.new").write_bytes(data)
        os.replace(tmp_path / f"{name}.new", tmp_path / name)
    await detect(port, grpc.ssl_channel_credentials(renewed_ca.pem))
    with pytest.raises(grpc.aio.AioRpcError):
        await detect(port, grpc.ssl_channel_credentials(ca.pem))


async def test_credentials_stop_at_the_gateway_and_the_caller_is_the_key(tmp_path, backend, serve, capsys) -> None:
    keys_file = tmp_path / "keys.json"
    keys.main(["--file", str(keys_file), "add", "billing", "--json"])
    token = json.loads(capsys.readouterr().out)["token"]
    port = await serve(gateway_settings(tmp_path, backend[0].port, api_keys_file=str(keys_file)))
    sent = (("authorization", f"Bearer {token}"), ("x-facet-caller", "admin"), ("x-user-id", "admin"), ("x-a", "b"))
    await detect(port, None, sent)
    seen = backend[1].seen_metadata
    assert seen["x-facet-caller"] == "key:billing" and seen["x-a"] == "b" and seen["x-request-id"]
    assert "authorization" not in seen and "x-user-id" not in seen
    with pytest.raises(grpc.aio.AioRpcError) as wrong:
        await detect(port, None, (("x-api-key", token + "x"),))
    assert wrong.value.code() == grpc.StatusCode.UNAUTHENTICATED
    audited = (tmp_path / "state" / "audit" / "gateway.jsonl").read_text("utf-8")
    (record,) = [json.loads(line) for line in audited.splitlines()]
    assert (record["method"], record["status"], record["caller"]) == (
        "/facet.v1.FaceService/DetectFaces",
        "UNAUTHENTICATED",
        "",
    )
    assert keys.split_token(token)[1] not in audited  # a secret is never written down


async def test_without_keys_on_loopback_the_claim_is_marked_unverified(tmp_path, backend, serve) -> None:
    port = await serve(gateway_settings(tmp_path, backend[0].port))
    await detect(port, None, (("x-facet-caller", "admin"),))
    assert backend[1].seen_metadata["x-facet-caller"] == "unverified:admin"


def test_refuses_to_start_on_all_interfaces_without_keys(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACET_")}
    env |= {"FACET_LISTEN_ADDRESS": f"0.0.0.0:{free_port()}", "FACET_STATE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "gateway"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "FACET_ALLOW_UNAUTHENTICATED=1" in done.stderr and "python -m gateway.keys add" in done.stderr


def test_opting_out_is_allowed_and_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = GatewaySettings(listen_address="0.0.0.0:1", state_dir=str(tmp_path))
    with pytest.raises(UnsafeConfiguration):
        build_edge(settings)
    with caplog.at_level(logging.WARNING, logger="gateway"):
        build_edge(GatewaySettings(listen_address="0.0.0.0:1", state_dir=str(tmp_path), allow_unauthenticated=True))
    assert "FACET_ALLOW_UNAUTHENTICATED=1" in caplog.text


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1:50051", True),
        ("[::1]:50051", True),
        ("localhost:1", True),
        ("unix:/tmp/facet.sock", True),
        ("0.0.0.0:50051", False),
        ("[::]:50051", False),
        ("10.1.2.3:50051", False),
        ("gateway.example:50051", False),
        (":50051", False),
    ],
)
def test_is_loopback(address: str, loopback: bool) -> None:
    assert is_loopback(address) is loopback


async def test_the_python_client_reaches_a_tls_gateway_with_its_key(tmp_path, ca, backend, serve, capsys) -> None:
    keys_file = tmp_path / "keys.json"
    keys.main(["--file", str(keys_file), "add", "sdk", "--allow", "facet.v1.FaceService/*", "--json"])
    token = json.loads(capsys.readouterr().out)["token"]
    files = tls_files(ca, tmp_path, client_ca=False)
    port = await serve(gateway_settings(tmp_path, backend[0].port, api_keys_file=str(keys_file), **files))
    (tmp_path / "ca.pem").write_bytes(ca.pem)

    def call(api_key: str) -> faces_pb2.DetectFacesResponse:
        channel = connect(f"127.0.0.1:{port}", api_key=api_key, ca_file=tmp_path / "ca.pem")
        with channel:
            return faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(REQUEST, timeout=5)

    # The sync client runs in a thread: the gateway under test shares this event loop.
    assert (await asyncio.to_thread(call, token)).face_details[0].confidence == 3.0
    assert backend[1].seen_metadata["x-facet-caller"] == "key:sdk"
    with pytest.raises(grpc.RpcError) as refused:
        await asyncio.to_thread(call, token + "x")
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
