"""Memory stays flat under sustained load (issue #20): a short soak through the gateway.

Four clients call back to back for WARMUP_S + MEASURE_S seconds, mostly DetectText on rendered
receipts of varied sizes (the path that grew: the text detector's and recogniser's stubs, the
text service, tritonserver) mixed with the face, label and moderation calls that shared the
growth or made the shapes vary. The resident memory of every process of the stack (Triton,
each model's stub, each service, the gateway) is sampled every few seconds; the test fails when
what one holds grows by more than BOUND_PCT (and FLOOR_MB) from the end of the warm-up to the end,
or when a call fails. The 30-minute record with the real eval images is bench/soak.py
(docs/memory.md).

What is measured is PSS, and what a process holds is the low (10th percentile) sample of each
window (bench/soak_report.py): RSS counts the Python backend's shared-memory pool once per mapping
and the backend maps it again each time it grows, and the text detector's stub goes from 60 to
200 MB and back with every receipt, so RSS medians of two 30 s windows differed by 20-37 % on a
flat process. Measured with this test's mix (docs/memory.md, "The CI check"): with the fixes every
process held within -11..+3 % (largest rise: the text detector's stub, +2 MB); with Triton's
default gRPC allocation pool tritonserver held +21 % (128 -> 155 MB), which fails here.

It starts its own stack (so no other test's calls land in the measured window) with a connection
grace longer than any call: under the default 10 s grace, a DetectText call still running when its
connection reaches FACET_MAX_CONNECTION_AGE_S is cut with UNAVAILABLE, and on a loaded CI machine
DetectText takes longer than 10 s (seen here: 3 calls of 11-13 s cut at once). That is a matter
for the connection settings (docs/memory.md), not for memory. Loopback only; about 4-5 minutes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bench.soak import Load, soak, stack_pids
from bench.soak_report import growth
from tests.conftest import RunningStack, start_running_stack

pytestmark = pytest.mark.e2e

WARMUP_S = 60.0
MEASURE_S = 120.0
# The record's bound. FLOOR_MB keeps a small process's allocator noise (the gateway's 36 MB moved
# by 1 MB, +2.7 %) from failing it; the growth this issue was about was tens of MB per minute.
BOUND_PCT = 5.0
FLOOR_MB = 10.0
MIX = {
    "detect_text": 45,
    "detect_faces": 20,
    "compare_faces": 10,
    "detect_labels": 15,
    "moderation": 5,
    "search_faces_by_image": 5,
}
MUST_SAMPLE = ("triton", "text", "gateway", "stub:text_detector", "stub:text_recognizer", "stub:text_direction")


@pytest.fixture(scope="module")
def soak_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FACET_MAX_CONNECTION_AGE_GRACE_S", "300")  # every process of the stack inherits it
        running = start_running_stack(tmp_path_factory.mktemp("soak-stack-logs"))
    yield running
    running.stack.stop_all()


def test_memory_stays_flat_after_warm_up(soak_stack: RunningStack) -> None:
    processes = stack_pids(soak_stack.stack)
    assert set(MUST_SAMPLE) <= set(processes), f"not all processes found: {sorted(processes)}"

    load = Load(
        minutes=(WARMUP_S + MEASURE_S) / 60, concurrency=4, mix=MIX, sample_s=3.0, text_images=8, eval_images=False
    )
    samples, calls, _ran = asyncio.run(soak(soak_stack.gateway_address, processes, load))

    failed = [call for call in calls if call.code != "OK"]
    assert not failed, f"{len(failed)} of {len(calls)} calls failed, first: {failed[0]}"
    text_calls = sum(1 for call in calls if call.operation == "detect_text")
    assert text_calls >= 10, f"only {text_calls} DetectText calls: too few to say anything about memory"
    rows = growth(samples, WARMUP_S)
    # What the run saw, for the record (pytest -rP shows it for a passing run).
    print(", ".join(f"{g.process} {g.warm_mb:.0f}->{g.end_mb:.0f} ({g.growth_pct:+.1f} %)" for g in rows))
    grew = [g for g in rows if g.over(BOUND_PCT, FLOOR_MB)]
    assert not grew, "held more after warm-up (PSS, MB): " + ", ".join(
        f"{g.process} {g.warm_mb:.0f} -> {g.end_mb:.0f} ({g.growth_pct:+.1f} %)" for g in grew
    )
