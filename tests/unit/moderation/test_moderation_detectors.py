"""Pre/post-processing of open_nsfw and NudeNet, and NudeNet's mapping to labels, on synthetic
detector outputs (no explicit images anywhere in the repository)."""

from __future__ import annotations

import numpy as np
import pytest

from services.moderation import nsfw, nudenet
from services.moderation.taxonomy import Taxonomy, select

SERVED = Taxonomy.load().restricted_to({nsfw.TAXONOMY_MODEL, nudenet.TAXONOMY_MODEL})
ANCHORS = 2100  # 320x320 input: 40*40 + 20*20 + 10*10


def detector_output(*detections: tuple[int, dict[str, float]]) -> np.ndarray:
    """A NudeNet output [22, anchors]: zeros, plus the given class scores at the given anchors."""
    output = np.zeros((22, ANCHORS), np.float32)
    output[:4] = 100.0  # boxes are ignored by the mapping
    for anchor, scores in detections:
        for name, score in scores.items():
            output[4 + nudenet.CLASSES.index(name), anchor] = score
    return output


def labels_for(nudenet_scores: dict[str, float], nsfw_score: float = 0.01, threshold: float = 50.0) -> dict[str, float]:
    scored = SERVED.score({"open_nsfw": {"nsfw": nsfw_score}, "nudenet_320n": nudenet_scores})
    return {s.name: s.confidence for s in select(scored, threshold)}


def test_empty_detector_output_gives_no_label() -> None:
    scores = nudenet.postprocess(detector_output())
    assert scores == dict.fromkeys(nudenet.CLASSES, 0.0)
    assert labels_for(scores) == {}


def test_exposed_part_maps_to_level_three_with_its_parents() -> None:
    scores = nudenet.postprocess(detector_output((7, {"FEMALE_BREAST_EXPOSED": 0.83})))
    assert scores["FEMALE_BREAST_EXPOSED"] == pytest.approx(0.83)
    assert labels_for(scores) == pytest.approx(
        {"Explicit": 83.0, "Explicit Nudity": 83.0, "Exposed Female Breast": 83.0}
    )


def test_covered_part_maps_to_the_suggestive_branch() -> None:
    scores = nudenet.postprocess(detector_output((3, {"BUTTOCKS_COVERED": 0.61}), (9, {"BELLY_EXPOSED": 0.55})))
    assert labels_for(scores) == pytest.approx(
        {
            "Suggestive": 61.0,
            "Covered Intimate Parts": 61.0,
            "Covered Buttocks": 61.0,
            "Partial Nudity": 55.0,
            "Exposed Belly": 55.0,
        }
    )


def test_class_score_is_the_best_anchor_where_it_is_the_top_class() -> None:
    # Anchor 1: covered beats exposed, so the exposed 0.58 there is not an exposed detection
    # (NudeNet labels each box with its best class). Anchor 2: exposed at 0.52 on its own.
    scores = nudenet.postprocess(
        detector_output(
            (1, {"FEMALE_BREAST_COVERED": 0.7, "FEMALE_BREAST_EXPOSED": 0.58}),
            (2, {"FEMALE_BREAST_EXPOSED": 0.52}),
            (3, {"FEMALE_BREAST_EXPOSED": 0.30}),
        )
    )
    assert scores["FEMALE_BREAST_COVERED"] == pytest.approx(0.7)
    assert scores["FEMALE_BREAST_EXPOSED"] == pytest.approx(0.52)


def test_unmapped_classes_never_become_labels() -> None:
    faces_and_feet = {"FACE_FEMALE": 0.99, "FACE_MALE": 0.98, "FEET_EXPOSED": 0.9, "ARMPITS_EXPOSED": 0.9}
    scores = nudenet.postprocess(detector_output(*((i, {k: v}) for i, (k, v) in enumerate(faces_and_feet.items()))))
    assert scores["FACE_FEMALE"] == pytest.approx(0.99)
    found = labels_for(scores, threshold=0.0)
    assert found.pop("Explicit") == pytest.approx(1.0)  # open_nsfw's 0.01 only
    assert set(found.values()) == {0.0}


def test_open_nsfw_alone_raises_explicit_only() -> None:
    scores = nudenet.postprocess(detector_output())
    assert labels_for(scores, nsfw_score=0.91) == pytest.approx({"Explicit": 91.0})


def test_explicit_takes_the_higher_of_open_nsfw_and_its_children() -> None:
    scores = nudenet.postprocess(detector_output((5, {"MALE_GENITALIA_EXPOSED": 0.66})))
    found = labels_for(scores, nsfw_score=0.95)
    assert found["Explicit"] == pytest.approx(95.0)
    assert found["Exposed Male Genitalia"] == pytest.approx(66.0)


@pytest.mark.parametrize("shape", [(18, ANCHORS), (22,), (3, 22, ANCHORS)])
def test_wrong_output_shape_is_refused(shape: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        nudenet.postprocess(np.zeros(shape, np.float32))


def test_nudenet_preprocess_pads_bottom_right_and_makes_rgb() -> None:
    bgr = np.zeros((100, 200, 3), np.uint8)
    bgr[:, :, 0] = 255  # pure blue in BGR
    tensor = nudenet.preprocess(bgr)
    assert tensor.shape == (3, 320, 320) and tensor.dtype == np.float32
    top, bottom = tensor[:, :150], tensor[:, 170:]
    assert np.allclose(top[2], 1.0) and np.allclose(top[:2], 0.0)  # blue is channel 2 in RGB
    assert np.allclose(bottom, 0.0)  # the padding is black


def test_open_nsfw_preprocess_resizes_crops_and_subtracts_means() -> None:
    bgr = np.full((300, 500, 3), (104, 117, 123), np.uint8)
    tensor = nsfw.preprocess(bgr)
    assert tensor.shape == (224, 224, 3) and tensor.dtype == np.float32
    assert np.allclose(tensor, 0.0)
    bgr[:, :250] = 0  # left half black: the crop keeps columns 16-239 of 256
    tensor = nsfw.preprocess(bgr)
    assert np.allclose(tensor[:, :100], -nsfw.MEAN_BGR) and np.allclose(tensor[:, 124:], 0.0)


def test_open_nsfw_postprocess() -> None:
    assert nsfw.postprocess(np.array([0.25, 0.75], np.float32)) == {"nsfw": pytest.approx(0.75)}
    with pytest.raises(ValueError):
        nsfw.postprocess(np.array([0.25, 0.75, 0.0], np.float32))
