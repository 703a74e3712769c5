"""Memory stays flat under sustained load (issue #20): a short soak through the gateway.

Four clients call back to back for WARMUP_S + MEASURE_S seconds, mostly DetectText on rendered
receipts of varied sizes (the path that grew: the text detector's and recogniser's stubs, the
text service, tritonserver) mixed with the face, label and moderation calls that shared the
growth or made the shapes vary. The resident memory of every process of the stack (Triton,
each model's stub, each service, the gateway) is sampled every few seconds; the test fails when
what one holds at rest grows by more than BOUND_PCT (and FLOOR_MB) from the end of the warm-up to
the end, or when a call fails. The 30-minute record with the real eval images is bench/soak.py
(docs/memory.md).

What is compared is PSS at rest: the clients stop after the warm-up and again at the end, and
once every call has returned each process is sampled a few times. At rest a process holds only
what it keeps between calls, however busy the load was. Why not samples taken under load: RSS
counts the Python backend's shared-memory pool once per mapping and the backend maps it again each
time it grows; and the text detector's stub goes from 60 to 200 MB and back with every receipt, so
even the low samples of a 30 s window under load held a receipt in flight when the detector never
sat idle in it (a make test run: 59 -> 116 MB, at rest a few MB apart). Measured with this load
(docs/memory.md, "The CI check"): at rest every process within +7 MB after the fixes; with Triton's
default gRPC allocation pool tritonserver rose by 27 MB within this load, which fails here.

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

from bench import stack_memory
from bench.soak import Load, soak, stack_pids
from tests.conftest import RunningStack, start_running_stack

pytestmark = pytest.mark.e2e

WARMUP_S = 60.0
MEASURE_S = 120.0
# The record's bound. FLOOR_MB: a small process's allocator noise is a large percentage of it
# (tritonserver 65 -> 72 MB and the collection service 62 -> 68 MB at rest in one passing run), and
# the growth this check is for is larger (tritonserver with Triton's default gRPC pool rose 27 MB in
# this load; the text detector's stub once +60 MB).
BOUND_PCT = 5.0
FLOOR_MB = 15.0
MIX: dict[str, float] = {
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

    # The text detector's tensor pool is sized by its warm-up at load (its config.pbtxt says why);
    # it never shrinks, so any growth under this load would be memory kept from then on.
    text_pool_at_load = stack_memory.pool_mb(processes["stub:text_detector"])
    load = Load(
        minutes=(WARMUP_S + MEASURE_S) / 60, concurrency=4, mix=MIX, sample_s=3.0, text_images=8, eval_images=False
    )
    _samples, calls, _ran, held = asyncio.run(
        soak(soak_stack.gateway_address, processes, load, rest_after_minutes=WARMUP_S / 60)
    )

    failed = [call for call in calls if call.code != "OK"]
    assert not failed, f"{len(failed)} of {len(calls)} calls failed, first: {failed[0]}"
    text_calls = sum(1 for call in calls if call.operation == "detect_text")
    assert text_calls >= 10, f"only {text_calls} DetectText calls: too few to say anything about memory"
    warm, end = held
    # What the run saw (pytest -rP shows it for a passing run).
    print(", ".join(f"{name} {warm[name]:.0f}->{end[name]:.0f}" for name in sorted(warm) if name in end))
    grew = [
        f"{name} {warm[name]:.0f} -> {end[name]:.0f}"
        for name in sorted(warm)
        if name in end and end[name] - warm[name] > max(FLOOR_MB, warm[name] * BOUND_PCT / 100)
    ]
    assert not grew, "held more at rest after the load than after the warm-up (PSS, MB): " + ", ".join(grew)
    text_pool_at_end = stack_memory.pool_mb(processes["stub:text_detector"])
    assert text_pool_at_end == text_pool_at_load, f"text detector pool {text_pool_at_load} -> {text_pool_at_end} MB"
