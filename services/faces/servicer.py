"""FaceService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from services.common import audit
from services.common.errors import InvalidArgument
from services.common.images import DecodedImage, ImageLimits, decode_image
from services.faces.pipeline import FacePipeline, FaceResult, deadline_s
from services.faces.settings import FaceSettings

log = logging.getLogger(__name__)

# API landmark types in YuNet's landmark order (image-left eye first; see services/faces/detector.py).
_LANDMARK_TYPES = (
    common_pb2.LANDMARK_TYPE_EYE_LEFT,
    common_pb2.LANDMARK_TYPE_EYE_RIGHT,
    common_pb2.LANDMARK_TYPE_NOSE,
    common_pb2.LANDMARK_TYPE_MOUTH_LEFT,
    common_pb2.LANDMARK_TYPE_MOUTH_RIGHT,
)
DEFAULT_SIMILARITY_THRESHOLD = 80.0


class FaceServicer(faces_pb2_grpc.FaceServiceServicer):
    def __init__(self, pipeline: FacePipeline, settings: FaceSettings):
        self.pipeline = pipeline
        self.settings = settings
        self.limits = ImageLimits(settings.max_image_bytes, settings.min_image_side, settings.max_image_side)
        self.audit = audit.open_sink(settings.audit_log, "faces", settings.state_dir)

    async def DetectFaces(
        self, request: faces_pb2.DetectFacesRequest, context: grpc.aio.ServicerContext
    ) -> faces_pb2.DetectFacesResponse:
        want_age, want_gender = parse_attributes(request.attributes)
        image = await self._decode(request.image, "image")
        timeout = deadline_s(context, self.settings.default_deadline_s)
        faces = await self.pipeline.analyse(image, timeout, age=want_age, gender=want_gender)
        return faces_pb2.DetectFacesResponse(face_details=[face_detail(f, image) for f in faces])

    async def CompareFaces(
        self, request: faces_pb2.CompareFacesRequest, context: grpc.aio.ServicerContext
    ) -> faces_pb2.CompareFacesResponse:
        threshold = (
            request.similarity_threshold if request.HasField("similarity_threshold") else DEFAULT_SIMILARITY_THRESHOLD
        )
        # Every comparison is a claim about a person: one audit record each (services/common/audit.py).
        return await audit.audited(
            self.audit,
            "CompareFaces",
            context.invocation_metadata(),  # type: ignore[arg-type]
            lambda: self._compare_faces(request, context, threshold),
            threshold=threshold,
        )

    async def _compare_faces(
        self, request: faces_pb2.CompareFacesRequest, context: grpc.aio.ServicerContext, threshold: float
    ) -> faces_pb2.CompareFacesResponse:
        if not 0.0 <= threshold <= 100.0:
            raise InvalidArgument(
                f"similarity_threshold must be in [0, 100], got {threshold}", reason="INVALID_PARAMETER"
            )
        source, target = await asyncio.gather(
            self._decode(request.source_image, "source_image"),
            self._decode(request.target_image, "target_image"),
        )
        timeout = deadline_s(context, self.settings.default_deadline_s)
        comparison = await self.pipeline.compare(source, target, timeout)
        response = faces_pb2.CompareFacesResponse(
            source_image_face=faces_pb2.ComparedSourceImageFace(
                bounding_box=bounding_box(comparison.source, source),
                confidence=comparison.source.confidence,
            )
        )
        ranked = sorted(zip(comparison.similarities, comparison.targets, strict=True), key=lambda p: -p[0])
        for similarity, face in ranked:
            compared = compared_face(face, target)
            if similarity >= threshold:
                response.face_matches.append(faces_pb2.CompareFacesMatch(similarity=similarity, face=compared))
            else:
                response.unmatched_faces.append(compared)
        return response

    async def _decode(self, image: common_pb2.Image, field: str) -> DecodedImage:
        if not image.HasField("bytes"):
            raise InvalidArgument(f"{field}.bytes is required", reason="INVALID_PARAMETER")
        return await self.pipeline.run_blocking(decode_image, image.bytes, self.limits, field=field)


def parse_attributes(attributes: list[int]) -> tuple[bool, bool]:
    """(age wanted, gender wanted). DEFAULT or no attributes → neither; unknown values are refused."""
    known = set(faces_pb2.FaceAttribute.values()) - {faces_pb2.FACE_ATTRIBUTE_UNSPECIFIED}
    for value in attributes:
        if value not in known:
            raise InvalidArgument(
                f"unknown face attribute {value}; use DEFAULT, ALL, AGE_RANGE or GENDER",
                reason="INVALID_PARAMETER",
            )
    wanted = set(attributes)
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
