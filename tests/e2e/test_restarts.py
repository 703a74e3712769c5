"""`make run` (scripts/stack.py) keeps serving through deaths: Triton killed and restarted under
the services, a service killed and restarted, and Ctrl-C still stopping everything.

Runs the real launcher as a child process (faces only, free ports), so what is tested is what
`make run` does. The tests run in file order on one stack: kill Triton, kill faces, Ctrl-C.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc
from gateway.routes import DEFAULT_ROUTES
from scripts.stack import ROOT, _triton_ready
from services.common.errors import error_info

pytestmark = pytest.mark.e2e

ROUTE = next(route for route in DEFAULT_ROUTES if route.service == "facet.v1.FaceService")
DATA = Path(__file__).resolve().parents[1] / "data"
REQUEST = faces_pb2.DetectFacesRequest(image=common_pb2.Image(bytes=(DATA / "person_a_1.jpg").read_bytes()))


@dataclass
class Launcher:
    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def wait_for(self, pattern: str, timeout_s: float, after: int = 0) -> re.Match[str]:
        """The first line from index ``after`` on matching ``pattern``, waiting up to ``timeout_s``."""
        give_up = time.monotonic() + timeout_s
        while time.monotonic() < give_up:
            for line in self.lines[after:]:
                found = re.search(pattern, line)
                if found:
                    return found
            assert self.proc.poll() is None or pattern == "stopped", "the launcher exited:\n" + "".join(
                self.lines[-40:]
            )
            time.sleep(0.1)
        raise AssertionError(f"no line matching {pattern!r} within {timeout_s:.0f}s:\n" + "".join(self.lines[-40:]))

    def pid(self, name: str) -> int:
        """The process id of the latest start of child ``name``."""
        pattern = rf"\[stack\] (?:starting {name}|{name} restarted) \(pid (\d+)\)"
        found = [match for line in self.lines if (match := re.search(pattern, line))]
        assert found, f"{name} was never started"
        return int(found[-1].group(1))


@pytest.fixture(scope="module")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launcher]:
    state = tmp_path_factory.mktemp("restarts")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.stack", "--ephemeral", "--only", ROUTE.name, "--state-dir", str(state)],
        cwd=ROOT,
        env={**os.environ, "FACET_REPLICAS": ""},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Launcher(proc)

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            running.lines.append(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        running.wait_for(r"Facet is SERVING", 240)
        yield running
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


def addresses(launcher: Launcher) -> dict:
    return dict(json.loads(launcher.wait_for(r"\[stack\] addresses (.*)$", 5).group(1)))


def health(channel: grpc.Channel) -> int:
    try:
        reply = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=ROUTE.service), timeout=2
        )
    except grpc.RpcError:
        return health_pb2.HealthCheckResponse.NOT_SERVING
    return int(reply.status)


def wait_until(check, timeout_s: float, what: str) -> float:
    """Poll ``check`` until true; the monotonic time it became true."""
    give_up = time.monotonic() + timeout_s
    while time.monotonic() < give_up:
        if check():
            return time.monotonic()
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout_s:.0f}s")


def detect_ok(stub: faces_pb2_grpc.FaceServiceStub) -> bool:
    try:
        return len(stub.DetectFaces(REQUEST, timeout=10).face_details) == 1
    except grpc.RpcError:
        return False


def test_triton_killed_and_restarted_under_the_services(launcher: Launcher) -> None:
    where = addresses(launcher)
    faces_pid, triton_pid = launcher.pid(ROUTE.name), launcher.pid("triton")
    with grpc.insecure_channel(where["gateway"]) as channel:
        stub = faces_pb2_grpc.FaceServiceStub(channel)
        assert detect_ok(stub)
        mark = len(launcher.lines)
        os.kill(triton_pid, signal.SIGKILL)

        deadline_s = 10.0
        started = time.monotonic()
        with pytest.raises(grpc.RpcError) as caught:
            stub.DetectFaces(REQUEST, timeout=deadline_s)
        assert time.monotonic() - started < deadline_s  # failed fast, not at the deadline
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE, caught.value.details()
        assert error_info(caught.value).reason in {"INFERENCE_UNAVAILABLE", "SERVICE_UNAVAILABLE"}
        wait_until(lambda: health(channel) == health_pb2.HealthCheckResponse.NOT_SERVING, 30, "health NOT_SERVING")

        launcher.wait_for(r"\[stack\] triton restarted", 60, after=mark)
        ready_at = wait_until(lambda: _triton_ready(int(where["triton_url"].rsplit(":", 1)[1])), 240, "Triton ready")
        served_at = wait_until(lambda: detect_ok(stub), 30, "a call succeeding after Triton's return")
        serving_at = wait_until(lambda: health(channel) == health_pb2.HealthCheckResponse.SERVING, 30, "SERVING")
        # The gateway's health mirrors the service's on its next poll, so the two may land apart.
        for what, when in (("calls succeeded", served_at), ("health was SERVING", serving_at)):
            assert when - ready_at <= 10.0, f"{what} {when - ready_at:.1f}s after Triton was ready"
    assert launcher.pid(ROUTE.name) == faces_pid  # the service was not restarted
    assert not any(f"[stack] {ROUTE.name} exited" in line for line in launcher.lines[mark:])


def test_dead_service_is_restarted(launcher: Launcher) -> None:
    where = addresses(launcher)
    mark = len(launcher.lines)
    old_pid = launcher.pid(ROUTE.name)
    os.kill(old_pid, signal.SIGKILL)
    launcher.wait_for(rf"\[stack\] {ROUTE.name} exited with code -9; restarting in", 30, after=mark)
    launcher.wait_for(rf"\[stack\] {ROUTE.name} restarted", 30, after=mark)
    new_pid = launcher.pid(ROUTE.name)
    assert new_pid != old_pid
    with grpc.insecure_channel(where["gateway"]) as channel:
        wait_until(lambda: health(channel) == health_pb2.HealthCheckResponse.SERVING, 120, "SERVING again")
        assert detect_ok(faces_pb2_grpc.FaceServiceStub(channel))
    os.kill(new_pid, 0)  # the restarted process is the one serving


def test_ctrl_c_stops_every_process(launcher: Launcher) -> None:
    pids = [launcher.pid(name) for name in ("triton", ROUTE.name, "gateway")]
    launcher.proc.send_signal(signal.SIGINT)
    assert launcher.proc.wait(timeout=90) == 0
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
