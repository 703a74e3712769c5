"""Session fixtures that start the real stack (Triton, services, gateway) once per test session.

The processes are the ones `make run` starts (scripts/stack.py), on free ports. Integration and
end-to-end tests need `make setup` to have built .triton/, .venv-triton/ and the model
repository; `make test` does that first. Without them the fixtures fail with that instruction
rather than skipping: a skipped integration test proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.stack import MODEL_REPOSITORY, TRITON_HOME, Stack, StackAddresses, start_stack

DATA = Path(__file__).parent / "data"


@dataclass
class RunningStack:
    stack: Stack
    addresses: StackAddresses
    log_dir: Path

    @property
    def gateway_address(self) -> str:
        return self.addresses.gateway

    @property
    def triton_url(self) -> str:
        return self.addresses.triton_url


def start_running_stack(
    log_dir: Path, service_env: dict[str, dict[str, str]] | None = None, only: tuple[str, ...] = ()
) -> RunningStack:
    required = (TRITON_HOME / "bin" / "tritonserver", MODEL_REPOSITORY / "face_detector" / "1" / "model.onnx")
    missing = [path for path in required if not path.exists()]
    if missing:
        pytest.fail(f"{missing[0]} is missing: run `make setup` (or `make test`, which runs it) first")
    try:
        stack, addresses = start_stack(log_dir, service_env=service_env, only=only)
    except RuntimeError as exc:
        logs = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in log_dir.glob("*.log"))
        pytest.fail(f"could not start the stack: {exc}\n{logs}")
    return RunningStack(stack, addresses, log_dir)


@pytest.fixture(scope="session")
def running_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    running = start_running_stack(tmp_path_factory.mktemp("stack-logs"))
    yield running
    running.stack.stop_all()
