"""Start and supervise the local Facet stack: Triton, the services, the gateway.

``python -m scripts.stack`` (what ``make run`` calls) runs in the foreground, prefixes each
child's output with its name, logs readiness, restarts a child that dies (with back-off:
scripts/supervisor.py), and on Ctrl-C/SIGTERM stops the children in reverse order (SIGTERM, then
SIGKILL after a grace period). ``FACET_REPLICAS='{"labels": 3}'`` runs several replicas of a
service, each on its own loopback address (127.0.0.1, .2, .3 …) and the same port, behind one
``ipv4:`` gateway route. The integration tests start the same processes through :class:`Stack`,
so what is tested is what runs.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.routes import DEFAULT_ROUTES
from scripts.supervisor import Supervisor

ROOT = Path(__file__).resolve().parent.parent
TRITON_HOME = ROOT / ".triton" / "pytriton" / "tritonserver"
TRITON_VENV = ROOT / ".venv-triton"
MODEL_REPOSITORY = ROOT / "model_repository" / "models"
# glibc malloc settings for every child (docs/memory.md; the Kubernetes manifests should set the
# same): two heaps per process instead of eight per core, and blocks of 1 MiB or more (decoded
# images, tensors) mapped on their own so that freeing one returns it to the system. Without them
# the services and tritonserver kept freed image buffers in fragmented heaps and grew under load.
# A value already in the environment wins.
MALLOC_ENV = {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "1048576"}
TRITON_GRPC_POOL = 0  # --grpc-infer-allocation-pool-size (triton_spec says why)


@dataclass
class ProcessSpec:
    name: str
    argv: Sequence[str]
    env: dict[str, str] = field(default_factory=dict)
    ready: Callable[[], bool] = lambda: True
    ready_timeout_s: float = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_port_on(hosts: Sequence[str]) -> int:
    """A port free on every one of ``hosts`` (replicas share a port on different addresses)."""
    while True:
        port = free_port()
        try:
            for host in hosts[1:]:
                with socket.socket() as sock:
                    sock.bind((host, port))
        except OSError:
            continue
        return port


def replica_hosts(count: int) -> list[str]:
    """127.0.0.1, 127.0.0.2 …: every 127/8 address is loopback on Linux, no set-up needed."""
    return [f"127.0.0.{1 + index}" for index in range(count)]


# Services that keep state in their state directory: replicas of them would each see their own
# collections. Several replicas need a shared store (FACET_COLLECTION_STORE=milvus on a server).
_STATEFUL = {"facet.v1.CollectionService": ("FACET_COLLECTION_STORE", "milvus")}


def parse_replicas(text: str) -> dict[str, int]:
    """``FACET_REPLICAS``: a JSON object, process name -> replica count (default 1 each)."""
    replicas = json.loads(text) if text.strip() else {}
    names = {route.name for route in DEFAULT_ROUTES}
    if not isinstance(replicas, dict) or not all(isinstance(n, int) and 1 <= n <= 254 for n in replicas.values()):
        raise SystemExit(f'FACET_REPLICAS must be a JSON object of counts, e.g. {{"labels": 3}}; got {text!r}')
    unknown = sorted(set(replicas) - names)
    if unknown:
        raise SystemExit(f"FACET_REPLICAS names unknown services {unknown}; known: {sorted(names)}")
    for route in DEFAULT_ROUTES:
        needs = _STATEFUL.get(route.service)
        if needs and replicas.get(route.name, 1) > 1 and os.environ.get(needs[0]) != needs[1]:
            raise SystemExit(
                f"{route.name} keeps its collections on local disk; several replicas need {needs[0]}={needs[1]}"
            )
    return replicas


def triton_spec(
    grpc_port: int = 8001, http_port: int = 8000, metrics_port: int = 8002, grpc_pool: int = TRITON_GRPC_POOL
) -> ProcessSpec:
    """tritonserver from the nvidia-pytriton wheel, its Python backend running in .venv-triton."""
    binary = TRITON_HOME / "bin" / "tritonserver"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: run `make setup` first")
    argv = [
        str(binary),
        f"--model-repository={MODEL_REPOSITORY}",
        f"--backend-directory={TRITON_HOME / 'backends'}",
        f"--grpc-port={grpc_port}",
        f"--http-port={http_port}",
        f"--metrics-port={metrics_port}",
        "--exit-timeout-secs=5",
        "--log-verbose=0",
        # Triton's gRPC frontend keeps up to 8 (its default) request/response objects for reuse,
        # and a reused protobuf keeps the capacity of the largest tensors it ever carried (a
        # receipt's 6 MB probability map, a 12 MB recogniser batch): tritonserver then grows for
        # as long as larger calls keep landing on pooled objects (docs/memory.md). 0 frees each
        # call's objects when it ends; allocating them costs microseconds against model runs of
        # milliseconds.
        f"--grpc-infer-allocation-pool-size={grpc_pool}",
    ]
    # The backend stub imports numpy/onnxruntime from the first python on PATH: the model runtime venv.
    env = {"PATH": f"{TRITON_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    return ProcessSpec("triton", argv, env, ready=lambda: _triton_ready(grpc_port))


def service_spec(
    name: str, module: str, port: int, env: dict[str, str] | None = None, host: str = "127.0.0.1"
) -> ProcessSpec:
    address = f"{host}:{port}"
    full_env = {"FACET_LISTEN_ADDRESS": address, **(env or {})}
    return ProcessSpec(name, [sys.executable, "-m", module], full_env, ready=lambda: grpc_serving(address))


def _triton_ready(grpc_port: int) -> bool:
    import tritonclient.grpc as triton_grpc  # local: only the launcher needs the sync client

    try:
        client = triton_grpc.InferenceServerClient(f"127.0.0.1:{grpc_port}")
        return bool(client.is_server_ready(client_timeout=2))
    except Exception:
        return False


def grpc_serving(address: str, service: str = "") -> bool:
    with grpc.insecure_channel(address) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=2)
        except grpc.RpcError:
            return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


class Stack:
    """Child processes started in order and stopped in reverse order."""

    def __init__(self, log_dir: Path | None = None, echo: bool = True):
        self.children: list[tuple[ProcessSpec, subprocess.Popen[bytes]]] = []
        self.log_dir = log_dir
        self.echo = echo

    def start(self, spec: ProcessSpec, wait: bool = True) -> subprocess.Popen[bytes]:
        proc = self._spawn(spec)
        self.children.append((spec, proc))
        if wait:
            self.wait_ready(spec, proc)
        return proc

    def restart(self, index: int) -> subprocess.Popen[bytes]:
        """Start child ``index`` again (it has exited), keeping its place in the stop order."""
        spec, _ = self.children[index]
        proc = self._spawn(spec)
        self.children[index] = (spec, proc)
        return proc

    def _spawn(self, spec: ProcessSpec) -> subprocess.Popen[bytes]:
        env = {**MALLOC_ENV, **os.environ, "PYTHONUNBUFFERED": "1", **spec.env}
        proc = subprocess.Popen(
            list(spec.argv),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop children in order
        )
        threading.Thread(target=self._pump, args=(spec.name, proc), daemon=True).start()
        return proc

    def wait_ready(self, spec: ProcessSpec, proc: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + spec.ready_timeout_s
        while not spec.ready():
            if proc.poll() is not None:
                raise RuntimeError(f"{spec.name} exited with code {proc.returncode} before it was ready")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{spec.name} not ready after {spec.ready_timeout_s:.0f}s")
            time.sleep(0.25)

    def stop(self, name: str, grace_s: float = 15.0, sig: int = signal.SIGTERM) -> None:
        for spec, proc in self.children:
            if spec.name == name:
                _stop(proc, grace_s, sig)

    def stop_all(self, grace_s: float = 15.0) -> None:
        for _spec, proc in reversed(self.children):
            _stop(proc, grace_s, signal.SIGTERM)

    def _pump(self, name: str, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        sink = open(self.log_dir / f"{name}.log", "ab") if self.log_dir else None  # noqa: SIM115
        try:
            for line in proc.stdout:
                if sink:
                    sink.write(line)
                    sink.flush()
                if self.echo:
                    sys.stdout.write(f"[{name}] {line.decode(errors='replace')}")
                    sys.stdout.flush()
        finally:
            if sink:
                sink.close()


def _stop(proc: subprocess.Popen[bytes], grace_s: float, sig: int) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclass
class StackAddresses:
    triton_url: str
    gateway: str
    services: dict[str, str]  # short name (e.g. "faces") -> gRPC target (host:port, or ipv4:… for replicas)
    replicas: dict[str, list[str]] = field(default_factory=dict)  # short name -> host:port of each replica
    rekognition: str = ""  # host:port of the Rekognition-compatible HTTP endpoint


def stack_specs(
    *,
    ephemeral: bool = False,
    service_env: dict[str, dict[str, str]] | None = None,
    only: Sequence[str] = (),
    state_dir: Path | None = None,
    replicas: dict[str, int] | None = None,
    triton_url: str | None = None,
) -> tuple[list[ProcessSpec], StackAddresses]:
    """What ``make run`` starts, in start order: Triton, the processes of each gateway route, the gateway.

    ``ephemeral`` picks free ports and turns metrics off (tests, bench); ``service_env`` adds
    environment variables per service short name ("triton": tritonserver and its stubs); ``only``
    limits the services (short names), and the gateway then routes just those; ``state_dir``
    replaces the services' on-disk state directory (default .run/), so test and bench stacks never
    share collections or audit logs;
    ``replicas`` runs that many processes of a service (short name -> count) on 127.0.0.1, .2 …,
    named ``<name>-1``, ``<name>-2`` …, each with its own state directory ``<state dir>/<name>-<n>``
    and metrics on the service's port + 100 × (n − 1); ``triton_url`` uses a running Triton
    instead of starting one.
    """
    specs = []
    if triton_url is None:
        triton_ports = (free_port(), free_port(), free_port()) if ephemeral else (8001, 8000, 8002)
        triton_url = f"127.0.0.1:{triton_ports[0]}"
        triton = triton_spec(*triton_ports)
        triton.env.update((service_env or {}).get("triton", {}))  # e.g. allocator settings; its stubs inherit them
        specs.append(triton)
    services: dict[str, str] = {}
    routes: dict[str, str] = {}
    all_replicas: dict[str, list[str]] = {}
    for route in DEFAULT_ROUTES:
        if only and route.name not in only:
            continue
        count = (replicas or {}).get(route.name, 1)
        hosts = replica_hosts(count)
        port = free_port_on(hosts) if ephemeral else int(route.address.rsplit(":", 1)[1])
        addresses = [f"{host}:{port}" for host in hosts]
        for index, (host, address) in enumerate(zip(hosts, addresses, strict=True)):
            name = route.name if count == 1 else f"{route.name}-{index + 1}"
            # Replicas keep apart what they write (audit logs); the services' default is ".run".
            replica_state = Path(state_dir or ".run") / name if count > 1 else state_dir
            env = {
                "FACET_TRITON_URL": triton_url,
                "FACET_METRICS_PORT": "0" if ephemeral else str(route.metrics_port + 100 * index),
                # One host name for every local replica: name each by its address instead.
                "FACET_REPLICA_NAME": address,
                **({"FACET_STATE_DIR": str(replica_state)} if replica_state else {}),
                **(service_env or {}).get(route.name, {}),
            }
            specs.append(service_spec(name, route.module, port, env, host=host))
        all_replicas[route.name] = addresses
        target = addresses[0] if count == 1 else "ipv4:" + ",".join(addresses)
        services[route.name] = routes[route.service] = target
    gateway_port = free_port() if ephemeral else 50051
    gateway_env = {
        "FACET_ROUTES": json.dumps(routes),
        "FACET_ENABLED_SERVICES": json.dumps(sorted(routes)),
        "FACET_METRICS_PORT": "0" if ephemeral else "9150",
        "FACET_HEALTH_POLL_S": "0.5" if ephemeral else "2",
        **({"FACET_STATE_DIR": str(state_dir)} if state_dir else {}),  # the gateway's audit log goes there too
    }
    specs.append(service_spec("gateway", "gateway", gateway_port, gateway_env))
    rekognition = f"127.0.0.1:{free_port() if ephemeral else 50080}"
    specs.append(rekognition_spec(rekognition, f"127.0.0.1:{gateway_port}"))
    return specs, StackAddresses(triton_url, f"127.0.0.1:{gateway_port}", services, all_replicas, rekognition)


def rekognition_spec(address: str, gateway: str, env: dict[str, str] | None = None) -> ProcessSpec:
    """The Rekognition-compatible HTTP front (gateway/rekognition), ready once it sees the gateway SERVING."""
    env = {"FACET_AWS_LISTEN_ADDRESS": address, "FACET_AWS_GATEWAY_ADDRESS": gateway, **(env or {})}
    argv = [sys.executable, "-m", "gateway.rekognition"]
    return ProcessSpec("rekognition", argv, env, ready=lambda: http_ok(f"http://{address}/health"))


def http_ok(url: str) -> bool:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via an HTTP proxy
    try:
        with direct.open(url, timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def start_stack(
    log_dir: Path,
    *,
    echo: bool = False,
    service_env: dict[str, dict[str, str]] | None = None,
    only: Sequence[str] = (),
    replicas: dict[str, int] | None = None,
) -> tuple[Stack, StackAddresses]:
    """Start a stack on free ports and wait until each process is ready (tests, bench)."""
    specs, addresses = stack_specs(
        ephemeral=True, service_env=service_env, only=only, state_dir=log_dir / "state", replicas=replicas
    )
    stack = Stack(log_dir=log_dir, echo=echo)
    try:
        for spec in specs:
            stack.start(spec)
    except BaseException:
        stack.stop_all()
        raise
    return stack, addresses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the local Facet stack in the foreground (make run).")
    parser.add_argument("--ephemeral", action="store_true", help="free ports, metrics off (tests)")
    parser.add_argument("--only", action="append", default=[], help="run only this service (repeatable)")
    parser.add_argument("--state-dir", type=Path, help="the services' state directory (default .run)")
    args = parser.parse_args(argv)
    stack = Stack()
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stopping.set()

    def say(line: str) -> None:
        print(f"[stack] {line}", flush=True)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        specs, addresses = stack_specs(
            ephemeral=args.ephemeral,
            only=args.only,
            state_dir=args.state_dir,
            replicas=parse_replicas(os.environ.get("FACET_REPLICAS", "")),
        )
        say(f"addresses {json.dumps(addresses.__dict__)}")
        for spec in specs:
            proc = stack.start(spec, wait=False)
            say(f"starting {spec.name} (pid {proc.pid})")
            while not spec.ready():
                if stopping.is_set():
                    return 130
                if proc.poll() is not None:
                    say(f"{spec.name} exited with code {proc.returncode} before it was ready")
                    return 1
                time.sleep(0.25)
            say(f"{spec.name} ready ({time.monotonic() - started:.1f}s)")
        say(
            f"Facet is SERVING at {addresses.gateway} (gRPC) and http://{addresses.rekognition} (Rekognition)"
            f" ({time.monotonic() - started:.1f}s). Ctrl-C stops it."
        )
        supervisor = Supervisor(lambda: [(spec.name, proc) for spec, proc in stack.children], stack.restart, say)
        while not stopping.is_set():
            supervisor.poll(time.monotonic())
            stopping.wait(0.25)
        return 0
    finally:
        say("stopping")
        stack.stop_all()
        say("stopped")


if __name__ == "__main__":
    raise SystemExit(main())
