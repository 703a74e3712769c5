"""One-time conversion: nsfwjs MobileNetV2 "mid" (5 classes) from TF.js graph model → ONNX.

Not run by `make setup`; its output, model_repository/converted/moderation_nsfwjs.onnx, is
committed and build.py copies it from there. Runs in its own throw-away environment:

    python3.11 -m venv /tmp/nsfwjs-tf
    /tmp/nsfwjs-tf/bin/pip install tensorflow-cpu==2.21.0 tf2onnx==1.17.0 onnx==1.23.2 \
        onnxruntime==1.31.1 numpy==2.4.6 protobuf==7.36.2
    npm pack nsfwjs@4.4.0 && mkdir npm && tar xzf nsfwjs-4.4.0.tgz -C npm
    # optional, for parity against the original runtime (TF.js, pure-JS CPU backend):
    (mkdir /tmp/nsfwjs-tfjs && cd /tmp/nsfwjs-tfjs && npm install @tensorflow/tfjs@4.22.0)
    /tmp/nsfwjs-tf/bin/python model_repository/convert/nsfwjs_mobilenet_v2.py --package npm/package \
        --tfjs-dir /tmp/nsfwjs-tfjs

Source: npm nsfwjs@4.4.0 (MIT, (c) 2019 Infinite Red, Inc.), dist/models/mobilenet_v2_mid/:
model.min.js and group1-shard{1,2}of2.min.js are browserify bundles whose export is the
model.json object and the weight shards as base64 strings; `node -e "require(...)"` yields
them. A TF.js graph model (converter 1.7.4): a TF-Hub MobileNetV2 feature vector plus a dense
softmax layer, weights uint8-quantised (dequantised by tf2onnx's reader), input `input:0`
[N, 224, 224, 3] RGB 0–1, output `Identity:0` [N, 5] softmax over the classes of nsfwjs's
nsfw_classes.js: 0 Drawing, 1 Hentai, 2 Neutral, 3 Porn, 4 Sexy.

What this script does:
1. Extract model.json and the two weight shards with node (base64 → bytes), after checking the
   sha256 of the three .min.js files.
2. Add the `TArgs` attribute ([T] * num_args) to the fused ops, which tf2onnx's TF.js reader
   needs (../shared/MODELS.md, as for the COCO detector); tf2onnx --tfjs (np.product, gone in
   numpy 2, aliased to np.prod).
3. Make it servable by Triton with batching: input `image` UINT8 [N, 224, 224, 3] RGB (cast and
   divided by 255 inside the graph, as nsfwjs divides before the network), output
   `probabilities` FP32 [N, 5], batch dimension symbolic.
4. Parity, printed: batch of 3 vs 3 single runs; with --tfjs-dir, the original model.json on
   TF.js fed the same pixels / 255; and the whole nsfwjs package (`load("MobileNetV2Mid")`,
   `classify` on a 300x417 image it resizes itself) against this graph fed by the service's
   own pre-processing (services/moderation/nsfwjs_input.py: align-corners bilinear to 224,
   rounded to UINT8).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

np.product = np.prod  # type: ignore[attr-defined]  # tf2onnx 1.17 still calls it

import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from services.moderation.nsfwjs_input import preprocess  # noqa: E402  # numpy only

MODEL_DIR = "dist/models/mobilenet_v2_mid"
SOURCES = {  # file -> sha256 of the npm package's member
    "model.min.js": "a7a9e701491e2449b221dab7c424957f853e700602b5575da33cfd745616f964",
    "group1-shard1of2.min.js": "f2e79a209e44d668220ec5f1533a98f2be954e3953685bf074d201b82fefc29a",
    "group1-shard2of2.min.js": "f291df992a0131741372506a6072fb9f1645bff7c973c983fd6276f5f9625d5e",
}
OUT = Path(__file__).resolve().parent.parent / "converted" / "moderation_nsfwjs.onnx"
SIZE = 224
CLASSES = ("Drawing", "Hentai", "Neutral", "Porn", "Sexy")
TF_INPUT, TF_OUTPUT = "input:0", "Identity:0"
FUSED = {"_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extract(package: Path, target: Path) -> Path:
    """Write model.json (with the TArgs fix) and the decoded shards under ``target``."""
    folder = package / MODEL_DIR
    script = f"""
const fs = require('fs'), path = require('path');
const dir = {json.dumps(str(folder))}, out = {json.dumps(str(target))};
const model = require(path.join(dir, 'model.min.js'));
fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
for (const name of model.weightsManifest[0].paths) {{
  fs.writeFileSync(path.join(out, name), Buffer.from(require(path.join(dir, name + '.min.js')), 'base64'));
}}
"""
    subprocess.run(["node", "-e", script], check=True)
    model_json = target / "model.json"
    model = json.loads(model_json.read_text())
    fixed = 0
    for node in model["modelTopology"]["node"]:
        attr = node.setdefault("attr", {})
        if node["op"] in FUSED and "TArgs" not in attr:
            count = int(attr.get("num_args", {}).get("i", "0"))
            attr["TArgs"] = {"list": {"type": [attr["T"]["type"]] * count}}
            fixed += 1
    model_json.write_text(json.dumps(model))
    shards = {p: (target / p).stat().st_size for p in model["weightsManifest"][0]["paths"]}
    print(f"extracted model.json and shards {shards}; TArgs added on {fixed} fused ops")
    return model_json


def tf2onnx_convert(model_json: Path, out: Path) -> None:
    # In-process so the np.product alias above applies.
    from tf2onnx import convert

    argv = sys.argv
    sys.argv = ["tf2onnx.convert", "--tfjs", str(model_json), "--output", str(out), "--opset", "17"]
    try:
        convert.main()
    finally:
        sys.argv = argv


def rebuild(raw: onnx.ModelProto) -> onnx.ModelProto:
    """UINT8 input `image` (÷255 in the graph), output `probabilities`, batch symbolic."""
    graph = raw.graph
    (tf_input,) = [i for i in graph.input if i.name == TF_INPUT]
    image = helper.make_tensor_value_info("image", TensorProto.UINT8, ["batch", SIZE, SIZE, 3])
    scale = numpy_helper.from_array(np.array(255.0, np.float32), name="image__255")
    head = [
        helper.make_node("Cast", ["image"], ["image__float"], to=TensorProto.FLOAT, name="image__cast"),
        helper.make_node("Div", ["image__float", "image__255"], [tf_input.name], name="image__scale"),
    ]
    tail = [helper.make_node("Identity", [TF_OUTPUT], ["probabilities"], name="probabilities__out")]
    output = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", len(CLASSES)])
    # A Reshape with a constant batch of 1 would pin the batch; this graph has none (checked).
    consts = {init.name: init for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Reshape" and node.input[1] in consts:
            target = numpy_helper.to_array(consts[node.input[1]])
            if target.ndim == 1 and target.size and target[0] == 1:
                raise SystemExit(f"Reshape {node.name} hard-codes batch 1: rewrite it before batching")
    new_graph = helper.make_graph(
        head + list(graph.node) + tail,
        "moderation_nsfwjs",
        [image],
        [output],
        initializer=[*graph.initializer, scale],
    )
    model = helper.make_model(new_graph, opset_imports=list(raw.opset_import))
    model.ir_version = raw.ir_version
    model.producer_name = "facet model_repository/convert/nsfwjs_mobilenet_v2.py"
    model.doc_string = (
        "nsfwjs MobileNetV2 mid (classes Drawing, Hentai, Neutral, Porn, Sexy) from npm nsfwjs@4.4.0 "
        "(MIT, (c) 2019 Infinite Red, Inc.), converted with tf2onnx 1.17.0"
    )
    helper.set_model_props(model, {"classes": ",".join(CLASSES), "licence": "MIT (c) 2019 Infinite Red, Inc."})
    onnx.checker.check_model(model, full_check=True)
    return model


def sample_images() -> np.ndarray:
    """Three deterministic 224x224 RGB test images: a gradient, a drawn figure, coarse noise."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    a = np.stack([xx, yy, (xx + yy) // 2], -1)
    b = np.zeros((SIZE, SIZE, 3), np.int64) + 235
    b[40:180, 70:150] = (225, 170, 140)  # a skin-toned block on white, like a flat drawing
    b[60:90, 90:130] = (30, 30, 30)
    rng = np.random.default_rng(0)
    c = rng.integers(0, 256, (SIZE // 14, SIZE // 14, 3)).repeat(14, 0).repeat(14, 1)
    return np.stack([a, b, c]).astype(np.uint8)


def run_node(script: str, tfjs_dir: Path) -> None:
    env_path = str(tfjs_dir / "node_modules")
    subprocess.run(["node", "-e", script], check=True, env={"NODE_PATH": env_path, "PATH": "/usr/bin:/bin"})


def tfjs_graph_model(model_dir: Path, tfjs_dir: Path, pixels: np.ndarray) -> np.ndarray:
    """The ORIGINAL model.json on TF.js (CPU backend), fed pixels / 255 like nsfwjs does."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "input.bin").write_bytes(pixels.astype(np.uint8).tobytes())
        run_node(
            f"""
const tf = require('@tensorflow/tfjs'); const fs = require('fs'); const path = require('path');
(async () => {{
  await tf.setBackend('cpu');
  const dir = {json.dumps(str(model_dir))};
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json')));
  const bins = json.weightsManifest[0].paths.map(p => fs.readFileSync(path.join(dir, p)));
  const all = Buffer.concat(bins);
  const handler = tf.io.fromMemory({{modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)}});
  const model = await tf.loadGraphModel(handler);
  const raw = fs.readFileSync({json.dumps(str(work / "input.bin"))});
  const x = tf.tensor(new Uint8Array(raw), [{len(pixels)}, {SIZE}, {SIZE}, 3], 'int32').toFloat().div(255);
  const y = model.predict(x);
  fs.writeFileSync({json.dumps(str(work / "out.bin"))}, Buffer.from((await y.data()).buffer));
}})();
""",
            tfjs_dir,
        )
        return np.frombuffer((work / "out.bin").read_bytes(), np.float32).reshape(len(pixels), len(CLASSES))


def nsfwjs_classify(package: Path, tfjs_dir: Path, rgb: np.ndarray) -> np.ndarray:
    """The whole nsfwjs package (its own resize and scaling) on one RGB image of any size."""
    height, width = rgb.shape[:2]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "input.bin").write_bytes(np.ascontiguousarray(rgb, np.uint8).tobytes())
        run_node(
            f"""
const tf = require('@tensorflow/tfjs'); const fs = require('fs');
const nsfwjs = require({json.dumps(str(package / "dist" / "cjs" / "index.js"))});
(async () => {{
  await tf.setBackend('cpu');
  const model = await nsfwjs.load('MobileNetV2Mid');
  const raw = fs.readFileSync({json.dumps(str(work / "input.bin"))});
  const img = tf.tensor3d(new Uint8Array(raw), [{height}, {width}, 3], 'int32');
  const found = await model.classify(img, 5);
  fs.writeFileSync({json.dumps(str(work / "out.json"))}, JSON.stringify(found));
}})();
""",
            tfjs_dir,
        )
        found = {c["className"]: c["probability"] for c in json.loads((work / "out.json").read_text())}
        return np.array([found[name] for name in CLASSES], np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, required=True, help="the unpacked npm package/ folder")
    parser.add_argument("--tfjs-dir", type=Path, help="folder with node_modules/@tensorflow/tfjs (parity)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    for name, want in SOURCES.items():
        path = args.package / MODEL_DIR / name
        if sha256(path) != want:
            raise SystemExit(f"{path}: sha256 {sha256(path)}, expected {want}")
    print(f"source sha256 ok ({', '.join(SOURCES)})")

    with tempfile.TemporaryDirectory() as tmp:
        model_json = extract(args.package, Path(tmp))
        raw_path = Path(tmp) / "raw.onnx"
        tf2onnx_convert(model_json, raw_path)
        model = rebuild(onnx.load(str(raw_path)))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        onnx.save(model, str(args.out))

        pixels = sample_images()
        session = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
        batched = session.run(["probabilities"], {"image": pixels})[0]
        singles = np.concatenate([session.run(["probabilities"], {"image": pixels[i : i + 1]})[0] for i in range(3)])
        for i, row in enumerate(singles):
            print(f"image {i}: " + ", ".join(f"{c} {p:.3f}" for c, p in zip(CLASSES, row, strict=True)))
        print(f"parity: batch of {len(pixels)} vs single runs, max abs diff = {np.abs(batched - singles).max():.3e}")

        if args.tfjs_dir:
            reference = tfjs_graph_model(Path(tmp), args.tfjs_dir, pixels)
            print(f"parity vs TF.js (original model.json, same pixels / 255): max abs diff = "
                  f"{np.abs(singles - reference).max():.3e}")  # fmt: skip
            # A non-square image the package resizes itself, against the service's pre-processing.
            yy, xx = np.mgrid[0:417, 0:300]
            odd = np.stack([(xx * 7 + yy) % 256, (yy * 3) % 256, (xx * yy // 50) % 256], -1).astype(np.uint8)
            odd[100:300, 80:220] = (210, 160, 130)
            package = nsfwjs_classify(args.package, args.tfjs_dir, odd)
            bgr = np.ascontiguousarray(odd[:, :, ::-1])
            mine = session.run(["probabilities"], {"image": preprocess(bgr)[None]})[0][0]
            print(
                "nsfwjs.classify (300x417): " + ", ".join(f"{c} {p:.4f}" for c, p in zip(CLASSES, package, strict=True))
            )
            print(f"parity vs the nsfwjs package end to end (its resize + scaling vs nsfwjs_input.preprocess "
                  f"+ this graph): max abs diff = {np.abs(mine - package).max():.3e}")  # fmt: skip
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) sha256 {digest}")


if __name__ == "__main__":
    main()
