"""The soak's measuring parts: growth after warm-up, /proc sampling, the per-model memory options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import stack_memory
from bench.soak_load import Call
from bench.soak_report import (
    Sample,
    growth,
    limits_markdown,
    markdown,
    pools_markdown,
    read_csv,
    suggested_limit_mb,
    write_csv,
)

GLUE = Path(__file__).resolve().parents[3] / "model_repository" / "triton_python"


def series(name: str, values: list[float], every_s: float = 5.0, rss: float | None = None) -> list[Sample]:
    """PSS ``values`` every ``every_s`` seconds (RSS ``rss`` throughout, or the same as PSS)."""
    return [Sample(i * every_s, name, rss or value, value, value, 0.0) for i, value in enumerate(values)]


def test_growth_flags_a_process_that_keeps_growing_but_not_one_that_goes_up_and_down() -> None:
    warm_up = [100.0] * 12  # 60 s
    growing = warm_up + [200.0 + 2 * i for i in range(120)]  # +2 MB per sample after warm-up
    breathing = warm_up + [150.0 if i % 2 else 350.0 for i in range(120)]  # a run in flight or not
    rows = {g.process: g for g in growth(series("growing", growing) + series("breathing", breathing), 60.0)}
    assert rows["growing"].over(5.0)
    assert rows["growing"].growth_pct > 50
    assert not rows["breathing"].over(5.0)
    assert rows["breathing"].peak_mb == 350.0


def test_growth_is_what_a_process_holds_between_calls_not_how_busy_a_window_was() -> None:
    """The text detector's stub: 60 MB between receipts, 200 MB during one. A warm window with a
    receipt in flight a third of the time and an end window with one in flight two thirds of the
    time move the median by +233 %; the memory held between calls did not move."""
    warm_up = [60.0] * 12
    quiet = [200.0 if i % 3 == 0 else 60.0 for i in range(60)]
    busy = [60.0 if i % 3 == 0 else 200.0 for i in range(60)]
    (row,) = growth(series("stub:text_detector", warm_up + quiet + busy), 60.0)
    assert row.median_growth_pct > 100
    assert row.growth_pct == 0.0 and not row.over(5.0)
    (kept,) = growth(series("stub:text_detector", warm_up + quiet + [v + 20 for v in busy]), 60.0)
    assert kept.over(5.0)  # 20 MB more held between calls is growth, however busy the window


def test_growth_is_judged_at_rest_when_the_soak_read_the_processes_at_rest() -> None:
    """The text service in the eighth record: DetectText calls of ~10 s, about three in flight
    at any time, so even its low samples under load held calls in flight and moved with how
    many (101 -> 112 MB held, +11 %). At rest it is judged on what it keeps, and memory kept at
    rest still fails."""
    under_load = [100.0] * 12 + [100.0 + (i % 3) * 20 for i in range(60)] + [112.0 + (i % 3) * 20 for i in range(60)]
    samples = series("text", under_load)
    (loaded,) = growth(samples, 60.0)
    assert loaded.over(5.0)  # without readings at rest the held figure decides
    (rested,) = growth(samples, 60.0, [{"text": 48.0}, {"text": 49.0}])
    assert rested.at_rest and rested.growth_pct > 5.0
    assert not rested.over(5.0)
    (kept,) = growth(samples, 60.0, [{"text": 48.0}, {"text": 58.0}])
    assert kept.over(5.0)
    assert "48 → 58 | +20.8 % **over**" in markdown(
        samples, [], 60.0, 660.0, 30.0, 5.0, [{"text": 48.0}, {"text": 58.0}]
    )


def test_readings_at_rest_are_written_and_read_back_with_the_record(tmp_path: Path) -> None:
    samples = series("text", [100.0] * 20)
    calls = [Call(1.0, "detect_text", 9000.0, "OK")]
    rests = [{"text": 48.0, "triton": 120.5}, {"text": 49.0, "triton": 121.0}]
    write_csv(tmp_path, samples, calls, rests)
    assert read_csv(tmp_path) == (samples, calls, rests)
    (tmp_path / "rest.csv").unlink()  # a record from before readings at rest
    assert read_csv(tmp_path)[2] == []


def test_floor_keeps_a_few_mb_of_noise_in_a_small_process_from_failing() -> None:
    small = [50.0] * 12 + [50.0] * 60 + [56.0] * 60  # +12 %, but only 6 MB
    (row,) = growth(series("gateway", small), 60.0)
    assert row.over(10.0)
    assert not row.over(10.0, floor_mb=15.0)


def test_growth_is_judged_on_pss_not_on_rss_that_counts_remapped_shared_memory_again() -> None:
    """A stub whose shared-memory pool was mapped again at each growth step: RSS climbs while
    the memory behind it (PSS) stays flat, which is not growth."""
    flat_pss = [120.0] * 132
    samples = [s._replace(rss_mb=150.0 + i) for s in series("stub:text_detector", flat_pss) for i in [int(s.at_s // 5)]]
    (row,) = growth(samples, 60.0)
    assert not row.over(5.0)
    assert row.end_rss_mb > row.warm_rss_mb * 1.5  # what the old RSS check would have flagged
    assert row.peak_rss_mb == 150.0 + 131


def test_limits_use_rss_for_a_service_and_the_sum_of_pss_for_tritons_container() -> None:
    rows = growth(
        series("text", [100.0] * 20, rss=200.0)
        + series("triton", [150.0] * 20, rss=300.0)
        + series("stub:text_detector", [100.0] * 20, rss=400.0),
        10.0,
    )
    table = limits_markdown(rows)
    assert f"| text (RSS) | 200 | 200 | {suggested_limit_mb(200)} Mi |" in table
    assert f"| Triton (tritonserver + 1 stubs, sum of PSS) | 250 | 250 | {suggested_limit_mb(250)} Mi |" in table


def test_suggested_limit_has_headroom_and_whole_steps() -> None:
    assert suggested_limit_mb(100) == 192  # 150 rounded up to 64 MiB steps
    assert suggested_limit_mb(2185) % 64 == 0 and suggested_limit_mb(2185) >= 2185 * 1.5


def test_usage_reads_this_process_and_children_finds_a_child() -> None:
    me = stack_memory.usage(os.getpid())
    assert me is not None and me.rss_mb > 10 and 0 < me.anon_mb <= me.rss_mb
    assert 0 < me.pss_mb <= me.rss_mb and me.shmem_mb >= 0
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in stack_memory.children(os.getpid())
        # A plain child is no Triton stub: it gets no stub:<model> entry.
        assert stack_memory.stack_processes({"triton": os.getpid()}) == {"triton": os.getpid()}
    finally:
        child.kill()
        child.wait()
    assert stack_memory.usage(child.pid) is None


def test_pool_size_is_read_for_a_stub_and_zero_for_any_other_process(tmp_path: Path) -> None:
    """A process whose argv[0] ends in the stub's name and names a pool file gets that file's
    allocated size and its model (from the model.py path), as a real stub does."""
    region = f"{stack_memory.POOL_PREFIX}_test_{os.getpid()}"
    pool = stack_memory.SHM / region
    pool.write_bytes(b"\1" * (3 * 2**20))
    model_py = tmp_path / "text_detector" / "1" / "model.py"
    fake_stub = subprocess.Popen(
        [
            f"/opt/{stack_memory.STUB_BINARY}",
            "-c",
            "import time; print(flush=True); time.sleep(30)",
            str(model_py),
            region,
        ],
        executable=sys.executable,
        stdout=subprocess.PIPE,
    )
    try:
        assert fake_stub.stdout is not None
        fake_stub.stdout.readline()  # it has exec'd: /proc shows its own command line, not the parent's
        assert stack_memory.stub_model(fake_stub.pid) == "text_detector"
        assert stack_memory.pool_mb(fake_stub.pid) == pytest.approx(3.0, abs=0.01)
        assert stack_memory.pool_mb(os.getpid()) == 0.0
        pool.unlink()
        assert stack_memory.pool_mb(fake_stub.pid) == 0.0  # the pool is gone with its model
    finally:
        pool.unlink(missing_ok=True)
        fake_stub.kill()
        fake_stub.wait()


def test_pools_table_says_when_a_pool_grew_after_warm_up() -> None:
    def pool(name: str, sizes: list[float]) -> list[Sample]:
        return [Sample(i * 60.0, name, 50.0, 50.0, 40.0, 10.0, size) for i, size in enumerate(sizes)]

    table = pools_markdown(
        pool("stub:text_detector", [1, 24, 24, 26, 30]) + pool("stub:face_age", [1, 1, 1, 1, 1]), 60.0
    )
    assert "| stub:text_detector | 1 | 24 | 30 | 3.0 (+2), 4.0 (+4) |" in table
    assert "| stub:face_age | 1 | 1 | 1 | never |" in table


@pytest.fixture(scope="module")
def onnx_model():
    sys.path.insert(0, str(GLUE))
    try:
        import onnx_model  # outside Triton's stub only its option helpers work

        yield onnx_model
    finally:
        sys.path.remove(str(GLUE))


def test_config_parameters_set_onnxruntime_memory_options(onnx_model) -> None:
    default = onnx_model.session_options({}, intra_op_threads=1)
    assert default.enable_cpu_mem_arena and default.enable_mem_pattern
    assert onnx_model.run_options({}) is None
    off = onnx_model.session_options({"cpu_mem_arena": "false", "mem_pattern": "False"}, intra_op_threads=2)
    assert not off.enable_cpu_mem_arena and not off.enable_mem_pattern
    assert off.intra_op_num_threads == 2
    shrink = onnx_model.run_options({"arena_shrink": "true"})
    assert shrink is not None
    assert shrink.get_run_config_entry("memory.enable_memory_arena_shrinkage") == "cpu:0"


def test_text_models_run_without_the_arena() -> None:
    """The two models fed many input shapes (docs/memory.md) keep cpu_mem_arena off."""
    models = Path(__file__).resolve().parents[3] / "model_repository" / "models"
    for name in ("text_detector", "text_recognizer"):
        config = (models / name / "config.pbtxt").read_text()
        assert 'key: "cpu_mem_arena"\n  value: { string_value: "false" }' in config, name


def test_text_detector_pool_is_sized_at_load_for_the_largest_input_detection_prepares() -> None:
    """The CPU text detector runs one request at a time (no dynamic batching) and its warm-up
    writes as much of the tensor pool (uint8 input + float32 map: 7 bytes a pixel) as three of the
    largest inputs detection.prepare makes and two maps need (17 bytes a pixel of it; three inputs
    and one map were seen in the pool at once): the pool then never grows after load
    (docs/memory.md, "The tensor pools sized at load")."""
    import numpy as np
    from google.protobuf import text_format
    from tritonclient.grpc import model_config_pb2

    from services.text import detection

    models = Path(__file__).resolve().parents[3] / "model_repository" / "models"
    config = text_format.Parse((models / "text_detector" / "config.pbtxt").read_text(), model_config_pb2.ModelConfig())
    assert not config.HasField("dynamic_batching")
    (warmup,) = config.model_warmup
    assert warmup.batch_size == 1
    _channels, warm_h, warm_w = warmup.inputs[detection.INPUT_NAME].dims
    sizes = [
        (h, w) for h in (1, 31, 500, 736, 1000, 1999, 2000, 2017, 4961, 7016) for w in (1, 300, 736, 1985, 2000, 7016)
    ]
    largest = [detection.prepare(np.zeros((h, w, 3), np.uint8)).tensor.shape[1:] for h, w in sizes]
    side = max(max(shape) for shape in largest)
    assert all(h <= side and w <= side for h, w in largest)
    needed = (3 * 3 + 2 * 4) * side * side
    assert needed <= 7 * warm_h * warm_w <= 1.05 * needed  # enough, and not much more


def test_triton_runs_without_the_grpc_allocation_pool_locally_and_in_every_deployment() -> None:
    """Pooled gRPC objects keep their largest tensors' capacity (docs/memory.md): the stack and
    every way deploy/ starts tritonserver free them after each call."""
    from scripts.stack import triton_spec

    flag = "--grpc-infer-allocation-pool-size=0"
    assert flag in triton_spec(1, 2, 3).argv
    deploy = Path(__file__).resolve().parents[3] / "deploy"
    for path in ("base/triton.yaml", "overlays/gpu/triton-gpu.yaml", "images/triton.Containerfile"):
        assert flag in (deploy / path).read_text(), path


def test_labels_classifier_warms_up_at_every_batch_size() -> None:
    """One warm-up at the largest batch left labels_classifier's arena below where a mix of
    smaller batches later took it (docs/memory.md, "Every batch size in turn"): it warms up at
    every batch size from 1 to its max, ascending, with the memory pattern off."""
    from google.protobuf import text_format
    from tritonclient.grpc import model_config_pb2

    models = Path(__file__).resolve().parents[3] / "model_repository" / "models"
    text = (models / "labels_classifier" / "config.pbtxt").read_text()
    config = text_format.Parse(text, model_config_pb2.ModelConfig())
    assert [warmup.batch_size for warmup in config.model_warmup] == list(range(1, config.max_batch_size + 1))
    assert config.parameters["mem_pattern"].string_value == "false"
