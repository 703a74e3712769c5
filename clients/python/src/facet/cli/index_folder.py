"""`facet collections index DIR --collection C`: index every image of a folder, resumably.

Each image is one IndexFaces call (several in flight); its `external_image_id` is its path
relative to DIR, so the collection itself says which images are in it. A journal (JSON lines,
default DIR/.facet-index.<collection>.jsonl) records each finished image with its face ids and
the reasons its other faces were not indexed. A second run skips every image that the journal
or the collection (ListFaces) already holds: an image whose call completed but whose journal
line was lost to an interruption is found in the collection and not indexed twice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import grpc

from facet.cli.progress import ProgressBar
from facet.client.errors import describe_error
from facet.client.images import image_from_bytes
from facet.v1 import collections_pb2, collections_pb2_grpc

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
_NOT_ALLOWED = re.compile(r"[^a-zA-Z0-9_.\-:]")  # IndexFaces' external_image_id alphabet
_MAX_ID = 255


def external_image_id(relative: str) -> str:
    """The path as an external_image_id ('/' becomes ':'); a hash keeps lossy or long ones unique."""
    plain = relative.replace("/", ":")
    cleaned = _NOT_ALLOWED.sub("_", plain)
    if cleaned == plain and len(cleaned) <= _MAX_ID:
        return cleaned
    digest = hashlib.sha256(relative.encode()).hexdigest()[:16]
    return f"{cleaned[: _MAX_ID - len(digest) - 1]}-{digest}"


def images_in(folder: Path) -> list[str]:
    """Image paths under `folder`, relative to it, sorted (hidden files and folders skipped)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                found.append((Path(root) / name).relative_to(folder).as_posix())
    return found


def read_journal(path: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:  # a line cut by an interruption: that image runs again
                continue
            records[record["path"]] = record
    return records


def faces_by_external_id(stub: collections_pb2_grpc.CollectionServiceStub, collection: str,
                         timeout: float) -> dict[str, list[str]]:
    """external_image_id -> face ids, over every page of ListFaces."""
    found: dict[str, list[str]] = {}
    token = ""
    while True:
        page = stub.ListFaces(
            collections_pb2.ListFacesRequest(collection_id=collection, page_size=4096, page_token=token),
            timeout=timeout,
        )
        for face in page.faces:
            found.setdefault(face.external_image_id, []).append(face.face_id)
        token = page.next_page_token
        if not token:
            return found


def ensure_collection(stub: collections_pb2_grpc.CollectionServiceStub, args: argparse.Namespace) -> None:
    try:
        stub.DescribeCollection(collections_pb2.DescribeCollectionRequest(collection_id=args.collection),
                                timeout=args.timeout)
    except grpc.RpcError as err:
        if err.code() != grpc.StatusCode.NOT_FOUND or not args.create:
            raise
        stub.CreateCollection(collections_pb2.CreateCollectionRequest(collection_id=args.collection),
                              timeout=args.timeout)


def index_one(stub: collections_pb2_grpc.CollectionServiceStub, folder: Path, relative: str,
              args: argparse.Namespace) -> dict[str, Any]:
    request = collections_pb2.IndexFacesRequest(
        collection_id=args.collection,
        image=image_from_bytes((folder / relative).read_bytes()),
        external_image_id=external_image_id(relative),
        quality_filter=collections_pb2.QualityFilter.Value(f"QUALITY_FILTER_{args.quality_filter}"),
    )
    if args.max_faces is not None:
        request.max_faces = args.max_faces
    reply = stub.IndexFaces(request, timeout=args.timeout)
    return {
        "path": relative,
        "external_image_id": request.external_image_id,
        "face_ids": [record.face.face_id for record in reply.face_records],
        "unindexed": [[collections_pb2.UnindexedReason.Name(r).removeprefix("UNINDEXED_REASON_") for r in face.reasons]
                      for face in reply.unindexed_faces],
    }


class Journal:
    """Append-only, one fsynced line per finished image, so an interruption loses at most one."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def summary_lines(summary: dict[str, Any]) -> Iterator[str]:
    yield (f"{summary['images']} image(s) in folder: {summary['indexed_images']} indexed now, "
           f"{summary['already_indexed']} already indexed, {summary['failed_images']} failed")
    yield f"faces indexed now: {summary['faces_indexed']}; faces from this folder in the collection: " \
          f"{summary['faces_in_collection']}"
    yield f"unindexed faces: {summary['unindexed_faces']}"
    for reason, count in summary["unindexed_by_reason"].items():
        yield f"  {reason}: {count}"
    for failure in summary["failures"][:20]:
        yield f"failed {failure['path']}: {failure['error']}"


def index(args: argparse.Namespace, channel: grpc.Channel) -> tuple[dict[str, Any], list[str]]:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    journal_path = Path(args.journal) if args.journal else folder / f".facet-index.{args.collection}.jsonl"
    stub = collections_pb2_grpc.CollectionServiceStub(channel)
    ensure_collection(stub, args)

    paths = images_in(folder)
    done = read_journal(journal_path)
    in_collection = faces_by_external_id(stub, args.collection, args.timeout)
    journal = Journal(journal_path)
    todo = []
    for relative in paths:
        ext_id = external_image_id(relative)
        record = done.get(relative)
        if record is not None and (not record["face_ids"] or ext_id in in_collection):
            continue
        if ext_id in in_collection:  # indexed, but the interruption came before its journal line
            done[relative] = {"path": relative, "external_image_id": ext_id, "face_ids": in_collection[ext_id],
                              "unindexed": [], "recovered": True}
            journal.write(done[relative])
            continue
        done.pop(relative, None)  # journaled for a collection that has since lost those faces
        todo.append(relative)
    already = len(paths) - len(todo)

    faces_now, failures = 0, []
    progress = ProgressBar(f"indexing into {args.collection}", len(paths), enabled=not args.no_progress)
    progress.update(already, force=True)
    pool = ThreadPoolExecutor(max_workers=args.concurrency)
    try:
        futures: dict[Future[dict[str, Any]], str] = {pool.submit(index_one, stub, folder, p, args): p for p in todo}
        for finished, future in enumerate(as_completed(futures), start=1):
            relative = futures[future]
            try:
                record = future.result()
            except grpc.RpcError as err:
                failures.append({"path": relative, "error": describe_error(err).one_line()})
            except OSError as err:
                failures.append({"path": relative, "error": f"cannot read: {err.strerror or err}"})
            else:
                journal.write(record)
                done[relative] = record
                faces_now += len(record["face_ids"])
            progress.update(already + finished, f"faces {faces_now} failed {len(failures)}")
        progress.update(len(paths), f"faces {faces_now} failed {len(failures)}", force=True)
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        progress.close()
        sys.stderr.write(f"interrupted: run the same command again to index the rest (journal {journal_path})\n")
        raise
    finally:
        journal.close()
    pool.shutdown()
    progress.close()

    reasons: Counter[str] = Counter()
    unindexed = 0
    for record in done.values():
        for face_reasons in record["unindexed"]:
            unindexed += 1
            reasons.update(face_reasons)
    summary = {
        "collection": args.collection,
        "images": len(paths),
        "indexed_images": len(todo) - len(failures),
        "already_indexed": already,
        "failed_images": len(failures),
        "faces_indexed": faces_now,
        "faces_in_collection": sum(len(record["face_ids"]) for record in done.values()),
        "unindexed_faces": unindexed,
        "unindexed_by_reason": dict(reasons.most_common()),
        "failures": failures,
        "journal": str(journal_path),
    }
    args.exit_code = 1 if failures else 0
    return summary, list(summary_lines(summary))


def add_index_parser(actions: Any, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser("index", parents=[common], help="index every image of a folder (resumable)")
    parser.add_argument("folder")
    parser.add_argument("--collection", required=True)
    parser.add_argument("--create", action="store_true", help="create the collection when it does not exist")
    parser.add_argument("--concurrency", type=int, default=4, help="IndexFaces calls in flight (default 4)")
    parser.add_argument("--max-faces", type=int, help="most faces per image (server default 100)")
    parser.add_argument("--quality-filter", default="AUTO", choices=["NONE", "AUTO", "LOW", "MEDIUM", "HIGH"])
    parser.add_argument("--journal", help="progress journal (default DIR/.facet-index.<collection>.jsonl)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(handler=index)
