"""Eyes open, mouth open and smile from the face mesh's geometry and the emotion network.

- Eyes open: each eye's lid gap (mesh 159-145, 386-374) over its width (33-133, 362-263),
  averaged over both eyes; open when above EYES_OPEN_RATIO.
- Mouth open: the inner-lip gap (13-14) over the mouth's width (61-291); open when above
  MOUTH_OPEN_RATIO.
- Smile: the emotion network's HAPPY probability (FER2013's "happy" is a smiling face); the
  mesh's mouth-corner lift was no better a separator on the faces we could check.

A ratio's confidence is a logistic of its distance from the threshold, 50 at the threshold and
about 95 one RATIO_SPREAD beyond it: a measure of how clear-cut the geometry is, not a
calibrated probability. Thresholds and how they were chosen: docs/faces.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

EYES_OPEN_RATIO: Final = 0.18
EYES_RATIO_SPREAD: Final = 0.05
MOUTH_OPEN_RATIO: Final = 0.10
MOUTH_RATIO_SPREAD: Final = 0.05
SMILE_PROBABILITY: Final = 0.5


@dataclass(frozen=True)
class BooleanEstimate:
    """A yes/no attribute and the confidence 0-100 of that value (>= 50)."""

    value: bool
    confidence: float


def _gap_ratio(xy: NDArray[np.float64], upper: int, lower: int, left: int, right: int) -> float:
    width = float(np.linalg.norm(xy[left] - xy[right]))
    return float(np.linalg.norm(xy[upper] - xy[lower])) / max(width, 1e-9)


def eye_ratio(points: NDArray[np.floating]) -> float:
    """Mean lid gap / eye width over both eyes (about 0.3 wide open, under 0.1 shut)."""
    xy = np.asarray(points, np.float64)[:, :2]
    return (_gap_ratio(xy, 159, 145, 33, 133) + _gap_ratio(xy, 386, 374, 362, 263)) / 2.0


def mouth_ratio(points: NDArray[np.floating]) -> float:
    """Inner-lip gap / mouth width (about 0 closed)."""
    xy = np.asarray(points, np.float64)[:, :2]
    return _gap_ratio(xy, 13, 14, 61, 291)


def threshold_estimate(value: float, threshold: float, spread: float) -> BooleanEstimate:
    """value > threshold, confidence 100·sigmoid(3·|value - threshold| / spread)."""
    margin = 3.0 * abs(value - threshold) / spread
    return BooleanEstimate(value > threshold, 100.0 / (1.0 + math.exp(-margin)))


def eyes_open(points: NDArray[np.floating]) -> BooleanEstimate:
    return threshold_estimate(eye_ratio(points), EYES_OPEN_RATIO, EYES_RATIO_SPREAD)


def mouth_open(points: NDArray[np.floating]) -> BooleanEstimate:
    return threshold_estimate(mouth_ratio(points), MOUTH_OPEN_RATIO, MOUTH_RATIO_SPREAD)


def smile(happy_probability: float) -> BooleanEstimate:
    """Smiling when the emotion network's HAPPY probability exceeds SMILE_PROBABILITY."""
    p = min(max(float(happy_probability), 0.0), 1.0)
    value = p > SMILE_PROBABILITY
    return BooleanEstimate(value, 100.0 * (p if value else 1.0 - p))
