import datetime

from facet.v1 import common_pb2 as _common_pb2
from facet.v1 import faces_pb2 as _faces_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QualityFilter(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUALITY_FILTER_UNSPECIFIED: _ClassVar[QualityFilter]
    QUALITY_FILTER_NONE: _ClassVar[QualityFilter]
    QUALITY_FILTER_AUTO: _ClassVar[QualityFilter]
    QUALITY_FILTER_LOW: _ClassVar[QualityFilter]
    QUALITY_FILTER_MEDIUM: _ClassVar[QualityFilter]
    QUALITY_FILTER_HIGH: _ClassVar[QualityFilter]

class UnindexedReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNINDEXED_REASON_UNSPECIFIED: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_EXCEEDS_MAX_FACES: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_EXTREME_POSE: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_LOW_BRIGHTNESS: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_LOW_SHARPNESS: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_LOW_CONFIDENCE: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_SMALL_BOUNDING_BOX: _ClassVar[UnindexedReason]
    UNINDEXED_REASON_LOW_FACE_QUALITY: _ClassVar[UnindexedReason]

class UserStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_STATUS_UNSPECIFIED: _ClassVar[UserStatus]
    USER_STATUS_ACTIVE: _ClassVar[UserStatus]
    USER_STATUS_UPDATING: _ClassVar[UserStatus]
    USER_STATUS_CREATING: _ClassVar[UserStatus]
    USER_STATUS_CREATED: _ClassVar[UserStatus]

class UnsuccessfulFaceAssociationReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNSUCCESSFUL_FACE_ASSOCIATION_REASON_UNSPECIFIED: _ClassVar[UnsuccessfulFaceAssociationReason]
    UNSUCCESSFUL_FACE_ASSOCIATION_REASON_FACE_NOT_FOUND: _ClassVar[UnsuccessfulFaceAssociationReason]
    UNSUCCESSFUL_FACE_ASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER: _ClassVar[UnsuccessfulFaceAssociationReason]
    UNSUCCESSFUL_FACE_ASSOCIATION_REASON_LOW_MATCH_CONFIDENCE: _ClassVar[UnsuccessfulFaceAssociationReason]

class UnsuccessfulFaceDisassociationReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_UNSPECIFIED: _ClassVar[UnsuccessfulFaceDisassociationReason]
    UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_FACE_NOT_FOUND: _ClassVar[UnsuccessfulFaceDisassociationReason]
    UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER: _ClassVar[UnsuccessfulFaceDisassociationReason]

class UnsearchedFaceReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNSEARCHED_FACE_REASON_UNSPECIFIED: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_FACE_NOT_LARGEST: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_EXCEEDS_MAX_FACES: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_EXTREME_POSE: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_LOW_BRIGHTNESS: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_LOW_SHARPNESS: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_LOW_CONFIDENCE: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_SMALL_BOUNDING_BOX: _ClassVar[UnsearchedFaceReason]
    UNSEARCHED_FACE_REASON_LOW_FACE_QUALITY: _ClassVar[UnsearchedFaceReason]
QUALITY_FILTER_UNSPECIFIED: QualityFilter
QUALITY_FILTER_NONE: QualityFilter
QUALITY_FILTER_AUTO: QualityFilter
QUALITY_FILTER_LOW: QualityFilter
QUALITY_FILTER_MEDIUM: QualityFilter
QUALITY_FILTER_HIGH: QualityFilter
UNINDEXED_REASON_UNSPECIFIED: UnindexedReason
UNINDEXED_REASON_EXCEEDS_MAX_FACES: UnindexedReason
UNINDEXED_REASON_EXTREME_POSE: UnindexedReason
UNINDEXED_REASON_LOW_BRIGHTNESS: UnindexedReason
UNINDEXED_REASON_LOW_SHARPNESS: UnindexedReason
UNINDEXED_REASON_LOW_CONFIDENCE: UnindexedReason
UNINDEXED_REASON_SMALL_BOUNDING_BOX: UnindexedReason
UNINDEXED_REASON_LOW_FACE_QUALITY: UnindexedReason
USER_STATUS_UNSPECIFIED: UserStatus
USER_STATUS_ACTIVE: UserStatus
USER_STATUS_UPDATING: UserStatus
USER_STATUS_CREATING: UserStatus
USER_STATUS_CREATED: UserStatus
UNSUCCESSFUL_FACE_ASSOCIATION_REASON_UNSPECIFIED: UnsuccessfulFaceAssociationReason
UNSUCCESSFUL_FACE_ASSOCIATION_REASON_FACE_NOT_FOUND: UnsuccessfulFaceAssociationReason
UNSUCCESSFUL_FACE_ASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER: UnsuccessfulFaceAssociationReason
UNSUCCESSFUL_FACE_ASSOCIATION_REASON_LOW_MATCH_CONFIDENCE: UnsuccessfulFaceAssociationReason
UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_UNSPECIFIED: UnsuccessfulFaceDisassociationReason
UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_FACE_NOT_FOUND: UnsuccessfulFaceDisassociationReason
UNSUCCESSFUL_FACE_DISASSOCIATION_REASON_ASSOCIATED_TO_A_DIFFERENT_USER: UnsuccessfulFaceDisassociationReason
UNSEARCHED_FACE_REASON_UNSPECIFIED: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_FACE_NOT_LARGEST: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_EXCEEDS_MAX_FACES: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_EXTREME_POSE: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_LOW_BRIGHTNESS: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_LOW_SHARPNESS: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_LOW_CONFIDENCE: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_SMALL_BOUNDING_BOX: UnsearchedFaceReason
UNSEARCHED_FACE_REASON_LOW_FACE_QUALITY: UnsearchedFaceReason

class Face(_message.Message):
    __slots__ = ("face_id", "bounding_box", "image_id", "external_image_id", "confidence")
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    IMAGE_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_IMAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    bounding_box: _common_pb2.BoundingBox
    image_id: str
    external_image_id: str
    confidence: float
    def __init__(self, face_id: _Optional[str] = ..., bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., image_id: _Optional[str] = ..., external_image_id: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class FaceRecord(_message.Message):
    __slots__ = ("face", "face_detail")
    FACE_FIELD_NUMBER: _ClassVar[int]
    FACE_DETAIL_FIELD_NUMBER: _ClassVar[int]
    face: Face
    face_detail: _faces_pb2.FaceDetail
    def __init__(self, face: _Optional[_Union[Face, _Mapping]] = ..., face_detail: _Optional[_Union[_faces_pb2.FaceDetail, _Mapping]] = ...) -> None: ...

class UnindexedFace(_message.Message):
    __slots__ = ("reasons", "face_detail")
    REASONS_FIELD_NUMBER: _ClassVar[int]
    FACE_DETAIL_FIELD_NUMBER: _ClassVar[int]
    reasons: _containers.RepeatedScalarFieldContainer[UnindexedReason]
    face_detail: _faces_pb2.FaceDetail
    def __init__(self, reasons: _Optional[_Iterable[_Union[UnindexedReason, str]]] = ..., face_detail: _Optional[_Union[_faces_pb2.FaceDetail, _Mapping]] = ...) -> None: ...

class FaceMatch(_message.Message):
    __slots__ = ("similarity", "face")
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    FACE_FIELD_NUMBER: _ClassVar[int]
    similarity: float
    face: Face
    def __init__(self, similarity: _Optional[float] = ..., face: _Optional[_Union[Face, _Mapping]] = ...) -> None: ...

class CreateCollectionRequest(_message.Message):
    __slots__ = ("collection_id",)
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    def __init__(self, collection_id: _Optional[str] = ...) -> None: ...

class CreateCollectionResponse(_message.Message):
    __slots__ = ("collection_arn", "face_model_version")
    COLLECTION_ARN_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    collection_arn: str
    face_model_version: str
    def __init__(self, collection_arn: _Optional[str] = ..., face_model_version: _Optional[str] = ...) -> None: ...

class DeleteCollectionRequest(_message.Message):
    __slots__ = ("collection_id",)
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    def __init__(self, collection_id: _Optional[str] = ...) -> None: ...

class DeleteCollectionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListCollectionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCollectionsResponse(_message.Message):
    __slots__ = ("collection_ids", "face_model_versions", "next_page_token")
    COLLECTION_IDS_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    collection_ids: _containers.RepeatedScalarFieldContainer[str]
    face_model_versions: _containers.RepeatedScalarFieldContainer[str]
    next_page_token: str
    def __init__(self, collection_ids: _Optional[_Iterable[str]] = ..., face_model_versions: _Optional[_Iterable[str]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DescribeCollectionRequest(_message.Message):
    __slots__ = ("collection_id",)
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    def __init__(self, collection_id: _Optional[str] = ...) -> None: ...

class DescribeCollectionResponse(_message.Message):
    __slots__ = ("face_count", "face_model_version", "collection_arn", "creation_timestamp", "user_count")
    FACE_COUNT_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    COLLECTION_ARN_FIELD_NUMBER: _ClassVar[int]
    CREATION_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    USER_COUNT_FIELD_NUMBER: _ClassVar[int]
    face_count: int
    face_model_version: str
    collection_arn: str
    creation_timestamp: _timestamp_pb2.Timestamp
    user_count: int
    def __init__(self, face_count: _Optional[int] = ..., face_model_version: _Optional[str] = ..., collection_arn: _Optional[str] = ..., creation_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user_count: _Optional[int] = ...) -> None: ...

class IndexFacesRequest(_message.Message):
    __slots__ = ("collection_id", "image", "external_image_id", "max_faces", "quality_filter", "detection_attributes")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_IMAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_FACES_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FILTER_FIELD_NUMBER: _ClassVar[int]
    DETECTION_ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    image: _common_pb2.Image
    external_image_id: str
    max_faces: int
    quality_filter: QualityFilter
    detection_attributes: _containers.RepeatedScalarFieldContainer[_faces_pb2.FaceAttribute]
    def __init__(self, collection_id: _Optional[str] = ..., image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., external_image_id: _Optional[str] = ..., max_faces: _Optional[int] = ..., quality_filter: _Optional[_Union[QualityFilter, str]] = ..., detection_attributes: _Optional[_Iterable[_Union[_faces_pb2.FaceAttribute, str]]] = ...) -> None: ...

class IndexFacesResponse(_message.Message):
    __slots__ = ("face_records", "face_model_version", "unindexed_faces")
    FACE_RECORDS_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    UNINDEXED_FACES_FIELD_NUMBER: _ClassVar[int]
    face_records: _containers.RepeatedCompositeFieldContainer[FaceRecord]
    face_model_version: str
    unindexed_faces: _containers.RepeatedCompositeFieldContainer[UnindexedFace]
    def __init__(self, face_records: _Optional[_Iterable[_Union[FaceRecord, _Mapping]]] = ..., face_model_version: _Optional[str] = ..., unindexed_faces: _Optional[_Iterable[_Union[UnindexedFace, _Mapping]]] = ...) -> None: ...

class ListFacesRequest(_message.Message):
    __slots__ = ("collection_id", "page_size", "page_token")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    page_size: int
    page_token: str
    def __init__(self, collection_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFacesResponse(_message.Message):
    __slots__ = ("faces", "next_page_token", "face_model_version")
    FACES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    faces: _containers.RepeatedCompositeFieldContainer[Face]
    next_page_token: str
    face_model_version: str
    def __init__(self, faces: _Optional[_Iterable[_Union[Face, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., face_model_version: _Optional[str] = ...) -> None: ...

class DeleteFacesRequest(_message.Message):
    __slots__ = ("collection_id", "face_ids")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_IDS_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    face_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, collection_id: _Optional[str] = ..., face_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DeleteFacesResponse(_message.Message):
    __slots__ = ("deleted_faces", "unsuccessful_face_deletions")
    DELETED_FACES_FIELD_NUMBER: _ClassVar[int]
    UNSUCCESSFUL_FACE_DELETIONS_FIELD_NUMBER: _ClassVar[int]
    deleted_faces: _containers.RepeatedScalarFieldContainer[str]
    unsuccessful_face_deletions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, deleted_faces: _Optional[_Iterable[str]] = ..., unsuccessful_face_deletions: _Optional[_Iterable[str]] = ...) -> None: ...

class SearchFacesRequest(_message.Message):
    __slots__ = ("collection_id", "face_id", "max_faces", "face_match_threshold")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_FACES_FIELD_NUMBER: _ClassVar[int]
    FACE_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    face_id: str
    max_faces: int
    face_match_threshold: float
    def __init__(self, collection_id: _Optional[str] = ..., face_id: _Optional[str] = ..., max_faces: _Optional[int] = ..., face_match_threshold: _Optional[float] = ...) -> None: ...

class SearchFacesResponse(_message.Message):
    __slots__ = ("searched_face_id", "face_matches", "face_model_version")
    SEARCHED_FACE_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_MATCHES_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    searched_face_id: str
    face_matches: _containers.RepeatedCompositeFieldContainer[FaceMatch]
    face_model_version: str
    def __init__(self, searched_face_id: _Optional[str] = ..., face_matches: _Optional[_Iterable[_Union[FaceMatch, _Mapping]]] = ..., face_model_version: _Optional[str] = ...) -> None: ...

class SearchFacesByImageRequest(_message.Message):
    __slots__ = ("collection_id", "image", "max_faces", "face_match_threshold", "quality_filter")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_FACES_FIELD_NUMBER: _ClassVar[int]
    FACE_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FILTER_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    image: _common_pb2.Image
    max_faces: int
    face_match_threshold: float
    quality_filter: QualityFilter
    def __init__(self, collection_id: _Optional[str] = ..., image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., max_faces: _Optional[int] = ..., face_match_threshold: _Optional[float] = ..., quality_filter: _Optional[_Union[QualityFilter, str]] = ...) -> None: ...

class SearchFacesByImageResponse(_message.Message):
    __slots__ = ("searched_face_bounding_box", "searched_face_confidence", "face_matches", "face_model_version")
    SEARCHED_FACE_BOUNDING_BOX_FIELD_NUMBER: _ClassVar[int]
    SEARCHED_FACE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    FACE_MATCHES_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    searched_face_bounding_box: _common_pb2.BoundingBox
    searched_face_confidence: float
    face_matches: _containers.RepeatedCompositeFieldContainer[FaceMatch]
    face_model_version: str
    def __init__(self, searched_face_bounding_box: _Optional[_Union[_common_pb2.BoundingBox, _Mapping]] = ..., searched_face_confidence: _Optional[float] = ..., face_matches: _Optional[_Iterable[_Union[FaceMatch, _Mapping]]] = ..., face_model_version: _Optional[str] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("user_id", "user_status")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_STATUS_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    user_status: UserStatus
    def __init__(self, user_id: _Optional[str] = ..., user_status: _Optional[_Union[UserStatus, str]] = ...) -> None: ...

class UserMatch(_message.Message):
    __slots__ = ("similarity", "user")
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    similarity: float
    user: User
    def __init__(self, similarity: _Optional[float] = ..., user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class CreateUserRequest(_message.Message):
    __slots__ = ("collection_id", "user_id")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    user_id: str
    def __init__(self, collection_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class CreateUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DeleteUserRequest(_message.Message):
    __slots__ = ("collection_id", "user_id")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    user_id: str
    def __init__(self, collection_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class DeleteUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ("collection_id", "page_size", "page_token")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    page_size: int
    page_token: str
    def __init__(self, collection_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ("users", "next_page_token")
    USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[User]
    next_page_token: str
    def __init__(self, users: _Optional[_Iterable[_Union[User, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AssociateFacesRequest(_message.Message):
    __slots__ = ("collection_id", "user_id", "face_ids", "user_match_threshold")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_IDS_FIELD_NUMBER: _ClassVar[int]
    USER_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    user_id: str
    face_ids: _containers.RepeatedScalarFieldContainer[str]
    user_match_threshold: float
    def __init__(self, collection_id: _Optional[str] = ..., user_id: _Optional[str] = ..., face_ids: _Optional[_Iterable[str]] = ..., user_match_threshold: _Optional[float] = ...) -> None: ...

class AssociatedFace(_message.Message):
    __slots__ = ("face_id",)
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    def __init__(self, face_id: _Optional[str] = ...) -> None: ...

class UnsuccessfulFaceAssociation(_message.Message):
    __slots__ = ("face_id", "user_id", "confidence", "reasons")
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    user_id: str
    confidence: float
    reasons: _containers.RepeatedScalarFieldContainer[UnsuccessfulFaceAssociationReason]
    def __init__(self, face_id: _Optional[str] = ..., user_id: _Optional[str] = ..., confidence: _Optional[float] = ..., reasons: _Optional[_Iterable[_Union[UnsuccessfulFaceAssociationReason, str]]] = ...) -> None: ...

class AssociateFacesResponse(_message.Message):
    __slots__ = ("associated_faces", "unsuccessful_face_associations", "user_status")
    ASSOCIATED_FACES_FIELD_NUMBER: _ClassVar[int]
    UNSUCCESSFUL_FACE_ASSOCIATIONS_FIELD_NUMBER: _ClassVar[int]
    USER_STATUS_FIELD_NUMBER: _ClassVar[int]
    associated_faces: _containers.RepeatedCompositeFieldContainer[AssociatedFace]
    unsuccessful_face_associations: _containers.RepeatedCompositeFieldContainer[UnsuccessfulFaceAssociation]
    user_status: UserStatus
    def __init__(self, associated_faces: _Optional[_Iterable[_Union[AssociatedFace, _Mapping]]] = ..., unsuccessful_face_associations: _Optional[_Iterable[_Union[UnsuccessfulFaceAssociation, _Mapping]]] = ..., user_status: _Optional[_Union[UserStatus, str]] = ...) -> None: ...

class DisassociateFacesRequest(_message.Message):
    __slots__ = ("collection_id", "user_id", "face_ids")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_IDS_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    user_id: str
    face_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, collection_id: _Optional[str] = ..., user_id: _Optional[str] = ..., face_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DisassociatedFace(_message.Message):
    __slots__ = ("face_id",)
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    def __init__(self, face_id: _Optional[str] = ...) -> None: ...

class UnsuccessfulFaceDisassociation(_message.Message):
    __slots__ = ("face_id", "user_id", "reasons")
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    user_id: str
    reasons: _containers.RepeatedScalarFieldContainer[UnsuccessfulFaceDisassociationReason]
    def __init__(self, face_id: _Optional[str] = ..., user_id: _Optional[str] = ..., reasons: _Optional[_Iterable[_Union[UnsuccessfulFaceDisassociationReason, str]]] = ...) -> None: ...

class DisassociateFacesResponse(_message.Message):
    __slots__ = ("disassociated_faces", "unsuccessful_face_disassociations", "user_status")
    DISASSOCIATED_FACES_FIELD_NUMBER: _ClassVar[int]
    UNSUCCESSFUL_FACE_DISASSOCIATIONS_FIELD_NUMBER: _ClassVar[int]
    USER_STATUS_FIELD_NUMBER: _ClassVar[int]
    disassociated_faces: _containers.RepeatedCompositeFieldContainer[DisassociatedFace]
    unsuccessful_face_disassociations: _containers.RepeatedCompositeFieldContainer[UnsuccessfulFaceDisassociation]
    user_status: UserStatus
    def __init__(self, disassociated_faces: _Optional[_Iterable[_Union[DisassociatedFace, _Mapping]]] = ..., unsuccessful_face_disassociations: _Optional[_Iterable[_Union[UnsuccessfulFaceDisassociation, _Mapping]]] = ..., user_status: _Optional[_Union[UserStatus, str]] = ...) -> None: ...

class SearchUsersRequest(_message.Message):
    __slots__ = ("collection_id", "user_id", "face_id", "user_match_threshold", "max_users")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    USER_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MAX_USERS_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    user_id: str
    face_id: str
    user_match_threshold: float
    max_users: int
    def __init__(self, collection_id: _Optional[str] = ..., user_id: _Optional[str] = ..., face_id: _Optional[str] = ..., user_match_threshold: _Optional[float] = ..., max_users: _Optional[int] = ...) -> None: ...

class SearchedFace(_message.Message):
    __slots__ = ("face_id",)
    FACE_ID_FIELD_NUMBER: _ClassVar[int]
    face_id: str
    def __init__(self, face_id: _Optional[str] = ...) -> None: ...

class SearchedUser(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class SearchUsersResponse(_message.Message):
    __slots__ = ("user_matches", "face_model_version", "searched_face", "searched_user")
    USER_MATCHES_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    SEARCHED_FACE_FIELD_NUMBER: _ClassVar[int]
    SEARCHED_USER_FIELD_NUMBER: _ClassVar[int]
    user_matches: _containers.RepeatedCompositeFieldContainer[UserMatch]
    face_model_version: str
    searched_face: SearchedFace
    searched_user: SearchedUser
    def __init__(self, user_matches: _Optional[_Iterable[_Union[UserMatch, _Mapping]]] = ..., face_model_version: _Optional[str] = ..., searched_face: _Optional[_Union[SearchedFace, _Mapping]] = ..., searched_user: _Optional[_Union[SearchedUser, _Mapping]] = ...) -> None: ...

class SearchUsersByImageRequest(_message.Message):
    __slots__ = ("collection_id", "image", "user_match_threshold", "max_users", "quality_filter")
    COLLECTION_ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    USER_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MAX_USERS_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FILTER_FIELD_NUMBER: _ClassVar[int]
    collection_id: str
    image: _common_pb2.Image
    user_match_threshold: float
    max_users: int
    quality_filter: QualityFilter
    def __init__(self, collection_id: _Optional[str] = ..., image: _Optional[_Union[_common_pb2.Image, _Mapping]] = ..., user_match_threshold: _Optional[float] = ..., max_users: _Optional[int] = ..., quality_filter: _Optional[_Union[QualityFilter, str]] = ...) -> None: ...

class SearchedFaceDetails(_message.Message):
    __slots__ = ("face_detail",)
    FACE_DETAIL_FIELD_NUMBER: _ClassVar[int]
    face_detail: _faces_pb2.FaceDetail
    def __init__(self, face_detail: _Optional[_Union[_faces_pb2.FaceDetail, _Mapping]] = ...) -> None: ...

class UnsearchedFace(_message.Message):
    __slots__ = ("face_details", "reasons")
    FACE_DETAILS_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    face_details: _faces_pb2.FaceDetail
    reasons: _containers.RepeatedScalarFieldContainer[UnsearchedFaceReason]
    def __init__(self, face_details: _Optional[_Union[_faces_pb2.FaceDetail, _Mapping]] = ..., reasons: _Optional[_Iterable[_Union[UnsearchedFaceReason, str]]] = ...) -> None: ...

class SearchUsersByImageResponse(_message.Message):
    __slots__ = ("user_matches", "face_model_version", "searched_face", "unsearched_faces")
    USER_MATCHES_FIELD_NUMBER: _ClassVar[int]
    FACE_MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    SEARCHED_FACE_FIELD_NUMBER: _ClassVar[int]
    UNSEARCHED_FACES_FIELD_NUMBER: _ClassVar[int]
    user_matches: _containers.RepeatedCompositeFieldContainer[UserMatch]
    face_model_version: str
    searched_face: SearchedFaceDetails
    unsearched_faces: _containers.RepeatedCompositeFieldContainer[UnsearchedFace]
    def __init__(self, user_matches: _Optional[_Iterable[_Union[UserMatch, _Mapping]]] = ..., face_model_version: _Optional[str] = ..., searched_face: _Optional[_Union[SearchedFaceDetails, _Mapping]] = ..., unsearched_faces: _Optional[_Iterable[_Union[UnsearchedFace, _Mapping]]] = ...) -> None: ...
