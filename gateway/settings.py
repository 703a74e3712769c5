"""Gateway settings (environment variables, prefix FACET_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import CommonSettings


class GatewaySettings(CommonSettings):
    # The public endpoint.
    listen_address: str = "127.0.0.1:50051"
    # JSON object overriding backend addresses, e.g. {"facet.v1.FaceService": "faces:50061"}.
    routes: dict[str, str] = Field(default_factory=dict)
    # JSON list of the service names to route (empty: every service in gateway/routes.py).
    enabled_services: list[str] = Field(default_factory=list)
    # How often backend health is polled for the aggregated health status (seconds).
    health_poll_s: float = Field(default=2.0, gt=0)
    # API keys (JSON, see docs/security.md; `python -m gateway.keys`). Empty: no keys, loopback only.
    api_keys_file: str = ""
    # TLS certificate chain and private key (PEM). Both empty: plaintext. Reloaded when they change.
    tls_cert_file: str = ""
    tls_key_file: str = ""
    # CA bundle (PEM) for client certificates: set, every client must present one it signed (mTLS).
    tls_client_ca_file: str = ""
    # Serve a non-loopback address with no authentication at all (warned at every start).
    allow_unauthenticated: bool = False
