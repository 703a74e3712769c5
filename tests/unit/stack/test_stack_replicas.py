"""`make run`'s replica layout (FACET_REPLICAS) and its supervisor's back-off, without processes."""

from __future__ import annotations

import itertools
import json
import subprocess

import pytest

from gateway.routes import DEFAULT_ROUTES
from scripts import supervisor
from scripts.stack import parse_replicas, stack_specs

LABELS = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.LabelService")
COLLECTIONS = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.CollectionService")


def test_replicas_listen_on_consecutive_loopback_addresses_with_one_port() -> None:
    specs, addresses = stack_specs(ephemeral=True, only=[LABELS.name], replicas={LABELS.name: 3}, triton_url="t:1")
    assert [spec.name for spec in specs] == [f"{LABELS.name}-1", f"{LABELS.name}-2", f"{LABELS.name}-3", "gateway"]
    listen = [spec.env["FACET_LISTEN_ADDRESS"] for spec in specs[:3]]
    port = listen[0].rsplit(":", 1)[1]
    assert listen == [f"127.0.0.{n}:{port}" for n in (1, 2, 3)]
    assert [spec.env["FACET_REPLICA_NAME"] for spec in specs[:3]] == listen
    assert len({spec.env["FACET_STATE_DIR"] for spec in specs[:3]}) == 3  # audit logs kept apart
    routes = json.loads(specs[3].env["FACET_ROUTES"])
    assert routes == {LABELS.service: "ipv4:" + ",".join(listen)}
    assert addresses.replicas[LABELS.name] == listen


def test_fixed_ports_and_metrics_ports_for_make_run() -> None:
    specs, _ = stack_specs(only=[LABELS.name], replicas={LABELS.name: 2}, triton_url="t:1")
    assert [spec.env["FACET_LISTEN_ADDRESS"] for spec in specs[:2]] == [
        LABELS.address,
        LABELS.address.replace("127.0.0.1", "127.0.0.2"),
    ]
    assert [spec.env["FACET_METRICS_PORT"] for spec in specs[:2]] == [
        str(LABELS.metrics_port),
        str(LABELS.metrics_port + 100),
    ]


def test_replica_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_replicas("") == {}
    assert parse_replicas(json.dumps({LABELS.name: 3})) == {LABELS.name: 3}
    for bad in ('{"lables": 2}', f'{{"{LABELS.name}": 0}}', "[3]"):
        with pytest.raises(SystemExit):
            parse_replicas(bad)
    monkeypatch.delenv("FACET_COLLECTION_STORE", raising=False)
    with pytest.raises(SystemExit, match="FACET_COLLECTION_STORE=milvus"):
        parse_replicas(json.dumps({COLLECTIONS.name: 2}))  # each would hold its own collections
    monkeypatch.setenv("FACET_COLLECTION_STORE", "milvus")
    assert parse_replicas(json.dumps({COLLECTIONS.name: 2})) == {COLLECTIONS.name: 2}


class FakeProcess:
    pid = 4242

    def __init__(self) -> None:
        self.returncode: int | None = 1  # dead

    def poll(self) -> int | None:
        return self.returncode


def test_supervisor_backs_off_doubling_and_resets_after_a_stable_run() -> None:
    said: list[str] = []
    restarts: list[float] = []
    clock = [0.0]
    process = FakeProcess()
    child = [("text", process)]

    stay_up = [False]

    def restart(index: int) -> subprocess.Popen[bytes]:
        restarts.append(clock[0])
        process.returncode = None if stay_up[0] else 1
        return child[0][1]  # type: ignore[return-value]

    watched = supervisor.Supervisor(lambda: child, restart, said.append)  # type: ignore[arg-type, return-value]
    while clock[0] < 200:
        watched.poll(clock[0])
        clock[0] += 0.5
    gaps = [later - earlier for earlier, later in itertools.pairwise(restarts)]
    assert restarts[0] == 1.0  # first restart after 1 s
    assert gaps[:5] == [2.5, 4.5, 8.5, 16.5, 30.5]  # back-off 2, 4, 8, 16, 30 s (+ one 0.5 s poll)
    assert all(gap == 30.5 for gap in gaps[5:])  # capped
    assert "text exited with code 1; restarting in 1s" in said

    stay_up[0] = True  # the next restart stays up for a minute: healthy again
    count = len(restarts)
    while len(restarts) == count:
        clock[0] += 0.5
        watched.poll(clock[0])
    clock[0] += 61
    watched.poll(clock[0])
    process.returncode = 1
    died_at = clock[0]
    while clock[0] < died_at + 5:
        clock[0] += 0.5
        watched.poll(clock[0])
    assert restarts[-1] == died_at + 1.5  # back to 1 s (seen on the next poll, + 1 s)
