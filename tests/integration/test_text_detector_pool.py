"""The text detector's shared tensor pool is sized at load and does not grow under the largest inputs.

Triton's Python backend passes tensors to and from the model's stub through a file in /dev/shm
that grows when the tensors in flight need more than it has, and never shrinks. The CPU
text_detector runs one request at a time, but with several queued the pool was seen holding three
inputs and one probability map at once; its warm-up (config.pbtxt) writes as much of the pool as
three of the largest inputs services/text/detection.prepare makes and two maps need. Here the
largest input, several at once, straight to Triton: the pool must stay as it was.
Issue #20; docs/memory.md, "The tensor pools sized at load".
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import tritonclient.grpc as triton_grpc

from bench import stack_memory
from bench.soak import stack_pids
from services.text import detection

pytestmark = pytest.mark.integration

LARGEST = (1, 3, 2016, 2016)  # the unit test test_soak_measures checks that prepare() makes nothing larger
CALLS = 8
AT_ONCE = 4
# Three uint8 inputs and two float32 maps of LARGEST (17 bytes a pixel): what the pool must hold.
NEEDED_MB = (3 * 3 + 2 * 4) * LARGEST[2] * LARGEST[3] / 2**20


def test_largest_inputs_at_once_leave_the_pool_as_the_warm_up_sized_it(running_stack) -> None:
    stub = stack_pids(running_stack.stack)["stub:text_detector"]
    at_start = stack_memory.pool_mb(stub)
    assert at_start >= NEEDED_MB, f"pool {at_start:.1f} MB before any call: the warm-up did not size it"

    client = triton_grpc.InferenceServerClient(running_stack.triton_url)
    image = np.full(LARGEST, 100, np.uint8)

    def detect(_: int) -> tuple[int, ...]:
        tensor = triton_grpc.InferInput(detection.INPUT_NAME, list(LARGEST), "UINT8")
        tensor.set_data_from_numpy(image)
        result = client.infer("text_detector", [tensor], client_timeout=300)
        return tuple(result.as_numpy(detection.OUTPUT_NAME).shape)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        shapes = list(pool.map(detect, range(CALLS)))

    assert shapes == [(1, 1, LARGEST[2], LARGEST[3])] * CALLS
    assert stack_memory.pool_mb(stub) == at_start
