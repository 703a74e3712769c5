"""Fixtures of the collection end-to-end tests (test_collections_e2e.py, test_collection_users_e2e.py):
a channel to the session stack's gateway, a CollectionService stub, and a fresh collection per test
(random suffix, deleted afterwards)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import grpc
import pytest

from facet.v1 import collections_pb2 as pb
from facet.v1 import collections_pb2_grpc


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
