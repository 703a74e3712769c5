"""Authentication, authorisation, rate limiting and caller identity, in front of routing.

``AuthenticatingHandler`` wraps the proxy's handler, so every routed call (and only those:
health and reflection are separate handlers and stay open for probes) passes ``Gatekeeper.admit``:

1. who: a SigV4 triple forwarded by the Rekognition front, else ``authorization: Bearer <key>``
   or ``x-api-key``, else the subject of a verified client certificate (mTLS);
   none, or a wrong one -> UNAUTHENTICATED;
2. how often: the key's token bucket -> RESOURCE_EXHAUSTED, reason RATE_LIMITED, RetryInfo;
3. what: the method against the key's patterns, writes against its read-only switch, and the
   ``collection_id`` of every CollectionService call against its collection patterns
   -> PERMISSION_DENIED naming what was refused.

An admitted call goes on with the credentials removed from its metadata, any client-sent
``x-facet-caller``/``x-user-id`` dropped, and ``x-facet-caller`` set to the authenticated identity
(``key:<name>`` or ``cert:<subject>``), which the services write into their audit records.
Refusals and collection writes get an audit record here (services/common/audit.py sinks).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import fnmatch
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import grpc

from facet.v1 import collections_pb2
from gateway import idempotent, sigv4
from gateway.keys import ApiKey
from gateway.keystore import KeyStore
from gateway.ratelimit import TokenBuckets
from gateway.refusals import PermissionDenied, RateLimited, Unauthenticated
from gateway.wire import WireError, string_field
from services.common.audit import CALLER_KEYS, REQUEST_ID_KEY, AuditSink
from services.common.errors import FacetError, InvalidArgument

log = logging.getLogger(__name__)

CALLER_KEY = CALLER_KEYS[0]  # the one the gateway sets; services read it (services/common/audit.py)
# Never forwarded: credentials stay at the edge, and identity is only what the gateway sets.
_DROPPED = {"authorization", "x-api-key", *CALLER_KEYS, *sigv4.HEADERS}

_COLLECTIONS = collections_pb2.DESCRIPTOR.services_by_name["CollectionService"]
# Field number of collection_id per CollectionService method (None: the method names no collection).
COLLECTION_FIELD: dict[str, int | None] = {
    f"/{_COLLECTIONS.full_name}/{m.name}": (
        m.input_type.fields_by_name["collection_id"].number if "collection_id" in m.input_type.fields_by_name else None
    )
    for m in _COLLECTIONS.methods
}
# Refused to read-only keys and audited here: the gateway's one list of writes (gateway/idempotent.py),
# as method paths.
WRITES = frozenset(f"/{name}" for name in idempotent.WRITES)


@dataclass(frozen=True)
class Caller:
    identity: str  # what x-facet-caller and the audit records say
    key: ApiKey | None  # its scopes and limits; None: unrestricted (no keys file)


class Gatekeeper:
    """The decisions. ``store`` None means no keys file: callers are named but not restricted
    (the gateway allows that only on loopback, or with FACET_ALLOW_UNAUTHENTICATED=1)."""

    def __init__(self, store: KeyStore | None, audit_sink: AuditSink, buckets: TokenBuckets | None = None):
        self.store = store
        self.audit_sink = audit_sink
        self.buckets = buckets or TokenBuckets()

    async def admit(self, method: str, request: bytes, context: grpc.aio.ServicerContext) -> CallContext:
        metadata = tuple(context.invocation_metadata() or ())
        values = {k: v for k, v in metadata if isinstance(v, str)}
        request_id = values.get(REQUEST_ID_KEY) or uuid.uuid4().hex
        collection, unreadable = _collection_of(method, request)
        entry = {"method": method, "collection_id": collection, "request_id": request_id, "peer": context.peer()}
        try:
            caller = await self._authenticate(values, context)
            entry["caller"] = caller.identity
            if caller.key is not None:
                self._limit(caller.key)
                self._authorise(caller.key, method, collection, unreadable)
        except FacetError as refusal:
            await self.audit({**entry, "caller": entry.get("caller", ""), "status": refusal.reason})
            raise
        forwarded = [(k, v) for k, v in metadata if k not in _DROPPED and k != REQUEST_ID_KEY]
        forwarded += [(CALLER_KEY, caller.identity), (REQUEST_ID_KEY, request_id)]
        return CallContext(context, tuple(forwarded), entry if method in WRITES else None)

    async def _authenticate(self, values: Mapping[str, str], context: grpc.aio.ServicerContext) -> Caller:
        subject = _certificate_subject(context)
        if self.store is None:
            if subject:
                return Caller(f"cert:{subject}", None)
            claimed = next((values[k] for k in CALLER_KEYS if values.get(k)), "")
            # Nothing is verified without keys: keep the claim for the audit, marked as such.
            return Caller(f"unverified:{claimed}" if claimed else "anonymous", None)
        try:
            signed = sigv4.from_metadata(values)
        except sigv4.SignatureError as exc:
            raise Unauthenticated(str(exc), reason=exc.reason) from None
        if signed is not None:
            return _sigv4_caller(self.store, signed)
        token = _bearer(values)
        if token:
            key, why = await self.store.verify(token)
            if key is None or why:
                raise Unauthenticated(f"{why}: check the key, or ask for a new one")
            return Caller(f"key:{key.name}", key)
        if subject:
            key = self.store.by_subject(subject)
            if key is None:
                raise Unauthenticated(f"certificate subject {subject!r} is not bound to a key in the keys file")
            return Caller(f"cert:{subject}", key)
        raise Unauthenticated("no API key: send 'authorization: Bearer <key>' or 'x-api-key: <key>'")

    def _limit(self, key: ApiKey) -> None:
        if key.rate <= 0:
            return
        wait_s = self.buckets.take(key.name, key.rate, key.bucket_size)
        if wait_s > 0:
            raise RateLimited(f"key {key.name} is over its rate of {key.rate:g}/s; retry in {wait_s:.3f}s", wait_s)

    def _authorise(self, key: ApiKey, method: str, collection: str, unreadable: str) -> None:
        name = method.lstrip("/")
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in key.allow):
            raise PermissionDenied(f"key {key.name} may not call {name}", metadata={"method": name})
        if key.read_only and method in WRITES:
            raise PermissionDenied(f"key {key.name} is read-only: {name} is refused", metadata={"method": name})
        if method not in COLLECTION_FIELD:
            return
        if unreadable:
            raise InvalidArgument(f"request is not a valid message: {unreadable}", metadata={"field": "collection_id"})
        if COLLECTION_FIELD[method] is None:
            if "*" not in key.collections:  # e.g. ListCollections would name collections outside the scope
                raise PermissionDenied(
                    f"key {key.name} is limited to some collections: {name} needs all", metadata={"method": name}
                )
        elif not any(fnmatch.fnmatchcase(collection, pattern) for pattern in key.collections):
            raise PermissionDenied(
                f"key {key.name} may not use collection {collection!r}",
                metadata={"method": name, "collection_id": collection},
            )

    async def audit(self, entry: Mapping[str, Any]) -> None:
        record = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), **entry}
        record["operation"] = entry["method"].rsplit("/", 1)[-1]
        try:
            await asyncio.to_thread(self.audit_sink.write, record)
        except OSError:
            log.exception("could not write the audit record %s", record)


class CallContext:
    """The servicer context as the proxy should see it: the same call, the gateway's metadata."""

    def __init__(
        self,
        context: grpc.aio.ServicerContext,
        metadata: tuple[tuple[str, str | bytes], ...],
        write_entry: dict[str, Any] | None,  # the audit record to complete, for a collection write
    ):
        self._context = context
        self._metadata = metadata
        self.write_entry = write_entry

    def invocation_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        return self._metadata

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


class AuthenticatingHandler(grpc.GenericRpcHandler):
    """Puts ``Gatekeeper.admit`` in front of every unary handler of ``inner`` (the proxy)."""

    def __init__(self, inner: grpc.GenericRpcHandler, gatekeeper: Gatekeeper):
        self._inner = inner
        self._gatekeeper = gatekeeper

    def service(self, handler_call_details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler | None:
        handler = self._inner.service(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler
        method: str = handler_call_details.method  # type: ignore[attr-defined]
        forward: Callable[[Any, Any], Awaitable[Any]] = handler.unary_unary
        gatekeeper = self._gatekeeper

        async def guarded(request: bytes, context: grpc.aio.ServicerContext) -> Any:
            admitted = await gatekeeper.admit(method, request, context)
            if admitted.write_entry is None:
                return await forward(request, admitted)
            status = "ABORTED"
            try:
                response = await forward(request, admitted)
                status = "OK"
                return response
            except FacetError as err:
                status = err.reason
                raise
            except grpc.aio.AbortError:
                code = context.code()
                status = code.name if isinstance(code, grpc.StatusCode) else "ABORTED"
                raise
            finally:
                await gatekeeper.audit({**admitted.write_entry, "status": status})

        return grpc.unary_unary_rpc_method_handler(
            guarded,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


def _sigv4_caller(store: KeyStore, signed: sigv4.SignedRequest) -> Caller:
    key = store.by_id(signed.key_id)
    if key is None or not key.active or not key.secret:
        # Same answer for unknown, revoked and non-SigV4 keys: nothing to learn by probing.
        raise Unauthenticated(f"access key id {signed.key_id!r} is not a SigV4 key here")
    try:
        sigv4.verify(signed, key.secret)
    except sigv4.SignatureError as exc:
        raise Unauthenticated(str(exc), reason=exc.reason) from None
    return Caller(f"key:{key.name}", key)


def _bearer(values: Mapping[str, str]) -> str:
    header = values.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return values.get("x-api-key", "").strip()


def _certificate_subject(context: grpc.aio.ServicerContext) -> str:
    """The verified client certificate's subject (RFC 2253), "" without mTLS."""
    subjects: Iterable[bytes] = (context.auth_context() or {}).get("x509_subject", ())
    return next((s.decode("utf-8", "replace") for s in subjects), "")


def _collection_of(method: str, request: bytes) -> tuple[str, str]:
    """(collection_id, "") of a CollectionService request, or ("", why it could not be read)."""
    number = COLLECTION_FIELD.get(method)
    if number is None:
        return "", ""
    try:
        return string_field(request, number), ""
    except WireError as exc:
        return "", str(exc)
