#!/usr/bin/env bash
# Smoke-check the images deploy/images/build.sh built, inside each image (buildah run, chroot
# isolation, host network on loopback; no container runtime or cluster needed):
#   facet       runs as uid 10001, has no pip and no compiler, every module of gateway/ and services/
#               imports, and the gateway starts and answers gRPC health
#   triton-cpu  tritonserver starts and loads one model (face_detector) through its Python backend
#   models      holds the same model files, byte for byte, as the triton-cpu image
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${TAG:-0.1.0}"
BUILDAH=(buildah --storage-driver vfs)
say() { printf 'smoke: %s\n' "$*"; }
containers=()
cleanup() { for c in "${containers[@]}"; do "${BUILDAH[@]}" rm "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
from() { local c; c="$("${BUILDAH[@]}" from --pull=false "$1")"; containers+=("$c"); echo "$c"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

facet="$(from "localhost/facet:$TAG")"
port="$(free_port)"
"${BUILDAH[@]}" run --isolation chroot --env "SMOKE_PORT=$port" "$facet" -- python - <<'PY'
import importlib, importlib.util, os, pkgutil, shutil, subprocess, sys, time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.routes import DEFAULT_ROUTES

assert os.getuid() == 10001, f"runs as uid {os.getuid()}, not 10001"
assert importlib.util.find_spec("pip") is None, "pip is in the image"
missing = [tool for tool in ("gcc", "cc", "pip", "pip3") if shutil.which(tool)]
assert not missing, f"found {missing} in the image"
modules = ["gateway", *(route.module for route in DEFAULT_ROUTES)]
if importlib.util.find_spec("gateway.rekognition"):
    modules.append("gateway.rekognition")
for module in modules:
    assert importlib.util.find_spec(f"{module}.__main__"), f"python -m {module} cannot run: no __main__"
# Every module the processes may load (their data files and dependencies are in the image), except
# the entry points themselves and build-time helpers under data/.
import gateway, services
names = [m.name for pkg in (gateway, services) for m in pkgutil.walk_packages(pkg.__path__, f"{pkg.__name__}.")]
names = [n for n in names if not n.endswith(".__main__") and ".data." not in n]
for name in names:
    module = importlib.import_module(name)
    if name.endswith(".model_version"):  # reads model_repository/manifest.json, copied beside the source
        module.face_model_version()
address = f"127.0.0.1:{os.environ['SMOKE_PORT']}"
env = {**os.environ, "FACET_LISTEN_ADDRESS": address, "FACET_STATE_DIR": "/tmp/state"}
gateway = subprocess.Popen([sys.executable, "-m", "gateway"], env=env)
try:
    deadline = time.monotonic() + 60
    while True:
        try:
            with grpc.insecure_channel(address) as channel:
                reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
            break
        except grpc.RpcError:
            if gateway.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the gateway did not answer gRPC health")
            time.sleep(0.5)
finally:
    gateway.terminate()
    gateway.wait(timeout=30)
status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
print(f"smoke: facet image: uid 10001, no pip/compiler, {len(names)} modules import, gateway health {status}")
PY

triton="$(from "localhost/facet-triton-cpu:$TAG")"
http="$(free_port)"; grpc_port="$(free_port)"; metrics="$(free_port)"
"${BUILDAH[@]}" run --isolation chroot --env "HTTP=$http" --env "GRPC=$grpc_port" --env "METRICS=$metrics" "$triton" -- \
    /opt/facet/.venv-triton/bin/python - <<'PY'
import os, subprocess, time, urllib.request

base = "/opt/facet/.triton/pytriton/tritonserver"
server = subprocess.Popen([
    f"{base}/bin/tritonserver", "--model-repository=/opt/facet/models", f"--backend-directory={base}/backends",
    "--model-control-mode=explicit", "--load-model=face_detector", f"--http-port={os.environ['HTTP']}",
    f"--grpc-port={os.environ['GRPC']}", f"--metrics-port={os.environ['METRICS']}", "--exit-timeout-secs=5",
])
url = f"http://127.0.0.1:{os.environ['HTTP']}/v2/models/face_detector/ready"
try:
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("tritonserver did not load face_detector")
        time.sleep(1)
finally:
    server.terminate()
    server.wait(timeout=60)
print("smoke: triton-cpu image: tritonserver loaded face_detector (Python backend + onnxruntime)")
PY

models="$(from "localhost/facet-models:$TAG")"
a="$("${BUILDAH[@]}" mount "$models")/models"
b="$("${BUILDAH[@]}" mount "$triton")/opt/facet/models"
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
diff <(sums "$a") <(sums "$b") >/dev/null || { say "models image differs from the triton-cpu image's models"; exit 1; }
test -f "$a/face_detector/configs/gpu.pbtxt" -a -f "$a/face_detector/1/model.onnx"
say "models image: $(sums "$a" | wc -l) files, identical to triton-cpu's, GPU configs present"
"${BUILDAH[@]}" umount "$models" "$triton" >/dev/null
say "ok"
