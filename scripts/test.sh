#!/usr/bin/env bash
# Sets up the machine (Debian 12 packages), builds, and runs every test. `.ci/run` calls this.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
