"""FaceService: validate, delegate to the pipeline, convert to API messages. Nothing else."""

from __future__ import annotations

import asyncio

import grpc

from facet.v1 import faces_pb2, faces_pb2_grpc
from services.common import audit
from services.common.request import PipelineServicer, optional_percent
from services.faces.messages import bounding_box, compared_face, face_detail, wanted_attributes
from services.faces.pipeline import FacePipeline
from services.faces.settings import FaceSettings

DEFAULT_SIMILARITY_THRESHOLD = 80.0


class FaceServicer(PipelineServicer[FacePipeline], faces_pb2_grpc.FaceServiceServicer):
    def __init__(self, pipeline: FacePipeline, settings: FaceSettings):
        super().__init__(pipeline, settings)
        self.audit = audit.open_sink(settings.audit_log, "faces", settings.state_dir)

    async def DetectFaces(
        self, request: faces_pb2.DetectFacesRequest, context: grpc.aio.ServicerContext
    ) -> faces_pb2.DetectFacesResponse:
        wanted = wanted_attributes(request.attributes, "attributes")
        image = await self.requests.image(request.image)
        faces = await self.pipeline.analyse(image, self.requests.deadline_s(context), wanted)
        return faces_pb2.DetectFacesResponse(face_details=[face_detail(f, image) for f in faces])

    async def CompareFaces(
        self, request: faces_pb2.CompareFacesRequest, context: grpc.aio.ServicerContext
    ) -> faces_pb2.CompareFacesResponse:
        # Every comparison is a claim about a person: one audit record each (services/common/audit.py),
        # refused ones included (their threshold as sent).
        threshold = request.similarity_threshold if request.HasField("similarity_threshold") else None
        return await audit.audited(
            self.audit,
            "CompareFaces",
            context.invocation_metadata(),  # type: ignore[arg-type]
            lambda: self._compare_faces(request, context),
            threshold=DEFAULT_SIMILARITY_THRESHOLD if threshold is None else threshold,
        )

    async def _compare_faces(
        self, request: faces_pb2.CompareFacesRequest, context: grpc.aio.ServicerContext
    ) -> faces_pb2.CompareFacesResponse:
        threshold = optional_percent(request, "similarity_threshold", DEFAULT_SIMILARITY_THRESHOLD)
        source, target = await asyncio.gather(
            self.requests.image(request.source_image, "source_image"),
            self.requests.image(request.target_image, "target_image"),
        )
        comparison = await self.pipeline.compare(source, target, self.requests.deadline_s(context))
        response = faces_pb2.CompareFacesResponse(
            source_image_face=faces_pb2.ComparedSourceImageFace(
                bounding_box=bounding_box(comparison.source, source),
                confidence=comparison.source.confidence,
            )
        )
        # Targets come largest first: unmatched faces keep that order (faces.proto), so their
        # order says nothing about the similarities the response withholds.
        scored = list(zip(comparison.similarities, comparison.targets, strict=True))
        for similarity, face in sorted((p for p in scored if p[0] >= threshold), key=lambda p: -p[0]):
            response.face_matches.append(
                faces_pb2.CompareFacesMatch(similarity=similarity, face=compared_face(face, target))
            )
        response.unmatched_faces.extend(compared_face(face, target) for s, face in scored if s < threshold)
        return response
