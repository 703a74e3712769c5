"""TLS for the gateway with grpc's own server credentials, reloaded when the files change.

grpc asks the certificate-configuration fetcher for news at every new TLS handshake; it answers
with a new configuration only when one of the files changed (inode, size or mtime), so a renewed
certificate (cert-manager rewrites its Secret, the kubelet swaps the mounted files) is served to
new connections without a restart. A half-written or broken set keeps the previous one.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import grpc

log = logging.getLogger(__name__)


class CertificateFiles:
    def __init__(self, cert_file: str, key_file: str, client_ca_file: str = ""):
        self.paths = [Path(p) for p in (cert_file, key_file, client_ca_file) if p]
        self.client_ca_file = client_ca_file
        self._stamp = self._stamps()
        self.initial = self._configuration()  # a broken set at start raises: refuse to start

    def _stamps(self) -> tuple[tuple[int, int, int], ...]:
        stats = [os.stat(p) for p in self.paths]
        return tuple((s.st_ino, s.st_size, s.st_mtime_ns) for s in stats)

    def _configuration(self) -> grpc.ServerCertificateConfiguration:
        cert, key = self.paths[0].read_bytes(), self.paths[1].read_bytes()
        if b"-----BEGIN" not in cert or b"-----BEGIN" not in key:
            raise ValueError(f"{self.paths[0]} and {self.paths[1]} must be PEM files")
        client_ca = Path(self.client_ca_file).read_bytes() if self.client_ca_file else None
        return grpc.ssl_server_certificate_configuration([(key, cert)], root_certificates=client_ca)

    def fetch(self) -> grpc.ServerCertificateConfiguration | None:
        """The fetcher grpc calls per handshake: a new configuration, or None for "unchanged"."""
        try:
            stamp = self._stamps()
            if stamp == self._stamp:
                return None
            configuration = self._configuration()
        except (OSError, ValueError) as exc:
            log.error("TLS files not reloaded, serving the previous certificate: %s", exc)
            return None
        self._stamp = stamp
        log.info("TLS certificate files changed: reloaded %s", ", ".join(map(str, self.paths)))
        return configuration


def server_credentials(files: CertificateFiles) -> grpc.ServerCredentials:
    """TLS; with a client CA, clients must present a certificate it signed (mTLS)."""
    return grpc.dynamic_ssl_server_credentials(
        files.initial, files.fetch, require_client_authentication=bool(files.client_ca_file)
    )
