#!/usr/bin/env bash
# Installs what the client stubs and the Go/Java/TypeScript client tests need, from Debian and
# npm only (no Go module proxy, no Maven Central): the Go toolchain and Go gRPC sources, the
# grpc-java jars and code generator, protoc, and the TypeScript client's npm packages (from its
# committed lockfile). Measured on the 2-core development machine (Debian 12, JDK and Node
# already there): apt-get update 11 s, the packages ~95 s (some of it waiting for another dpkg),
# npm ci 13 s. A machine without a JDK adds openjdk's download and unpacking.
#
# Usage: scripts/install_client_toolchains.sh   (as root, or with sudo available)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

packages=(
  golang-go golang-google-grpc-dev golang-google-genproto-dev golang-google-protobuf-dev
  golang-github-golang-protobuf-1-5-dev                  # grpc-go 1.33 marshals through it: 1.3 predates APIv2 stubs
  protoc-gen-go protoc-gen-go-grpc                       # Go stubs and the Go client test
  libgrpc-java libprotobuf-java libgoogle-common-protos-java
  libnetty-java libperfmark-java libgoogle-gson-java libgeronimo-annotation-1.3-spec-java
  protobuf-compiler protobuf-compiler-grpc-java-plugin   # Java stubs and the Java client test
  openssl                                                # test certificates
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Commands that may come from elsewhere (a JDK, Node from NodeSource): Debian's only when absent.
command -v javac >/dev/null || missing+=(default-jdk-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
sudo=""
[[ "$(id -u)" -eq 0 ]] || sudo="sudo"
if (( ${#missing[@]} )); then
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
    "${missing[@]}"
fi
npm ci --prefix clients/typescript --no-audit --no-fund --loglevel=error
echo "client toolchains: ok"
