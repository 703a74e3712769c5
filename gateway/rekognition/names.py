"""Where Rekognition's names and Facet's differ: every exception to the default rules, in one place.

Default rules (``convert``): a Rekognition member ``FaceMatchThreshold`` is the proto field
``face_match_threshold``; an enum string matches the proto enum value whose name, without its
type prefix, is equal ignoring case and underscores (``eyeLeft`` = ``LANDMARK_TYPE_EYE_LEFT``,
``Male`` = ``GENDER_VALUE_MALE``). Anything those rules do not cover is listed here, and
docs/rekognition.md lists the same exceptions for users.
"""

from __future__ import annotations

import re

# Rekognition member name -> proto field name, where snake_case of the member is not the field.
# Paging follows Google's AIP-158 on the Facet side and AWS's NextToken/MaxResults on this side.
REQUEST_FIELDS: dict[str, str] = {
    "NextToken": "page_token",
    "MaxResults": "page_size",
}
RESPONSE_FIELDS: dict[str, str] = {
    "NextToken": "next_page_token",
    "CollectionARN": "collection_arn",  # DescribeCollection spells it ARN, CreateCollection Arn
    "SimplifiedColor": "simplified_color_name",
}

# Response members whose empty string is a value (Rekognition sends "" for a top-level moderation
# label's parent). Every other empty proto3 string means "not set" and is omitted, as Rekognition does.
KEEP_EMPTY_STRING: frozenset[tuple[str, str]] = frozenset({("ModerationLabel", "ParentName")})

# Request members Facet has no field for, which are accepted and ignored because ignoring them
# cannot change a result: (Rekognition shape of the request, member) -> why.
IGNORED_REQUEST_MEMBERS: dict[tuple[str, str], str] = {
    ("CreateCollectionRequest", "Tags"): "Facet collections have no tags",
    # Idempotency tokens: a retried CreateUser/DeleteUser/AssociateFaces/DisassociateFaces is
    # answered by the state it finds (ConflictException, ResourceNotFoundException, or a no-op).
    ("CreateUserRequest", "ClientRequestToken"): "no idempotency tokens",
    ("DeleteUserRequest", "ClientRequestToken"): "no idempotency tokens",
    ("AssociateFacesRequest", "ClientRequestToken"): "no idempotency tokens",
    ("DisassociateFacesRequest", "ClientRequestToken"): "no idempotency tokens",
}

# Request members that would change the result if ignored, so they are refused with
# InvalidParameterException naming them. (Image.S3Object has its own exception: InvalidS3ObjectException.)
REFUSED_REQUEST_MEMBERS: dict[tuple[str, str], str] = {
    ("ListFacesRequest", "UserId"): "user vectors are not supported by Facet yet",
    ("ListFacesRequest", "FaceIds"): "filtering ListFaces by face ids is not supported by Facet",
    ("DetectModerationLabelsRequest", "HumanLoopConfig"): "human review (Amazon A2I) is not part of Facet",
    ("DetectModerationLabelsRequest", "ProjectVersion"): "custom moderation adapters are not supported by Facet",
}

# Members an operation module converts by hand (operations/*.py), so the generic walk skips them.
HANDLED_BY_OPERATION: frozenset[tuple[str, str]] = frozenset(
    {
        ("DetectLabelsSettings", "GeneralLabels"),  # nested one level deeper than Facet's settings
        ("DetectLabelsSettings", "ImageProperties"),  # MaxDominantColors: the front cuts the list
        ("CompareFacesRequest", "QualityFilter"),  # NONE (the default) only
        ("CreateCollectionResponse", "StatusCode"),
        ("DeleteCollectionResponse", "StatusCode"),
    }
)

# Enum values Rekognition accepts that Facet cannot compute yet: accepted, and the fields they
# would add are omitted from the response (docs/rekognition.md lists each).
UNSUPPORTED_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "BEARD",
        "EYE_DIRECTION",
        "EYEGLASSES",
        "FACE_OCCLUDED",
        "MUSTACHE",
        "SUNGLASSES",
    }
)

_CAPITALS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(member: str) -> str:
    """``FaceMatchThreshold`` -> ``face_match_threshold``; ``CollectionARN`` -> ``collection_arn``."""
    return _CAPITALS.sub("_", member).lower()


def request_field(member: str) -> str:
    return REQUEST_FIELDS.get(member) or snake_case(member)


def response_field(member: str) -> str:
    return RESPONSE_FIELDS.get(member) or snake_case(member)


def enum_key(value: str) -> str:
    """The spelling-insensitive key both sides' enum values are compared by."""
    return value.replace("_", "").lower()
