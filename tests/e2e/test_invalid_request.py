"""Bytes that are no protobuf message, sent to every method of every service: INVALID_ARGUMENT
with reason INVALID_REQUEST, both straight to the service and through the gateway (never UNKNOWN
with a Python exception class in the message)."""

from __future__ import annotations

import importlib

import grpc
import pytest
from google.protobuf import descriptor_pool

from gateway.routes import DEFAULT_ROUTES
from services.common.errors import error_info

pytestmark = pytest.mark.e2e

GARBAGE = b"\xff\xff\xff\xff\x0f"  # a field tag whose varint never ends: no message parses it


def methods(service: str, descriptor_module: str) -> list[str]:
    importlib.import_module(descriptor_module)
    found = descriptor_pool.Default().FindServiceByName(service)
    return [f"/{service}/{method.name}" for method in found.methods]


def test_garbage_to_every_method_is_invalid_argument(running_stack) -> None:
    checked = 0
    expected = sum(len(methods(route.service, route.descriptor_module)) for route in DEFAULT_ROUTES)
    assert expected >= 15, expected  # the five services' RPCs were found (15 in wave one)
    for route in DEFAULT_ROUTES:
        direct = running_stack.addresses.services[route.name]
        for target in (direct, running_stack.gateway_address):
            with grpc.insecure_channel(target) as channel:
                for method in methods(route.service, route.descriptor_module):
                    with pytest.raises(grpc.RpcError) as caught:
                        channel.unary_unary(method)(GARBAGE, timeout=30)
                    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, (target, method)
                    assert error_info(caught.value).reason == "INVALID_REQUEST", (target, method)
                    assert "class" not in (caught.value.details() or "")
                    checked += 1
    assert checked == 2 * expected  # every RPC of every routed service, direct and through the gateway
