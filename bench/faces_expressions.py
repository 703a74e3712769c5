"""Eyes/mouth geometry and smile on unlabelled faces: how the thresholds split a real population.

    .venv/bin/python -m bench.faces_expressions --eval-dir ../shared/eval [--limit 600]

No data set here labels eyes open, mouth open or smile (../shared/eval has LFW, UTKFace, ORL,
WebFaces, CompreFace, face masks: none carries those labels; ORL's README says its faces vary in
eyes open/closed and smiling, but per-image labels are absent). What can be measured is the
distribution of the mesh ratios on the largest face of LFW View 1 images, a population of
press photos where open eyes are the overwhelming majority: the share of faces a threshold
calls closed is an upper bound on its false "closed" rate there. Runs the same code and ONNX
as the service, in-process (onnxruntime), no Triton.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from services.common.onnx_session import OnnxSession
from services.faces import detector, expressions, face_attributes, mesh


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--limit", type=int, default=600, help="images, in sorted path order")
    args = parser.parse_args()
    files = sorted((args.eval_dir / "lfw_view1" / "images").rglob("*.jpg"))[: args.limit]
    if not files:
        raise SystemExit(f"no LFW images under {args.eval_dir / 'lfw_view1' / 'images'}")
    session = OnnxSession(["face_detector", "face_attributes"])
    eyes, mouths, happy = [], [], []
    for path in files:
        image = np.asarray(cv2.imread(str(path)), np.uint8)
        tensor, transform = detector.letterbox(image)
        outputs = session.run("face_detector", {detector.INPUT_NAME: tensor[None]}, detector.OUTPUT_NAMES)
        found = detector.decode({k: v[0] for k, v in outputs.items()}, transform)
        if len(found) == 0:
            continue
        largest = int(np.argmax([b[2] * b[3] for b in found.boxes]))
        x, y, w, h = (float(v) for v in found.boxes[largest])
        box = (x, y, w, h)
        inputs, matrices = face_attributes.ensemble_inputs(image, [box], found.landmarks[largest : largest + 1])
        result = session.run("face_attributes", inputs, face_attributes.OUTPUT_NAMES)
        points = mesh.decode_mesh(result["mesh"], result["face_logit"], matrices)[0].points
        eyes.append(expressions.eye_ratio(points))
        mouths.append(expressions.mouth_ratio(points))
        happy.append(float(result["emotion_probs"][0, 3]))
    eye, mouth, smile = np.array(eyes), np.array(mouths), np.array(happy)
    quantiles = (0.01, 0.05, 0.25, 0.5, 0.75, 0.95)
    print(f"LFW View 1: {len(eye)} faces (largest per image) of {len(files)} images")
    print("eye ratio   " + "  ".join(f"p{q * 100:g}={np.quantile(eye, q):.3f}" for q in quantiles))
    print("mouth ratio " + "  ".join(f"p{q * 100:g}={np.quantile(mouth, q):.3f}" for q in quantiles))
    print(f"called eyes closed at {expressions.EYES_OPEN_RATIO}: {np.mean(eye <= expressions.EYES_OPEN_RATIO):.1%}")
    print(f"called mouth open at {expressions.MOUTH_OPEN_RATIO}: {np.mean(mouth > expressions.MOUTH_OPEN_RATIO):.1%}")
    print(
        f"called smiling (HAPPY > {expressions.SMILE_PROBABILITY}): "
        f"{np.mean(smile > expressions.SMILE_PROBABILITY):.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
