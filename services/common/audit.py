"""Audit records: one structured line per face search or comparison (a claim about a person).

A record says who asked what, when, and how many matches came back; never an image, an embedding
or a face id of a match. The sink is chosen with FACET_AUDIT_LOG (settings.audit_log):

* a file path (default ``<FACET_STATE_DIR>/audit/<service>.jsonl``): JSON lines appended and flushed per
  record, so a crash loses at most the record being written;
* ``-``: the process log (logger ``facet.audit``, INFO), for deployments that ship logs;
* ``off``: no audit records.

Caller identity comes from request metadata, if the caller or a proxy in front sent it:
``x-facet-caller`` (preferred), else ``x-user-id``. The request id is the gateway's
``x-request-id``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import math
import threading
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from services.common.errors import FacetError
from services.common.logs import REQUEST_ID_KEY

CALLER_KEYS = ("x-facet-caller", "x-user-id")
log = logging.getLogger("facet.audit")
T = TypeVar("T")


class AuditSink(Protocol):
    def write(self, record: Mapping[str, Any]) -> None: ...

    def close(self) -> None: ...


class JsonLinesSink:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for the process)

    def write(self, record: Mapping[str, Any]) -> None:
        line = json.dumps(record, separators=(",", ":"), sort_keys=True)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()


class LogSink:
    def write(self, record: Mapping[str, Any]) -> None:
        log.info("%s", json.dumps(record, separators=(",", ":"), sort_keys=True))

    def close(self) -> None:
        pass


class NullSink:
    def write(self, record: Mapping[str, Any]) -> None:
        pass

    def close(self) -> None:
        pass


def open_sink(setting: str, service: str, state_dir: str = ".run") -> AuditSink:
    """The sink named by FACET_AUDIT_LOG's value ("": ``<state_dir>/audit/<service>.jsonl``)."""
    if setting == "off":
        return NullSink()
    if setting == "-":
        return LogSink()
    return JsonLinesSink(setting or Path(state_dir) / "audit" / f"{service}.jsonl")


def request_identity(metadata: Iterable[tuple[str, str | bytes]] | None) -> tuple[str, str]:
    """(caller, request id) from gRPC invocation metadata; "" when absent."""
    values = {key: value for key, value in metadata or () if isinstance(value, str)}
    caller = next((values[key] for key in CALLER_KEYS if values.get(key)), "")
    return caller, values.get(REQUEST_ID_KEY, "")


def record(
    operation: str,
    metadata: Iterable[tuple[str, str | bytes]] | None,
    *,
    collection_id: str = "",
    threshold: float,
    max_faces: int | None,
    matches: int,
    status: str = "OK",
) -> dict[str, Any]:
    """One audit record (the caller writes it to a sink)."""
    caller, request_id = request_identity(metadata)
    return {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "operation": operation,
        "caller": caller,
        "request_id": request_id,
        "collection_id": collection_id,
        # A non-finite threshold (refused by validation, still audited) would be invalid JSON.
        "threshold": round(float(threshold), 4) if math.isfinite(threshold) else str(threshold),
        "max_faces": max_faces,
        "matches": matches,
        "status": status,
    }


async def audited(
    sink: AuditSink,
    operation: str,
    metadata: Iterable[tuple[str, str | bytes]] | None,
    run: Callable[[], Awaitable[T]],
    *,
    collection_id: str = "",
    threshold: float,
    max_faces: int | None = None,
) -> T:
    """Await ``run()`` (a response with ``face_matches`` or ``user_matches``) and write its record,
    success or not."""
    status, matches = "OK", 0
    try:
        response = await run()
        found = getattr(response, "face_matches", None) or getattr(response, "user_matches", None)
        matches = len(found) if found is not None else 0
        return response
    except FacetError as exc:
        status = exc.reason
        raise
    except Exception:
        status = "INTERNAL"
        raise
    finally:
        entry = record(
            operation,
            metadata,
            collection_id=collection_id,
            threshold=threshold,
            max_faces=max_faces,
            matches=matches,
            status=status,
        )
        try:
            await asyncio.to_thread(sink.write, entry)  # file I/O off the event loop
        except OSError:
            log.exception("could not write the audit record %s", entry)
