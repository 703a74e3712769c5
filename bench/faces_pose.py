"""Mesh pose (solvePnP) against the 5-point landmark pose on the same faces, and mirror consistency.

    .venv/bin/python -m bench.faces_pose --eval-dir ../shared/eval [--lfw 600]

No data set here carries head-pose labels (../shared/eval: LFW, UTKFace, ORL, WebFaces,
CompreFace, face masks; ORL's README says only that subjects are frontal "with tolerance for
some side movement"). What is measured, on the largest face of each image of LFW View 1 (the
first --lfw images, press photos, mostly near frontal) and of all 400 ORL images (92x112 grey,
40 people turning their heads a little left and right):

- agreement of the mesh pose with the detector's 5-point pose (services/faces/pose.py, the
  landmark geometry of the same face): median and 90th percentile of |difference| per angle,
  and the correlation and least-squares slope of mesh yaw on 5-point yaw;
- mirror consistency of each method: the image flipped left-right should give yaw and roll of
  the opposite sign and the same pitch; the median |yaw + yaw_mirrored| etc. is the method's
  own noise (a bias symmetric under mirroring, such as a fixed pitch offset, is not seen);
- a third estimate that uses the mesh network's z (an orthographic 3-D Procrustes fit of the
  canonical face to the mesh's x, y, z), against the service's solvePnP on x, y;
- the yaw range each data set spans.

Same code and ONNX as the service, in-process (onnxruntime), no Triton.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from services.common.onnx_session import OnnxSession
from services.faces import detector, face_attributes, mesh, mesh_pose, pose

ANGLES = ("roll", "yaw", "pitch")


def procrustes_pose(points: np.ndarray) -> pose.Pose:
    """Orthographic 3-D fit (Kabsch) of the canonical face's rigid points to the mesh's x, y, z: a
    check that uses the network's depth, which the service's solvePnP does not."""
    vertices, rigid = mesh_pose.canonical_face()
    source = vertices[rigid] - vertices[rigid].mean(axis=0)
    target = points[rigid] - points[rigid].mean(axis=0)
    u, _, vt = np.linalg.svd(target.T @ source)
    rotation = u @ np.diag([1.0, 1.0, np.sign(np.linalg.det(u @ vt))]) @ vt
    return mesh_pose.rotation_to_pose(rotation)


def largest_face_poses(session: OnnxSession, image: np.ndarray) -> tuple[pose.Pose, pose.Pose, pose.Pose] | None:
    """(5-point pose, mesh pose, 3-D Procrustes pose) of the image's largest face, or None without a
    face or a mesh pose."""
    tensor, transform = detector.letterbox(image)
    outputs = session.run("face_detector", {detector.INPUT_NAME: tensor[None]}, detector.OUTPUT_NAMES)
    found = detector.decode({k: v[0] for k, v in outputs.items()}, transform)
    if len(found) == 0:
        return None
    largest = int(np.argmax([b[2] * b[3] for b in found.boxes]))
    box = tuple(float(v) for v in found.boxes[largest])
    landmarks = found.landmarks[largest : largest + 1]
    inputs, matrices = face_attributes.ensemble_inputs(image, [box], landmarks)  # type: ignore[list-item]
    result = session.run("face_attributes", inputs, face_attributes.OUTPUT_NAMES)
    points = mesh.decode_mesh(result["mesh"], result["face_logit"], matrices)[0].points
    fitted = mesh_pose.mesh_pose(points, image.shape[0], image.shape[1])
    return None if fitted is None else (pose.face_pose(landmarks[0]), fitted, procrustes_pose(points))


def as_array(poses: list[pose.Pose]) -> np.ndarray:
    return np.array([[p.roll, p.yaw, p.pitch] for p in poses])


def wrapped(degrees: np.ndarray) -> np.ndarray:
    return (degrees + 180.0) % 360.0 - 180.0


def report(name: str, session: OnnxSession, files: list[Path]) -> None:
    five, fitted, five_m, fitted_m, depth = [], [], [], [], []
    for path in files:
        image = cv2.imread(str(path))
        if image is None:
            continue
        image = np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image, np.uint8)
        straight, mirrored = largest_face_poses(session, image), largest_face_poses(session, image[:, ::-1].copy())
        if straight is None or mirrored is None:
            continue
        five.append(straight[0])
        fitted.append(straight[1])
        five_m.append(mirrored[0])
        fitted_m.append(mirrored[1])
        depth.append(straight[2])
    a, b, am, bm, c = as_array(five), as_array(fitted), as_array(five_m), as_array(fitted_m), as_array(depth)
    print(f"\n{name}: {len(a)} faces (largest per image, found in the image and its mirror) of {len(files)} images")
    diff = np.abs(wrapped(b - a))
    for i, angle in enumerate(ANGLES):
        median, p90 = np.median(diff[:, i]), np.quantile(diff[:, i], 0.9)
        print(
            f"  {angle:5s} mesh vs 5-point |diff| median {median:5.1f}  p90 {p90:5.1f}"
            f"   mesh mean {b[:, i].mean():+5.1f}  5-point mean {a[:, i].mean():+5.1f}"
        )
    slope = np.polyfit(a[:, 1], b[:, 1], 1)[0]
    print(f"  yaw correlation mesh vs 5-point: {np.corrcoef(a[:, 1], b[:, 1])[0, 1]:.3f}, slope {slope:.2f}")
    depth_slope = np.polyfit(b[:, 1], c[:, 1], 1)[0]
    depth_diff = np.median(np.abs(c - b), axis=0)
    print(
        f"  3-D fit with the network's z: yaw slope on mesh (solvePnP) yaw {depth_slope:.2f},"
        f" |diff| median yaw {depth_diff[1]:.1f} pitch {depth_diff[2]:.1f}"
    )
    print(f"  mesh yaw range p5..p95: {np.quantile(b[:, 1], 0.05):+.1f}..{np.quantile(b[:, 1], 0.95):+.1f}")
    sign = np.array([-1.0, -1.0, 1.0])  # a mirror flips roll and yaw, keeps pitch
    for label, x, xm in (("mesh", b, bm), ("5-point", a, am)):
        error = np.abs(wrapped(x - sign * xm)) / 2.0
        print(
            f"  mirror consistency {label:7s}: median |error| roll {np.median(error[:, 0]):.2f}"
            f"  yaw {np.median(error[:, 1]):.2f}  pitch {np.median(error[:, 2]):.2f} degrees"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--lfw", type=int, default=600, help="LFW View 1 images, in sorted path order")
    args = parser.parse_args()
    session = OnnxSession(["face_detector", "face_attributes"])
    lfw = sorted((args.eval_dir / "lfw_view1" / "images").rglob("*.jpg"))[: args.lfw]
    orl = sorted((args.eval_dir / "orl_att_faces").rglob("*.pgm"))
    if not lfw and not orl:
        raise SystemExit(f"no LFW or ORL images under {args.eval_dir}")
    report("LFW View 1", session, lfw)
    report("ORL", session, orl)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
