"""The package stands alone: installed without the server, it imports and carries its stubs."""

import importlib.util

import facet.v1.faces_pb2 as faces_pb2


def test_server_code_is_not_importable_here() -> None:
    # The point of this venv: nothing from the server's source tree leaks into the client.
    for server_package in ("services", "gateway", "scripts"):
        assert importlib.util.find_spec(server_package) is None, server_package


def test_stubs_come_from_the_installed_package() -> None:
    assert "site-packages" in faces_pb2.__file__
    assert faces_pb2.DESCRIPTOR.package == "facet.v1"
