"""Project rules every workload of every rendering follows (probes, resources, security, budgets)."""

from __future__ import annotations

import pytest

from scripts.deploy_check import NAMESPACE, variants
from tests.deploy.conftest import Rendering, containers, selects

NAMES = [v.name for v in variants()]
WRITABLE_PATHS = {"/tmp", "/var/lib/facet", "/dev/shm", "/model-repository"}


@pytest.mark.parametrize("name", NAMES)
def test_every_container_has_probes_requests_and_a_memory_limit(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    assert rendering.workloads()
    for workload in rendering.workloads():
        for container in containers(workload, init=True):
            where = f"{name}: {workload['metadata']['name']}/{container['name']}"
            resources = container.get("resources", {})
            assert {"cpu", "memory"} <= set(resources.get("requests", {})), f"{where}: cpu and memory requests"
            assert "memory" in resources.get("limits", {}), f"{where}: memory limit"
        for container in containers(workload):
            where = f"{name}: {workload['metadata']['name']}/{container['name']}"
            assert "readinessProbe" in container and "livenessProbe" in container, f"{where}: probes"


@pytest.mark.parametrize("name", NAMES)
def test_every_pod_runs_restricted(by_name: dict[str, Rendering], name: str) -> None:
    for workload in by_name[name].workloads():
        pod = workload["spec"]["template"]["spec"]
        where = f"{name}: {workload['metadata']['name']}"
        assert pod["securityContext"]["runAsNonRoot"] is True, where
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", where
        assert pod.get("automountServiceAccountToken") is False, where
        for container in containers(workload, init=True):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, f"{where}/{container['name']}"
            assert context["allowPrivilegeEscalation"] is False, f"{where}/{container['name']}"
            assert context["capabilities"]["drop"] == ["ALL"], f"{where}/{container['name']}"


@pytest.mark.parametrize("name", NAMES)
def test_writable_volumes_are_only_state_tmp_and_shm(by_name: dict[str, Rendering], name: str) -> None:
    for workload in by_name[name].workloads():
        pod = workload["spec"]["template"]["spec"]
        claims = {t["metadata"]["name"] for t in workload["spec"].get("volumeClaimTemplates", [])}
        kinds = {v["name"]: v for v in pod.get("volumes", [])}
        for container in containers(workload, init=True):
            for mount in container.get("volumeMounts", []):
                if mount.get("readOnly"):
                    continue
                where = f"{name}: {workload['metadata']['name']}/{container['name']} {mount['mountPath']}"
                assert mount["mountPath"] in WRITABLE_PATHS, f"{where}: writable outside state, /tmp and /dev/shm"
                assert mount["name"] in claims or "emptyDir" in kinds[mount["name"]], f"{where}: emptyDir or PVC"


@pytest.mark.parametrize("name", NAMES)
def test_grace_period_exceeds_the_shutdown_grace(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    grace = float(rendering.config()["FACET_SHUTDOWN_GRACE_S"])
    for workload in rendering.workloads():
        assert workload["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > grace


@pytest.mark.parametrize("name", NAMES)
def test_services_are_ready_by_native_grpc_health_on_their_grpc_port(by_name: dict[str, Rendering], name: str) -> None:
    services = [
        w for w in by_name[name].workloads() if w["metadata"]["labels"]["app.kubernetes.io/component"] == "service"
    ]
    assert {w["metadata"]["name"] for w in services} == {"faces", "labels", "text", "moderation", "collection"}
    for workload in services:
        (container,) = containers(workload)
        grpc_port = next(p["containerPort"] for p in container["ports"] if p["name"] == "grpc")
        assert container["readinessProbe"]["grpc"]["port"] == grpc_port, workload["metadata"]["name"]


@pytest.mark.parametrize("name", NAMES)
def test_triton_has_http_probes_a_long_startup_probe_and_memory_backed_shm(
    by_name: dict[str, Rendering], name: str
) -> None:
    triton = by_name[name].get("Deployment", "triton")
    (container,) = containers(triton)
    assert container["readinessProbe"]["httpGet"]["path"] == "/v2/health/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/v2/health/live"
    startup = container["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300, "model loading may take minutes"
    shm = next(m for m in container["volumeMounts"] if m["mountPath"] == "/dev/shm")
    volume = next(v for v in triton["spec"]["template"]["spec"]["volumes"] if v["name"] == shm["name"])
    assert volume["emptyDir"]["medium"] == "Memory"


@pytest.mark.parametrize("name", NAMES)
def test_every_replicated_workload_has_a_budget(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    scaled = {h["spec"]["scaleTargetRef"]["name"] for h in rendering.of_kind("HorizontalPodAutoscaler")}
    budgets = rendering.of_kind("PodDisruptionBudget")
    for workload in rendering.workloads():
        name_ = workload["metadata"]["name"]
        if workload["spec"].get("replicas", 1) < 2 and name_ not in scaled:
            continue
        labels = workload["spec"]["template"]["metadata"]["labels"]
        assert any(selects(b["spec"]["selector"]["matchLabels"], labels) for b in budgets), f"{name}: {name_}"


@pytest.mark.parametrize("name", NAMES)
def test_autoscalers_and_budgets_point_at_workloads_that_exist(by_name: dict[str, Rendering], name: str) -> None:
    rendering = by_name[name]
    workloads = {(w["kind"], w["metadata"]["name"]) for w in rendering.workloads()}
    for hpa in rendering.of_kind("HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) in workloads, f"{name}: HPA {hpa['metadata']['name']}"
    pods = [w["spec"]["template"]["metadata"]["labels"] for w in rendering.workloads()]
    for budget in rendering.of_kind("PodDisruptionBudget"):
        assert any(selects(budget["spec"]["selector"]["matchLabels"], p) for p in pods), budget["metadata"]["name"]


@pytest.mark.parametrize("name", NAMES)
def test_everything_lands_in_the_facet_namespace(by_name: dict[str, Rendering], name: str) -> None:
    for doc in by_name[name].docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == NAMESPACE, f"{name}: {doc['kind']}/{doc['metadata']['name']}"
