"""The commands that analyse one image: faces detect/compare, labels, text, moderation."""

from __future__ import annotations

import argparse
from typing import Any

import grpc
from google.protobuf.message import Message

from facet.cli.annotate import (
    FACE_COLOR,
    LABEL_COLOR,
    LANDMARK_COLOR,
    MATCH_COLOR,
    TEXT_COLOR,
    UNMATCHED_COLOR,
    Canvas,
)
from facet.cli.output import box_text
from facet.client.images import image_from_bytes
from facet.v1 import (
    faces_pb2,
    faces_pb2_grpc,
    labels_pb2,
    labels_pb2_grpc,
    moderation_pb2,
    moderation_pb2_grpc,
    text_pb2,
    text_pb2_grpc,
)

Result = tuple[Message, list[str]]


def read_image(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def faces_detect(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    data = read_image(args.image)
    attributes = [faces_pb2.FaceAttribute.Value(f"FACE_ATTRIBUTE_{a.upper()}") for a in args.attributes]
    reply = faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(
        faces_pb2.DetectFacesRequest(image=image_from_bytes(data), attributes=attributes), timeout=args.timeout
    )
    if args.annotate:
        canvas = Canvas(data)
        for face in reply.face_details:
            canvas.box(face.bounding_box, FACE_COLOR)
        for face in reply.face_details:  # after every box, so no outline covers a landmark
            canvas.points(((p.x, p.y) for p in face.landmarks), LANDMARK_COLOR)
        canvas.save(args.annotate)
    lines = [f"{len(reply.face_details)} face(s)"]
    for i, face in enumerate(reply.face_details):
        extra = ""
        if face.HasField("age_range"):
            extra += f" age={face.age_range.low}-{face.age_range.high}"
        if face.HasField("gender"):
            extra += f" gender={faces_pb2.GenderValue.Name(face.gender.value).removeprefix('GENDER_VALUE_').lower()}"
        lines.append(f"  [{i}] confidence={face.confidence:.1f} {box_text(face.bounding_box)}{extra}")
    return reply, lines


def faces_compare(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    source, target = read_image(args.source), read_image(args.target)
    request = faces_pb2.CompareFacesRequest(
        source_image=image_from_bytes(source), target_image=image_from_bytes(target)
    )
    if args.similarity_threshold is not None:
        request.similarity_threshold = args.similarity_threshold
    reply = faces_pb2_grpc.FaceServiceStub(channel).CompareFaces(request, timeout=args.timeout)
    if args.annotate:  # drawn on the target: where the source person was found
        canvas = Canvas(target)
        for match in reply.face_matches:
            canvas.box(match.face.bounding_box, MATCH_COLOR, f"{match.similarity:.1f}")
        for face in reply.unmatched_faces:
            canvas.box(face.bounding_box, UNMATCHED_COLOR)
        canvas.save(args.annotate)
    lines = [f"{len(reply.face_matches)} match(es), {len(reply.unmatched_faces)} unmatched face(s)"]
    lines += [f"  similarity={m.similarity:.1f} {box_text(m.face.bounding_box)}" for m in reply.face_matches]
    return reply, lines


def labels(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    data = read_image(args.image)
    request = labels_pb2.DetectLabelsRequest(image=image_from_bytes(data), max_labels=args.max_labels)
    if args.min_confidence is not None:
        request.min_confidence = args.min_confidence
    reply = labels_pb2_grpc.LabelServiceStub(channel).DetectLabels(request, timeout=args.timeout)
    if args.annotate:
        canvas = Canvas(data)
        for label in reply.labels:
            for instance in label.instances:
                canvas.box(instance.bounding_box, LABEL_COLOR, f"{label.name} {instance.confidence:.0f}")
        canvas.banner([f"{label.name} {label.confidence:.0f}" for label in reply.labels[:10]])
        canvas.save(args.annotate)
    lines = [f"{label.confidence:5.1f}  {label.name}" + (f" ({len(label.instances)} boxed)" if label.instances else "")
             for label in reply.labels]
    return reply, lines


def text(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    data = read_image(args.image)
    reply = text_pb2_grpc.TextServiceStub(channel).DetectText(
        text_pb2.DetectTextRequest(image=image_from_bytes(data)), timeout=args.timeout
    )
    lines_only = [d for d in reply.text_detections if d.type == text_pb2.TEXT_TYPE_LINE]
    if args.annotate:
        canvas = Canvas(data)
        for detection in reply.text_detections:
            if detection.type == text_pb2.TEXT_TYPE_WORD:
                canvas.polygon([(p.x, p.y) for p in detection.geometry.polygon], TEXT_COLOR)
        canvas.save(args.annotate)
    return reply, [f"{d.confidence:5.1f}  {d.detected_text}" for d in lines_only]


def moderation(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    data = read_image(args.image)
    request = moderation_pb2.DetectModerationLabelsRequest(image=image_from_bytes(data))
    if args.min_confidence is not None:
        request.min_confidence = args.min_confidence
    reply = moderation_pb2_grpc.ModerationServiceStub(channel).DetectModerationLabels(request, timeout=args.timeout)
    found = [f"{m.name} {m.confidence:.0f}" for m in reply.moderation_labels]
    if args.annotate:
        canvas = Canvas(data)
        canvas.banner(found or ["no moderation labels"])
        canvas.save(args.annotate)
    return reply, found or ["no moderation labels"]


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Registers the image commands on the top-level subparsers."""
    annotate = argparse.ArgumentParser(add_help=False)
    annotate.add_argument("--annotate", metavar="OUT.png", help="write the image with what was found drawn on it")

    faces = commands.add_parser("faces", help="detect and compare faces").add_subparsers(dest="action", required=True)
    detect = faces.add_parser("detect", parents=[common, annotate], help="faces in an image")
    detect.add_argument("image")
    attribute_names = [n.removeprefix("FACE_ATTRIBUTE_") for n, number in faces_pb2.FaceAttribute.items() if number]
    detect.add_argument("--attributes", nargs="*", default=[], choices=attribute_names,
                        help="ALL adds every attribute and the 30 landmarks")
    detect.set_defaults(handler=faces_detect)
    compare = faces.add_parser("compare", parents=[common, annotate], help="find the source face in a target image")
    compare.add_argument("source")
    compare.add_argument("target")
    compare.add_argument("--similarity-threshold", type=float, help="0-100 (server default 80)")
    compare.set_defaults(handler=faces_compare)

    label = commands.add_parser("labels", parents=[common, annotate], help="objects, scenes and concepts")
    label.add_argument("image")
    label.add_argument("--max-labels", type=int, default=0, help="0 means the server's default")
    label.add_argument("--min-confidence", type=float)
    label.set_defaults(handler=labels)

    read = commands.add_parser("text", parents=[common, annotate], help="lines and words of text")
    read.add_argument("image")
    read.set_defaults(handler=text)

    moderate = commands.add_parser("moderation", parents=[common, annotate], help="unsafe-content labels")
    moderate.add_argument("image")
    moderate.add_argument("--min-confidence", type=float)
    moderate.set_defaults(handler=moderation)
