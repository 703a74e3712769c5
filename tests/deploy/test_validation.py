"""Every rendering passes strict Kubernetes 1.32 schema validation, and the validation is strict."""

from __future__ import annotations

import copy

import pytest

from scripts.deploy_check import schema_errors, variants
from tests.deploy.conftest import Rendering

NAMES = [v.name for v in variants()]


@pytest.mark.parametrize("name", NAMES)
def test_rendering_validates_against_kubernetes_1_32(by_name: dict[str, Rendering], name: str) -> None:
    assert list(schema_errors(by_name[name].docs)) == []


def test_an_unknown_field_fails_validation(by_name: dict[str, Rendering]) -> None:
    deployment = copy.deepcopy(by_name["cpu"].get("Deployment", "faces"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {"tcpSocket": {"port": 1}}
    (error,) = schema_errors([deployment])
    assert "livenesProbe" in error


def test_a_kind_without_schema_fails_unless_allow_listed(by_name: dict[str, Rendering]) -> None:
    monitor = copy.deepcopy(by_name["cpu+monitoring"].of_kind("ServiceMonitor")[0])
    assert list(schema_errors([monitor])) == []
    monitor["kind"] = "PodMonitor"
    (error,) = schema_errors([monitor])
    assert "not on the CRD allow-list" in error
