"""Every RPC of every proto is classified as idempotent (retried) or a write (never retried)."""

from __future__ import annotations

import importlib
import pkgutil

import facet.v1
from gateway.idempotent import IDEMPOTENT, WRITES


def all_rpcs() -> set[str]:
    names = set()
    for module_info in pkgutil.iter_modules(facet.v1.__path__):
        if not module_info.name.endswith("_pb2"):
            continue
        module = importlib.import_module(f"facet.v1.{module_info.name}")
        for service in module.DESCRIPTOR.services_by_name.values():
            names |= {f"{service.full_name}/{method.name}" for method in service.methods}
    return names


def test_every_rpc_is_classified_exactly_once() -> None:
    rpcs = all_rpcs()
    assert len(rpcs) >= 15  # the discovery itself works
    assert not IDEMPOTENT & WRITES
    unclassified = rpcs - IDEMPOTENT - WRITES
    assert not unclassified, f"classify these in gateway/idempotent.py: {sorted(unclassified)}"
    stale = (IDEMPOTENT | WRITES) - rpcs
    assert not stale, f"no such RPCs: {sorted(stale)}"


def test_writes_are_the_collection_mutations() -> None:
    assert {name.split("/")[1] for name in WRITES} == {
        "IndexFaces",
        "CreateCollection",
        "DeleteCollection",
        "DeleteFaces",
        "CreateUser",
        "DeleteUser",
        "AssociateFaces",
        "DisassociateFaces",
    }
