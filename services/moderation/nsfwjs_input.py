"""nsfwjs's pre-processing, in numpy alone (the one-time conversion script imports it too, to
check it against the npm package itself running on TF.js).

What nsfwjs 4.4.0 does (dist/cjs/core.js, `NSFWJS.infer`): take the image's pixels as RGB
(`tf.browser.fromPixels`), divide by 255, and, unless it already is 224x224, stretch it to
224x224 with `tf.image.resizeBilinear(..., alignCorners = true)`: bilinear, aspect ratio not
kept, no antialiasing, the corner pixels of input and output aligned (output pixel i samples
input position i * (in - 1) / (224 - 1)). The network's first ops map 0-1 to -1..1 themselves.

Here the same interpolation runs on the 0-255 pixels (it is linear, so dividing before or after
is the same) and the result is rounded to UINT8, the converted graph's input type; the graph
divides by 255. The rounding (at most half a grey level) is the only difference from the
package: model_repository/convert/nsfwjs_mobilenet_v2.py prints its effect on the scores.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

SIZE: Final = 224


def _corner_aligned(count: int) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float32]]:
    """Source indices below/above each output position and the weight of the upper one."""
    if count == SIZE:
        position = np.arange(SIZE, dtype=np.float64)
    else:  # TF.js computes these positions in float64 (JavaScript numbers)
        position = np.arange(SIZE, dtype=np.float64) * ((count - 1) / (SIZE - 1))
    low = np.floor(position).astype(np.intp)
    high = np.minimum(np.ceil(position).astype(np.intp), count - 1)
    return low, high, (position - low).astype(np.float32)


def preprocess(bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """[224, 224, 3] uint8 RGB from an oriented BGR image, as nsfwjs resizes it."""
    rgb = bgr[:, :, ::-1]
    if rgb.shape[:2] == (SIZE, SIZE):
        return np.ascontiguousarray(rgb)
    top, bottom, row_weight = _corner_aligned(rgb.shape[0])
    left, right, col_weight = _corner_aligned(rgb.shape[1])
    # Gather the four neighbours as uint8 (224x224 each) before any float work, so a large
    # image costs no more than a small one.
    tl, tr = rgb[np.ix_(top, left)].astype(np.float32), rgb[np.ix_(top, right)].astype(np.float32)
    bl, br = rgb[np.ix_(bottom, left)].astype(np.float32), rgb[np.ix_(bottom, right)].astype(np.float32)
    cw = col_weight[None, :, None]
    upper = tl + (tr - tl) * cw
    lower = bl + (br - bl) * cw
    value = upper + (lower - upper) * row_weight[:, None, None]
    return np.clip(np.rint(value), 0, 255).astype(np.uint8)
