#!/usr/bin/env bash
# lockstep explore beside Spin and Rumur on the same TTL-lock question, in one run
# (docs/performance.md, "Exploration"). The peers' models and their runner live in
# ../shared/peers (ttl_lock.pml, ttl_lock.m, run.sh); this script writes lockstep's own scenarios
# for the question, explores them, then runs the peers' suites, and prints one line per run.
#
# usage: bench/run_explore_peers.sh [-b LOCKSTEP] [-p "PEER SUITES"] [-r REPS] [-k FAULTS] [-q]
#   -b LOCKSTEP  the lockstep binary (default: build-explore/cli/lockstep, then build/cli/lockstep)
#   -p SUITES    the peers' run.sh suites to run beside (default "cex key"; "" for none; "big" takes
#                10-20 minutes)
#   -r REPS      repeat each lockstep run REPS times (default 1)
#   -k FAULTS    pauses per run in lockstep's scenarios (default 1; 2 makes N=3 T=14 ~60 M states)
#   -q           lockstep only: skip the peers
#
# The question (peers/README.md): N clients take a TTL lease of 3 ticks from a lock server with a
# token counter, check it, write to storage and release; a GC pause may delay a client anywhere;
# the storage fences or not; time runs for T ticks. In lockstep a tick is 1 s, messages take 1 ms,
# clients retry every tick (Redis docs: with a random jitter of up to 3/4 of it), and the explore
# menu places up to FAULTS pauses of 1, 2 or 4 ticks at any program point of any client. Fencing is
# token compare-and-set (a holder's read registers its token, only that token may write next); the
# scenarios/explore/ttl-lock-*.yaml files are the N=2, T=8 members of this family.
#
# Output: one line per run:
#   tool config fenc variant verdict states transitions wall_s cpu_s states/s st/cpu_s peak_MB B/state
# wall_s is the whole command (start-up, search, replaying the counterexample); the peers' wall_s
# excludes compiling the verifier (their build_s column), so for "end to end" add it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/peers}
LOCKSTEP=""
SUITES="cex key"
REPS=1
FAULTS=1
QUICK=0
while getopts "b:p:r:k:q" opt; do
	case $opt in
	b) LOCKSTEP=$OPTARG ;;
	p) SUITES=$OPTARG ;;
	r) REPS=$OPTARG ;;
	k) FAULTS=$OPTARG ;;
	q) QUICK=1 ;;
	*) sed -n 2,28p "$0"; exit 2 ;;
	esac
done
if [ -z "$LOCKSTEP" ]; then
	for candidate in "$ROOT/build-explore/cli/lockstep" "$ROOT/build/cli/lockstep"; do
		[ -x "$candidate" ] && LOCKSTEP=$candidate && break
	done
fi
[ -x "$LOCKSTEP" ] || { echo "no lockstep binary (build it, or pass -b)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/explore-peers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# scenario N T FENCING: lockstep's TTL-lock scenario; MAXTOK = T/2 grants shared out as cycles.
scenario() {
	local n=$1 t=$2 fencing=$3
	local cycles=$(((t / 2 + n - 1) / n))
	cat <<YAML
name: ttl-lock-n$n-t$t-$fencing
description: The peers' TTL-lock question, N=$n, T=$t ticks of 1s, TTL 3 ticks.
seed: 1
duration: ${t}s
lock: { service: redis, ttl: 3s, redis: { fencing_counter: true, hz: 500 } }
network: { latency: 1ms }
resource: { fencing: $fencing }
clients:
  - { name: c, count: $n, hold: 0s, think: 0s, cycles: $cycles, check_validity: true,
      retry_delay: 1s, request_timeout: 1000s }
explore:
  strategy: dfs
  max_states: 200000000
  max_faults: $FAULTS
  pauses: { lengths: [1s, 2s, 4s] }
  # The question: is the storage safe? (Without fencing it is not: the search says so.)
  expect: { mutual_exclusion: violated, resource_safety: holds }
YAML
}

header() {
	printf '%-8s %-10s %-4s %-12s %-9s %11s %12s %8s %8s %9s %9s %8s %7s\n' \
		tool config fenc variant verdict states transitions wall_s cpu_s states/s st/cpu_s peak_MB B/state
}

# lockstep_run N T FENCING VARIANT ARGS...: explores and prints one line.
lockstep_run() {
	local n=$1 t=$2 fencing=$3 variant=$4
	shift 4
	local file="$WORK/ttl-$n-$t-$fencing.yaml"
	local r
	for ((r = 0; r < REPS; r++)); do
		local t0 t1 out="$WORK/out"
		t0=$(date +%s.%N)
		/usr/bin/time -f '%U %S %M' -o "$WORK/time" "$LOCKSTEP" explore "$file" -q "$@" >"$out" 2>&1 || true
		t1=$(date +%s.%N)
		local states trans verdict cpu peak_kb bytes
		states=$(awk '/^  states/{gsub(",", "", $2); print $2; exit}' "$out")
		trans=$(awk '/^  states/{gsub(",", "", $4); print $4; exit}' "$out")
		bytes=$(awk '/^  memory/{print $2; exit}' "$out")
		verdict=$(awk '$1 == "resource_safety" {print ($2 == "VIOLATED" ? "VIOLATED" : $2); exit}' "$out")
		read -r cpu peak_kb < <(tail -n 1 "$WORK/time" | awk '{printf "%.2f %s\n", $1 + $2, $3}')
		awk -v tool=lockstep -v cfg="N=$n,T=$t" -v f="$fencing" -v v="$variant" -v vd="$verdict" \
			-v s="$states" -v tr="$trans" -v a="$t0" -v b="$t1" -v cpu="$cpu" -v kb="$peak_kb" -v by="$bytes" \
			'BEGIN { w = b - a; printf "%-8s %-10s %-4s %-12s %-9s %11s %12s %8.3f %8.2f %9.0f %9.0f %8.1f %7s\n",
				tool, cfg, (f == "none" ? "off" : "on"), v, vd, s, tr, w, cpu, s / w, (cpu > 0 ? s / cpu : 0), kb / 1024, by }'
	done
}

lockstep_suite() {
	local cfg n t
	# Fencing on: full exploration (time to verdict), plain and with the reductions.
	for cfg in "2 8" "2 16" "3 8" "3 12" "3 14" "3 16" "4 8" "4 12" "4 16"; do
		read -r n t <<<"$cfg"
		scenario "$n" "$t" cas >"$WORK/ttl-$n-$t-cas.yaml"
		lockstep_run "$n" "$t" cas dfs
		lockstep_run "$n" "$t" cas dfs-2t -j 2
		lockstep_run "$n" "$t" cas dfs-sym --symmetry
		lockstep_run "$n" "$t" cas dfs-sym-2t --symmetry -j 2
	done
	# Fencing off: time to the first counterexample at the storage, end to end.
	for cfg in "2 8" "3 12" "3 16" "4 12"; do
		read -r n t <<<"$cfg"
		scenario "$n" "$t" none >"$WORK/ttl-$n-$t-none.yaml"
		lockstep_run "$n" "$t" none cex-dfs --set explore.stop_at_first=true
		lockstep_run "$n" "$t" none cex-bfs --strategy bfs --set explore.stop_at_first=true
	done
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# lockstep: $LOCKSTEP, $FAULTS pause(s) per run"
header
lockstep_suite
if [ "$QUICK" = 0 ] && [ -n "$SUITES" ]; then
	echo "# peers: $PEERS/run.sh $SUITES (wall_s excludes build_s, the verifier's compile time)"
	# shellcheck disable=SC2086
	"$PEERS/run.sh" -r "$REPS" $SUITES
fi
