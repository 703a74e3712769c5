from facet.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TextType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEXT_TYPE_UNSPECIFIED: _ClassVar[TextType]
    TEXT_TYPE_LINE: _ClassVar[TextType]
    TEXT_TYPE_WORD: _ClassVar[TextType]
TEXT_TYPE_UNSPECIFIED: TextType
TEXT_TYPE_LINE: TextType
TEXT_TYPE_WORD: TextType

class DetectTextRequest(_message.Message):
    __slots__ = ("image", "filters", "max_words")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    FILTERS_FIELD_NUMBER: _ClassVar[int]
    MAX_WORDS_FIELD_NUMBER: _ClassVar[int]
    image: _common_pb2.Image
    filters: DetectTextFilters
    max_words: int
    def __init__(self, image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., filters: _Optional[_Union[DetectTextFilters, _Mapping]] = ..., max_words: _Optional[int] = ...) -> None: ...

class DetectTextFilters(_message.Message):
    __slots__ = ("word_filter", "regions_of_interest")
    WORD_FILTER_FIELD_NUMBER: _ClassVar[int]
    REGIONS_OF_INTEREST_FIELD_NUMBER: _ClassVar[int]
    word_filter: DetectionFilter
    regions_of_interest: _containers.RepeatedCompositeFieldContainer[RegionOfInterest]
    def __init__(self, word_filter: _Optional[_Union[DetectionFilter, _Mapping]] = ..., regions_of_interest: _Optional[_Iterable[_Union[RegionOfInterest, _Mapping]]] = ...) -> None: ...

class DetectionFilter(_message.Message):
    __slots__ = ("min_confidence", "min_bounding_box_height", "min_bounding_box_width")
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    MIN_BOUNDING_BOX_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    MIN_BOUNDING_BOX_WIDTH_FIELD_NUMBER: _ClassVar[int]
    min_confidence: float
    min_bounding_box_height: float
    min_bounding_box_width: float
    def __init__(self, min_confidence: _Optional[float] = ..., min_bounding_box_height: _Optional[float] = ..., min_bounding_box_width: _Optional[float] = ...) -> None: ...

class RegionOfInterest(_message.Message):
    __slots__ = ("bounding_box", "polygon")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    POLYGON_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    polygon: _containers.RepeatedCompositeFieldContainer[TextPoint]
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., polygon: _Optional[_Iterable[_Union[TextPoint, _Mapping]]] = ...) -> None: ...

class TextPoint(_message.Message):
    __slots__ = ("x", "y")
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    x: float
    y: float
    def __init__(self, x: _Optional[float] = ..., y: _Optional[float] = ...) -> None: ...

class TextGeometry(_message.Message):
    __slots__ = ("bounding_box", "polygon")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    POLYGON_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    polygon: _containers.RepeatedCompositeFieldContainer[TextPoint]
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., polygon: _Optional[_Iterable[_Union[TextPoint, _Mapping]]] = ...) -> None: ...

class TextDetection(_message.Message):
    __slots__ = ("detected_text", "type", "id", "parent_id", "confidence", "geometry")
    DETECTED_TEXT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_FIELD_NUMBER: _ClassVar[int]
    detected_text: str
    type: TextType
    id: int
    parent_id: int
    confidence: float
    geometry: TextGeometry
    def __init__(self, detected_text: _Optional[str] = ..., type: _Optional[_Union[TextType, str]] = ..., id: _Optional[int] = ..., parent_id: _Optional[int] = ..., confidence: _Optional[float] = ..., geometry: _Optional[_Union[TextGeometry, _Mapping]] = ...) -> None: ...

class DetectTextResponse(_message.Message):
    __slots__ = ("text_detections", "text_model_version")
    TEXT_DETECTIONS_FIELD_NUMBER: _ClassVar[int]
    TEXT_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    text_detections: _containers.RepeatedCompositeFieldContainer[TextDetection]
    text_model_version: str
    def __init__(self, text_detections: _Optional[_Iterable[_Union[TextDetection, _Mapping]]] = ..., text_model_version: _Optional[str] = ...) -> None: ...
