#!/usr/bin/env bash
# Configures and builds lockstep in ./build (Release, Ninja). Extra arguments go to CMake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
if [ ! -f "$build_dir/CMakeCache.txt" ] || [ $# -gt 0 ]; then
	cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
fi
cmake --build "$build_dir" --parallel "$(nproc)"
