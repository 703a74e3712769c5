#!/bin/sh
# Start the CPU Triton image's tritonserver as a non-root user on a read-only root file system.
# Triton's Python backend chmods its stub before it starts one, which only the file's owner can do,
# on a writable file system: the image's files are root's, and Kubernetes mounts the root read-only.
# So the small backend folder (stub, libtriton_python.so, utils) is copied to a writable scratch
# folder (an emptyDir at /tmp) at the same depth, beside a link to the bundled libraries, so the
# binaries' RPATH ($ORIGIN/../../../../nvidia_pytriton.libs) still resolves. Arguments go to Triton.
set -eu
triton=/opt/facet/.triton
scratch="${FACET_TRITON_SCRATCH:-/tmp/triton}"
rm -rf "$scratch"
mkdir -p "$scratch/pytriton/tritonserver"
cp -R "$triton/pytriton/tritonserver/backends" "$scratch/pytriton/tritonserver/"
ln -s "$triton/nvidia_pytriton.libs" "$scratch/nvidia_pytriton.libs"
exec "$triton/pytriton/tritonserver/bin/tritonserver" \
    "--backend-directory=$scratch/pytriton/tritonserver/backends" "$@"
