"""Fixtures the gateway test modules share."""

from tests.unit.gateway.test_gateway import backend  # noqa: F401  (a scripted FaceService on port 0)
