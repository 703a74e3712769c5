"""Fixtures of the collection end-to-end tests (test_collections_e2e.py, test_collection_users_e2e.py):
a channel to the session stack's gateway, a CollectionService stub, and a fresh collection per test
(random suffix, deleted afterwards); and a second gateway with an (empty) keys file in front of the
session stack's services, for the security and SigV4 tests."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc
from gateway.routes import DEFAULT_ROUTES
from scripts.stack import Stack, free_port, service_spec


@pytest.fixture(scope="module")
def channel(running_stack) -> Iterator[grpc.Channel]:
    opened = grpc.insecure_channel(
        running_stack.gateway_address, options=[("grpc.max_send_message_length", 64 * 1024 * 1024)]
    )
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def stub(channel: grpc.Channel) -> collections_pb2_grpc.CollectionServiceStub:
    return collections_pb2_grpc.CollectionServiceStub(channel)


@pytest.fixture
def collection(stub) -> Iterator[str]:
    name = f"e2e-{uuid.uuid4().hex[:12]}"
    stub.CreateCollection(pb.CreateCollectionRequest(collection_id=name), timeout=30)
    yield name
    try:
        stub.DeleteCollection(pb.DeleteCollectionRequest(collection_id=name), timeout=30)
    except grpc.RpcError as err:
        if err.code() != grpc.StatusCode.NOT_FOUND:
            raise


@dataclass
class KeyedGateway:
    stack: Stack  # holds the gateway process; stop_all() ends it
    port: int
    keys_file: Path  # starts with no keys: the tests add theirs with `python -m gateway.keys`
    audit_file: Path  # the gateway's own audit records (refusals, collection writes)


def start_keyed_gateway(running_stack, folder: Path, name: str) -> KeyedGateway:
    """A gateway process with a keys file, routing to the session stack's services."""
    keys_file = folder / "keys.json"
    keys_file.write_text('{"version": 1, "keys": []}')
    services = running_stack.addresses.services
    routes = {r.service: services[r.name] for r in DEFAULT_ROUTES if r.name in services}
    port = free_port()
    env = {
        "FACET_ROUTES": json.dumps(routes),
        "FACET_ENABLED_SERVICES": json.dumps(sorted(routes)),
        "FACET_API_KEYS_FILE": str(keys_file),
        "FACET_STATE_DIR": str(folder / "state"),
        "FACET_METRICS_PORT": "0",
        "FACET_HEALTH_POLL_S": "0.5",
    }
    stack = Stack(log_dir=folder, echo=False)
    stack.start(service_spec(name, "gateway", port, env))
    return KeyedGateway(stack, port, keys_file, folder / "state" / "audit" / "gateway.jsonl")
