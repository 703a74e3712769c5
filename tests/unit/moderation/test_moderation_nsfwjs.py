"""nsfwjs: pre-processing as the npm package does it, and its classes' mapping to labels and
content types, on synthetic class scores (no explicit image anywhere in the repository)."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from services.common.images import DecodedImage
from services.moderation import nsfw, nsfwjs, nudenet
from services.moderation.pipeline import ModerationPipeline, required_models
from services.moderation.taxonomy import Taxonomy, TaxonomyError, select

SHIPPED = Taxonomy.load()
DEFAULT = SHIPPED.restricted_to({nsfw.TAXONOMY_MODEL, nsfwjs.TAXONOMY_MODEL})
WITH_NUDENET = SHIPPED.restricted_to({nsfw.TAXONOMY_MODEL, nsfwjs.TAXONOMY_MODEL, nudenet.TAXONOMY_MODEL})


def softmax_row(**probabilities: float) -> np.ndarray:
    """A synthetic nsfwjs output: the given classes, Neutral taking what is left."""
    row = np.array([probabilities.get(name, 0.0) for name in nsfwjs.CLASSES], np.float32)
    row[nsfwjs.CLASSES.index("Neutral")] = 1.0 - row.sum()
    return row


def moderate(row: np.ndarray, open_nsfw: float = 0.01, threshold: float = 50.0) -> tuple[dict, dict]:
    scores = {"open_nsfw": {"nsfw": open_nsfw}, nsfwjs.TAXONOMY_MODEL: nsfwjs.postprocess(row)}
    labels = {s.name: s.confidence for s in select(DEFAULT.score(scores), threshold)}
    content = {c.name: c.confidence for c in select(DEFAULT.score_content_types(scores), threshold)}
    return labels, content


def test_neutral_photo_gives_nothing() -> None:
    assert moderate(softmax_row(Drawing=0.05, Sexy=0.1)) == ({}, {})


def test_porn_and_hentai_add_up_before_merging() -> None:
    # Neither class alone is 0.5, but the image is explicit with probability 0.6 for nsfwjs.
    labels, content = moderate(softmax_row(Porn=0.3, Hentai=0.3), open_nsfw=0.5)
    assert labels == pytest.approx({"Explicit": 55.0})  # mean of 60 and 50
    assert content == {}  # Drawing + Hentai = 0.3


@pytest.mark.parametrize(
    ("nsfwjs_explicit", "open_nsfw", "expected"),
    [(0.9, 0.05, 47.5), (0.95, 0.1, 52.5), (0.2, 0.85, 52.5), (0.1, 0.85, 47.5), (0.98, 0.97, 97.5)],
)
def test_explicit_is_the_mean_of_the_two_models(nsfwjs_explicit: float, open_nsfw: float, expected: float) -> None:
    # One model alone does not make Explicit: the other must give it some weight (sum >= 1 at 50).
    labels, _ = moderate(softmax_row(Porn=nsfwjs_explicit), open_nsfw=open_nsfw, threshold=0.0)
    assert labels["Explicit"] == pytest.approx(expected, abs=1e-4)


def test_sexy_is_suggestive_not_explicit() -> None:
    labels, content = moderate(softmax_row(Sexy=0.72, Porn=0.1))
    assert labels == pytest.approx({"Suggestive": 72.0}) and content == {}


def test_drawing_is_illustrated_and_no_moderation_label() -> None:
    assert moderate(softmax_row(Drawing=0.93)) == ({}, pytest.approx({"Illustrated": 93.0}))


def test_hentai_is_explicit_and_illustrated() -> None:
    labels, content = moderate(softmax_row(Hentai=0.7, Drawing=0.2), open_nsfw=0.4)
    assert labels == pytest.approx({"Explicit": 55.0})
    assert content == pytest.approx({"Illustrated": 90.0})


def test_threshold_zero_returns_every_label_and_content_type() -> None:
    labels, content = moderate(softmax_row(), threshold=0.0)
    assert set(labels) == {x.name for x in DEFAULT.labels} and set(content) == {"Illustrated"}


def test_with_nudenet_its_covered_parts_and_sexy_share_the_suggestive_branch() -> None:
    scores = {
        "open_nsfw": {"nsfw": 0.02},
        nsfwjs.TAXONOMY_MODEL: nsfwjs.postprocess(softmax_row(Sexy=0.4)),
        nudenet.TAXONOMY_MODEL: dict.fromkeys(nudenet.CLASSES, 0.0) | {"FEMALE_BREAST_COVERED": 0.66},
    }
    labels = {s.name: s.confidence for s in select(WITH_NUDENET.score(scores), 30.0)}
    assert labels == pytest.approx({"Suggestive": 66.0, "Covered Intimate Parts": 66.0, "Covered Female Breast": 66.0})


def test_postprocess_refuses_a_wrong_shape() -> None:
    with pytest.raises(ValueError, match="shape"):
        nsfwjs.postprocess(np.zeros(4, np.float32))


def test_a_source_with_an_empty_outputs_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.json"
    rows = [{"name": "A", "level": 1, "sources": [{"model": "m", "outputs": []}]}]
    path.write_text(json.dumps({"version": "1", "labels": rows}))
    with pytest.raises(TaxonomyError, match="non-empty"):
        Taxonomy.load(path)


# ----- pre-processing: RGB, align-corners bilinear to 224x224, rounded to uint8 -----


def test_224_image_is_only_turned_to_rgb() -> None:
    bgr = np.random.default_rng(1).integers(0, 256, (224, 224, 3), dtype=np.uint8)
    np.testing.assert_array_equal(nsfwjs.preprocess(bgr), bgr[:, :, ::-1])


def test_corners_are_aligned() -> None:
    # With (in - 1) = k * (224 - 1), output pixel i samples input pixel k * i exactly.
    bgr = np.random.default_rng(2).integers(0, 256, (2 * 223 + 1, 3 * 223 + 1, 3), dtype=np.uint8)
    out = nsfwjs.preprocess(bgr)
    assert out.shape == (224, 224, 3) and out.dtype == np.uint8
    np.testing.assert_array_equal(out, bgr[::2, ::3, ::-1])


def test_interpolation_is_bilinear_between_the_sampled_positions() -> None:
    # A horizontal ramp 0..(w-1) of width 100: output column j sits at j * 99 / 223, and bilinear
    # interpolation reproduces a linear ramp exactly (up to the final rounding).
    width = 100
    ramp = np.tile(np.arange(width, dtype=np.uint8)[None, :, None], (80, 1, 3))
    out = nsfwjs.preprocess(ramp)
    expected = np.rint(np.arange(224) * (width - 1) / 223)
    np.testing.assert_array_equal(out[0, :, 0], expected)
    assert (out == out[:1]).all()  # every row the same


def test_large_image_is_resized_without_error() -> None:
    bgr = np.zeros((3000, 5000, 3), np.uint8)
    bgr[:, :, 2] = 200  # red in BGR
    out = nsfwjs.preprocess(bgr)
    assert out.shape == (224, 224, 3) and (out[:, :, 0] == 200).all() and (out[:, :, 2] == 0).all()


# ----- the pipeline: both default models in one call each, merged by the taxonomy -----


class RecordingSession:
    """Stands in for Triton: answers each model with a fixed row and records what it was sent."""

    def __init__(self, rows: dict[str, np.ndarray]):
        self.rows = rows
        self.sent: dict[str, tuple[str, str, tuple[int, ...]]] = {}

    async def infer(self, model, inputs, outputs, *, timeout_s):
        ((name, tensor),) = inputs.items()
        self.sent[model] = (name, str(tensor.dtype), tensor.shape)
        return {outputs[0]: self.rows[model][None]}


def test_pipeline_runs_both_default_models_and_merges_them() -> None:
    session = RecordingSession(
        {nsfw.TRITON_MODEL: np.array([0.3, 0.7], np.float32), nsfwjs.TRITON_MODEL: softmax_row(Drawing=0.8)}
    )
    with ThreadPoolExecutor(1) as pool:
        pipeline = ModerationPipeline(session, pool, SHIPPED, use_nudenet=False)
        image = DecodedImage(np.full((300, 200, 3), 128, np.uint8), "png")
        result = asyncio.run(pipeline.moderate(image, timeout_s=5))
    assert session.sent == {
        nsfw.TRITON_MODEL: ("input", "float32", (1, 224, 224, 3)),
        nsfwjs.TRITON_MODEL: ("image", "uint8", (1, 224, 224, 3)),
    }
    assert {m.name for m in required_models(use_nudenet=False)} == {nsfw.TRITON_MODEL, nsfwjs.TRITON_MODEL}
    # Explicit: mean of open_nsfw's 0.7 and nsfwjs's Porn + Hentai (0).
    assert {s.name: s.confidence for s in result.labels} == pytest.approx({"Explicit": 35.0, "Suggestive": 0.0})
    assert [(c.name, round(c.confidence, 3)) for c in result.content_types] == [("Illustrated", 80.0)]


def test_pipeline_with_nudenet_runs_three_models_under_one_tree() -> None:
    detections = np.zeros((4 + len(nudenet.CLASSES), 2100), np.float32)
    detections[4 + nudenet.CLASSES.index("BUTTOCKS_COVERED"), 5] = 0.6
    session = RecordingSession(
        {
            nsfw.TRITON_MODEL: np.array([0.9, 0.1], np.float32),
            nsfwjs.TRITON_MODEL: softmax_row(Sexy=0.3),
            nudenet.TRITON_MODEL: detections,
        }
    )
    with ThreadPoolExecutor(1) as pool:
        pipeline = ModerationPipeline(session, pool, SHIPPED, use_nudenet=True)
        image = DecodedImage(np.full((300, 200, 3), 128, np.uint8), "png")
        result = asyncio.run(pipeline.moderate(image, timeout_s=5))
    assert set(session.sent) == {nsfw.TRITON_MODEL, nsfwjs.TRITON_MODEL, nudenet.TRITON_MODEL}
    chosen = {s.name: s.confidence for s in select(result.labels, 20.0)}
    assert chosen == pytest.approx({"Suggestive": 60.0, "Covered Intimate Parts": 60.0, "Covered Buttocks": 60.0})
    assert pipeline.taxonomy.model_version().endswith("/nsfwjs_mobilenet_v2_mid+nudenet_320n+open_nsfw")
