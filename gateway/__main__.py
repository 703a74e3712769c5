"""Run the gateway: ``python -m gateway``."""

from __future__ import annotations

import asyncio
import logging

from gateway.health import BackendHealth
from gateway.proxy import Backend, ProxyHandler
from gateway.routes import build_routes
from gateway.settings import GatewaySettings
from services.common.logs import configure_logging
from services.common.server import Server, create_server, run_until_signalled

log = logging.getLogger("gateway")


def build_gateway(settings: GatewaySettings) -> tuple[Server, BackendHealth, list[Backend]]:
    routes = build_routes(settings.routes, settings.enabled_services)
    backends = {
        name: Backend(route, settings.max_message_bytes, settings.dns_min_reresolution_s)
        for name, route in routes.items()
    }
    app = create_server(
        settings.listen_address,
        settings,
        list(routes),
        lambda server: server.add_generic_rpc_handlers([ProxyHandler(backends)]),
        interceptors=[],  # e.g. authentication: runs before routing, admission and error mapping
        announce_replica=False,  # forwards the answering backend's x-facet-replica instead
    )
    # Per-service health is mirrored from the backends; only "" follows the aggregate.
    app.service_names = []
    return app, BackendHealth(backends, app.health), list(backends.values())


async def main() -> None:
    settings = GatewaySettings()
    configure_logging("gateway", settings.log_level)
    app, backend_health, backends = build_gateway(settings)
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
