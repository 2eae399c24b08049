#!/usr/bin/env bash
# Builds lockstep and runs every test (unit tests, the scenario library, the CLI). `.ci/run`
# calls this after scripts/setup.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
