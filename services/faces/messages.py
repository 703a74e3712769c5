"""Face results as API messages, shared by FaceService and CollectionService (one conversion each).

Pixel boxes and landmarks become ratios of the oriented image (common.proto's coordinate space).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facet.v1 import common_pb2, faces_pb2
from services.common.images import DecodedImage
from services.common.request import known_enum_values
from services.faces.pipeline import FaceResult

# API landmark types in YuNet's landmark order (image-left eye first; see services/faces/detector.py).
_LANDMARK_TYPES = (
    common_pb2.LANDMARK_TYPE_EYE_LEFT,
    common_pb2.LANDMARK_TYPE_EYE_RIGHT,
    common_pb2.LANDMARK_TYPE_NOSE,
    common_pb2.LANDMARK_TYPE_MOUTH_LEFT,
    common_pb2.LANDMARK_TYPE_MOUTH_RIGHT,
)


def wanted_attributes(attributes: Iterable[int], field: str) -> tuple[bool, bool]:
    """(age wanted, gender wanted). DEFAULT or no attributes → neither; unknown values are refused."""
    known = set(faces_pb2.FaceAttribute.values()) - {faces_pb2.FACE_ATTRIBUTE_UNSPECIFIED}
    wanted = known_enum_values(attributes, known, field, "DEFAULT, ALL, AGE_RANGE or GENDER")
    every = faces_pb2.FACE_ATTRIBUTE_ALL in wanted
    return every or faces_pb2.FACE_ATTRIBUTE_AGE_RANGE in wanted, every or faces_pb2.FACE_ATTRIBUTE_GENDER in wanted


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
    return detail
