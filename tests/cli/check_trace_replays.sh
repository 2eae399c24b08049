#!/usr/bin/env bash
# check_trace_replays.sh LOCKSTEP SCENARIO [CHECK OPTIONS...]
#
# `check --trace FILE` writes the first failing seed's trace; the choice string in its header
# (with its seed and swarm kinds, also in the header) must replay that very run: the replayed
# trace's events are the same, line for line.
set -u
lockstep=$1
scenario=$2
shift 2
dir=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-check-trace.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$lockstep" check "$scenario" --quiet --no-shrink --trace "$dir/check.jsonl" "$@" >/dev/null
[ -s "$dir/check.jsonl" ] || { echo "check wrote no trace"; exit 1; }
header() { head -n 1 "$dir/check.jsonl" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
choices=$(header choices)
seed=$(header seed)
swarm=$(header swarm)
[ -n "$choices" ] && [ -n "$seed" ] || { echo "no choices or seed in the trace header"; exit 1; }
# Swarm faults are drawn from the seed, so the header names both.
"$lockstep" replay "$scenario" --quiet --seed "$seed" ${swarm:+--swarm "$swarm"} \
	--choices "$choices" --trace "$dir/replay.jsonl" >/dev/null
if ! diff <(tail -n +2 "$dir/check.jsonl") <(tail -n +2 "$dir/replay.jsonl") >/dev/null; then
	echo "the replay of the check trace's choices ($choices) is a different run"
	exit 1
fi
echo "check --trace replays: $(($(wc -l <"$dir/check.jsonl") - 1)) events identical"
