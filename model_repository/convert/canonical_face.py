"""One-time extraction: MediaPipe's canonical 3-D face (468 vertices) → services/faces/data/canonical_face.json.

Not run by `make setup`; its output is committed. Needs only npm and the standard library:

    npm pack @mediapipe/face_mesh@0.4.1657299874        # -> mediapipe-face_mesh-0.4.1657299874.tgz
    python3 model_repository/convert/canonical_face.py --tarball mediapipe-face_mesh-0.4.1657299874.tgz

Source: npm @mediapipe/face_mesh 0.4.1657299874 (Apache-2.0, Google; tarball sha256 checked).
Its `face_mesh_solution_packed_assets.data` packs, at the offsets listed in
`face_mesh_solution_packed_assets_loader.js`, MediaPipe's
`modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb`: a
GeometryPipelineMetadata protobuf holding `canonical_mesh` (the vertex buffer of
canonical_face_model.obj: x, y, z in centimetres, u, v per vertex; x to the viewer's right on a
face looking at the viewer, y up, z towards the viewer) and `procrustes_landmark_basis` (the
landmark ids and weights MediaPipe fits the pose with: rigid parts of the face, no jaw or lips).
The protobuf is read by a 20-line wire-format reader below (no generated code needed).

Written: {"source", "vertices": [468][3] cm, "pose_landmarks": ids, "pose_weights": weights}.
Checked: 468 vertices, the nearest point is on the nose (vertex 4, beside the tip 1), the eyes' outer
corners (33, 263) are mirror images.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import struct
import tarfile
from collections.abc import Iterator
from pathlib import Path

TARBALL_SHA256 = "c08a7e0742a326285da666cf81d77c8b6f3a181a2ee948cadaf166008e0d3bc7"
MEMBER = "geometry_pipeline_metadata_landmarks.binarypb"
OUTPUT = Path(__file__).resolve().parents[2] / "services" / "faces" / "data" / "canonical_face.json"


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _fields(data: bytes) -> Iterator[tuple[int, int | float | bytes]]:
    """(field number, value) of one protobuf message: varints, fixed32 floats, length-delimited bytes."""
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        value: int | float | bytes
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 5:
            value = struct.unpack_from("<f", data, i)[0]
            i += 4
        elif wire == 2:
            size, i = _varint(data, i)
            value, i = data[i : i + size], i + size
        else:
            raise ValueError(f"unexpected wire type {wire}")
        yield number, value


def packed_member(tarball: Path) -> bytes:
    raw = tarball.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{tarball}: sha256 {digest}, expected {TARBALL_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        loader = tar.extractfile("package/face_mesh_solution_packed_assets_loader.js").read().decode()  # type: ignore[union-attr]
        packed = tar.extractfile("package/face_mesh_solution_packed_assets.data").read()  # type: ignore[union-attr]
    found = re.search(MEMBER + r'",\s*"start":\s*(\d+),\s*"end":\s*(\d+)', loader)
    if found is None:
        raise SystemExit(f"{MEMBER} not listed in the packed assets loader")
    return packed[int(found.group(1)) : int(found.group(2))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tarball", type=Path, required=True)
    args = parser.parse_args()
    metadata = list(_fields(packed_member(args.tarball)))
    mesh = next(bytes(v) for n, v in metadata if n == 1 and isinstance(v, bytes))
    buffer = [float(v) for n, v in _fields(mesh) if n == 3]
    vertices = [[round(v, 6) for v in buffer[i : i + 3]] for i in range(0, len(buffer), 5)]
    basis = [dict(_fields(bytes(v))) for n, v in metadata if n == 2 and isinstance(v, bytes)]
    ids = [int(b[1]) for b in basis]
    weights = [round(float(b.get(2, 0.0)), 6) for b in basis]
    assert len(vertices) == 468, len(vertices)
    assert max(range(468), key=lambda i: vertices[i][2]) in (1, 4), "the nearest vertex is not on the nose"
    assert vertices[33][0] == -vertices[263][0] and vertices[33][1:] == vertices[263][1:]
    OUTPUT.write_text(
        json.dumps(
            {
                "source": "npm @mediapipe/face_mesh@0.4.1657299874 (Apache-2.0), "
                "modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb; "
                "model_repository/convert/canonical_face.py",
                "units": "cm; x to the viewer's right, y up, z towards the viewer (face looking at the viewer)",
                "vertices": vertices,
                "pose_landmarks": ids,
                "pose_weights": weights,
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"{len(vertices)} vertices, {len(ids)} pose landmarks, nose tip z {vertices[1][2]} cm -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
