from facet.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FaceAttribute(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FACE_ATTRIBUTE_UNSPECIFIED: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_DEFAULT: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_ALL: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_AGE_RANGE: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_GENDER: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_EMOTIONS: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_SMILE: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_EYES_OPEN: _ClassVar[FaceAttribute]
    FACE_ATTRIBUTE_MOUTH_OPEN: _ClassVar[FaceAttribute]

class EmotionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMOTION_TYPE_UNSPECIFIED: _ClassVar[EmotionType]
    EMOTION_TYPE_HAPPY: _ClassVar[EmotionType]
    EMOTION_TYPE_SAD: _ClassVar[EmotionType]
    EMOTION_TYPE_ANGRY: _ClassVar[EmotionType]
    EMOTION_TYPE_CONFUSED: _ClassVar[EmotionType]
    EMOTION_TYPE_DISGUSTED: _ClassVar[EmotionType]
    EMOTION_TYPE_SURPRISED: _ClassVar[EmotionType]
    EMOTION_TYPE_CALM: _ClassVar[EmotionType]
    EMOTION_TYPE_FEAR: _ClassVar[EmotionType]

class GenderValue(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GENDER_VALUE_UNSPECIFIED: _ClassVar[GenderValue]
    GENDER_VALUE_MALE: _ClassVar[GenderValue]
    GENDER_VALUE_FEMALE: _ClassVar[GenderValue]
FACE_ATTRIBUTE_UNSPECIFIED: FaceAttribute
FACE_ATTRIBUTE_DEFAULT: FaceAttribute
FACE_ATTRIBUTE_ALL: FaceAttribute
FACE_ATTRIBUTE_AGE_RANGE: FaceAttribute
FACE_ATTRIBUTE_GENDER: FaceAttribute
FACE_ATTRIBUTE_EMOTIONS: FaceAttribute
FACE_ATTRIBUTE_SMILE: FaceAttribute
FACE_ATTRIBUTE_EYES_OPEN: FaceAttribute
FACE_ATTRIBUTE_MOUTH_OPEN: FaceAttribute
EMOTION_TYPE_UNSPECIFIED: EmotionType
EMOTION_TYPE_HAPPY: EmotionType
EMOTION_TYPE_SAD: EmotionType
EMOTION_TYPE_ANGRY: EmotionType
EMOTION_TYPE_CONFUSED: EmotionType
EMOTION_TYPE_DISGUSTED: EmotionType
EMOTION_TYPE_SURPRISED: EmotionType
EMOTION_TYPE_CALM: EmotionType
EMOTION_TYPE_FEAR: EmotionType
GENDER_VALUE_UNSPECIFIED: GenderValue
GENDER_VALUE_MALE: GenderValue
GENDER_VALUE_FEMALE: GenderValue

class DetectFacesRequest(_message.Message):
    __slots__ = ("image", "attributes")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    image: _common_pb2.Image
    attributes: _containers.RepeatedScalarFieldContainer[FaceAttribute]
    def __init__(self, image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., attributes: _Optional[_Iterable[_Union[FaceAttribute, str]]] = ...) -> None: ...

class DetectFacesResponse(_message.Message):
    __slots__ = ("face_details",)
    FACE_DETAILS_FIELD_NUMBER: _ClassVar[int]
    face_details: _containers.RepeatedCompositeFieldContainer[FaceDetail]
    def __init__(self, face_details: _Optional[_Iterable[_Union[FaceDetail, _Mapping]]] = ...) -> None: ...

class FaceDetail(_message.Message):
    __slots__ = ("bounding_box", "confidence", "landmarks", "pose", "quality", "age_range", "gender", "emotions", "smile", "eyes_open", "mouth_open")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANDMARKS_FIELD_NUMBER: _ClassVar[int]
    POSE_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    AGE_RANGE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    EMOTIONS_FIELD_NUMBER: _ClassVar[int]
    SMILE_FIELD_NUMBER: _ClassVar[int]
    EYES_OPEN_FIELD_NUMBER: _ClassVar[int]
    MOUTH_OPEN_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    confidence: float
    landmarks: _containers.RepeatedCompositeFieldContainer[_common_pb2.Landmark]
    pose: _common_pb2.Pose
    quality: _common_pb2.ImageQuality
    age_range: AgeRange
    gender: Gender
    emotions: _containers.RepeatedCompositeFieldContainer[Emotion]
    smile: Smile
    eyes_open: EyeOpen
    mouth_open: MouthOpen
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., confidence: _Optional[float] = ..., landmarks: _Optional[_Iterable[_Union[_common_pb2.Landmark, _Mapping]]] = ..., pose: _Optional[_Union[_common_pb2.Pose, _Mapping]] = ..., quality: _Optional[_Union[_common_pb2.ImageQuality, _Mapping]] = ..., age_range: _Optional[_Union[AgeRange, _Mapping]] = ..., gender: _Optional[_Union[Gender, _Mapping]] = ..., emotions: _Optional[_Iterable[_Union[Emotion, _Mapping]]] = ..., smile: _Optional[_Union[Smile, _Mapping]] = ..., eyes_open: _Optional[_Union[EyeOpen, _Mapping]] = ..., mouth_open: _Optional[_Union[MouthOpen, _Mapping]] = ...) -> None: ...

class Emotion(_message.Message):
    __slots__ = ("type", "confidence")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    type: EmotionType
    confidence: float
    def __init__(self, type: _Optional[_Union[EmotionType, str]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Smile(_message.Message):
    __slots__ = ("value", "confidence")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    value: bool
    confidence: float
    def __init__(self, value: _Optional[bool] = ..., confidence: _Optional[float] = ...) -> None: ...

class EyeOpen(_message.Message):
    __slots__ = ("value", "confidence")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    value: bool
    confidence: float
    def __init__(self, value: _Optional[bool] = ..., confidence: _Optional[float] = ...) -> None: ...

class MouthOpen(_message.Message):
    __slots__ = ("value", "confidence")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    value: bool
    confidence: float
    def __init__(self, value: _Optional[bool] = ..., confidence: _Optional[float] = ...) -> None: ...

class AgeRange(_message.Message):
    __slots__ = ("low", "high")
    LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    low: int
    high: int
    def __init__(self, low: _Optional[int] = ..., high: _Optional[int] = ...) -> None: ...

class Gender(_message.Message):
    __slots__ = ("value", "confidence")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    value: GenderValue
    confidence: float
    def __init__(self, value: _Optional[_Union[GenderValue, str]] = ..., confidence: _Optional[float] = ...) -> None: ...

class CompareFacesRequest(_message.Message):
    __slots__ = ("source_image", "target_image", "similarity_threshold")
    SOURCE_IMAGE_FIELD_NUMBER: _ClassVar[int]
    TARGET_IMAGE_FIELD_NUMBER: _ClassVar[int]
    SIMILARITY_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    source_image: _common_pb2.Image
    target_image: _common_pb2.Image
    similarity_threshold: float
    def __init__(self, source_image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., target_image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., similarity_threshold: _Optional[float] = ...) -> None: ...

class CompareFacesResponse(_message.Message):
    __slots__ = ("source_image_face", "face_matches", "unmatched_faces")
    SOURCE_IMAGE_FACE_FIELD_NUMBER: _ClassVar[int]
    FACE_MATCHES_FIELD_NUMBER: _ClassVar[int]
    UNMATCHED_FACES_FIELD_NUMBER: _ClassVar[int]
    source_image_face: ComparedSourceImageFace
    face_matches: _containers.RepeatedCompositeFieldContainer[CompareFacesMatch]
    unmatched_faces: _containers.RepeatedCompositeFieldContainer[ComparedFace]
    def __init__(self, source_image_face: _Optional[_Union[ComparedSourceImageFace, _Mapping]] = ..., face_matches: _Optional[_Iterable[_Union[CompareFacesMatch, _Mapping]]] = ..., unmatched_faces: _Optional[_Iterable[_Union[ComparedFace, _Mapping]]] = ...) -> None: ...

class ComparedSourceImageFace(_message.Message):
    __slots__ = ("bounding_box", "confidence")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    confidence: float
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class CompareFacesMatch(_message.Message):
    __slots__ = ("similarity", "face")
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    FACE_FIELD_NUMBER: _ClassVar[int]
    similarity: float
    face: ComparedFace
    def __init__(self, similarity: _Optional[float] = ..., face: _Optional[_Union[ComparedFace, _Mapping]] = ...) -> None: ...

class ComparedFace(_message.Message):
    __slots__ = ("bounding_box", "confidence", "landmarks", "pose", "quality")
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANDMARKS_FIELD_NUMBER: _ClassVar[int]
    POSE_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    bounding_box: _common_pb2.BoundingBox
    confidence: float
    landmarks: _containers.RepeatedCompositeFieldContainer[_common_pb2.Landmark]
    pose: _common_pb2.Pose
    quality: _common_pb2.ImageQuality
    def __init__(self, bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., confidence: _Optional[float] = ..., landmarks: _Optional[_Iterable[_Union[_common_pb2.Landmark, _Mapping]]] = ..., pose: _Optional[_Union[_common_pb2.Pose, _Mapping]] = ..., quality: _Optional[_Union[_common_pb2.ImageQuality, _Mapping]] = ...) -> None: ...
