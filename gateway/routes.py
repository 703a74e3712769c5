"""The route table: which backend serves which gRPC service.

A new service adds one entry here; the proxy, health aggregation, reflection and the local
stack launcher (scripts/stack.py, which starts one process per route) pick it up from this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Route:
    service: str  # full gRPC service name, e.g. "facet.v1.FaceService"
    address: str  # host:port of the backend process
    descriptor_module: str  # generated module that registers the service's descriptors (reflection)
    name: str = ""  # short process name (logs, `make run`)
    module: str = ""  # Python module that runs the backend: `python -m <module>`
    metrics_port: int = 0  # Prometheus port `make run` gives the backend


# Default backends, overridable with FACET_ROUTES (JSON object: service name -> address).
DEFAULT_ROUTES: tuple[Route, ...] = (
    Route("facet.v1.FaceService", "127.0.0.1:50061", "facet.v1.faces_pb2", "faces", "services.faces", 9161),
    Route("facet.v1.LabelService", "127.0.0.1:50062", "facet.v1.labels_pb2", "labels", "services.labels", 9162),
    Route(
        "facet.v1.CollectionService",
        "127.0.0.1:50065",
        "facet.v1.collections_pb2",
        "collection",
        "services.collection",
        9165,
    ),
    Route("facet.v1.TextService", "127.0.0.1:50063", "facet.v1.text_pb2", "text", "services.text", 9163),
    Route(
        "facet.v1.ModerationService",
        "127.0.0.1:50064",
        "facet.v1.moderation_pb2",
        "moderation",
        "services.moderation",
        9164,
    ),
)


def build_routes(overrides: dict[str, str], enabled: Sequence[str] = ()) -> dict[str, Route]:
    """The routes in effect: defaults with addresses replaced by ``overrides``, limited to
    ``enabled`` service names when it is not empty (a deployment that runs only some services).

    A service name the gateway does not know is refused: a typo in deployment config should
    fail at start, not silently route nowhere.
    """
    known = {route.service: route for route in DEFAULT_ROUTES}
    unknown = sorted((set(overrides) | set(enabled)) - set(known))
    if unknown:
        raise ValueError(f"unknown services {unknown} in FACET_ROUTES/FACET_ENABLED_SERVICES; known: {sorted(known)}")
    routes = {
        name: replace(route, address=overrides.get(name, route.address))
        for name, route in known.items()
        if not enabled or name in enabled
    }
    for route in routes.values():
        importlib.import_module(route.descriptor_module)  # registers descriptors for reflection
    return routes
