"""The gateway's view of CollectionService: which calls write, and where each names its collection."""

from __future__ import annotations

from facet.v1 import collections_pb2
from gateway.auth import COLLECTION_FIELD, WRITES
from gateway.wire import string_field

SERVICE = collections_pb2.DESCRIPTOR.services_by_name["CollectionService"]
READ_PREFIXES = ("Search", "List", "Describe")


def test_every_collection_method_is_a_known_read_or_a_write() -> None:
    # A new method that is neither must be classified in gateway/auth.py before read-only keys can call it.
    unclassified = [
        m.name
        for m in SERVICE.methods
        if f"/{SERVICE.full_name}/{m.name}" not in WRITES and not m.name.startswith(READ_PREFIXES)
    ]
    assert unclassified == []
    assert all(name.rsplit("/", 1)[1] in SERVICE.methods_by_name for name in WRITES)


def test_collection_ids_are_read_from_each_methods_own_field() -> None:
    for method in SERVICE.methods:
        number = COLLECTION_FIELD[f"/{SERVICE.full_name}/{method.name}"]
        if method.name == "ListCollections":
            assert number is None  # names no collection: needs a key allowed every collection
            continue
        assert number == method.input_type.fields_by_name["collection_id"].number
        request = getattr(collections_pb2, method.input_type.name)(collection_id="c-1")
        assert string_field(request.SerializeToString(), number) == "c-1"
