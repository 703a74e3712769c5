"""Structured (JSON-lines) logging for every process, so log shippers need no parsing rules.

Every line logged while a call is served carries the call's ``x-request-id`` (the gateway adds one
when the client sent none), so one call's lines join across the gateway and the services. The id
lives in a context variable set by the server's interceptor; blocking work copies the context into
its worker thread (services/common/blocking.py).
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time

REQUEST_ID_KEY = "x-request-id"
# The x-request-id of the call being served by this task or thread ("" outside a call).
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("facet_request_id", default="")


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("method", "code", "duration_ms", "request_id", "peer"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if "request_id" not in entry and REQUEST_ID.get():
            entry["request_id"] = REQUEST_ID.get()
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
