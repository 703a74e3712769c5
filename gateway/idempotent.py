"""Which RPCs the gateway may retry on another replica: the one classified list.

A call is retried (UNAVAILABLE only, at most 3 attempts: services/common/balancing.py) only when
running it twice has the same effect as once. Reads, detections and searches qualify (a retried
search may write a second audit record with the same x-request-id); writes never do, since a
replica killed after committing IndexFaces but before answering would index the faces twice.
tests/unit/gateway/test_idempotent.py fails when an RPC of any proto is in neither set, so a
new RPC cannot be added without deciding.
"""

from __future__ import annotations

IDEMPOTENT: frozenset[str] = frozenset(
    {
        "facet.v1.FaceService/DetectFaces",
        "facet.v1.FaceService/CompareFaces",
        "facet.v1.LabelService/DetectLabels",
        "facet.v1.TextService/DetectText",
        "facet.v1.ModerationService/DetectModerationLabels",
        "facet.v1.ModerationService/DescribeModerationTaxonomy",
        "facet.v1.CollectionService/ListCollections",
        "facet.v1.CollectionService/DescribeCollection",
        "facet.v1.CollectionService/ListFaces",
        "facet.v1.CollectionService/SearchFaces",
        "facet.v1.CollectionService/SearchFacesByImage",
        "facet.v1.CollectionService/ListUsers",
        "facet.v1.CollectionService/SearchUsers",
        "facet.v1.CollectionService/SearchUsersByImage",
    }
)

WRITES: frozenset[str] = frozenset(
    {
        "facet.v1.CollectionService/CreateCollection",
        "facet.v1.CollectionService/DeleteCollection",
        "facet.v1.CollectionService/IndexFaces",
        "facet.v1.CollectionService/DeleteFaces",
        # CreateUser/DeleteUser retried after a commit would answer ALREADY_EXISTS / NOT_FOUND for a
        # call that succeeded; Associate/DisassociateFaces would report their own faces as done twice
        # at best. Not retried, like every write.
        "facet.v1.CollectionService/CreateUser",
        "facet.v1.CollectionService/DeleteUser",
        "facet.v1.CollectionService/AssociateFaces",
        "facet.v1.CollectionService/DisassociateFaces",
    }
)


def idempotent_methods(service: str) -> list[tuple[str, str]]:
    """(service, method) pairs of ``service`` that may be retried."""
    return sorted((name.split("/")[0], name.split("/")[1]) for name in IDEMPOTENT if name.split("/")[0] == service)
