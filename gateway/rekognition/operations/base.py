"""What an operation is: the Facet method it calls and how its messages convert.

Most operations need nothing but the generic table-driven conversion (``convert``); an
operation supplies ``prepare`` (Rekognition defaults that differ from Facet's, reshaping) or
``finish`` (members computed rather than copied) only where the names and shapes do not line up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.model import OperationModel
from google.protobuf.message import Message

from gateway.rekognition.convert import to_proto, to_rekognition

Params = dict[str, Any]


def _unchanged(params: Params) -> Params:
    return params


def _copied(response: Params, message: Message, params: Params) -> Params:
    return response


@dataclass(frozen=True)
class Operation:
    name: str  # Rekognition operation, e.g. "DetectFaces"
    service: str  # Facet gRPC service, e.g. "facet.v1.FaceService"
    request_type: type[Message]
    response_type: type[Message]
    prepare: Callable[[Params], Params] = _unchanged
    # Sets request fields the generic conversion cannot reach (original params, built message).
    complete: Callable[[Params, Message], None] | None = None
    finish: Callable[[Params, Message, Params], Params] = _copied
    facet_method: str = ""  # Facet method name when it differs from the Rekognition operation

    @property
    def method(self) -> str:
        return f"/{self.service}/{self.facet_method or self.name}"

    def request(self, params: Params, model: OperationModel) -> Message:
        message = to_proto(self.prepare(params), self.request_type(), model.input_shape)
        if self.complete is not None:
            self.complete(params, message)
        return message

    def response(self, message: Message, model: OperationModel, params: Params) -> Params:
        return self.finish(to_rekognition(message, model.output_shape), message, params)
