"""Everything that names something else resolves inside the same rendering: routes to headless
Services, Service ports to container ports, routes and monitors to Services."""

from __future__ import annotations

import json
import re

import pytest

from gateway.routes import DEFAULT_ROUTES
from scripts.deploy_check import variants
from tests.deploy.conftest import Doc, Rendering, containers, selects

NAMES = [v.name for v in variants()]
DNS_TARGET = re.compile(r"^dns:///(?P<host>[a-z0-9-]+):(?P<port>\d+)$")


def headless_port(rendering: Rendering, target: str) -> tuple[str, int]:
    """(service name, port) of a dns:/// target, asserting it is a headless Service of this rendering."""
    match = DNS_TARGET.match(target)
    assert match, f"{target!r} is not dns:///<service>:<port>"
    service = rendering.get("Service", match["host"])
    assert service["spec"].get("clusterIP") == "None", f"{match['host']} is not headless: round_robin needs pod IPs"
    port = int(match["port"])
    assert port in {p["port"] for p in service["spec"]["ports"]}, f"{target}: the Service has no port {port}"
    return match["host"], port


def pods_behind(rendering: Rendering, service: Doc) -> list[Doc]:
    return [
        w
        for w in rendering.workloads()
        if selects(service["spec"].get("selector", {}), w["spec"]["template"]["metadata"]["labels"])
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_gateway_route_is_a_headless_service_on_the_routes_port(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    routes = json.loads(rendering.config()["FACET_ROUTES"])
    assert set(routes) == {r.service for r in DEFAULT_ROUTES}, "a route for every service the gateway knows"
    for route in DEFAULT_ROUTES:
        host, port = headless_port(rendering, routes[route.service])
        assert port == int(route.address.rsplit(":", 1)[1]), f"{route.service}: port differs from gateway/routes.py"
        (workload,) = pods_behind(rendering, rendering.get("Service", host))
        (container,) = containers(workload)
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports["grpc"] == port
        assert ports["metrics"] == route.metrics_port, f"{route.service}: metrics port differs from gateway/routes.py"


@pytest.mark.parametrize("name", NAMES)
def test_services_reach_triton_through_its_headless_service(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    host, port = headless_port(rendering, rendering.config()["FACET_TRITON_URL"])
    assert (host, port) == ("triton", 8001)


@pytest.mark.parametrize("name", NAMES)
def test_every_service_port_has_a_matching_container_port(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    for service in rendering.of_kind("Service"):
        backends = pods_behind(rendering, service)
        assert backends, f"{name}: Service {service['metadata']['name']} selects no workload"
        for workload in backends:
            declared = [p for c in containers(workload) for p in c.get("ports", [])]
            for port in service["spec"]["ports"]:
                target = port.get("targetPort", port["port"])
                key = "name" if isinstance(target, str) else "containerPort"
                assert any(p.get(key) == target for p in declared), (
                    f"{name}: Service {service['metadata']['name']} port {port['name']} -> {target} "
                    f"is no container port of {workload['metadata']['name']}"
                )


@pytest.mark.parametrize("name", NAMES)
def test_grpc_routes_point_at_services_and_ports_that_exist(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    for route in rendering.of_kind("GRPCRoute"):
        for rule in route["spec"]["rules"]:
            for ref in rule["backendRefs"]:
                service = rendering.get("Service", ref["name"])
                assert ref["port"] in {p["port"] for p in service["spec"]["ports"]}, route["metadata"]["name"]


@pytest.mark.parametrize("name", NAMES)
def test_service_monitors_scrape_a_metrics_port_that_exists(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    for monitor in rendering.of_kind("ServiceMonitor"):
        selected = [
            s
            for s in rendering.of_kind("Service")
            if selects(monitor["spec"]["selector"]["matchLabels"], s["metadata"].get("labels", {}))
        ]
        ports = {p["name"] for s in selected for p in s["spec"]["ports"]}
        for endpoint in monitor["spec"]["endpoints"]:
            assert endpoint["port"] in ports, f"{name}: ServiceMonitor {monitor['metadata']['name']}"
