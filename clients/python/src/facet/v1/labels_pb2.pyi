from facet.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LabelFeature(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LABEL_FEATURE_UNSPECIFIED: _ClassVar[LabelFeature]
    LABEL_FEATURE_GENERAL_LABELS: _ClassVar[LabelFeature]
    LABEL_FEATURE_IMAGE_PROPERTIES: _ClassVar[LabelFeature]
LABEL_FEATURE_UNSPECIFIED: LabelFeature
LABEL_FEATURE_GENERAL_LABELS: LabelFeature
LABEL_FEATURE_IMAGE_PROPERTIES: LabelFeature

class DetectLabelsRequest(_message.Message):
    __slots__ = ("image", "max_labels", "min_confidence", "features", "settings")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_LABELS_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    image: _common_pb2.Image
    max_labels: int
    min_confidence: float
    features: _containers.RepeatedScalarFieldContainer[LabelFeature]
    settings: DetectLabelsSettings
    def __init__(self, image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., max_labels: _Optional[int] = ..., min_confidence: _Optional[float] = ..., features: _Optional[_Iterable[_Union[LabelFeature, str]]] = ..., settings: _Optional[_Union[DetectLabelsSettings, _Mapping]] = ...) -> None: ...

class DetectLabelsSettings(_message.Message):
    __slots__ = ("label_inclusion_filters", "label_exclusion_filters", "label_category_inclusion_filters", "label_category_exclusion_filters")
    LABEL_INCLUSION_FILTERS_FIELD_NUMBER: _ClassVar[int]
    LABEL_EXCLUSION_FILTERS_FIELD_NUMBER: _ClassVar[int]
    LABEL_CATEGORY_INCLUSION_FILTERS_FIELD_NUMBER: _ClassVar[int]
    LABEL_CATEGORY_EXCLUSION_FILTERS_FIELD_NUMBER: _ClassVar[int]
    label_inclusion_filters: _containers.RepeatedScalarFieldContainer[str]
    label_exclusion_filters: _containers.RepeatedScalarFieldContainer[str]
    label_category_inclusion_filters: _containers.RepeatedScalarFieldContainer[str]
    label_category_exclusion_filters: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, label_inclusion_filters: _Optional[_Iterable[str]] = ..., label_exclusion_filters: _Optional[_Iterable[str]] = ..., label_category_inclusion_filters: _Optional[_Iterable[str]] = ..., label_category_exclusion_filters: _Optional[_Iterable[str]] = ...) -> None: ...

class DetectLabelsResponse(_message.Message):
    __slots__ = ("labels", "image_properties", "label_model_version")
    LABELS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    LABEL_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.RepeatedCompositeFieldContainer[Label]
    image_properties: ImageProperties
    label_model_version: str
    def __init__(self, labels: _Optional[_Iterable[_Union[Label, _Mapping]]] = ..., image_properties: _Optional[_Union[ImageProperties, _Mapping]] = ..., label_model_version: _Optional[str] = ...) -> None: ...

class Label(_message.Message):
    __slots__ = ("name", "confidence", "instances", "parents", "aliases", "categories")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    PARENTS_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    name: str
    confidence: float
    instances: _containers.RepeatedCompositeFieldContainer[LabelInstance]
    parents: _containers.RepeatedCompositeFieldContainer[LabelParent]
    aliases: _containers.RepeatedCompositeFieldContainer[LabelAlias]
    categories: _containers.RepeatedCompositeFieldContainer[LabelCategory]
    def __init__(self, name: _Optional[str] = ..., confidence: _Optional[float] = ..., instances: _Optional[_Iterable[_Union[LabelInstance, _Mapping]]] = ..., parents: _Optional[_Iterable[_Union[LabelParent, _Mapping]]] = ..., aliases: _Optional[_Iterable[_Union[LabelAlias, _Mapping]]] = ..., categories: _Optional[_Iterable[_Union[LabelCategory, _Mapping]]] = ...) -> None: ...

class LabelInstance(_message.Message):
    __slots__ = ("bounding_box", "confidence")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    confidence: float
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class LabelParent(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class LabelAlias(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class LabelCategory(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ImageProperties(_message.Message):
    __slots__ = ("quality", "dominant_colors")
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    DOMINANT_COLORS_FIELD_NUMBER: _ClassVar[int]
    quality: ImagePropertiesQuality
    dominant_colors: _containers.RepeatedCompositeFieldContainer[DominantColor]
    def __init__(self, quality: _Optional[_Union[ImagePropertiesQuality, _Mapping]] = ..., dominant_colors: _Optional[_Iterable[_Union[DominantColor, _Mapping]]] = ...) -> None: ...

class ImagePropertiesQuality(_message.Message):
    __slots__ = ("brightness", "sharpness", "contrast")
    BRIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    SHARPNESS_FIELD_NUMBER: _ClassVar[int]
    CONTRAST_FIELD_NUMBER: _ClassVar[int]
    brightness: float
    sharpness: float
    contrast: float
    def __init__(self, brightness: _Optional[float] = ..., sharpness: _Optional[float] = ..., contrast: _Optional[float] = ...) -> None: ...

class DominantColor(_message.Message):
    __slots__ = ("red", "green", "blue", "hex_code", "pixel_percent", "simplified_color_name")
    RED_FIELD_NUMBER: _ClassVar[int]
    GREEN_FIELD_NUMBER: _ClassVar[int]
    BLUE_FIELD_NUMBER: _ClassVar[int]
    HEX_CODE_FIELD_NUMBER: _ClassVar[int]
    PIXEL_PERCENT_FIELD_NUMBER: _ClassVar[int]
    SIMPLIFIED_COLOR_NAME_FIELD_NUMBER: _ClassVar[int]
    red: int
    green: int
    blue: int
    hex_code: str
    pixel_percent: float
    simplified_color_name: str
    def __init__(self, red: _Optional[int] = ..., green: _Optional[int] = ..., blue: _Optional[int] = ..., hex_code: _Optional[str] = ..., pixel_percent: _Optional[float] = ..., simplified_color_name: _Optional[str] = ...) -> None: ...
