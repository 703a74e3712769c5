"""Facet's Python client: the generated API stubs (`facet.v1`), helpers (`facet.client`) and the CLI (`facet.cli`)."""
