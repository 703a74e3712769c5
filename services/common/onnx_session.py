"""The in-process InferenceSession: the same networks on onnxruntime, without Triton.

Every pipeline runs unchanged on it (services/common/triton.py has the protocol and the Triton
implementation), so benchmarks compare Triton against in-process inference with identical pre-
and post-processing, and tests can run real networks without a server. Ensembles are composed from
their config.pbtxt steps, as Triton does. Needs onnxruntime (the `dev` extra; the services
themselves never import this module).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import onnxruntime as ort
from google.protobuf import text_format
from tritonclient.grpc import model_config_pb2

MODELS = Path(__file__).resolve().parents[2] / "model_repository" / "models"


class OnnxSession:
    def __init__(self, models: Sequence[str], *, threads: int = 1, repository: Path = MODELS):
        options = ort.SessionOptions()
        # 1 thread per session by default: what each Triton model instance gets (config.pbtxt
        # intra_op_threads), so the comparison is of serving paths, not of thread counts.
        options.intra_op_num_threads = threads  # 0: onnxruntime's default (one per core)
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._ensembles: dict[str, model_config_pb2.ModelConfig] = {}
        for name in models:
            config = text_format.Parse((repository / name / "config.pbtxt").read_text(), model_config_pb2.ModelConfig())
            if config.platform == "ensemble":
                self._ensembles[name] = config
                for step in config.ensemble_scheduling.step:
                    self._load(step.model_name, repository, options)
            else:
                self._load(name, repository, options)
        self._executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="onnx")

    def _load(self, name: str, repository: Path, options: ort.SessionOptions) -> None:
        if name not in self._sessions:
            path = repository / name / "1" / "model.onnx"
            self._sessions[name] = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(self, model: str, inputs: Mapping[str, np.ndarray], outputs: Sequence[str]) -> dict[str, np.ndarray]:
        config = self._ensembles.get(model)
        if config is None:
            values = self._sessions[model].run(list(outputs), dict(inputs))
            return dict(zip(outputs, values, strict=True))
        tensors = dict(inputs)
        for step in config.ensemble_scheduling.step:
            step_inputs = {inner: tensors[outer] for inner, outer in step.input_map.items()}
            inner_outputs = list(step.output_map)
            values = self._sessions[step.model_name].run(inner_outputs, step_inputs)
            tensors.update({step.output_map[k]: v for k, v in zip(inner_outputs, values, strict=True)})
        return {name: tensors[name] for name in outputs}

    async def infer(
        self, model: str, inputs: Mapping[str, np.ndarray], outputs: Sequence[str], *, timeout_s: float
    ) -> dict[str, np.ndarray]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.run, model, inputs, outputs)
