#!/usr/bin/env bash
# Smoke-check the images deploy/images/build.sh built, inside each image (buildah run, chroot
# isolation, host network on loopback; no container runtime or cluster needed):
#   facet       runs as uid 10001, has no pip and no compiler, every module of gateway/ and services/
#               imports, and the gateway starts and answers gRPC health
#   triton-cpu  tritonserver starts as uid 10001 and loads one model (face_detector) through its Python
#               backend
#   models      holds the same model files, byte for byte, as the triton-cpu image
#   together    Triton (triton-cpu, every model), the faces service and the gateway (facet), each in its
#               own container and wired as the manifests wire them (dns:/// targets, [::] listeners),
#               answer DetectFaces through the gateway with the four faces of tests/data/group_4_faces.jpg
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${TAG:-0.1.0}"
BUILDAH=(buildah --storage-driver vfs)
say() { printf 'smoke: %s\n' "$*"; }
containers=()
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    for c in "${containers[@]}"; do "${BUILDAH[@]}" rm "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
# new_container <var> <image>: a working container of <image> in $<var>, removed at exit.
new_container() { local c; c="$("${BUILDAH[@]}" from --pull=false "$2")"; containers+=("$c"); printf -v "$1" '%s' "$c"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

new_container facet "localhost/facet:$TAG"
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
# the entry points themselves, build-time helpers under data/ and the in-process test session.
import gateway, services
names = [m.name for pkg in (gateway, services) for m in pkgutil.walk_packages(pkg.__path__, f"{pkg.__name__}.")]
# services.common.onnx_session runs networks in-process for tests and benches only (onnxruntime is
# a dev dependency, not in the image).
names = [n for n in names if not n.endswith(".__main__") and ".data." not in n and n != "services.common.onnx_session"]
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

new_container triton "localhost/facet-triton-cpu:$TAG"
http="$(free_port)"; grpc_port="$(free_port)"; metrics="$(free_port)"
"${BUILDAH[@]}" run --isolation chroot --env "HTTP=$http" --env "GRPC=$grpc_port" --env "METRICS=$metrics" "$triton" -- \
    /opt/facet/.venv-triton/bin/python - <<'PY'
import os, subprocess, time, urllib.request

server = subprocess.Popen([
    "/opt/facet/bin/start-triton", "--model-repository=/opt/facet/models",
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

new_container models "localhost/facet-models:$TAG"
a="$("${BUILDAH[@]}" mount "$models")/models"
b="$("${BUILDAH[@]}" mount "$triton")/opt/facet/models"
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
diff <(sums "$a") <(sums "$b") >/dev/null || { say "models image differs from the triton-cpu image's models"; exit 1; }
test -f "$a/face_detector/configs/gpu.pbtxt" -a -f "$a/face_detector/1/model.onnx"
say "models image: $(sums "$a" | wc -l) files, identical to triton-cpu's, GPU configs present"
"${BUILDAH[@]}" umount "$models" "$triton" >/dev/null

# Each process in its own container, in the background (timeout: never left running), logs in /tmp.
t_grpc="$(free_port)"; t_http="$(free_port)"; t_metrics="$(free_port)"; faces_port="$(free_port)"; gw_port="$(free_port)"
new_container tctr "localhost/facet-triton-cpu:$TAG"
timeout 900 "${BUILDAH[@]}" run --isolation chroot "$tctr" -- /opt/facet/bin/start-triton \
    --model-repository=/opt/facet/models "--grpc-port=$t_grpc" \
    "--http-port=$t_http" "--metrics-port=$t_metrics" --exit-timeout-secs=5 >/tmp/facet-smoke-triton.log 2>&1 &
pids+=($!)
new_container fctr "localhost/facet:$TAG"
timeout 900 "${BUILDAH[@]}" run --isolation chroot --env "FACET_TRITON_URL=dns:///localhost:$t_grpc" \
    --env "FACET_LISTEN_ADDRESS=[::]:$faces_port" --env FACET_STATE_DIR=/tmp/state "$fctr" -- \
    python -m services.faces >/tmp/facet-smoke-faces.log 2>&1 &
pids+=($!)
new_container gctr "localhost/facet:$TAG"
timeout 900 "${BUILDAH[@]}" run --isolation chroot \
    --env "FACET_ROUTES={\"facet.v1.FaceService\": \"dns:///localhost:$faces_port\"}" \
    --env 'FACET_ENABLED_SERVICES=["facet.v1.FaceService"]' --env FACET_HEALTH_POLL_S=1 \
    --env "FACET_LISTEN_ADDRESS=127.0.0.1:$gw_port" --env FACET_STATE_DIR=/tmp/state "$gctr" -- \
    python -m gateway >/tmp/facet-smoke-gateway.log 2>&1 &
pids+=($!)
new_container client "localhost/facet:$TAG"
"${BUILDAH[@]}" run --isolation chroot --volume "$ROOT/tests/data:/data:ro" --env "GATEWAY=127.0.0.1:$gw_port" \
    "$client" -- python - <<'PY' || { say "stack failed; logs: /tmp/facet-smoke-{triton,faces,gateway}.log"; exit 1; }
import os, time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from facet.v1 import common_pb2, faces_pb2, faces_pb2_grpc

started = time.monotonic()
with grpc.insecure_channel(os.environ["GATEWAY"]) as channel:
    while True:  # SERVING once Triton has every model and the faces service has checked them
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                break
        except grpc.RpcError:
            pass
        if time.monotonic() - started > 600:
            raise SystemExit("the stack was not SERVING after 600 s")
        time.sleep(2)
    image = common_pb2.Image(bytes=open("/data/group_4_faces.jpg", "rb").read())
    response = faces_pb2_grpc.FaceServiceStub(channel).DetectFaces(faces_pb2.DetectFacesRequest(image=image), timeout=120)
assert len(response.face_details) == 4, f"{len(response.face_details)} faces, expected 4"
print(f"smoke: images together: SERVING after {time.monotonic() - started:.0f} s, DetectFaces found 4 faces")
PY
say "ok"
