"""TextService end to end: client → gateway → text service → real Triton (PP-OCRv6).

Every image is rendered here with OpenCV's Hershey fonts (part of OpenCV, no font files), so
the expected strings are known exactly. No photo or scan ships: none with a licence that
allows redistribution was at hand (SROIE, used by bench/text_eval.py, is research-only).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import cv2
import grpc
import numpy as np
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from PIL import Image as PILImage

from facet.v1 import common_pb2, text_pb2, text_pb2_grpc
from services.common.errors import error_info
from tests.png_bomb import png_claiming

pytestmark = pytest.mark.e2e

LINE = text_pb2.TEXT_TYPE_LINE
WORD = text_pb2.TEXT_TYPE_WORD


@pytest.fixture(scope="module")
def text(running_stack) -> Iterator[text_pb2_grpc.TextServiceStub]:
    channel = grpc.insecure_channel(running_stack.gateway_address)
    yield text_pb2_grpc.TextServiceStub(channel)
    channel.close()


# ----- rendering -----


def render(
    lines: list[str],
    *,
    scale: float = 1.2,
    colour: tuple[int, int, int] = (20, 20, 20),
    background: tuple[int, int, int] = (255, 255, 255),
    width: int = 640,
    font: int = cv2.FONT_HERSHEY_SIMPLEX,
) -> np.ndarray:
    """BGR image with one text line per entry, left-aligned, top to bottom."""
    thickness = max(1, round(scale * 2))
    (_, text_h), _ = cv2.getTextSize("Ag", font, scale, thickness)
    pitch = int(text_h * 2.2)
    image = np.full((pitch * len(lines) + pitch, width, 3), background, np.uint8)
    for i, line in enumerate(lines):
        cv2.putText(image, line, (24, pitch * (i + 1)), font, scale, colour, thickness, cv2.LINE_AA)
    return image


def rotate(image: np.ndarray, degrees: float, background: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    """Rotate counter-clockwise by ``degrees`` on a canvas large enough to keep every pixel."""
    if degrees % 90 == 0:
        return np.ascontiguousarray(np.rot90(image, k=int(degrees // 90) % 4))
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos) + 2, int(h * cos + w * sin) + 2
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    return cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderValue=background)


def png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


def detect(stub, data: bytes, **fields) -> text_pb2.DetectTextResponse:
    request = text_pb2.DetectTextRequest(image=common_pb2.Image(bytes=data), **fields)
    return stub.DetectText(request, timeout=120)


def lines_of(reply: text_pb2.DetectTextResponse) -> list[str]:
    return [d.detected_text for d in reply.text_detections if d.type == LINE]


def words_of(reply: text_pb2.DetectTextResponse) -> list[str]:
    return [d.detected_text for d in reply.text_detections if d.type == WORD]


def everything(stub, data: bytes, **fields) -> text_pb2.DetectTextResponse:
    """All words whatever their confidence."""
    filters = text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=0))
    return detect(stub, data, filters=filters, **fields)


RECEIPT = ["FRESH MILK 2.49", "BROWN BREAD 1.89", "TOTAL 4.38"]


# ----- reading -----


def test_health_serving(running_stack) -> None:
    with grpc.insecure_channel(running_stack.gateway_address) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="facet.v1.TextService"), timeout=5
        )
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


@pytest.fixture(scope="module")
def receipt_reply(text) -> text_pb2.DetectTextResponse:
    return everything(text, png(render(RECEIPT)))


def test_reads_lines_in_reading_order(receipt_reply) -> None:
    assert lines_of(receipt_reply) == RECEIPT
    assert receipt_reply.text_model_version == "PP-OCRv6-small"


def test_words_belong_to_their_lines(receipt_reply) -> None:
    detections = receipt_reply.text_detections
    lines = [d for d in detections if d.type == LINE]
    words = [d for d in detections if d.type == WORD]
    # Ids: lines 0..L-1, then words; every word names its line; lines have no parent.
    assert [d.id for d in detections] == list(range(len(detections)))
    assert all(not line.HasField("parent_id") for line in lines)
    for line in lines:
        mine = [w for w in words if w.parent_id == line.id]
        assert " ".join(w.detected_text for w in mine) == line.detected_text
        lb = line.geometry.bounding_box
        lefts = [w.geometry.bounding_box.left for w in mine]
        assert lefts == sorted(lefts), "words run left to right"
        for w in mine:
            wb = w.geometry.bounding_box
            cx, cy = wb.left + wb.width / 2, wb.top + wb.height / 2
            assert lb.left <= cx <= lb.left + lb.width and lb.top <= cy <= lb.top + lb.height
            assert wb.width < lb.width


def test_word_boxes_cover_their_own_ink(receipt_reply) -> None:
    """A word's box must lie over that word's pixels: re-render the line with only that word
    visible and check the ink falls inside the box."""
    image = render(RECEIPT)
    h, w = image.shape[:2]
    words = [d for d in receipt_reply.text_detections if d.type == WORD]
    total = words[-1]  # "4.38" of the last line
    assert total.detected_text == "4.38"
    without = render([*RECEIPT[:2], "TOTAL"])  # same layout, the amount left out
    ink_all = (image.min(axis=2) < 128).astype(np.uint8)
    ink_without = (without.min(axis=2) < 128).astype(np.uint8)
    amount = ink_all & (1 - ink_without)
    ys, xs = np.nonzero(amount)
    box = total.geometry.bounding_box
    inside = (xs >= box.left * w - 2) & (xs <= (box.left + box.width) * w + 2)
    inside &= (ys >= box.top * h - 2) & (ys <= (box.top + box.height) * h + 2)
    assert inside.mean() > 0.95
    # ...and not over the word before it.
    label = words[-2]
    assert label.detected_text == "TOTAL"
    assert label.geometry.bounding_box.left + label.geometry.bounding_box.width <= box.left + 0.01


def test_geometry_is_in_ratios_and_clockwise(receipt_reply) -> None:
    for d in receipt_reply.text_detections:
        assert 0 <= d.confidence <= 100
        box = d.geometry.bounding_box
        assert box.left >= 0 and box.top >= 0 and box.left + box.width <= 1.0001 and box.top + box.height <= 1.0001
        points = [(p.x, p.y) for p in d.geometry.polygon]
        assert len(points) == 4
        # Shoelace in image coordinates (y down): positive area means clockwise on screen.
        area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))
        assert area > 0
        # Upright text: the polygon starts at the top-left corner.
        assert points[0][0] <= min(p[0] for p in points) + 0.01 and points[0][1] <= min(p[1] for p in points) + 0.01


@pytest.mark.parametrize(
    ("scale", "colour", "background", "font"),
    [
        (0.8, (0, 0, 0), (255, 255, 255), cv2.FONT_HERSHEY_SIMPLEX),
        (2.0, (255, 255, 255), (120, 40, 10), cv2.FONT_HERSHEY_DUPLEX),  # white on dark blue
        (1.4, (0, 0, 200), (100, 230, 250), cv2.FONT_HERSHEY_COMPLEX),  # red on yellow
    ],
)
def test_sizes_colours_and_fonts(text, scale, colour, background, font) -> None:
    lines = ["Quality Street 42", "OPEN 9AM TO 5PM"]
    reply = everything(
        text, png(render(lines, scale=scale, colour=colour, background=background, font=font, width=900))
    )
    assert lines_of(reply) == lines


@pytest.mark.parametrize("degrees", [90, 180, 270, 15, -15])
def test_rotated_text(text, degrees: float) -> None:
    lines = ["PARKING ONLY", "Exit 12B"]
    reply = everything(text, png(rotate(render(lines, scale=1.3, width=520), degrees)))
    assert lines_of(reply) == lines or sorted(lines_of(reply)) == sorted(lines)
    assert sorted(words_of(reply)) == sorted(["PARKING", "ONLY", "Exit", "12B"])


def test_upside_down_polygon_starts_at_the_texts_own_top_left(text) -> None:
    reply = everything(text, png(rotate(render(["UPSIDE DOWN"], scale=1.5, width=520), 180)))
    (line,) = [d for d in reply.text_detections if d.type == LINE]
    assert line.detected_text == "UPSIDE DOWN"
    first = line.geometry.polygon[0]
    xs = [p.x for p in line.geometry.polygon]
    ys = [p.y for p in line.geometry.polygon]
    assert first.x >= max(xs) - 0.01 and first.y >= max(ys) - 0.01  # image bottom-right


def _as_palette_png(image: np.ndarray) -> bytes:
    rgb = PILImage.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).convert("P", palette=PILImage.Palette.ADAPTIVE)
    buffer = io.BytesIO()
    rgb.save(buffer, format="PNG")
    assert PILImage.open(io.BytesIO(buffer.getvalue())).mode == "P"
    return buffer.getvalue()


def _as_transparent_png(image: np.ndarray) -> bytes:
    """Black text on a fully transparent background (whose RGB is black too)."""
    ink = 255 - image.min(axis=2)
    rgba = np.zeros((*image.shape[:2], 4), np.uint8)
    rgba[..., 3] = ink
    buffer = io.BytesIO()
    PILImage.fromarray(rgba, "RGBA").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("encode", [_as_palette_png, _as_transparent_png])
def test_palette_and_alpha_images(text, encode) -> None:
    lines = ["Palette Test 77"]
    reply = everything(text, encode(render(lines, scale=1.5, colour=(40, 40, 160))))
    assert lines_of(reply) == lines


def test_blank_image_gives_empty_response(text) -> None:
    reply = detect(text, png(np.full((200, 300, 3), 255, np.uint8)))
    assert list(reply.text_detections) == []


# ----- filters and limits -----


def test_min_confidence_drops_words_below_it(text, receipt_reply) -> None:
    words = [d for d in receipt_reply.text_detections if d.type == WORD]
    threshold = float(np.median([w.confidence for w in words]))
    filters = text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=threshold))
    reply = detect(text, png(render(RECEIPT)), filters=filters)
    expected = [w.detected_text for w in words if w.confidence >= threshold]
    assert words_of(reply) == expected
    assert all(w.confidence >= threshold for w in reply.text_detections if w.type == WORD)
    # Lines survive exactly when a word of theirs does.
    kept_lines = {w.parent_id for w in reply.text_detections if w.type == WORD}
    assert {d.id for d in reply.text_detections if d.type == LINE} == kept_lines


def test_min_box_height_drops_small_text(text) -> None:
    small = render(["small print here"], scale=0.7, width=700)
    big = render(["BIG TITLE"], scale=2.2, width=700)
    image = np.vstack([big, small])
    filters = text_pb2.DetectTextFilters(
        word_filter=text_pb2.DetectionFilter(min_confidence=0, min_bounding_box_height=0.12)
    )
    assert lines_of(everything(text, png(image))) == ["BIG TITLE", "small print here"]
    assert lines_of(detect(text, png(image), filters=filters)) == ["BIG TITLE"]
    wide_only = text_pb2.DetectTextFilters(
        word_filter=text_pb2.DetectionFilter(min_confidence=0, min_bounding_box_width=0.2)
    )
    # "TITLE" and "small"/"print"/"here" are narrower than a fifth of the width; "BIG" too.
    reply = detect(text, png(image), filters=wide_only)
    widths = [w.geometry.bounding_box.width for w in everything(text, png(image)).text_detections if w.type == WORD]
    assert len(words_of(reply)) == sum(1 for width in widths if width >= 0.2)


def test_regions_of_interest_keep_only_text_inside(text, receipt_reply) -> None:
    lines = [d for d in receipt_reply.text_detections if d.type == LINE]
    middle = lines[1].geometry.bounding_box
    box_region = text_pb2.RegionOfInterest(
        bounding_box=common_pb2.BoundingBox(left=0, top=middle.top, width=1, height=middle.height)
    )
    filters = text_pb2.DetectTextFilters(
        word_filter=text_pb2.DetectionFilter(min_confidence=0), regions_of_interest=[box_region]
    )
    data = png(render(RECEIPT))
    assert lines_of(detect(text, data, filters=filters)) == [RECEIPT[1]]
    # A triangle over the left half of the image keeps the words centred there.
    triangle = text_pb2.RegionOfInterest(
        polygon=[text_pb2.TextPoint(x=0, y=0), text_pb2.TextPoint(x=0.4, y=0), text_pb2.TextPoint(x=0, y=1)]
    )
    filters = text_pb2.DetectTextFilters(
        word_filter=text_pb2.DetectionFilter(min_confidence=0), regions_of_interest=[triangle]
    )
    reply = detect(text, data, filters=filters)
    for w in (d for d in reply.text_detections if d.type == WORD):
        b = w.geometry.bounding_box
        cx, cy = b.left + b.width / 2, b.top + b.height / 2
        assert cx <= 0.4 * (1 - cy) + 1e-3
    assert "FRESH" in words_of(reply) and "4.38" not in words_of(reply)


def test_max_words_cuts_in_reading_order(text) -> None:
    data = png(render(RECEIPT))
    reply = everything(text, data, max_words=4)
    assert words_of(reply) == ["FRESH", "MILK", "2.49", "BROWN"]
    assert lines_of(reply) == RECEIPT[:2]


def test_default_limit_is_100_words(text) -> None:
    rows = [" ".join(f"W{r}{c}" for c in range(6)) for r in range(20)]  # 120 words
    image = render(rows, scale=0.9, width=560)
    assert len(words_of(everything(text, png(image)))) == 100
    assert len(words_of(everything(text, png(image), max_words=1000))) == 120


# ----- bad input -----


BAD_IMAGES = {
    "not_an_image": (lambda: b"%PDF-1.4 this is not an image", "INVALID_IMAGE_FORMAT"),
    "empty": (lambda: b"", "INVALID_IMAGE_FORMAT"),
    "truncated_png": (lambda: png(render(RECEIPT))[:300], "INVALID_IMAGE_FORMAT"),
    "fifty_px": (lambda: png(np.full((50, 50, 3), 128, np.uint8)), "IMAGE_TOO_SMALL"),
    "twenty_thousand_px_png": (lambda: png_claiming(20_000, 20_000), "IMAGE_TOO_LARGE"),
}


def _reason(call) -> str:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info is not None and info.domain == "facet.v1"
    return info.reason


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_bad_images(text, case: str) -> None:
    make, reason = BAD_IMAGES[case]
    assert _reason(lambda: detect(text, make())) == reason


def test_missing_image(text) -> None:
    assert _reason(lambda: text.DetectText(text_pb2.DetectTextRequest(), timeout=30)) == "INVALID_PARAMETER"


SMALL = png(np.full((100, 100, 3), 255, np.uint8))
ROI_BOX = text_pb2.RegionOfInterest(bounding_box=common_pb2.BoundingBox(left=0, top=0, width=0.5, height=0.5))
BAD_PARAMETERS = {
    "max_words_zero": {"max_words": 0},
    "max_words_1001": {"max_words": 1001},
    "min_confidence_101": {
        "filters": text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=101))
    },
    "min_confidence_nan": {
        "filters": text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_confidence=float("nan")))
    },
    "min_height_above_1": {
        "filters": text_pb2.DetectTextFilters(word_filter=text_pb2.DetectionFilter(min_bounding_box_height=1.5))
    },
    "eleven_regions": {"filters": text_pb2.DetectTextFilters(regions_of_interest=[ROI_BOX] * 11)},
    "empty_region": {"filters": text_pb2.DetectTextFilters(regions_of_interest=[text_pb2.RegionOfInterest()])},
    "two_point_polygon": {
        "filters": text_pb2.DetectTextFilters(
            regions_of_interest=[
                text_pb2.RegionOfInterest(polygon=[text_pb2.TextPoint(x=0, y=0), text_pb2.TextPoint(x=1, y=1)])
            ]
        )
    },
}


@pytest.mark.parametrize("case", BAD_PARAMETERS)
def test_bad_parameters(text, case: str) -> None:
    assert _reason(lambda: detect(text, SMALL, **BAD_PARAMETERS[case])) == "INVALID_PARAMETER"
