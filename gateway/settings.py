"""Gateway settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import CommonSettings


class GatewaySettings(CommonSettings):
    # The public endpoint.
    listen_address: str = "127.0.0.1:50051"
    # JSON object overriding backend addresses with any gRPC target, e.g.
    # {"facet.v1.FaceService": "dns:///faces:50061"} or "ipv4:127.0.0.1:50061,127.0.0.2:50061".
    routes: dict[str, str] = Field(default_factory=dict)
    # JSON list of the service names to route (empty: every service in gateway/routes.py).
    enabled_services: list[str] = Field(default_factory=list)
    # How often backend health is polled for the aggregated health status (seconds).
    health_poll_s: float = Field(default=2.0, gt=0)
    # Shortest time between two DNS resolutions of a dns:/// route (gRPC's default is 30 s).
    dns_min_reresolution_s: float = Field(default=30.0, gt=0)
    # The gateway does no inference: admission control is off unless set (0: no limit).
    max_concurrent_calls: int = Field(default=0, ge=0)
    # API keys (JSON, see docs/security.md; `python -m gateway.keys`). Empty: no keys, loopback only.
    api_keys_file: str = ""
    # TLS certificate chain and private key (PEM). Both empty: plaintext. Reloaded when they change.
    tls_cert_file: str = ""
    tls_key_file: str = ""
    # CA bundle (PEM) for client certificates: set, every client must present one it signed (mTLS).
    tls_client_ca_file: str = ""
    # Serve a non-loopback address with no authentication at all (warned at every start).
    allow_unauthenticated: bool = False
