"""facet.v1.FaceService: DetectFaces, CompareFaces."""

from __future__ import annotations

from facet.v1 import faces_pb2
from gateway.rekognition.errors import invalid_parameter
from gateway.rekognition.operations.base import Operation, Params

SERVICE = "facet.v1.FaceService"


def _compare_faces_defaults(params: Params) -> Params:
    # Rekognition's CompareFaces default is QualityFilter NONE, which is what Facet does: every
    # detected face is compared. Other levels would filter, which Facet's CompareFaces cannot.
    quality_filter = params.get("QualityFilter", "NONE")
    if quality_filter != "NONE":
        raise invalid_parameter(f"QualityFilter {quality_filter} is not supported by CompareFaces here; use NONE")
    return {key: value for key, value in params.items() if key != "QualityFilter"}


OPERATIONS = (
    Operation("DetectFaces", SERVICE, faces_pb2.DetectFacesRequest, faces_pb2.DetectFacesResponse),
    Operation(
        "CompareFaces",
        SERVICE,
        faces_pb2.CompareFacesRequest,
        faces_pb2.CompareFacesResponse,
        prepare=_compare_faces_defaults,
    ),
)
