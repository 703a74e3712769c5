"""The label pipeline: classifier and detector on Triton (one round trip each, concurrently),
merged through the WordNet hierarchy; image properties computed beside them on the CPU.

Decoding, pre- and post-processing run in a bounded thread pool, never on the event loop.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from services.common.blocking import BlockingWork
from services.common.images import DecodedImage
from services.common.triton import InferenceSession, ModelSpec, TensorSpec
from services.labels import classifier, detector, merge, properties
from services.labels.hierarchy import Hierarchy

CLASSIFIER = ModelSpec(
    "labels_classifier",
    inputs={classifier.INPUT_NAME: TensorSpec("UINT8", (-1, 3, classifier.CROP, classifier.CROP))},
    outputs={classifier.OUTPUT_NAME: TensorSpec("FP32", (-1, classifier.CLASSES))},
)
DETECTOR = ModelSpec(
    "labels_detector",
    inputs={detector.INPUT_NAME: TensorSpec("UINT8", (-1, detector.SIZE, detector.SIZE, 3))},
    outputs={detector.OUTPUT_NAME: TensorSpec("FP32", (-1, detector.TOP_K, 6))},
)
REQUIRED_MODELS = (CLASSIFIER, DETECTOR)
MODEL_VERSION = "facet-labels-1.0 (mobilenet_v2-imagenet1k, centernet-mobilenetv3-coco, wordnet-3.0)"


@dataclass(frozen=True)
class LabelRequest:
    """What DetectLabels asked for, checked (services/labels/servicer.py) before the image is decoded."""

    labels: bool = True
    image_properties: bool = False
    min_confidence: float = 55.0  # 0–100, applied to labels and their instances
    max_labels: int = 1000
    filters: merge.LabelFilters = field(default_factory=merge.LabelFilters)


class LabelPipeline(BlockingWork):
    def __init__(
        self,
        session: InferenceSession,
        executor: Executor,
        hierarchy: Hierarchy,
        *,
        detector_min_score: float = 0.1,
        detector_nms_iou: float = 0.5,
        classifier_min_probability: float = 0.005,
        max_crops: int = 8,
    ):
        self.session = session
        self.executor = executor
        self.hierarchy = hierarchy
        self.detector_min_score = detector_min_score
        self.detector_nms_iou = detector_nms_iou
        self.classifier_min_probability = classifier_min_probability
        self.max_crops = max_crops

    async def classify(self, image: DecodedImage, timeout_s: float) -> list[tuple[int, float]]:
        tensor = await self._timed("labels_classify_pre", classifier.preprocess, image.bgr)
        out = await self.session.infer(
            CLASSIFIER.name, {classifier.INPUT_NAME: tensor[None]}, [classifier.OUTPUT_NAME], timeout_s=timeout_s
        )
        return classifier.top_classes(out[classifier.OUTPUT_NAME][0], self.classifier_min_probability)

    async def detect(self, image: DecodedImage, timeout_s: float) -> list[detector.Detection]:
        tensor = await self._timed("labels_detect_pre", detector.preprocess, image.bgr)
        out = await self.session.infer(
            DETECTOR.name, {detector.INPUT_NAME: tensor[None]}, [detector.OUTPUT_NAME], timeout_s=timeout_s
        )
        return await self._timed(
            "labels_detect_post",
            detector.decode,
            out[detector.OUTPUT_NAME][0],
            min_score=self.detector_min_score,
            nms_iou=self.detector_nms_iou,
        )

    async def detect_labels(
        self, image: DecodedImage, timeout_s: float, request: LabelRequest
    ) -> tuple[list[merge.MergedLabel], properties.ImageProperties | None]:
        """DetectLabels: the labels the request keeps (best first) and, if asked, the properties."""
        merged, props = await self.analyse(
            image, timeout_s, labels=request.labels, image_properties=request.image_properties
        )
        chosen = merge.select(
            self.hierarchy,
            merged,
            min_confidence=request.min_confidence,
            max_labels=request.max_labels,
            filters=request.filters,
        )
        return chosen, props

    async def analyse(
        self, image: DecodedImage, timeout_s: float, *, labels: bool, image_properties: bool
    ) -> tuple[list[merge.MergedLabel], properties.ImageProperties | None]:
        """All labels with any evidence (unfiltered, best first) and, if asked, the properties."""
        deadline = time.monotonic() + timeout_s
        jobs: list[asyncio.Future[object]] = []
        if labels:
            jobs += [
                asyncio.ensure_future(self.classify(image, timeout_s)),
                asyncio.ensure_future(self.detect(image, timeout_s)),
            ]
        if image_properties:
            jobs.append(asyncio.ensure_future(self._timed("labels_properties", properties.image_properties, image.bgr)))
        try:
            results = await asyncio.gather(*jobs)
        except BaseException:
            for job in jobs:
                job.cancel()
            raise
        merged: list[merge.MergedLabel] = []
        props = results[-1] if image_properties else None
        if labels:
            classes: list[tuple[int, float]] = results[0]  # type: ignore[assignment]
            detections: list[detector.Detection] = results[1]  # type: ignore[assignment]
            crops = await self.second_look(image, detections, deadline - time.monotonic())
            merged = await self._timed("labels_merge", self._merge, classes, detections, crops)
        return merged, props  # type: ignore[return-value]

    def _merge(
        self,
        classes: list[tuple[int, float]],
        detections: list[detector.Detection],
        crops: list[tuple[detector.Detection, list[tuple[int, float]]]],
    ) -> list[merge.MergedLabel]:
        """Re-checked boxes replace their originals, duplicates go, then both models' evidence merges."""
        rechecked = [checked for checked, _ in crops] + detections[len(crops) :]
        final = detector.suppress_duplicates(rechecked, self.detector_nms_iou)
        kept = {id(d) for d in final}
        return merge.merge(self.hierarchy, classes, final, [c for c in crops if id(c[0]) in kept])

    async def second_look(
        self, image: DecodedImage, detections: list[detector.Detection], timeout_s: float
    ) -> list[tuple[detector.Detection, list[tuple[int, float]]]]:
        """Rule 3 of merge.py: classify the crops of the first MAX_CROPS detections (best first)
        in one batched classifier call; returns them rechecked, with their crop's classes.
        Detections past MAX_CROPS, or of classes the classifier cannot judge, are returned
        unchanged with no classes."""
        chosen = detections[: self.max_crops]
        judged = [i for i, d in enumerate(chosen) if self.hierarchy.coco[d.class_index] in self.hierarchy.covered_coco]
        out: list[tuple[detector.Detection, list[tuple[int, float]]]] = [(d, []) for d in chosen]
        if not judged:
            return out

        def crops() -> NDArray[np.uint8]:
            tensors = []
            for i in judged:
                x0, y0, x1, y1 = detector.crop_box(chosen[i], image.width, image.height)
                tensors.append(classifier.preprocess_crop(image.bgr[y0:y1, x0:x1]))
            return np.stack(tensors)

        batch = await self._timed("labels_crops_pre", crops)
        result = await self.session.infer(
            CLASSIFIER.name, {classifier.INPUT_NAME: batch}, [classifier.OUTPUT_NAME], timeout_s=timeout_s
        )
        for row, i in enumerate(judged):
            classes = classifier.top_classes(result[classifier.OUTPUT_NAME][row], self.classifier_min_probability)
            out[i] = (merge.recheck(self.hierarchy, chosen[i], classes), classes)
        return out
