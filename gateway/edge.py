"""What the gateway puts at its edge, from settings: TLS credentials and the gatekeeper.

Safe by default: without a keys file (and without client certificates) nobody is authenticated,
so the gateway then serves only on a loopback address. Bound anywhere else it refuses to start
unless FACET_ALLOW_UNAUTHENTICATED=1, which it warns about at every start.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass

import grpc

from gateway.auth import Gatekeeper
from gateway.keys import KeysFileError
from gateway.keystore import KeyStore
from gateway.settings import GatewaySettings
from gateway.tls import CertificateFiles, server_credentials
from services.common import audit

log = logging.getLogger("gateway")


class UnsafeConfiguration(RuntimeError):
    """The settings would expose the gateway in a way the operator did not ask for."""


@dataclass
class Edge:
    gatekeeper: Gatekeeper
    credentials: grpc.ServerCredentials | None  # None: plaintext


def is_loopback(address: str) -> bool:
    """Whether a listen address (host:port, [v6]:port, unix:path) is reachable only from this host."""
    if address.startswith(("unix:", "unix-abstract:")):
        return True
    host = address.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name or empty (all interfaces): treat as exposed


def build_edge(settings: GatewaySettings) -> Edge:
    credentials = None
    if settings.tls_cert_file or settings.tls_key_file:
        if not (settings.tls_cert_file and settings.tls_key_file):
            raise UnsafeConfiguration("TLS needs both FACET_TLS_CERT_FILE and FACET_TLS_KEY_FILE")
        try:
            credentials = server_credentials(
                CertificateFiles(settings.tls_cert_file, settings.tls_key_file, settings.tls_client_ca_file)
            )
        except (OSError, ValueError) as exc:
            raise UnsafeConfiguration(f"TLS files not usable: {exc}") from exc
    elif settings.tls_client_ca_file:
        raise UnsafeConfiguration("FACET_TLS_CLIENT_CA_FILE needs FACET_TLS_CERT_FILE and FACET_TLS_KEY_FILE")

    store = None
    if settings.api_keys_file:
        try:
            store = KeyStore(settings.api_keys_file)
        except KeysFileError as exc:
            raise UnsafeConfiguration(f"keys file not usable: {exc}") from exc
    authenticated = store is not None or bool(credentials and settings.tls_client_ca_file)
    if not authenticated:
        if not is_loopback(settings.listen_address) and not settings.allow_unauthenticated:
            raise UnsafeConfiguration(
                f"refusing to serve {settings.listen_address} without authentication: anyone who can reach it could "
                "search faces. Add keys (python -m gateway.keys add NAME --file keys.json; "
                "FACET_API_KEYS_FILE=keys.json), require client certificates (FACET_TLS_CLIENT_CA_FILE), listen on "
                "127.0.0.1, or opt out explicitly with FACET_ALLOW_UNAUTHENTICATED=1."
            )
        if settings.allow_unauthenticated:
            log.warning(
                "FACET_ALLOW_UNAUTHENTICATED=1: %s serves every caller without authentication", settings.listen_address
            )
    sink = audit.open_sink(settings.audit_log, "gateway", settings.state_dir)
    return Edge(Gatekeeper(store, sink), credentials)
