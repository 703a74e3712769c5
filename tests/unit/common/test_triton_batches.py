"""infer_in_batches: any number of rows through a model that refuses more than its max batch."""

from __future__ import annotations

import numpy as np
import pytest

from services.common.errors import Internal
from services.common.triton import ModelSpec, infer_in_batches
from tests.servicers.stub_session import StubSession, max_batch_size

EMBEDDER = ModelSpec("face_embedder", max_batch=32)


def doubling(inputs):
    return {"out": inputs["x"] * 2}


async def test_rows_beyond_the_max_batch_are_sent_in_order_as_several_requests() -> None:
    session = StubSession({EMBEDDER.name: doubling})
    rows = np.arange(70 * 3, dtype=np.float32).reshape(70, 3)
    out = await infer_in_batches(session, EMBEDDER, {"x": rows}, ["out"], timeout_s=5)
    assert np.array_equal(out["out"], rows * 2)
    assert [len(inputs["x"]) for _, inputs in session.calls] == [32, 32, 6]


@pytest.mark.parametrize("count", [0, 1, 32])
async def test_up_to_the_max_batch_is_one_request(count: int) -> None:
    session = StubSession({EMBEDDER.name: doubling})
    rows = np.ones((count, 3), np.float32)
    out = await infer_in_batches(session, EMBEDDER, {"x": rows}, ["out"], timeout_s=5)
    assert out["out"].shape == (count, 3) and len(session.calls) == 1


async def test_the_stub_refuses_what_triton_refuses() -> None:
    """The premise of the servicer tests that count requests: the stub enforces the repository's limit."""
    assert max_batch_size(EMBEDDER.name) == EMBEDDER.max_batch
    session = StubSession({EMBEDDER.name: doubling})
    with pytest.raises(Internal, match="batch-size must be <= 32"):
        await session.infer(EMBEDDER.name, {"x": np.ones((33, 3), np.float32)}, ["out"], timeout_s=5)
