"""The one Triton client of a process, and the session protocol model wrappers call.

Every call carries a deadline derived from the RPC that caused it: tritonclient's default is to
wait forever, which would turn a stuck Triton into hung clients. Triton failures are mapped to
:mod:`services.common.errors` so the client sees UNAVAILABLE or DEADLINE_EXCEEDED, never UNKNOWN.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import tritonclient.grpc.aio as triton_aio
from tritonclient.grpc import InferInput, InferRequestedOutput, KeepAliveOptions
from tritonclient.grpc._client import MAX_GRPC_MESSAGE_SIZE
from tritonclient.utils import InferenceServerException, np_to_triton_dtype

from services.common import metrics
from services.common.balancing import MAX_RECONNECT_BACKOFF_MS, service_config
from services.common.errors import DeadlineExceeded, Internal, Unavailable

log = logging.getLogger(__name__)


class InferenceSession(Protocol):
    """What pipelines need from an inference backend: TritonSession here in production,
    services/common/onnx_session.OnnxSession in-process, tests/servicers/stub_session.StubSession in tests."""

    async def infer(
        self, model: str, inputs: Mapping[str, np.ndarray], outputs: Sequence[str], *, timeout_s: float
    ) -> dict[str, np.ndarray]: ...


@dataclass(frozen=True)
class TensorSpec:
    dtype: str  # Triton dtype name, e.g. "FP32"
    shape: tuple[int, ...]  # including the batch dimension as -1 for batched models


@dataclass(frozen=True)
class ModelSpec:
    """What a wrapper expects of a model; checked against Triton's metadata at startup."""

    name: str
    inputs: Mapping[str, TensorSpec] = field(default_factory=dict)
    outputs: Mapping[str, TensorSpec] = field(default_factory=dict)
    # The config's max_batch_size when callers send variable batches (0: not checked): Triton
    # refuses a larger request, so ``infer_in_batches`` cuts to it, and startup checks it.
    max_batch: int = 0


async def infer_in_batches(
    session: InferenceSession,
    spec: ModelSpec,
    inputs: Mapping[str, np.ndarray],
    outputs: Sequence[str],
    *,
    timeout_s: float,
) -> dict[str, np.ndarray]:
    """``session.infer`` for any number of rows: one request per ``spec.max_batch`` rows, sent
    concurrently, outputs joined in row order."""
    count = len(next(iter(inputs.values())))
    if count <= spec.max_batch or spec.max_batch <= 0:
        return await session.infer(spec.name, inputs, outputs, timeout_s=timeout_s)
    parts = await asyncio.gather(
        *(
            session.infer(
                spec.name,
                {name: value[i : i + spec.max_batch] for name, value in inputs.items()},
                outputs,
                timeout_s=timeout_s,
            )
            for i in range(0, count, spec.max_batch)
        )
    )
    return {name: np.concatenate([part[name] for part in parts]) for name in outputs}


def triton_channel_args() -> list[tuple[str, int | str]]:
    """tritonclient's own channel defaults, plus balancing, retries and quick reconnection.

    Passing ``channel_args`` replaces tritonclient's defaults, so they are rebuilt here from its
    constants. ``round_robin`` spreads calls over every address of the target (``ipv4:a:p,b:p``,
    ``dns:///triton:8001``); a call that fails UNAVAILABLE (a Triton replica gone mid-call) is
    retried on another, as every call a service makes to Triton is read-only. Reconnection
    back-off is capped at 1 s so a restarted Triton is used again within about a second
    (gRPC's default cap is 120 s).
    """
    keepalive = KeepAliveOptions()
    return [
        ("grpc.max_send_message_length", MAX_GRPC_MESSAGE_SIZE),
        ("grpc.max_receive_message_length", MAX_GRPC_MESSAGE_SIZE),
        ("grpc.keepalive_time_ms", keepalive.keepalive_time_ms),
        ("grpc.keepalive_timeout_ms", keepalive.keepalive_timeout_ms),
        ("grpc.keepalive_permit_without_calls", keepalive.keepalive_permit_without_calls),
        ("grpc.http2.max_pings_without_data", keepalive.http2_max_pings_without_data),
        ("grpc.service_config", service_config([("inference.GRPCInferenceService", None)])),
        ("grpc.max_reconnect_backoff_ms", MAX_RECONNECT_BACKOFF_MS),
        # A request larger than this is not retried; image tensors reach tens of MiB.
        ("grpc.per_rpc_retry_buffer_size", 64 * 1024 * 1024),
    ]


class TritonSession:
    """Async tritonclient wrapper: one channel per process, deadlines on every call."""

    def __init__(self, url: str):
        self.url = url
        self._client = triton_aio.InferenceServerClient(url=url, channel_args=triton_channel_args())
        self._verified: set[str] = set()  # models whose metadata matched; checked once per process

    async def close(self) -> None:
        await self._client.close()

    async def infer(
        self, model: str, inputs: Mapping[str, np.ndarray], outputs: Sequence[str], *, timeout_s: float
    ) -> dict[str, np.ndarray]:
        if timeout_s <= 0:
            raise DeadlineExceeded("the request deadline passed before inference started")
        request_inputs = []
        for name, array in inputs.items():
            tensor = InferInput(name, list(array.shape), np_to_triton_dtype(array.dtype))
            tensor.set_data_from_numpy(np.ascontiguousarray(array))
            request_inputs.append(tensor)
        requested = [InferRequestedOutput(name) for name in outputs]
        started = time.perf_counter()
        try:
            result = await self._client.infer(model, request_inputs, outputs=requested, client_timeout=timeout_s)
        except InferenceServerException as exc:
            raise _map_triton_error(model, exc) from exc
        finally:
            metrics.TRITON_SECONDS.labels(model=model).observe(time.perf_counter() - started)
        arrays: dict[str, np.ndarray] = {}
        for name in outputs:
            array = result.as_numpy(name)
            if array is None:
                raise Internal(f"model {model} returned no output {name}")
            arrays[name] = array
        return arrays

    async def wait_until_ready(self, specs: Sequence[ModelSpec], timeout_s: float) -> None:
        """Block until Triton serves every model in ``specs`` with matching metadata.

        Raises Unavailable when the timeout passes, and Internal when a model's inputs or outputs
        differ from what the wrapper was written for (a wrong repository must fail loudly at start,
        not as garbage results later).
        """
        deadline = time.monotonic() + timeout_s
        pending = [spec.name for spec in specs]
        while pending:
            try:
                still = [name for name in pending if not await self._client.is_model_ready(name, client_timeout=2.0)]
            except InferenceServerException as exc:
                still, last_error = pending, str(exc)
            else:
                last_error = "models not ready: " + ", ".join(still)
            if not still:
                break
            if time.monotonic() > deadline:
                raise Unavailable(f"Triton at {self.url} not ready after {timeout_s:.0f}s ({last_error})")
            if still != pending:
                log.info("triton models ready: %s", sorted(set(pending) - set(still)))
            pending = still
            await asyncio.sleep(0.5)
        new = [spec for spec in specs if spec.name not in self._verified]
        for spec in new:
            await self._check_metadata(spec)
            self._verified.add(spec.name)
        if new:
            log.info("triton models ready and verified: %s", [spec.name for spec in new])

    async def _check_metadata(self, spec: ModelSpec) -> None:
        meta = await self._client.get_model_metadata(spec.name, as_json=True, client_timeout=5.0)
        served = {
            "inputs": {t["name"]: (t["datatype"], tuple(int(d) for d in t["shape"])) for t in meta["inputs"]},
            "outputs": {t["name"]: (t["datatype"], tuple(int(d) for d in t["shape"])) for t in meta["outputs"]},
        }
        for kind, expected in (("inputs", spec.inputs), ("outputs", spec.outputs)):
            for name, tensor in expected.items():
                got = served[kind].get(name)
                if got != (tensor.dtype, tensor.shape):
                    raise Internal(
                        f"model {spec.name} {kind[:-1]} {name}: Triton serves {got}, "
                        f"expected {(tensor.dtype, tensor.shape)}; is the model repository up to date?"
                    )
        if spec.max_batch:
            config = await self._client.get_model_config(spec.name, as_json=True, client_timeout=5.0)
            served_batch = int(config["config"].get("max_batch_size", 0))
            if served_batch != spec.max_batch:
                raise Internal(
                    f"model {spec.name} max_batch_size: Triton serves {served_batch}, expected {spec.max_batch}; "
                    "is the model repository up to date?"
                )


def readiness_check(
    session: TritonSession, specs: Sequence[ModelSpec], startup_timeout_s: float
) -> Callable[[], Awaitable[None]]:
    """The readiness check a service hands to ``run_until_signalled``.

    The first call waits up to ``startup_timeout_s`` for Triton to load the models; later calls
    (every few seconds) wait only briefly, so health notices Triton going away quickly.
    """
    first = True

    async def check() -> None:
        nonlocal first
        timeout_s = startup_timeout_s if first else 2.0
        first = False
        await session.wait_until_ready(specs, timeout_s=timeout_s)

    return check


# What Triton says when it serves but has not loaded the model (yet): "Request for unknown model:
# 'x' is not found", "... has no available versions", "... version 1 is not at ready state".
_MODEL_NOT_LOADED = ("unknown model", "no available versions", "not at ready state")


def _map_triton_error(model: str, exc: InferenceServerException) -> Exception:
    status = str(exc.status() or "")
    if "DEADLINE_EXCEEDED" in status or "Deadline Exceeded" in str(exc):
        return DeadlineExceeded(f"inference on {model} did not finish before the deadline")
    if any(marker in str(exc.message()) for marker in _MODEL_NOT_LOADED):
        return Unavailable(f"model {model} is not loaded on the inference server yet", reason="MODEL_NOT_READY")
    if "UNAVAILABLE" in status or "failed to connect" in str(exc).lower():
        return Unavailable(f"the inference server is unavailable ({model})")
    log.error("triton error on %s: %s", model, exc)
    return Internal(f"inference on {model} failed")
