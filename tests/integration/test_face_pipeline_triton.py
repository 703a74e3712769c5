"""FacePipeline and TritonSession against the real Triton of the test session (no gateway)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from services.common.errors import DeadlineExceeded, Internal
from services.common.images import ImageLimits, decode_image
from services.common.onnx_session import OnnxSession
from services.common.triton import ModelSpec, TensorSpec, TritonSession
from services.faces.pipeline import EMBEDDER, REQUIRED_MODELS, FacePipeline

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
async def session(running_stack):
    triton = TritonSession(running_stack.triton_url)
    yield triton
    await triton.close()


def load(name: str):
    return decode_image((DATA / name).read_bytes(), ImageLimits())


async def test_models_ready_and_metadata_verified(session) -> None:
    await session.wait_until_ready(REQUIRED_MODELS, timeout_s=30)


async def test_wrong_model_contract_is_refused_at_startup(session) -> None:
    wrong = ModelSpec(EMBEDDER.name, inputs={"data": TensorSpec("FP32", (-1, 3, 96, 96))})
    with pytest.raises(Internal, match="expected"):
        await session.wait_until_ready([wrong], timeout_s=30)


async def test_wrong_max_batch_is_refused_at_startup(session) -> None:
    wrong = ModelSpec(EMBEDDER.name, inputs=EMBEDDER.inputs, outputs=EMBEDDER.outputs, max_batch=64)
    with pytest.raises(Internal, match="max_batch_size: Triton serves 32, expected 64"):
        await session.wait_until_ready([wrong], timeout_s=30)


async def test_more_faces_than_the_embedder_batch_are_all_embedded(session) -> None:
    """41 chips (Triton refuses a request above max_batch_size 32): two requests, rows in order."""
    pipeline = FacePipeline(session, ThreadPoolExecutor(2))
    faces = await pipeline.detect(load("group_4_faces.jpg"), 30)
    crowd = [faces[i % len(faces)] for i in range(41)]
    embeddings = await pipeline.embed(crowd, 30)
    assert embeddings.shape == (41, 128)
    alone = await pipeline.embed(faces, 30)
    assert np.allclose(embeddings, np.concatenate([alone] * 11)[:41], atol=1e-4)


async def test_triton_matches_in_process_networks(session) -> None:
    """Same pipeline, Triton vs onnxruntime in this process: same faces, same embeddings."""
    executor = ThreadPoolExecutor(2)
    via_triton = FacePipeline(session, executor)
    in_process = FacePipeline(OnnxSession(["face_detector", "face_embedder"]), executor)
    image = load("group_4_faces.jpg")
    faces_t = await via_triton.detect(image, 30)
    faces_p = await in_process.detect(image, 30)
    assert len(faces_t) == len(faces_p) == 4
    for a, b in zip(faces_t, faces_p, strict=True):
        assert np.allclose(a.box, b.box, atol=1e-3) and np.allclose(a.landmarks, b.landmarks, atol=1e-3)
    emb_t = await via_triton.embed(faces_t, 30)
    emb_p = await in_process.embed(faces_p, 30)
    assert emb_t.shape == (4, 128)
    assert np.allclose(emb_t, emb_p, atol=1e-4)
    assert np.allclose(np.linalg.norm(emb_t, axis=1), 1.0, atol=1e-5)


async def test_batched_embeddings_equal_single_ones(session) -> None:
    pipeline = FacePipeline(session, ThreadPoolExecutor(2))
    image = load("group_4_faces.jpg")
    faces = await pipeline.detect(image, 30)
    together = await pipeline.embed(faces, 30)
    alone = np.concatenate([await pipeline.embed([face], 30) for face in faces])
    assert np.allclose(together, alone, atol=1e-5)


async def test_concurrent_detections_each_get_their_own_answer(session) -> None:
    """Twelve requests at once queue together in Triton and reach the model in shared execute()
    calls (face_detector then runs them one by one: merge_requests false); each must still get the
    faces of its own image, as when sent alone."""
    pipeline = FacePipeline(session, ThreadPoolExecutor(4))
    images = [load(name) for name in ("group_4_faces.jpg", "person_a_1.jpg", "person_b_1.jpg", "no_face.jpg")] * 3
    alone = [[f.box for f in await pipeline.detect(image, 30)] for image in images[:4]]
    together = await asyncio.gather(*(pipeline.detect(image, 30) for image in images))
    assert [len(faces) for faces in alone] == [4, 1, 1, 0]
    for i, faces in enumerate(together):
        assert len(faces) == len(alone[i % 4])
        for face, box in zip(faces, alone[i % 4], strict=True):
            assert np.allclose(face.box, box, atol=1e-3)


async def test_expired_deadline_is_deadline_exceeded(session) -> None:
    pipeline = FacePipeline(session, ThreadPoolExecutor(2))
    with pytest.raises(DeadlineExceeded):
        await pipeline.detect(load("person_a_1.jpg"), timeout_s=0.0)
