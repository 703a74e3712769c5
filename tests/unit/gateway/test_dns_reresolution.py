"""A `dns:///` route picks up a new replica after the servers' maximum connection age, and not without.

The gateway runs as its own process in a private mount namespace (`unshare`) whose /etc/hosts is
a file of this test: the name resolves to two replicas, then three. Replicas of one service close
connections after 1 s (the gateway re-resolves and the third one gets calls); replicas of another
keep the default 30 s, the control, whose third replica must get nothing in the same window.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from facet.v1 import collections_pb2, collections_pb2_grpc, faces_pb2, faces_pb2_grpc
from scripts.stack import ROOT, free_port, free_port_on
from services.common.server import REPLICA_KEY
from tests.unit.gateway.test_balancing import COLLECTIONS, FACES, Replica, start_replica

NAME = "facet-replicas.test"
HOSTS = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]


def namespaces_refused() -> str | None:
    """Why this machine cannot run the test, or None."""
    if shutil.which("unshare") is None:
        return "the unshare tool (util-linux) is not installed"
    probe = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "mount", "--bind", "/dev/null", "/dev/null"],
        capture_output=True,
        timeout=10,
    )
    if probe.returncode != 0:
        return f"the kernel refuses a private mount namespace here: {probe.stderr.decode(errors='replace').strip()}"
    return None


REFUSED = namespaces_refused()
pytestmark = pytest.mark.skipif(REFUSED is not None, reason=str(REFUSED))


def write_hosts(path: Path, addresses: list[str]) -> None:
    # Rewritten in place: the gateway's bind mount follows the file's inode, not its name.
    with path.open("r+" if path.exists() else "w") as hosts:
        hosts.truncate(0)
        hosts.write("127.0.0.1 localhost\n" + "".join(f"{address} {NAME}\n" for address in addresses))


async def replica_of(call: grpc.aio.UnaryUnaryCall) -> str:
    await call
    return str(dict(await call.initial_metadata())[REPLICA_KEY])


async def test_new_replica_gets_calls_after_max_connection_age(tmp_path: Path) -> None:
    aged_port, control_port = free_port_on(["127.0.0.1", *HOSTS]), free_port_on(["127.0.0.1", *HOSTS])
    servers = []
    for host in HOSTS:  # all three run from the start; DNS names only two at first
        servers.append(
            await start_replica(
                f"aged {host}", Replica(), f"{host}:{aged_port}", max_connection_age_s=1, max_connection_age_grace_s=0.5
            )
        )
        servers.append(await start_replica(f"control {host}", Replica(), f"{host}:{control_port}"))
    hosts_file = tmp_path / "hosts"
    write_hosts(hosts_file, HOSTS[:2])
    gateway_address = f"127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "FACET_LISTEN_ADDRESS": gateway_address,
        "FACET_ROUTES": json.dumps({FACES: f"dns:///{NAME}:{aged_port}", COLLECTIONS: f"dns:///{NAME}:{control_port}"}),
        "FACET_ENABLED_SERVICES": json.dumps([FACES, COLLECTIONS]),
        "FACET_DNS_MIN_RERESOLUTION_S": "0.2",
        "FACET_HEALTH_POLL_S": "0.5",
    }
    in_namespace = ["unshare", "--mount", "--map-root-user", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"']
    gateway = subprocess.Popen(
        [*in_namespace, str(hosts_file), sys.executable, "-m", "gateway"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gateway.log").open("wb"),
    )
    channel = grpc.aio.insecure_channel(gateway_address)
    try:
        await wait_serving(channel, gateway)
        faces = faces_pb2_grpc.FaceServiceStub(channel)
        collections = collections_pb2_grpc.CollectionServiceStub(channel)
        aged: Counter[str] = Counter()
        control: Counter[str] = Counter()

        async def one_round() -> None:
            aged[await replica_of(faces.DetectFaces(faces_pb2.DetectFacesRequest(), timeout=5))] += 1
            control[await replica_of(collections.IndexFaces(collections_pb2.IndexFacesRequest(), timeout=5))] += 1

        for _ in range(20):
            await one_round()
        assert set(aged) == {f"aged {host}" for host in HOSTS[:2]}  # the name resolved to both
        assert set(control) == {f"control {host}" for host in HOSTS[:2]}

        write_hosts(hosts_file, HOSTS)
        started = time.monotonic()
        while time.monotonic() - started < 6 or (not aged[f"aged {HOSTS[2]}"] and time.monotonic() - started < 20):
            await one_round()
            await asyncio.sleep(0.05)
        assert aged[f"aged {HOSTS[2]}"] > 0, f"the new replica got no calls in 20 s: {aged}"
        assert control[f"control {HOSTS[2]}"] == 0, f"without a connection age nothing re-resolves: {control}"
    finally:
        await channel.close()
        gateway.terminate()
        gateway.wait(timeout=20)
        for server in servers:
            await server.server.stop(0)


async def wait_serving(channel: grpc.aio.Channel, gateway: subprocess.Popen[bytes]) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        assert gateway.poll() is None, "the gateway exited; see gateway.log in the test's tmp_path"
        try:
            reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.aio.AioRpcError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("the gateway was not SERVING within 30 s")
