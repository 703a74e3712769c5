"""The gateway's view of the keys file: reloaded when the file changes, verified keys cached.

The file is re-read when its (inode, size, mtime) changes, checked at most every
``recheck_s`` seconds from the calls themselves, and at once when a call names a key id the
store does not know (so a key just added works on its first call; a revocation takes up to
``recheck_s``). A Kubernetes Secret update swaps a symlink, which this sees too. A file that
fails to parse keeps the previous keys and logs why.

scrypt is slow on purpose, so a verified secret is remembered as an HMAC under a per-process
random key (never the secret itself); a later call with the same token costs one HMAC. The cache
entry belongs to the key's hash, so a rotation or revocation in the file invalidates it. At most
``SCRYPT_AT_ONCE`` checks run at a time, so a flood of wrong secrets costs that many cores, not all.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import secrets
import time
from pathlib import Path

from gateway import keys as keyfile
from gateway.keys import ApiKey

log = logging.getLogger(__name__)
SCRYPT_AT_ONCE = 2


class KeyStore:
    def __init__(self, path: str | Path, recheck_s: float = 1.0):
        self.path = Path(path)
        self.recheck_s = recheck_s
        self._stamp: tuple[int, int, int] | None = None
        self._checked_at = 0.0
        self._by_id: dict[str, ApiKey] = {}
        self._by_subject: dict[str, ApiKey] = {}
        self._pepper = secrets.token_bytes(32)
        self._verified: dict[str, tuple[str, bytes]] = {}  # key id -> (hash it was checked against, HMAC)
        self._scrypt_slots = asyncio.Semaphore(SCRYPT_AT_ONCE)
        self._reload(strict=True)
        self._checked_at = time.monotonic()

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _reload(self, strict: bool = False) -> None:
        stamp = self._file_stamp()
        if stamp == self._stamp and not strict:
            return
        try:
            loaded = keyfile.load(self.path)
        except (keyfile.KeysFileError, OSError) as exc:
            if strict:
                raise keyfile.KeysFileError(f"{self.path}: {exc}") from exc
            log.error("keys file %s not reloaded, keeping the previous keys: %s", self.path, exc)
            self._stamp = stamp  # do not retry a broken file on every call; the next edit retries
            return
        self._stamp = stamp
        self._by_id = {key.key_id: key for key in loaded.keys}
        self._by_subject = {subject: key for key in loaded.keys if key.active for subject in key.subjects}
        self._verified = {k: v for k, v in self._verified.items() if k in self._by_id and v[0] == self._by_id[k].hash}
        active = sum(key.active for key in loaded.keys)
        log.info("keys file %s loaded: %d active keys, %d revoked", self.path, active, len(loaded.keys) - active)

    def refresh(self) -> None:
        """Reload if the file changed (rate-limited to one stat per ``recheck_s``)."""
        now = time.monotonic()
        if now - self._checked_at >= self.recheck_s:
            self._checked_at = now
            self._reload()

    def by_id(self, key_id: str) -> ApiKey | None:
        self.refresh()
        if key_id not in self._by_id:
            self._reload()  # a key added a moment ago works at once (costs a stat per unknown id)
        return self._by_id.get(key_id)

    def by_subject(self, subject: str) -> ApiKey | None:
        self.refresh()
        if subject not in self._by_subject:
            self._reload()
        return self._by_subject.get(subject)

    async def verify(self, token: str) -> tuple[ApiKey | None, str]:
        """(key, "") when ``token`` is an active key's, else (None or the revoked key, why not)."""
        key_id, secret = keyfile.split_token(token)
        key = self.by_id(key_id) if key_id else None
        if key is None:
            return None, "unknown API key"
        if not key.active:
            return key, "API key revoked"
        mac = hmac.new(self._pepper, secret.encode(), hashlib.sha256).digest()
        cached = self._verified.get(key.key_id)
        if cached is not None and cached[0] == key.hash and hmac.compare_digest(cached[1], mac):
            return key, ""
        async with self._scrypt_slots:
            ok = await asyncio.to_thread(keyfile.verify_secret, secret, key.hash)  # scrypt off the event loop
        if not ok:
            return None, "unknown API key"
        self._verified[key.key_id] = (key.hash, mac)
        return key, ""
