"""The text pipeline: detect → cut upright → direction → recognise → words, on an
InferenceSession (Triton in production, services/common/onnx_session.OnnxSession for comparisons).

Three Triton round trips per image whatever the number of lines: detection (one call),
direction (all crops in one call, split at the model's max batch), recognition (one call per
width bucket, issued concurrently). CPU work runs in the executor, never on the event loop.
"""

from __future__ import annotations

import asyncio
import math
import time
from concurrent.futures import Executor

import numpy as np

from services.common.blocking import BlockingWork
from services.common.errors import DeadlineExceeded
from services.common.images import DecodedImage
from services.common.triton import InferenceSession, ModelSpec, TensorSpec, infer_in_batches
from services.text import charset, crops, detection, layout

DETECTOR = ModelSpec(
    "text_detector",
    inputs={detection.INPUT_NAME: TensorSpec("UINT8", (-1, 3, -1, -1))},
    outputs={detection.OUTPUT_NAME: TensorSpec("FP32", (-1, -1, -1, -1))},
)
DIRECTION_OUTPUT = "save_infer_model_scale_0_tmp_1"
DIRECTION = ModelSpec(
    "text_direction",
    inputs={"x": TensorSpec("UINT8", (-1, 3, -1, -1))},
    outputs={DIRECTION_OUTPUT: TensorSpec("FP32", (-1, 2))},
    max_batch=32,
)
RECOGNIZER = ModelSpec(
    "text_recognizer",
    inputs={"x": TensorSpec("UINT8", (-1, 3, crops.REC_HEIGHT, -1))},
    outputs={"char_index": TensorSpec("INT32", (-1, -1)), "char_prob": TensorSpec("FP32", (-1, -1))},
    max_batch=32,
)
REQUIRED_MODELS = (DETECTOR, DIRECTION, RECOGNIZER)
MODEL_VERSION = "PP-OCRv6-small"
MAX_BATCH = RECOGNIZER.max_batch  # crops per recogniser request (config.pbtxt, checked at startup)


class TextPipeline(BlockingWork):
    def __init__(
        self,
        session: InferenceSession,
        executor: Executor,
        *,
        pixel_threshold: float = 0.3,
        box_threshold: float = 0.5,
        min_line_confidence: float = 50.0,
        flip_threshold: float = 0.9,
    ):
        self.session = session
        self.executor = executor
        self.pixel_threshold = pixel_threshold
        self.box_threshold = box_threshold
        self.min_line_confidence = min_line_confidence
        self.flip_threshold = flip_threshold

    async def read(self, image: DecodedImage, timeout_s: float) -> list[layout.Line]:
        """Every line read in the image (before the request's filters), in reading order."""
        deadline = time.monotonic() + timeout_s
        regions = await self._detect(image, deadline)
        if not regions:
            return []
        cut = await self._timed("text_crop", lambda: [crops.cut(image.bgr, r.quad) for r in regions])
        candidates, owners = await self._orient(cut, deadline)
        return await self._recognise(candidates, owners, deadline)

    async def detect_text(
        self, image: DecodedImage, timeout_s: float, filters: layout.RatioFilters
    ) -> list[layout.Line]:
        """DetectText: the lines read, with the request's filters applied (in this image's pixels)."""
        lines = await self.read(image, timeout_s)
        return layout.apply_filters(lines, filters.in_pixels(image.width, image.height))

    async def _detect(self, image: DecodedImage, deadline: float) -> list[detection.TextRegion]:
        prepared = await self._timed("text_detect_pre", detection.prepare, image.bgr)
        outputs = await self.session.infer(
            DETECTOR.name,
            {detection.INPUT_NAME: prepared.tensor[None]},
            [detection.OUTPUT_NAME],
            timeout_s=_left(deadline, "text detection"),
        )
        prob = outputs[detection.OUTPUT_NAME][0, 0]
        return await self._timed(
            "text_detect_post",
            lambda: detection.regions(
                prob,
                prepared,
                (image.width, image.height),
                pixel_threshold=self.pixel_threshold,
                box_threshold=self.box_threshold,
            ),
        )

    async def _orient(self, cut: list[crops.Crop], deadline: float) -> tuple[list[crops.Crop], list[int]]:
        """Candidate crops to read and, for each, the region it came from.

        A crop the classifier calls upside down is read both ways and the more confident
        reading wins (in `_lines`): on short crops ("0", "SR", "6%") the classifier is often
        wrong, and reading an upright crop turned over gives garbage ("PAX: 6" → "9 :XAD")
        with a clearly lower confidence. Upright-called crops are read once."""
        batch = await self._timed("text_direction_pre", crops.direction_batch, cut)
        result = await infer_in_batches(
            self.session, DIRECTION, {"x": batch}, [DIRECTION_OUTPUT], timeout_s=_left(deadline, "text direction")
        )
        probs = result[DIRECTION_OUTPUT]
        candidates = list(cut)
        owners = list(range(len(cut)))
        for index in np.flatnonzero(probs[:, 1] > self.flip_threshold):
            candidates.append(crops.flip(cut[index]))
            owners.append(int(index))
        return candidates, owners

    async def _recognise(self, candidates: list[crops.Crop], owners: list[int], deadline: float) -> list[layout.Line]:
        batches = await self._timed("text_recognise_pre", crops.rec_batches, candidates, MAX_BATCH)
        results = await asyncio.gather(
            *(
                self.session.infer(
                    RECOGNIZER.name,
                    {"x": b.tensor},
                    ["char_index", "char_prob"],
                    timeout_s=_left(deadline, "text recognition"),
                )
                for b in batches
            )
        )
        return await self._timed("text_recognise_post", self._lines, candidates, owners, batches, results)

    def _lines(
        self,
        candidates: list[crops.Crop],
        owners: list[int],
        batches: list[crops.RecBatch],
        results: list[dict[str, np.ndarray]],
    ) -> list[layout.Line]:
        best: dict[int, layout.Line] = {}
        for batch, result in zip(batches, results, strict=True):
            for row, (index, width) in enumerate(zip(batch.indices, batch.widths, strict=True)):
                # Steps past the content are padding; allow two for characters emitted late.
                steps = math.ceil(width / crops.REC_STEP_PX) + 2
                chars = charset.ctc_greedy(result["char_index"][row], result["char_prob"][row], steps)
                words = charset.split_words(chars)
                if not words:
                    continue
                line = layout.build_line(candidates[index].text_quad, chars, words, width)
                owner = owners[index]
                if owner not in best or line.item.confidence > best[owner].item.confidence:
                    best[owner] = line
        lines = [line for line in best.values() if line.item.confidence >= self.min_line_confidence]
        return layout.reading_order(lines)


def _left(deadline: float, stage: str) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded(f"the request deadline passed before {stage}")
    return remaining
