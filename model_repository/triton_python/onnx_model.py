"""Generic Triton Python-backend model: serves the model.onnx beside it with onnxruntime (CPU).

build.py copies this file to models/<name>/1/model.py for every ONNX model, so one file
serves them all; everything model-specific comes from config.pbtxt and the ONNX graph.

- Config tensor names must equal the ONNX names (the GPU config uses Triton's native
  onnxruntime backend, which requires that anyway). A config may map other names with
  `parameters { key: "onnx_names" value { string_value: "config_name=onnx_name,..." } }`.
- `parameters { key: "intra_op_threads" ... }` sets onnxruntime's intra-op threads (default 1:
  Triton runs several models side by side, and one thread each keeps them from fighting).
- A dynamic batch is run as one onnxruntime call when the graph's batch dim is symbolic, and
  split back per request; a graph fixed at batch 1 is run row by row. With
  `parameters { key: "merge_requests" value { string_value: "false" } }` each request of a batch
  is run on its own instead: on a CPU with one intra-op thread a merged run can cost more per
  image than separate ones (YuNet 640x640: 8.1 ms alone, 13.3 ms per image merged by 8).
- Exactly one response per request; a bad request gets its own TritonError and does not
  fail the others in the batch.

Runs inside Triton's Python stub with the .venv-triton interpreter (numpy 1: the stub is built
against the numpy 1 ABI). Not importable elsewhere: triton_python_backend_utils exists only
inside the stub.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

try:
    import triton_python_backend_utils as pb_utils  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # outside the stub only the option helpers are usable (bench/ort_memory.py imports them)
    pb_utils = None

# Memory settings per model, from config.pbtxt parameters (docs/memory.md: what each costs):
# - "cpu_mem_arena" (default "true"): onnxruntime's CPU arena. It keeps every block it ever
#   allocated; fed many input shapes, its free blocks fragment and it keeps growing.
# - "mem_pattern" (default "true"): per distinct input shape, onnxruntime plans one block for
#   all intermediate tensors and caches the plan; the cache is never evicted.
# - "arena_extend_strategy" (default "next_power_of_two"; or "same_as_requested"): how the
#   arena grows when no free block fits.
# - "arena_shrink" (default "false"): after each run, free the arena regions left unused
#   (run option memory.enable_memory_arena_shrinkage).
_DEFAULTS = {
    "cpu_mem_arena": "true",
    "mem_pattern": "true",
    "arena_extend_strategy": "next_power_of_two",
    "arena_shrink": "false",
}
_STRATEGIES = {"next_power_of_two": 0, "same_as_requested": 1}


def _setting(params: dict[str, str], key: str) -> str:
    return (params.get(key) or _DEFAULTS[key]).strip().lower()


def _flag(params: dict[str, str], key: str) -> bool:
    return _setting(params, key) not in ("false", "0", "no")


def session_options(params: dict[str, str], intra_op_threads: int) -> ort.SessionOptions:
    """Session options for one model; registers a process-wide arena when the strategy is not
    the default (a stub process serves one model instance, so process-wide is per model)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = intra_op_threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.enable_cpu_mem_arena = _flag(params, "cpu_mem_arena")
    options.enable_mem_pattern = _flag(params, "mem_pattern")
    strategy = _STRATEGIES[_setting(params, "arena_extend_strategy")]
    if options.enable_cpu_mem_arena and strategy != _STRATEGIES["next_power_of_two"]:
        memory = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
        ort.create_and_register_allocator(memory, ort.OrtArenaCfg(0, strategy, -1, -1))
        options.add_session_config_entry("session.use_env_allocators", "1")
    return options


def run_options(params: dict[str, str]) -> ort.RunOptions | None:
    if not (_flag(params, "cpu_mem_arena") and _flag(params, "arena_shrink")):
        return None
    options = ort.RunOptions()
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    return options


# Named combinations measured by bench/ort_memory.py.
SETTINGS: dict[str, dict[str, str]] = {
    "default": {},
    "no_mem_pattern": {"mem_pattern": "false"},
    "no_arena": {"cpu_mem_arena": "false"},
    "no_arena_no_pattern": {"cpu_mem_arena": "false", "mem_pattern": "false"},
    "same_as_requested": {"arena_extend_strategy": "same_as_requested"},
    "shrink": {"arena_extend_strategy": "same_as_requested", "arena_shrink": "true"},
    "shrink_no_pattern": {"arena_extend_strategy": "same_as_requested", "arena_shrink": "true", "mem_pattern": "false"},
}


def _parameters(config: dict[str, Any]) -> dict[str, str]:
    raw = config.get("parameters") or {}
    return {key: str(value.get("string_value", "")) for key, value in raw.items()}


def _name_map(spec: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in spec.split(",") if item.strip())
    return {config_name.strip(): onnx_name.strip() for config_name, onnx_name in pairs}


class TritonPythonModel:
    """One onnxruntime session per model instance."""

    def initialize(self, args: dict[str, str]) -> None:
        config = json.loads(args["model_config"])
        params = _parameters(config)
        self._name = config.get("name", "?")
        self._max_batch = int(config.get("max_batch_size", 0))

        options = session_options(params, intra_op_threads=int(params.get("intra_op_threads", "1") or 1))
        self._run_options = run_options(params)
        model_path = Path(__file__).resolve().with_name("model.onnx")
        self._session = ort.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])

        mapping = _name_map(params.get("onnx_names", ""))
        onnx_inputs = {i.name: i for i in self._session.get_inputs()}
        onnx_outputs = {o.name for o in self._session.get_outputs()}
        self._inputs = [(t["name"], mapping.get(t["name"], t["name"])) for t in config["input"]]
        self._outputs = [
            (
                t["name"],
                mapping.get(t["name"], t["name"]),
                pb_utils.triton_string_to_numpy(t["data_type"]),
            )
            for t in config["output"]
        ]
        missing = [o for _, o in self._inputs if o not in onnx_inputs]
        missing += [o for _, o, _ in self._outputs if o not in onnx_outputs]
        if missing:
            raise pb_utils.TritonModelException(
                f"{self._name}: config names {missing} not in {model_path.name} "
                f"(inputs {sorted(onnx_inputs)}, outputs {sorted(onnx_outputs)})"
            )
        unfed = set(onnx_inputs) - {o for _, o in self._inputs}
        if unfed:
            raise pb_utils.TritonModelException(f"{self._name}: ONNX inputs {sorted(unfed)} not in config")
        # Symbolic (str) or unknown (None) dim 0 means the graph takes any batch size.
        self._dynamic = all(not isinstance(i.shape[0], int) for i in onnx_inputs.values() if i.shape)
        self._onnx_output_names = [o for _, o, _ in self._outputs]
        self._merge = params.get("merge_requests", "true").strip().lower() != "false"

    # -- execution ----------------------------------------------------------------------------

    def _feeds(self, request: Any) -> tuple[dict[str, np.ndarray], int]:
        feeds: dict[str, np.ndarray] = {}
        rows = -1
        for config_name, onnx_name in self._inputs:
            tensor = pb_utils.get_input_tensor_by_name(request, config_name)
            if tensor is None:
                raise ValueError(f"missing input '{config_name}'")
            array = tensor.as_numpy()
            if self._max_batch > 0:
                if array.ndim == 0 or (rows >= 0 and array.shape[0] != rows):
                    raise ValueError(
                        f"input '{config_name}' has shape {array.shape}; all inputs need the same batch size"
                    )
                rows = int(array.shape[0])
            feeds[onnx_name] = array
        return feeds, max(rows, 1)

    def _run(self, feeds: dict[str, np.ndarray], rows: int) -> list[np.ndarray]:
        if self._dynamic or self._max_batch == 0 or rows == 1:
            return list(self._session.run(self._onnx_output_names, feeds, self._run_options))
        # The graph is fixed at batch 1: run row by row and stack.
        per_row = [
            self._session.run(self._onnx_output_names, {k: v[i : i + 1] for k, v in feeds.items()}, self._run_options)
            for i in range(rows)
        ]
        return [np.concatenate([r[j] for r in per_row]) for j in range(len(self._onnx_output_names))]

    def _response(self, outputs: list[np.ndarray]) -> Any:
        tensors = [
            pb_utils.Tensor(config_name, np.ascontiguousarray(array, dtype=dtype))
            for (config_name, _, dtype), array in zip(self._outputs, outputs, strict=True)
        ]
        return pb_utils.InferenceResponse(output_tensors=tensors)

    @staticmethod
    def _error(message: str) -> Any:
        return pb_utils.InferenceResponse(error=pb_utils.TritonError(message))

    def execute(self, requests: list[Any]) -> list[Any]:
        responses: list[Any] = [None] * len(requests)
        parsed: list[tuple[int, dict[str, np.ndarray], int]] = []
        for index, request in enumerate(requests):
            try:
                feeds, rows = self._feeds(request)
            except Exception as exc:  # one bad request must not fail the batch
                responses[index] = self._error(f"{self._name}: {exc}")
                continue
            parsed.append((index, feeds, rows))

        if self._merge and self._dynamic and self._max_batch > 0 and len(parsed) > 1:
            try:
                merged = {name: np.concatenate([f[name] for _, f, _ in parsed]) for name in parsed[0][1]}
                outputs = self._session.run(self._onnx_output_names, merged, self._run_options)
                start = 0
                for index, _, rows in parsed:
                    responses[index] = self._response([o[start : start + rows] for o in outputs])
                    start += rows
                return responses
            except Exception as exc:  # run each request alone so the failure is attributed
                pb_utils.Logger.log_warn(f"{self._name}: batched run failed ({exc}); retrying per request")

        for index, feeds, rows in parsed:
            try:
                responses[index] = self._response(self._run(feeds, rows))
            except Exception as exc:
                responses[index] = self._error(f"{self._name}: inference failed: {exc}")
        return responses

    def finalize(self) -> None:
        self._session = None
