"""What each overlay and component changes, checked on its rendering."""

from __future__ import annotations

from tests.deploy.conftest import Rendering, containers


def test_gpu_overlay_gives_triton_one_gpu_and_the_gpu_model_configs(by_name: dict[str, Rendering]) -> None:
    triton = by_name["gpu"].get("Deployment", "triton")
    (container,) = containers(triton)
    assert container["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert container["resources"]["requests"]["nvidia.com/gpu"] == 1
    assert "--model-config-name=gpu" in container["command"]
    (init,) = triton["spec"]["template"]["spec"]["initContainers"]
    shared = {m["name"] for m in init["volumeMounts"]} & {m["name"] for m in container["volumeMounts"]}
    assert shared, "the init container copies the models into a volume Triton reads"
    hpa = by_name["gpu"].get("HorizontalPodAutoscaler", "triton")
    assert hpa["spec"]["metrics"][0]["pods"]["metric"]["name"] == "triton_queue_time_us_per_request"


def test_cpu_and_dev_overlays_request_no_gpu(by_name: dict[str, Rendering]) -> None:
    for name in ("cpu", "dev"):
        for workload in by_name[name].workloads():
            for container in containers(workload, init=True):
                assert "nvidia.com/gpu" not in str(container.get("resources")), (
                    f"{name}: {workload['metadata']['name']}"
                )


def test_embedded_store_is_one_replica_on_a_volume(by_name: dict[str, Rendering]) -> None:
    collection = by_name["cpu"].get("StatefulSet", "collection")
    assert collection["spec"]["replicas"] == 1
    assert collection["spec"]["volumeClaimTemplates"][0]["metadata"]["name"] == "state"
    assert by_name["cpu"].config()["FACET_COLLECTION_STORE"] == "embedded"
    assert "collection" not in {
        h["spec"]["scaleTargetRef"]["name"] for h in by_name["cpu"].of_kind("HorizontalPodAutoscaler")
    }


def test_milvus_component_turns_the_collection_service_into_a_scaled_deployment(by_name: dict[str, Rendering]) -> None:
    rendering = by_name["cpu+milvus"]
    assert not rendering.of_kind("StatefulSet")
    collection = rendering.get("Deployment", "collection")
    assert collection["spec"]["replicas"] >= 2
    assert rendering.get("HorizontalPodAutoscaler", "collection")["spec"]["scaleTargetRef"]["kind"] == "Deployment"
    config = rendering.config()
    assert config["FACET_COLLECTION_STORE"] == "milvus"
    assert config["FACET_MILVUS_URI"].startswith("http://")


def test_dev_overlay_runs_one_pod_each_without_keys(by_name: dict[str, Rendering]) -> None:
    rendering = by_name["dev"]
    assert all(w["spec"]["replicas"] == 1 for w in rendering.workloads())
    assert not rendering.of_kind("HorizontalPodAutoscaler") and not rendering.of_kind("PodDisruptionBudget")
    gateway = next(c for c in containers(rendering.get("Deployment", "gateway")) if c["name"] == "gateway")
    env = {e["name"]: e.get("value") for e in gateway["env"]}
    assert env["FACET_ALLOW_UNAUTHENTICATED"] == "true" and "FACET_API_KEYS_FILE" not in env


def test_production_gateway_reads_keys_from_the_secret_and_tls_from_cert_manager_names(
    by_name: dict[str, Rendering],
) -> None:
    for name, tls in (("cpu", False), ("cpu+gateway-tls", True)):
        deployment = by_name[name].get("Deployment", "gateway")
        gateway = next(c for c in containers(deployment) if c["name"] == "gateway")
        env = {e["name"]: e.get("value") for e in gateway["env"]}
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in gateway["volumeMounts"]}
        keys_dir = env["FACET_API_KEYS_FILE"].rsplit("/", 1)[0]
        assert volumes[mounts[keys_dir]]["secret"]["secretName"] == "facet-api-keys"
        assert "FACET_ALLOW_UNAUTHENTICATED" not in env
        if tls:
            assert [
                env[k].rsplit("/", 1)[1]
                for k in ("FACET_TLS_CERT_FILE", "FACET_TLS_KEY_FILE", "FACET_TLS_CLIENT_CA_FILE")
            ] == [
                "tls.crt",
                "tls.key",
                "ca.crt",
            ]


def test_network_policies_deny_by_default_and_open_services_to_the_gateway_only(by_name: dict[str, Rendering]) -> None:
    policies = {p["metadata"]["name"]: p for p in by_name["cpu"].of_kind("NetworkPolicy")}
    assert policies["default-deny-ingress"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    (rule,) = policies["services-from-gateway"]["spec"]["ingress"]
    assert rule["from"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/component": "gateway"}}}]
    (rule,) = policies["triton-from-services"]["spec"]["ingress"]
    assert rule["from"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/component": "service"}}}]
