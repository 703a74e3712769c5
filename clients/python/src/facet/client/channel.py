"""A gRPC channel to the Facet gateway, with the gateway's credentials: API keys and TLS."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import grpc

DEFAULT_ENDPOINT = "127.0.0.1:50051"

# Images may be up to 5 MiB by default and a response (many faces, labels or words) can exceed
# gRPC's 4 MiB receive default; the gateway's own limit is what counts.
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

# round_robin over every address the target resolves to: with `dns:///name:port` (a headless
# Kubernetes Service) calls spread over all replicas instead of sticking to the first one.
_SERVICE_CONFIG = json.dumps({"loadBalancingConfig": [{"round_robin": {}}]})


class _Metadata(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds fixed metadata (the API key) to every call."""

    def __init__(self, metadata: Sequence[tuple[str, str]]) -> None:
        self._metadata = tuple(metadata)

    def _with_metadata(self, details: Any) -> Any:
        return details._replace(metadata=(*(details.metadata or ()), *self._metadata))

    def intercept_unary_unary(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        return continuation(self._with_metadata(client_call_details), request)

    def intercept_unary_stream(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        return continuation(self._with_metadata(client_call_details), request)




def connect(
    endpoint: str = DEFAULT_ENDPOINT,
    *,
    api_key: str | None = None,
    tls: bool = False,
    ca_file: str | Path | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> grpc.Channel:
    """Opens a channel to `endpoint` (any gRPC target: `host:port`, `dns:///name:port`, ...).

    api_key: sent as `authorization: Bearer <api_key>` on every call (the token printed by
        `python -m gateway.keys add NAME --json`). Over a plaintext channel the key crosses the
        network readable: use TLS anywhere but loopback.
    tls: use TLS, verifying the server with the system's roots, or with `ca_file` (PEM) when
        given; a `ca_file` implies TLS.
    """
    channel_options = [
        ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
        ("grpc.service_config", _SERVICE_CONFIG),
        *options,
    ]
    if tls or ca_file is not None:
        roots = Path(ca_file).read_bytes() if ca_file is not None else None
        channel = grpc.secure_channel(endpoint, grpc.ssl_channel_credentials(root_certificates=roots), channel_options)
    else:
        channel = grpc.insecure_channel(endpoint, channel_options)
    if api_key:
        channel = grpc.intercept_channel(channel, _Metadata([("authorization", f"Bearer {api_key}")]))
    return channel
