"""Face results as API messages, shared by FaceService and CollectionService (one conversion each).

Pixel boxes and landmarks become ratios of the oriented image (common.proto's coordinate space).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facet.v1 import common_pb2, faces_pb2
from services.common.images import DecodedImage
from services.common.request import known_enum_values
from services.faces.face_attributes import ALL, Wanted
from services.faces.pipeline import FaceResult

# API landmark types in YuNet's landmark order (image-left eye first; see services/faces/detector.py).
_LANDMARK_TYPES = (
    common_pb2.LANDMARK_TYPE_EYE_LEFT,
    common_pb2.LANDMARK_TYPE_EYE_RIGHT,
    common_pb2.LANDMARK_TYPE_NOSE,
    common_pb2.LANDMARK_TYPE_MOUTH_LEFT,
    common_pb2.LANDMARK_TYPE_MOUTH_RIGHT,
)


def wanted_attributes(attributes: Iterable[int], field: str) -> Wanted:
    """What the request asked for. DEFAULT or no attributes → nothing; unknown values are refused."""
    known = set(faces_pb2.FaceAttribute.values()) - {faces_pb2.FACE_ATTRIBUTE_UNSPECIFIED}
    wanted = known_enum_values(
        attributes, known, field, "DEFAULT, ALL, AGE_RANGE, GENDER, EMOTIONS, SMILE, EYES_OPEN or MOUTH_OPEN"
    )
    if faces_pb2.FACE_ATTRIBUTE_ALL in wanted:
        return ALL
    return Wanted(
        age=faces_pb2.FACE_ATTRIBUTE_AGE_RANGE in wanted,
        gender=faces_pb2.FACE_ATTRIBUTE_GENDER in wanted,
        emotions=faces_pb2.FACE_ATTRIBUTE_EMOTIONS in wanted,
        smile=faces_pb2.FACE_ATTRIBUTE_SMILE in wanted,
        eyes_open=faces_pb2.FACE_ATTRIBUTE_EYES_OPEN in wanted,
        mouth_open=faces_pb2.FACE_ATTRIBUTE_MOUTH_OPEN in wanted,
    )


def bounding_box(face: FaceResult, image: DecodedImage) -> common_pb2.BoundingBox:
    x, y, w, h = face.box
    return common_pb2.BoundingBox(
        left=x / image.width, top=y / image.height, width=w / image.width, height=h / image.height
    )


def landmarks(face: FaceResult, image: DecodedImage) -> list[common_pb2.Landmark]:
    return [
        common_pb2.Landmark(type=kind, x=float(x) / image.width, y=float(y) / image.height)
        for kind, (x, y) in zip(_LANDMARK_TYPES, face.landmarks, strict=True)
    ]


def mesh_landmarks(face: FaceResult, image: DecodedImage) -> list[common_pb2.Landmark]:
    """The 25 mesh landmark types, in enum order; empty when the mesh did not run."""
    if face.mesh_landmarks is None:
        return []
    found = [(common_pb2.LandmarkType.Value(f"LANDMARK_TYPE_{name}"), xy) for name, xy in face.mesh_landmarks.items()]
    return [common_pb2.Landmark(type=kind, x=x / image.width, y=y / image.height) for kind, (x, y) in sorted(found)]


def _face_fields(face: FaceResult, image: DecodedImage) -> dict[str, Any]:
    """The fields FaceDetail and ComparedFace share."""
    return {
        "bounding_box": bounding_box(face, image),
        "confidence": face.confidence,
        "landmarks": landmarks(face, image),
        "pose": common_pb2.Pose(roll=face.pose.roll, yaw=face.pose.yaw, pitch=face.pose.pitch),
        "quality": common_pb2.ImageQuality(brightness=face.quality.brightness, sharpness=face.quality.sharpness),
    }


def compared_face(face: FaceResult, image: DecodedImage) -> faces_pb2.ComparedFace:
    return faces_pb2.ComparedFace(**_face_fields(face, image))


def face_detail(face: FaceResult, image: DecodedImage) -> faces_pb2.FaceDetail:
    detail = faces_pb2.FaceDetail(**_face_fields(face, image))
    if face.age is not None:
        detail.age_range.CopyFrom(faces_pb2.AgeRange(low=face.age.low, high=face.age.high))
    if face.gender is not None:
        value = faces_pb2.GENDER_VALUE_MALE if face.gender.is_male else faces_pb2.GENDER_VALUE_FEMALE
        detail.gender.CopyFrom(faces_pb2.Gender(value=value, confidence=face.gender.confidence))
    detail.landmarks.extend(mesh_landmarks(face, image))
    if face.emotions is not None:
        detail.emotions.extend(
            faces_pb2.Emotion(type=faces_pb2.EmotionType.Value(f"EMOTION_TYPE_{e.name}"), confidence=e.confidence)
            for e in face.emotions
        )
    if face.smile is not None:
        detail.smile.CopyFrom(faces_pb2.Smile(value=face.smile.value, confidence=face.smile.confidence))
    if face.eyes_open is not None:
        detail.eyes_open.CopyFrom(faces_pb2.EyeOpen(value=face.eyes_open.value, confidence=face.eyes_open.confidence))
    if face.mouth_open is not None:
        detail.mouth_open.CopyFrom(
            faces_pb2.MouthOpen(value=face.mouth_open.value, confidence=face.mouth_open.confidence)
        )
    return detail
