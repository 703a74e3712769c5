from facet.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DetectModerationLabelsRequest(_message.Message):
    __slots__ = ("image", "min_confidence")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    image: _common_pb2.Image
    min_confidence: float
    def __init__(self, image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., min_confidence: _Optional[float] = ...) -> None: ...

class ModerationLabel(_message.Message):
    __slots__ = ("name", "confidence", "parent_name", "taxonomy_level")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    PARENT_NAME_FIELD_NUMBER: _ClassVar[int]
    TAXONOMY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    name: str
    confidence: float
    parent_name: str
    taxonomy_level: int
    def __init__(self, name: _Optional[str] = ..., confidence: _Optional[float] = ..., parent_name: _Optional[str] = ..., taxonomy_level: _Optional[int] = ...) -> None: ...

class DetectModerationLabelsResponse(_message.Message):
    __slots__ = ("moderation_labels", "moderation_model_version", "content_types")
    MODERATION_LABELS_FIELD_NUMBER: _ClassVar[int]
    MODERATION_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    moderation_labels: _containers.RepeatedCompositeFieldContainer[ModerationLabel]
    moderation_model_version: str
    content_types: _containers.RepeatedCompositeFieldContainer[ContentType]
    def __init__(self, moderation_labels: _Optional[_Iterable[_Union[ModerationLabel, _Mapping]]] = ..., moderation_model_version: _Optional[str] = ..., content_types: _Optional[_Iterable[_Union[ContentType, _Mapping]]] = ...) -> None: ...

class ContentType(_message.Message):
    __slots__ = ("name", "confidence")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    confidence: float
    def __init__(self, name: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class DescribeModerationTaxonomyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ModerationTaxonomyEntry(_message.Message):
    __slots__ = ("name", "parent_name", "taxonomy_level", "description")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_NAME_FIELD_NUMBER: _ClassVar[int]
    TAXONOMY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    parent_name: str
    taxonomy_level: int
    description: str
    def __init__(self, name: _Optional[str] = ..., parent_name: _Optional[str] = ..., taxonomy_level: _Optional[int] = ..., description: _Optional[str] = ...) -> None: ...

class DescribeModerationTaxonomyResponse(_message.Message):
    __slots__ = ("labels", "moderation_model_version", "content_types")
    LABELS_FIELD_NUMBER: _ClassVar[int]
    MODERATION_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.RepeatedCompositeFieldContainer[ModerationTaxonomyEntry]
    moderation_model_version: str
    content_types: _containers.RepeatedCompositeFieldContainer[ModerationContentTypeEntry]
    def __init__(self, labels: _Optional[_Iterable[_Union[ModerationTaxonomyEntry, _Mapping]]] = ..., moderation_model_version: _Optional[str] = ..., content_types: _Optional[_Iterable[_Union[ModerationContentTypeEntry, _Mapping]]] = ...) -> None: ...

class ModerationContentTypeEntry(_message.Message):
    __slots__ = ("name", "description")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...
