#!/usr/bin/env bash
# Builds lockstep and runs the main demo: Kleppmann's GC-pause scenario without fencing, then
# with fencing tokens, and a one-line-per-scenario comparison at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
cd "$root"
status=0
"$build_dir/cli/lockstep" run scenarios/kleppmann/gc-pause.yaml \
	scenarios/kleppmann/gc-pause-fenced.yaml || status=$?
# Both scenarios expect their violations, so the run exits 0 when lockstep agrees with them.
exit "$status"
