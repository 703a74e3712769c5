"""The `facet collections ...` commands (except `index`, which has its own module)."""

from __future__ import annotations

import argparse
from typing import Any

import grpc

from facet.cli.annotate import FACE_COLOR, Canvas
from facet.cli.image_commands import Result, read_image
from facet.cli.index_folder import add_index_parser
from facet.cli.output import box_text
from facet.client.images import image_from_bytes
from facet.v1 import collections_pb2, collections_pb2_grpc


def stub(channel: grpc.Channel) -> collections_pb2_grpc.CollectionServiceStub:
    return collections_pb2_grpc.CollectionServiceStub(channel)


def create(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    reply = stub(channel).CreateCollection(
        collections_pb2.CreateCollectionRequest(collection_id=args.collection_id), timeout=args.timeout
    )
    return reply, [f"created {reply.collection_arn} (face model {reply.face_model_version})"]


def list_collections(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    everything = collections_pb2.ListCollectionsResponse()
    token = ""
    while True:  # every page: a shell user wants the whole list
        page = stub(channel).ListCollections(
            collections_pb2.ListCollectionsRequest(page_token=token), timeout=args.timeout
        )
        everything.collection_ids.extend(page.collection_ids)
        everything.face_model_versions.extend(page.face_model_versions)
        token = page.next_page_token
        if not token:
            return everything, list(everything.collection_ids)


def describe(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    reply = stub(channel).DescribeCollection(
        collections_pb2.DescribeCollectionRequest(collection_id=args.collection_id), timeout=args.timeout
    )
    created = reply.creation_timestamp.ToDatetime().isoformat() + "Z"
    return reply, [f"{reply.collection_arn}: {reply.face_count} face(s), model {reply.face_model_version}, "
                   f"created {created}"]


def delete(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    reply = stub(channel).DeleteCollection(
        collections_pb2.DeleteCollectionRequest(collection_id=args.collection_id), timeout=args.timeout
    )
    return reply, [f"deleted {args.collection_id}"]


def search(args: argparse.Namespace, channel: grpc.Channel) -> Result:
    data = read_image(args.image)
    request = collections_pb2.SearchFacesByImageRequest(collection_id=args.collection, image=image_from_bytes(data))
    if args.max_faces is not None:
        request.max_faces = args.max_faces
    if args.face_match_threshold is not None:
        request.face_match_threshold = args.face_match_threshold
    reply = stub(channel).SearchFacesByImage(request, timeout=args.timeout)
    best = reply.face_matches[0] if reply.face_matches else None
    if args.annotate:
        canvas = Canvas(data)
        caption = f"{best.face.external_image_id or best.face.face_id} {best.similarity:.1f}" if best else "no match"
        canvas.box(reply.searched_face_bounding_box, FACE_COLOR, caption)
        canvas.save(args.annotate)
    lines = [f"searched face {box_text(reply.searched_face_bounding_box)}: {len(reply.face_matches)} match(es)"]
    lines += [f"  similarity={m.similarity:.1f} face_id={m.face.face_id} external_image_id={m.face.external_image_id}"
              for m in reply.face_matches]
    return reply, lines


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    actions = commands.add_parser("collections", help="face collections").add_subparsers(dest="action", required=True)
    for name, handler, text in (("create", create, "create a collection"),
                                ("describe", describe, "face count, model and creation time"),
                                ("delete", delete, "delete a collection and its faces")):
        parser = actions.add_parser(name, parents=[common], help=text)
        parser.add_argument("collection_id")
        parser.set_defaults(handler=handler)
    actions.add_parser("list", parents=[common], help="every collection id").set_defaults(handler=list_collections)

    find = actions.add_parser("search", parents=[common], help="search a collection with the largest face of an image")
    find.add_argument("image")
    find.add_argument("--collection", required=True)
    find.add_argument("--max-faces", type=int)
    find.add_argument("--face-match-threshold", type=float)
    find.add_argument("--annotate", metavar="OUT.png", help="write the image with the searched face drawn on it")
    find.set_defaults(handler=search)

    add_index_parser(actions, common)
