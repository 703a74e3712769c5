"""Run the gateway: ``python -m gateway``."""

from __future__ import annotations

import asyncio
import logging

from gateway.auth import AuthenticatingHandler
from gateway.edge import UnsafeConfiguration, build_edge
from gateway.health import BackendHealth
from gateway.proxy import Backend, ProxyHandler
from gateway.routes import build_routes
from gateway.settings import GatewaySettings
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled

log = logging.getLogger("gateway")


def build_gateway(settings: GatewaySettings) -> tuple[Server, BackendHealth, list[Backend]]:
    routes = build_routes(settings.routes, settings.enabled_services)
    edge = build_edge(settings)  # raises UnsafeConfiguration before anything is bound
    backends = {
        name: Backend(route, settings.max_message_bytes, settings.dns_min_reresolution_s)
        for name, route in routes.items()
    }
    handler = AuthenticatingHandler(ProxyHandler(backends), edge.gatekeeper)  # auth in front of routing
    app = create_server(
        settings.listen_address,
        settings,
        list(routes),
        lambda server: server.add_generic_rpc_handlers([handler]),
        announce_replica=False,  # forwards the answering backend's x-facet-replica instead
        credentials=edge.credentials,
    )
    # Per-service health is mirrored from the backends; only "" follows the aggregate.
    app.service_names = []
    return app, BackendHealth(backends, app.health), list(backends.values())


async def main() -> None:
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level)
    try:
        app, backend_health, backends = build_gateway(settings)
    except UnsafeConfiguration as exc:
        log.error("%s", exc)
        raise SystemExit(2) from None
    for backend in backends:
        log.info("route %s -> %s", backend.route.service, backend.route.address)

    async def close_backends() -> None:
        for backend in backends:
            await backend.close()

    await run_until_signalled(
        app, settings, backend_health.check, recheck_every_s=settings.health_poll_s, on_stop=close_backends
    )


if __name__ == "__main__":
    asyncio.run(main())
