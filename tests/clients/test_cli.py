"""The `facet` command line against the live stack: every command on real images, --annotate
checked by its pixels, typed errors with their exit codes, and resumable folder indexing."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from facet.cli.annotate import FACE_COLOR, LABEL_COLOR, LANDMARK_COLOR, MATCH_COLOR, TEXT_COLOR, UNMATCHED_COLOR
from facet.cli.index_folder import external_image_id, faces_by_external_id
from facet.cli.main import EXIT_CODES, EXIT_LOCAL, run
from facet.client import connect
from facet.v1 import collections_pb2_grpc
from tests.clients.examples import DATA

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def facet(capsys: pytest.CaptureFixture[str], gateway: str, *args: str) -> tuple[int, Any, str]:
    """Runs `facet --endpoint GATEWAY --json ARGS`: (exit status, parsed stdout, stderr)."""
    status = run(["--endpoint", gateway, "--json", "--timeout", "120", *args])
    out, err = capsys.readouterr()
    return status, json.loads(out) if out.strip() else None, err


def pixels(path: Path) -> np.ndarray:
    with PILImage.open(path) as img:
        assert img.format == "PNG"
        return np.asarray(img.convert("RGB"))


def assert_boxes_drawn(image: np.ndarray, boxes: list[dict[str, float]], color: tuple[int, int, int]) -> None:
    """Every returned box is outlined in `color` where the ratios put it, and nothing else is."""
    mask = np.all(image == color, axis=-1)
    height, width = mask.shape
    expected_ring = np.zeros_like(mask)
    for box in boxes:
        x0, y0 = round(box["left"] * width), round(box["top"] * height)
        x1, y1 = round((box["left"] + box["width"]) * width), round((box["top"] + box["height"]) * height)
        band = lambda v: slice(max(v - 3, 0), v + 4)  # noqa: E731 (±3 px around an edge)
        edges = {
            "top": [mask[band(y0), x].any() for x in range(x0, x1)],
            "bottom": [mask[band(y1), x].any() for x in range(x0, x1)],
            "left": [mask[y, band(x0)].any() for y in range(y0, y1)],
            "right": [mask[y, band(x1)].any() for y in range(y0, y1)],
        }
        for name, hits in edges.items():
            assert np.mean(hits) >= 0.9, f"{name} edge of {box} not drawn ({np.mean(hits):.2f})"
        ring = np.zeros_like(mask)  # per box, so a box inside another keeps its own ring
        ring[max(y0 - 3, 0): y1 + 4, max(x0 - 3, 0): x1 + 4] = True
        ring[y0 + 8: y1 - 7, x0 + 8: x1 - 7] = False
        expected_ring |= ring
    stray = int((mask & ~expected_ring).sum())
    assert stray <= 20, f"{stray} pixels of the box colour outside the returned boxes"


def test_faces_detect_annotate_draws_the_returned_boxes_and_landmarks(capsys, gateway, tmp_path) -> None:
    out = tmp_path / "faces.png"
    status, reply, _ = facet(capsys, gateway, "faces", "detect", str(DATA / "group_4_faces.jpg"),
                             "--attributes", "ALL", "--annotate", str(out))
    assert status == 0
    faces = reply["face_details"]
    assert len(faces) == 4 and all("age_range" in face for face in faces)
    image = pixels(out)
    assert image.shape[:2] == (400, 1220)  # the oriented original, not resized
    assert_boxes_drawn(image, [face["bounding_box"] for face in faces], FACE_COLOR)
    for face in faces:
        for landmark in face["landmarks"]:
            x, y = round(landmark["x"] * 1220), round(landmark["y"] * 400)
            assert tuple(image[y, x]) == LANDMARK_COLOR


def test_annotate_check_fails_when_a_box_is_missing(capsys, gateway, tmp_path) -> None:
    # The pixel check above must be able to fail: a box that was not drawn is caught.
    out = tmp_path / "faces.png"
    _, reply, _ = facet(capsys, gateway, "faces", "detect", str(DATA / "group_4_faces.jpg"), "--annotate", str(out))
    boxes = [face["bounding_box"] for face in reply["face_details"]]
    moved = [dict(boxes[0], left=boxes[0]["left"] + 0.1), *boxes[1:]]
    with pytest.raises(AssertionError):
        assert_boxes_drawn(pixels(out), moved, FACE_COLOR)


def test_faces_compare_finds_the_match_and_draws_it(capsys, gateway, tmp_path) -> None:
    out = tmp_path / "compare.png"
    status, reply, _ = facet(capsys, gateway, "faces", "compare", str(DATA / "person_a_1.jpg"),
                             str(DATA / "group_4_faces.jpg"), "--annotate", str(out))
    assert status == 0
    assert len(reply["face_matches"]) == 1 and reply["face_matches"][0]["similarity"] >= 80
    assert len(reply["unmatched_faces"]) == 3
    image = pixels(out)
    assert_boxes_drawn(image, [reply["face_matches"][0]["face"]["bounding_box"]], MATCH_COLOR)
    assert_boxes_drawn(image, [face["bounding_box"] for face in reply["unmatched_faces"]], UNMATCHED_COLOR)


def test_typed_error_is_one_line_with_its_exit_code(capsys, gateway) -> None:
    status, reply, err = facet(capsys, gateway, "faces", "compare", str(DATA / "no_face.jpg"),
                               str(DATA / "group_4_faces.jpg"))
    assert status == EXIT_CODES["INVALID_ARGUMENT"]
    assert err.count("\n") == 1 and err.startswith("facet: INVALID_ARGUMENT NO_FACE_IN_SOURCE: ")
    assert reply["error"]["reason"] == "NO_FACE_IN_SOURCE"


def test_unreadable_image_and_unreachable_gateway_have_their_own_codes(capsys, gateway, tmp_path) -> None:
    status, _, err = facet(capsys, gateway, "labels", str(tmp_path / "missing.jpg"))
    assert status == EXIT_LOCAL and "missing.jpg" in err
    status = run(["--endpoint", "127.0.0.1:1", "--timeout", "5", "text", str(DATA / "no_face.jpg")])
    assert status == EXIT_CODES["UNAVAILABLE"]
    assert capsys.readouterr().err.startswith("facet: UNAVAILABLE")


def test_labels_text_and_moderation_commands(capsys, gateway, tmp_path) -> None:
    status, reply, _ = facet(capsys, gateway, "labels", str(DATA / "labels" / "coffee_cup.png"), "--max-labels", "10",
                             "--annotate", str(tmp_path / "labels.png"))
    assert status == 0 and 0 < len(reply["labels"]) <= 10
    instances = [i["bounding_box"] for label in reply["labels"] for i in label.get("instances", [])]
    assert instances, "the coffee cup photo should have at least one boxed label"
    assert_boxes_drawn(pixels(tmp_path / "labels.png"), instances, LABEL_COLOR)

    sign = tmp_path / "sign.png"
    canvas = PILImage.new("RGB", (640, 160), "white")
    ImageDraw.Draw(canvas).text((20, 40), "HELLO FACET", fill="black", font=ImageFont.load_default(size=64))
    canvas.save(sign)
    status, reply, _ = facet(capsys, gateway, "text", str(sign), "--annotate", str(tmp_path / "text.png"))
    assert status == 0
    words = [d for d in reply["text_detections"] if d["type"] == "TEXT_TYPE_WORD"]
    assert "HELLO" in {w["detected_text"].upper() for w in words}
    image = pixels(tmp_path / "text.png")
    for word in words:  # each polygon corner is drawn in the text colour
        for point in word["geometry"]["polygon"]:
            x, y = round(point["x"] * 640), round(point["y"] * 160)
            window = image[max(y - 2, 0): y + 3, max(x - 2, 0): x + 3]
            assert np.all(window == TEXT_COLOR, axis=-1).any(), (word["detected_text"], point)

    status, reply, _ = facet(capsys, gateway, "moderation", str(DATA / "no_face.jpg"))
    assert status == 0 and reply["moderation_model_version"]


def test_collections_commands(capsys, gateway, tmp_path) -> None:
    assert facet(capsys, gateway, "collections", "create", "cli-staff")[0] == 0
    status, _, err = facet(capsys, gateway, "collections", "create", "cli-staff")
    assert status == EXIT_CODES["ALREADY_EXISTS"] and "COLLECTION_ALREADY_EXISTS" in err
    assert "cli-staff" in facet(capsys, gateway, "collections", "list")[1]["collection_ids"]

    folder = tmp_path / "staff"
    folder.mkdir()
    shutil.copy(DATA / "person_a_1.jpg", folder / "obama.jpg")
    status, summary, _ = facet(capsys, gateway, "collections", "index", str(folder), "--collection", "cli-staff")
    assert status == 0 and summary["faces_indexed"] == 1
    assert facet(capsys, gateway, "collections", "describe", "cli-staff")[1]["face_count"] == "1"

    out = tmp_path / "search.png"
    status, reply, _ = facet(capsys, gateway, "collections", "search", str(DATA / "person_a_2.jpg"),
                             "--collection", "cli-staff", "--annotate", str(out))
    assert status == 0 and reply["face_matches"][0]["face"]["external_image_id"] == "obama.jpg"
    with PILImage.open(DATA / "person_a_2.jpg") as original:
        assert pixels(out).shape[:2] == (original.height, original.width)

    assert facet(capsys, gateway, "collections", "delete", "cli-staff")[0] == 0
    status, _, err = facet(capsys, gateway, "collections", "describe", "cli-staff")
    assert status == EXIT_CODES["NOT_FOUND"] and "COLLECTION_NOT_FOUND" in err


def faces_per_external_id(gateway: str, collection: str) -> dict[str, int]:
    with connect(gateway) as channel:
        found = faces_by_external_id(collections_pb2_grpc.CollectionServiceStub(channel), collection, 60)
    return {ext: len(ids) for ext, ids in found.items()}


@pytest.fixture
def sigint_deliverable():
    """The CLI child must start with SIGINT at its default, as under a terminal. A test run started
    as a background job ignores SIGINT, and an ignored signal stays ignored across exec (the CLI then
    ran to the end and exited 0); a handler here is reset to the default in the child instead."""
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("sigint_deliverable")
def test_index_folder_interrupted_and_resumed_indexes_every_face_once(capsys, gateway, tmp_path) -> None:
    sources = ["person_a_1.jpg", "person_a_2.jpg", "person_b_1.jpg", "group_4_faces.jpg", "no_face.jpg"]
    folder = tmp_path / "photos"
    copies = 4
    for i in range(copies):
        (folder / f"batch {i}").mkdir(parents=True)  # a space: external ids must be made valid
        for name in sources:
            shutil.copy(DATA / name, folder / f"batch {i}" / name)
    total = copies * len(sources)

    # What one IndexFaces call stores per source image, as the reference.
    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    for name in sources:
        shutil.copy(DATA / name, reference_dir / name)
    status, _, _ = facet(capsys, gateway, "collections", "index", str(reference_dir), "--collection", "cli-ref",
                         "--create", "--max-faces", "2", "--no-progress")
    assert status == 0
    reference = faces_per_external_id(gateway, "cli-ref")
    assert reference["group_4_faces.jpg"] == 2 and "no_face.jpg" not in reference

    journal = tmp_path / "journal.jsonl"
    command = [sys.executable, "-m", "facet.cli.main", "--endpoint", gateway, "--timeout", "120", "collections",
               "index", str(folder), "--collection", "cli-photos", "--create", "--max-faces", "2",
               "--concurrency", "2", "--journal", str(journal)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while (not journal.exists() or len(journal.read_text().splitlines()) < 3) and time.monotonic() < deadline:
        assert first.poll() is None, first.communicate()
        time.sleep(0.02)
    first.send_signal(signal.SIGINT)  # Ctrl-C with calls in flight
    _, err = first.communicate(timeout=300)
    assert first.returncode == 130, err
    assert "interrupted" in err and f"/{total} [" in err  # the progress bar was drawn
    assert len(journal.read_text().splitlines()) < total, "the first run finished before it was interrupted"

    second = subprocess.run([*command, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    assert summary["images"] == total and summary["failed_images"] == 0
    assert summary["already_indexed"] >= 3 and summary["indexed_images"] == total - summary["already_indexed"]

    stored = faces_per_external_id(gateway, "cli-photos")
    expected = {external_image_id(f"batch {i}/{name}"): reference[name]
                for i in range(copies) for name in sources if name in reference}
    assert stored == expected  # every face once: none missing, none indexed twice
    assert summary["faces_in_collection"] == sum(expected.values())
    journaled_groups = [json.loads(line) for line in journal.read_text().splitlines()]
    fully_known = sum(1 for r in journaled_groups if r["path"].endswith("group_4_faces.jpg") and not r.get("recovered"))
    assert summary["unindexed_by_reason"].get("EXCEEDS_MAX_FACES", 0) == 2 * fully_known
