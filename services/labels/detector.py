"""COCO MobileNetV3-CenterNet (converted from TF.js by model_repository/convert/coco_centernet.py).

Pre-process: the whole image stretched to 512x512 RGB (as the original TF.js pipeline does),
sent as UINT8 NHWC. The graph decodes its own heatmap: [100, 6] rows of x1, y1, x2, y2 (input
pixels), score 0–1, class 0–79, best first.

Post-process here: drop rows below the score floor, merge same-class duplicates (greedy NMS),
map boxes to ratios of the image, and turn the peak score into a confidence.

Confidence = 100 * sqrt(score). CenterNet's heatmap peaks run low (true objects often score
0.3–0.6, where the classifier's softmax gives 0.9 for a clear image), so the raw score would
put most correct boxes under Rekognition's default min_confidence of 55. The square root is
a fixed, monotone rescaling (0.25 → 50, 0.36 → 60, 0.64 → 80) chosen before measuring; its
effect on precision and recall at the default threshold is measured in docs/labels.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np
from numpy.typing import NDArray

INPUT_NAME: Final = "image"
OUTPUT_NAME: Final = "detections"
SIZE: Final = 512
TOP_K: Final = 100


@dataclass(frozen=True)
class Detection:
    class_index: int  # 0–79, COCO order
    score: float  # CenterNet peak, 0–1
    box: tuple[float, float, float, float]  # left, top, width, height as ratios of the image
    # Probability (0–1) the classifier gave this class on the box's crop; 0 when not checked.
    support: float = 0.0

    @property
    def confidence(self) -> float:
        """a = sqrt(score), raised by the classifier's support s on the crop: a + (1 - a) * a * s.

        The crop can confirm *what* the detector found, not *that* it found something: support
        counts in proportion to the detector's own confidence, so a weak peak (a = 0.32) with
        a 99 % crop rises to 0.53, a solid one (a = 0.69) to 0.90 (docs/labels.md)."""
        alone = score_to_confidence(self.score) / 100.0
        return 100.0 * (alone + (1.0 - alone) * alone * self.support)


def score_to_confidence(score: float) -> float:
    return 100.0 * float(np.sqrt(max(0.0, min(1.0, score))))


def preprocess(image_bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """[512, 512, 3] UINT8 RGB, the image stretched (aspect ratio not kept, as trained)."""
    height, width = image_bgr.shape[:2]
    interpolation = cv2.INTER_AREA if max(height, width) > SIZE else cv2.INTER_LINEAR
    resized = cv2.resize(image_bgr, (SIZE, SIZE), interpolation=interpolation)
    return np.ascontiguousarray(resized[:, :, ::-1])


def crop_box(detection: Detection, width: int, height: int, margin: float = 0.1) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 in pixels: the box grown by ``margin`` of its size on each side, clipped."""
    left, top, w, h = detection.box
    x0 = max(0, int((left - margin * w) * width))
    y0 = max(0, int((top - margin * h) * height))
    x1 = min(width, int(np.ceil((left + w + margin * w) * width)))
    y1 = min(height, int(np.ceil((top + h + margin * h) * height)))
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def iou(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    """IoU of box a [4] (x1, y1, x2, y2) with each row of b [n, 4]."""
    x1 = np.maximum(a[0], b[:, 0])
    y1 = np.maximum(a[1], b[:, 1])
    x2 = np.minimum(a[2], b[:, 2])
    y2 = np.minimum(a[3], b[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = max(0.0, float(a[2] - a[0])) * max(0.0, float(a[3] - a[1]))
    area_b = np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)
    union = area_a + area_b - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0).astype(np.float32)


def suppress_duplicates(detections: list[Detection], nms_iou: float) -> list[Detection]:
    """Greedy same-class NMS on final detections (after relabelling), most confident first."""
    ordered = sorted(detections, key=lambda d: -d.confidence)
    kept: list[Detection] = []
    for d in ordered:
        box = np.array([d.box[0], d.box[1], d.box[0] + d.box[2], d.box[1] + d.box[3]], np.float32)
        same = [k for k in kept if k.class_index == d.class_index]
        if same:
            others = np.array(
                [[k.box[0], k.box[1], k.box[0] + k.box[2], k.box[1] + k.box[3]] for k in same], np.float32
            )
            if float(iou(box, others).max()) > nms_iou:
                continue
        kept.append(d)
    return kept


def decode(rows: NDArray[np.float32], *, min_score: float, nms_iou: float) -> list[Detection]:
    """Detections from the graph's [100, 6] output, best first, same-class duplicates merged."""
    rows = rows[rows[:, 4] >= min_score]
    rows = rows[np.argsort(-rows[:, 4], kind="stable")]
    kept: list[NDArray[np.float32]] = []
    for row in rows:
        same = [k for k in kept if k[5] == row[5]]
        if same and float(iou(row[:4], np.stack(same)[:, :4]).max()) > nms_iou:
            continue
        kept.append(row)
    out = []
    for row in kept:
        x1, y1, x2, y2 = (float(v) / SIZE for v in row[:4])
        out.append(Detection(int(row[5]), float(row[4]), (x1, y1, x2 - x1, y2 - y1)))
    return out
