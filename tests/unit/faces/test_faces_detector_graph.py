"""model_repository/build.py `dynamic_spatial`: a graph fixed at one size runs at any size after it.

A miniature of YuNet's shape handling (a strided conv, a 2x Resize by scales, a Reshape to
[0, -1, C]) exported at 32x32, transformed, then run by onnxruntime at other sizes.
"""

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


def tiny_graph(resize_by_sizes: bool = False) -> onnx.ModelProto:
    weight = numpy_helper.from_array(np.ones((2, 3, 2, 2), np.float32), "w")
    shape = numpy_helper.from_array(np.array([0, -1, 2], np.int64), "shape")
    roi = numpy_helper.from_array(np.zeros((0,), np.float32), "roi")
    scales = numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales")
    sizes = numpy_helper.from_array(np.array([1, 2, 32, 32], np.int64), "sizes")
    empty = numpy_helper.from_array(np.zeros((0,), np.float32), "no_scales")
    resize_inputs = ["conv", "roi", "no_scales", "sizes"] if resize_by_sizes else ["conv", "roi", "scales"]
    nodes = [
        helper.make_node("Conv", ["input", "w"], ["conv"], strides=[2, 2]),
        helper.make_node("Resize", resize_inputs, ["up"], mode="nearest"),
        helper.make_node("Transpose", ["up"], ["nhwc"], perm=[0, 2, 3, 1]),
        helper.make_node("Reshape", ["nhwc", "shape"], ["cells"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3, 32, 32])],
        [helper.make_tensor_value_info("cells", TensorProto.FLOAT, ["batch", 1024, 2])],
        [weight, shape, roi, scales, sizes, empty],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def test_input_height_width_and_output_cells_become_symbolic() -> None:
    model = build.dynamic_spatial(tiny_graph())
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert [d.dim_param or d.dim_value for d in dims] == ["batch", 3, "height", "width"]
    out = model.graph.output[0].type.tensor_type.shape.dim
    assert [d.dim_param or d.dim_value for d in out] == ["batch", "cells_cells", 2]


@pytest.mark.parametrize(("height", "width"), [(32, 32), (64, 96), (96, 32)])
def test_transformed_graph_runs_at_other_sizes(height: int, width: int) -> None:
    model = build.dynamic_spatial(tiny_graph())
    onnx.checker.check_model(model)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    image = np.random.default_rng(0).random((2, 3, height, width), np.float32)
    (cells,) = session.run(["cells"], {"input": image})
    # Conv stride 2 then 2x upsampling: one row per input pixel, 2 channels.
    assert cells.shape == (2, height * width, 2)
    # Each output cell is the 2x2x3 sum of its stride-2 block (all-ones kernel).
    block = image[:, :, :2, :2].sum(axis=(1, 2, 3))
    np.testing.assert_allclose(cells[:, 0, 0], block, rtol=1e-5)


def test_a_resize_to_constant_sizes_is_refused() -> None:
    with pytest.raises(build.BuildError, match="constant sizes"):
        build.dynamic_spatial(tiny_graph(resize_by_sizes=True))
