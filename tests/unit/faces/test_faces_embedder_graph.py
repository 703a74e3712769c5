"""model_repository/build.py `prelu_as_relu_mix`: PRelu rewritten as a*x + (1-a)*Relu(x) computes
the same function (slopes below 0 and above 1 included) and leaves no PRelu behind."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "model_repository"))
import build  # sibling script of the model repository, not a package

SLOPES = np.array([-0.8, 0.0, 0.25, 1.0, 1.12], np.float32).reshape(5, 1, 1)  # SFace's span: -0.81 .. 1.12


def conv_prelu(slope_from_node: bool = False) -> onnx.ModelProto:
    weight = numpy_helper.from_array(np.random.default_rng(1).normal(size=(5, 3, 3, 3)).astype(np.float32), "w")
    initializers = [weight, numpy_helper.from_array(SLOPES, "slope")]
    nodes = [helper.make_node("Conv", ["input", "w"], ["conv"], pads=[1, 1, 1, 1])]
    slope = "slope"
    if slope_from_node:  # a slope computed at run time cannot be folded into constants
        nodes.append(helper.make_node("Identity", ["slope"], ["slope_copy"]))
        slope = "slope_copy"
    nodes += [
        helper.make_node("PRelu", ["conv", slope], ["act"]),
        helper.make_node("PRelu", ["act", "slope"], ["out"]),  # two in a row: names must not clash
    ]
    graph = helper.make_graph(
        nodes,
        "conv_prelu",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3, 16, 16])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", 5, 16, 16])],
        initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    (out,) = session.run(["out"], {"input": x})
    return np.asarray(out)


def test_rewritten_graph_computes_the_same_function() -> None:
    x = np.random.default_rng(0).normal(scale=3.0, size=(2, 3, 16, 16)).astype(np.float32)
    expected = run(conv_prelu(), x)
    rewritten = build.prelu_as_relu_mix(conv_prelu())
    onnx.checker.check_model(rewritten)
    assert not [n for n in rewritten.graph.node if n.op_type == "PRelu"]
    assert (expected < 0).any() and (expected > 0).any()  # both branches exercised
    np.testing.assert_allclose(run(rewritten, x), expected, rtol=1e-5, atol=1e-5)


def test_a_slope_that_is_not_a_constant_is_refused() -> None:
    with pytest.raises(build.BuildError, match="not a constant"):
        build.prelu_as_relu_mix(conv_prelu(slope_from_node=True))
