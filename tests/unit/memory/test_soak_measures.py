"""The soak's measuring parts: growth after warm-up, /proc sampling, the per-model memory options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import stack_memory
from bench.soak_report import Sample, growth, limits_markdown, suggested_limit_mb

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


def test_triton_runs_without_the_grpc_allocation_pool_locally_and_in_every_deployment() -> None:
    """Pooled gRPC objects keep their largest tensors' capacity (docs/memory.md): the stack and
    every way deploy/ starts tritonserver free them after each call."""
    from scripts.stack import triton_spec

    flag = "--grpc-infer-allocation-pool-size=0"
    assert flag in triton_spec(1, 2, 3).argv
    deploy = Path(__file__).resolve().parents[3] / "deploy"
    for path in ("base/triton.yaml", "overlays/gpu/triton-gpu.yaml", "images/triton.Containerfile"):
        assert flag in (deploy / path).read_text(), path
