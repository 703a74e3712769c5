"""The model-build pieces the moderation models need: the tensor rename and optional models."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

ROOT = Path(__file__).resolve().parents[3]


def _load_build():  # model_repository is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("facet_model_build", ROOT / "model_repository" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()


def tf_style_model() -> onnx.ModelProto:
    x = helper.make_tensor_value_info("input:0", TensorProto.FLOAT, ["n", 2])
    y = helper.make_tensor_value_info("outputs", TensorProto.FLOAT, ["n", 2])
    nodes = [helper.make_node("Relu", ["input:0"], ["r:0"]), helper.make_node("Neg", ["r:0"], ["outputs"])]
    graph = helper.make_graph(nodes, "g", [x], [y])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=9)


def test_strip_tf_port_suffix_renames_graph_inputs_and_keeps_the_computation() -> None:
    model = build.strip_tf_port_suffix(tf_style_model())
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["input"]
    assert [o.name for o in model.graph.output] == ["outputs"]
    assert model.graph.node[1].input[0] == "r:0"  # internal names are left alone
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.array([[-1.0, 2.0]], np.float32)
    np.testing.assert_array_equal(session.run(None, {"input": x})[0], [[-0.0, -2.0]])


def test_strip_tf_port_suffix_refuses_a_clash() -> None:
    model = tf_style_model()
    model.graph.node[0].output[0] = "input"
    model.graph.node[1].input[0] = "input"
    with pytest.raises(build.BuildError, match="already exist"):
        build.strip_tf_port_suffix(model)


def entry(env: str | None):
    return build.ModelEntry("opt_model", "p==1", "m", "0" * 64, (), None, enabled_by_env=env)


@pytest.mark.parametrize(("value", "enabled"), [("1", True), ("true", True), ("0", False), ("", False)])
def test_optional_model_follows_its_variable(monkeypatch: pytest.MonkeyPatch, value: str, enabled: bool) -> None:
    monkeypatch.setenv("FACET_TEST_OPTIONAL", value)
    assert entry("FACET_TEST_OPTIONAL").enabled is enabled
    assert entry(None).enabled is True


def test_optional_model_folder_appears_only_when_enabled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    models, optional = tmp_path / "models", tmp_path / "optional"
    (optional / "opt_model" / "configs").mkdir(parents=True)
    (optional / "opt_model" / "config.pbtxt").write_text('name: "opt_model"\n')
    (optional / "opt_model" / "configs" / "gpu.pbtxt").write_text('name: "opt_model"\n')
    monkeypatch.setattr(build, "MODELS_DIR", models)
    monkeypatch.setattr(build, "OPTIONAL_DIR", optional)
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)

    monkeypatch.setenv("FACET_TEST_OPTIONAL", "1")
    build.install_optional(entry("FACET_TEST_OPTIONAL"))
    assert (models / "opt_model" / "config.pbtxt").read_text() == 'name: "opt_model"\n'
    assert (models / "opt_model" / "configs" / "gpu.pbtxt").is_file()

    monkeypatch.delenv("FACET_TEST_OPTIONAL")
    build.install_optional(entry("FACET_TEST_OPTIONAL"))
    assert not (models / "opt_model").exists()


def test_the_manifest_marks_nudenet_optional_and_agpl() -> None:
    manifest = build.load_manifest()
    nudenet = next(e for e in manifest.models if e.name == "moderation_nudenet")
    nsfw = next(e for e in manifest.models if e.name == "moderation_nsfw")
    assert nudenet.enabled_by_env == "FACET_MODERATION_NUDENET"
    assert nsfw.enabled_by_env is None and nsfw.transforms == ("strip_tf_port_suffix",)
