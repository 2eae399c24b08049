#!/usr/bin/env bash
# Sets up the machine, builds, and runs the main demo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
"$build_dir/cli/lockstep" --help
