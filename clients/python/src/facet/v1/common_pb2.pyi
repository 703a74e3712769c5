from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LandmarkType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LANDMARK_TYPE_UNSPECIFIED: _ClassVar[LandmarkType]
    LANDMARK_TYPE_EYE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_EYE_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_NOSE: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MOUTH_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MOUTH_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_BROW_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_BROW_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_BROW_UP: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_BROW_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_BROW_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_BROW_UP: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_UP: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_EYE_DOWN: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_UP: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_EYE_DOWN: _ClassVar[LandmarkType]
    LANDMARK_TYPE_NOSE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_NOSE_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MOUTH_UP: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MOUTH_DOWN: _ClassVar[LandmarkType]
    LANDMARK_TYPE_LEFT_PUPIL: _ClassVar[LandmarkType]
    LANDMARK_TYPE_RIGHT_PUPIL: _ClassVar[LandmarkType]
    LANDMARK_TYPE_UPPER_JAWLINE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MID_JAWLINE_LEFT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_CHIN_BOTTOM: _ClassVar[LandmarkType]
    LANDMARK_TYPE_MID_JAWLINE_RIGHT: _ClassVar[LandmarkType]
    LANDMARK_TYPE_UPPER_JAWLINE_RIGHT: _ClassVar[LandmarkType]

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ERROR_REASON_UNSPECIFIED: _ClassVar[ErrorReason]
    ERROR_REASON_INVALID_IMAGE_FORMAT: _ClassVar[ErrorReason]
    ERROR_REASON_IMAGE_TOO_LARGE: _ClassVar[ErrorReason]
    ERROR_REASON_IMAGE_TOO_SMALL: _ClassVar[ErrorReason]
    ERROR_REASON_NO_FACE_IN_SOURCE: _ClassVar[ErrorReason]
    ERROR_REASON_INVALID_PARAMETER: _ClassVar[ErrorReason]
    ERROR_REASON_MODEL_NOT_READY: _ClassVar[ErrorReason]
    ERROR_REASON_INFERENCE_UNAVAILABLE: _ClassVar[ErrorReason]
    ERROR_REASON_DEADLINE_EXCEEDED: _ClassVar[ErrorReason]
    ERROR_REASON_INTERNAL: _ClassVar[ErrorReason]
    ERROR_REASON_COLLECTION_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_FACE_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_COLLECTION_ALREADY_EXISTS: _ClassVar[ErrorReason]
    ERROR_REASON_NO_FACE_IN_IMAGE: _ClassVar[ErrorReason]
    ERROR_REASON_FACE_MODEL_MISMATCH: _ClassVar[ErrorReason]
    ERROR_REASON_SERVICE_UNAVAILABLE: _ClassVar[ErrorReason]
    ERROR_REASON_OVERLOADED: _ClassVar[ErrorReason]
    ERROR_REASON_INVALID_REQUEST: _ClassVar[ErrorReason]
    ERROR_REASON_UNAUTHENTICATED: _ClassVar[ErrorReason]
    ERROR_REASON_PERMISSION_DENIED: _ClassVar[ErrorReason]
    ERROR_REASON_RATE_LIMITED: _ClassVar[ErrorReason]
    ERROR_REASON_SIGNATURE_INVALID: _ClassVar[ErrorReason]
    ERROR_REASON_SIGNATURE_EXPIRED: _ClassVar[ErrorReason]
    ERROR_REASON_USER_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_USER_ALREADY_EXISTS: _ClassVar[ErrorReason]
LANDMARK_TYPE_UNSPECIFIED: LandmarkType
LANDMARK_TYPE_EYE_LEFT: LandmarkType
LANDMARK_TYPE_EYE_RIGHT: LandmarkType
LANDMARK_TYPE_NOSE: LandmarkType
LANDMARK_TYPE_MOUTH_LEFT: LandmarkType
LANDMARK_TYPE_MOUTH_RIGHT: LandmarkType
LANDMARK_TYPE_LEFT_EYE_BROW_LEFT: LandmarkType
LANDMARK_TYPE_LEFT_EYE_BROW_RIGHT: LandmarkType
LANDMARK_TYPE_LEFT_EYE_BROW_UP: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_BROW_LEFT: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_BROW_RIGHT: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_BROW_UP: LandmarkType
LANDMARK_TYPE_LEFT_EYE_LEFT: LandmarkType
LANDMARK_TYPE_LEFT_EYE_RIGHT: LandmarkType
LANDMARK_TYPE_LEFT_EYE_UP: LandmarkType
LANDMARK_TYPE_LEFT_EYE_DOWN: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_LEFT: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_RIGHT: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_UP: LandmarkType
LANDMARK_TYPE_RIGHT_EYE_DOWN: LandmarkType
LANDMARK_TYPE_NOSE_LEFT: LandmarkType
LANDMARK_TYPE_NOSE_RIGHT: LandmarkType
LANDMARK_TYPE_MOUTH_UP: LandmarkType
LANDMARK_TYPE_MOUTH_DOWN: LandmarkType
LANDMARK_TYPE_LEFT_PUPIL: LandmarkType
LANDMARK_TYPE_RIGHT_PUPIL: LandmarkType
LANDMARK_TYPE_UPPER_JAWLINE_LEFT: LandmarkType
LANDMARK_TYPE_MID_JAWLINE_LEFT: LandmarkType
LANDMARK_TYPE_CHIN_BOTTOM: LandmarkType
LANDMARK_TYPE_MID_JAWLINE_RIGHT: LandmarkType
LANDMARK_TYPE_UPPER_JAWLINE_RIGHT: LandmarkType
ERROR_REASON_UNSPECIFIED: ErrorReason
ERROR_REASON_INVALID_IMAGE_FORMAT: ErrorReason
ERROR_REASON_IMAGE_TOO_LARGE: ErrorReason
ERROR_REASON_IMAGE_TOO_SMALL: ErrorReason
ERROR_REASON_NO_FACE_IN_SOURCE: ErrorReason
ERROR_REASON_INVALID_PARAMETER: ErrorReason
ERROR_REASON_MODEL_NOT_READY: ErrorReason
ERROR_REASON_INFERENCE_UNAVAILABLE: ErrorReason
ERROR_REASON_DEADLINE_EXCEEDED: ErrorReason
ERROR_REASON_INTERNAL: ErrorReason
ERROR_REASON_COLLECTION_NOT_FOUND: ErrorReason
ERROR_REASON_FACE_NOT_FOUND: ErrorReason
ERROR_REASON_COLLECTION_ALREADY_EXISTS: ErrorReason
ERROR_REASON_NO_FACE_IN_IMAGE: ErrorReason
ERROR_REASON_FACE_MODEL_MISMATCH: ErrorReason
ERROR_REASON_SERVICE_UNAVAILABLE: ErrorReason
ERROR_REASON_OVERLOADED: ErrorReason
ERROR_REASON_INVALID_REQUEST: ErrorReason
ERROR_REASON_UNAUTHENTICATED: ErrorReason
ERROR_REASON_PERMISSION_DENIED: ErrorReason
ERROR_REASON_RATE_LIMITED: ErrorReason
ERROR_REASON_SIGNATURE_INVALID: ErrorReason
ERROR_REASON_SIGNATURE_EXPIRED: ErrorReason
ERROR_REASON_USER_NOT_FOUND: ErrorReason
ERROR_REASON_USER_ALREADY_EXISTS: ErrorReason

class Image(_message.Message):
    __slots__ = ("bytes",)
    BYTES_FIELD_NUMBER: _ClassVar[int]
    bytes: bytes
    def __init__(self, bytes: _Optional[bytes] = ...) -> None: ...

class BoundingBox(_message.Message):
    __slots__ = ("width", "height", "left", "top")
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    LEFT_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    width: float
    height: float
    left: float
    top: float
    def __init__(self, width: _Optional[float] = ..., height: _Optional[float] = ..., left: _Optional[float] = ..., top: _Optional[float] = ...) -> None: ...

class Landmark(_message.Message):
    __slots__ = ("type", "x", "y")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    type: LandmarkType
    x: float
    y: float
    def __init__(self, type: _Optional[_Union[LandmarkType, str]] = ..., x: _Optional[float] = ..., y: _Optional[float] = ...) -> None: ...

class Pose(_message.Message):
    __slots__ = ("roll", "yaw", "pitch")
    ROLL_FIELD_NUMBER: _ClassVar[int]
    YAW_FIELD_NUMBER: _ClassVar[int]
    PITCH_FIELD_NUMBER: _ClassVar[int]
    roll: float
    yaw: float
    pitch: float
    def __init__(self, roll: _Optional[float] = ..., yaw: _Optional[float] = ..., pitch: _Optional[float] = ...) -> None: ...

class ImageQuality(_message.Message):
    __slots__ = ("brightness", "sharpness")
    BRIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    SHARPNESS_FIELD_NUMBER: _ClassVar[int]
    brightness: float
    sharpness: float
    def __init__(self, brightness: _Optional[float] = ..., sharpness: _Optional[float] = ...) -> None: ...
