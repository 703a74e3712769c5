"""Helpers for calling Facet from Python: a channel with credentials, error details and images.

    from facet.client import connect, error_info, load_image
    from facet.v1 import faces_pb2, faces_pb2_grpc

    channel = connect("127.0.0.1:50051", api_key=None)
    faces = faces_pb2_grpc.FaceServiceStub(channel)
    reply = faces.DetectFaces(faces_pb2.DetectFacesRequest(image=load_image("group.jpg")), timeout=10)
"""

from facet.client.channel import DEFAULT_ENDPOINT, connect
from facet.client.errors import CallError, describe_error, error_info, retry_info
from facet.client.images import box_to_pixels, image_from_bytes, load_image, open_oriented

__all__ = [
    "DEFAULT_ENDPOINT",
    "CallError",
    "box_to_pixels",
    "connect",
    "describe_error",
    "error_info",
    "image_from_bytes",
    "load_image",
    "open_oriented",
    "retry_info",
]
