#!/usr/bin/env bash
# Runs the simulation core's benchmark (lockstep-bench-sim) beside its two peers, the hand-written
# C++ event loop (des-baseline) and SimGrid's s4u, in one run on one machine, then prints a table
# of median event rates with the ratios lockstep/des and lockstep/SimGrid and the issue-3 targets.
#
# usage: bench/run_sim_peers.sh [-r REPS] [-o DIR] [-s] [-d]
#   -r REPS  repetitions of every run (default 3); the table shows medians
#   -o DIR   keep the raw logs and the tab-separated results in DIR (default: a temporary folder)
#   -s       skip SimGrid (its runs take about a minute per repetition)
#   -d       also run des-baseline's own run.sh once, as a cross-check (DIR/des-suite.log)
# Environment: LOCKSTEP_BUILD_DIR (default ./build), LOCKSTEP_PEERS_DIR (default ../shared/peers).
#
# The peers are measuring instruments, built and run from LOCKSTEP_PEERS_DIR, never copied into
# this repository. SimGrid runs through its own run.sh (simgrid suite). des_lock.cpp is built with
# the command of des-baseline/run.sh (g++ -std=c++20 -O2) and run with that script's "long" lengths
# (5000 / 400 / 40 s for N = 10 / 100 / 1000, and 4 s for N = 10000, which it does not cover)
# right after lockstep at the same N and length: on a shared machine the load changes within a
# minute, and pairing the runs keeps it out of the ratios. Repetitions repeat the whole sequence.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOCKSTEP_BUILD_DIR:-$root/build}
peers=${LOCKSTEP_PEERS_DIR:-$root/../shared/peers}
reps=3
out_dir=""
with_simgrid=1
with_des_suite=0
while getopts "r:o:sd" opt; do
	case $opt in
	r) reps=$OPTARG ;;
	o) out_dir=$OPTARG ;;
	s) with_simgrid=0 ;;
	d) with_des_suite=1 ;;
	*) sed -n 2,18p "$0"; exit 2 ;;
	esac
done

if [ ! -x "$peers/run.sh" ]; then
	echo "run_sim_peers: error: no peers at $peers (set LOCKSTEP_PEERS_DIR)" >&2
	exit 2
fi
if [ "$with_simgrid" = 1 ] && ! pkg-config --exists simgrid 2>/dev/null; then
	echo "run_sim_peers: libsimgrid-dev is missing, so the SimGrid column stays empty." >&2
	echo "  Install it with: sudo apt-get install --no-install-recommends libsimgrid-dev" >&2
	echo "  (Debian 12, SimGrid 3.32; scripts/setup.sh deliberately does not install it)." >&2
	with_simgrid=0
fi

if [ -z "$out_dir" ]; then
	out_dir=$(mktemp -d "${TMPDIR:-/tmp}/sim-peers.XXXXXX")
fi
mkdir -p "$out_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/sim-peers-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$out_dir/results.tsv" # tool variant N sim_s events msgs wall_s cpu_s events/s ev/cpu_s peak_MB load1
extras="$out_dir/lockstep-extras.tsv" # level N ns/event B/pending intrinsic allocs/event trace_events
: >"$results"
: >"$extras"

load1() { cut -d' ' -f1 /proc/loadavg; }

# ---------------------------------------------------------------- building
build_lockstep() {
	if [ ! -f "$build_dir/CMakeCache.txt" ]; then
		cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 ||
			{ cat "$work/cmake.log"; exit 1; }
	fi
	cmake --build "$build_dir" --target lockstep-bench-sim >"$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; exit 1; }
}

build_des() { # the same command as des-baseline/run.sh
	${CXX:-g++} -std=c++20 -O2 -Wall -Wextra -o "$work/des_lock" "$peers/des-baseline/des_lock.cpp"
}

# ---------------------------------------------------------------- running
# lockstep key=value line -> one results line and one extras line
record_lockstep() {
	local line=$1
	get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
	printf 'lockstep\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(get level)" "$(get N)" \
		"$(get sim_s)" "$(get events)" "$(get msgs)" "$(get wall_s)" "$(get cpu_s)" \
		"$(awk -v m="$(get Mev_per_s)" 'BEGIN{printf "%.0f", m * 1e6}')" \
		"$(awk -v m="$(get Mev_per_cpu_s)" 'BEGIN{printf "%.0f", m * 1e6}')" \
		"$(get peak_rss_mb)" "$(load1)" >>"$results"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(get level)" "$(get N)" "$(get ns_per_event)" \
		"$(get queue_B_per_pending)" "$(get queue_B_intrinsic)" "$(get allocs_per_event)" \
		"$(get trace_events)" >>"$extras"
}

run_lockstep() { # ARGS... for lockstep-bench-sim
	local bin="$build_dir/bench/lockstep-bench-sim" line
	"$bin" "$@" | tee -a "$out_dir/lockstep.log" | while read -r line; do record_lockstep "$line"; done
}

# des_lock N SIM_S MODE -> one results line, in des-baseline/run.sh's format
run_des() {
	local n=$1 simt=$2 mode=$3 line cpu mb
	/usr/bin/time -v -o "$work/time" "$work/des_lock" "$n" "$simt" "$mode" >"$work/out" 2>"$work/err"
	line=$(grep '^des-' "$work/out")
	echo "$line" >>"$out_dir/des.log"
	get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
	cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$work/time")
	mb=$(awk -F': ' '/Maximum resident set size/{printf "%.1f", $2/1024}' "$work/time")
	printf 'des\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode-long" "$n" "$simt" \
		"$(get events)" "$(get msgs)" "$(get wall_s)" "$cpu" "$(get events_per_s)" \
		"$(awk -v e="$(get events)" -v c="$cpu" 'BEGIN{ if (c > 0) printf "%.0f", e / c; else print "-" }')" \
		"$mb" "$(load1)" >>"$results"
}

run_peers() { # SUITE TSV: the peers' own run.sh, appending its lines to TSV
	"$peers/run.sh" -o "$2" "$1" >>"$out_dir/$1.log" 2>&1 ||
		{ echo "run_sim_peers: $1 failed, see $out_dir/$1.log" >&2; exit 1; }
}

run_all() {
	local rep cfg n simt
	for ((rep = 1; rep <= reps; rep++)); do
		echo "run_sim_peers: repetition $rep/$reps (load $(load1))" >&2
		for cfg in "10 5000" "100 400" "1000 40" "10000 4"; do
			read -r n simt <<<"$cfg"
			run_lockstep --n "$n" --seconds "$simt"
			run_des "$n" "$simt" union
			run_des "$n" "$simt" function
		done
		run_lockstep --n 100 --level checker
		run_lockstep --n 100 --level full
		if [ "$with_simgrid" = 1 ]; then run_peers simgrid "$results"; fi
	done
	if [ "$with_des_suite" = 1 ]; then run_peers des "$out_dir/des-suite.tsv"; fi
}

# ---------------------------------------------------------------- the table
# medians FILE KEYCOLS VALUECOL: "key<TAB>median" per key (keys = columns joined by '/')
medians() {
	awk -F'\t' -v keys="$2" -v col="$3" 'BEGIN{ n = split(keys, k, ",") }
		$1 == "tool" || $col == "" || $col == "-" { next }
		{ key = $(k[1]); for (i = 2; i <= n; i++) key = key "/" $(k[i]); print key "\t" $col }' "$1" |
		sort -t$'\t' -k1,1 -k2,2g |
		awk -F'\t' '{ v[$1, ++c[$1]] = $2 }
			END { for (key in c) { m = c[key]; mid = int((m + 1) / 2);
				med = (m % 2) ? v[key, mid] : (v[key, mid] + v[key, mid + 1]) / 2; print key "\t" med } }'
}

print_table() {
	local rates cpu_rates lextra
	rates=$(medians "$results" 1,2,3 9)
	cpu_rates=$(medians "$results" 1,2,3 10)
	lextra=$(for c in 3 4 6; do medians "$extras" 1,2 "$c" | sed "s/^/$c\//"; done)
	awk -F'\t' -v reps="$reps" -v simgrid="$with_simgrid" -v load_start="$load_start" -v load_end="$(load1)" '
		FNR == 1 { part++ }
		part == 1 { rate[$1] = $2 / 1e6; next }
		part == 2 { cpu[$1] = $2 / 1e6; next }
		part == 3 { extra[$1] = $2; next }
		function r(k) { return (k in rate) ? sprintf("%8.2f", rate[k]) : sprintf("%8s", "-") }
		function fx(v) { return v > 0 ? sprintf("%5.0fx", v) : sprintf("%6s", "-") }
		function over(a, b, t) { return (a in t) && (b in t) && t[b] > 0 ? t[a] / t[b] : 0 }
		function sg(n, a, b) { a = "simgrid/CM02/" n; b = "simgrid/LV08/" n  # the faster variant
			if (!(a in rate)) return b; if (!(b in rate)) return a; return (rate[a] > rate[b]) ? a : b }
		# Cost per event at N relative to N=10, divided by how much log N grew (CPU-time rates).
		function growth(tool, n) { return over(tool "/10", tool "/" n, cpu) / (log(n) / log(10)) }
		function verdict(x, y, bound, above) {
			if (above) return (x >= bound && y >= bound) ? "met" : (x >= bound || y >= bound) ? "met on one clock only" : "NOT MET"
			return (x <= bound && y <= bound) ? "met" : (x <= bound || y <= bound) ? "met on one clock only" : "NOT MET" }
		END {
			printf "Simulation core, same lock workload; medians of %s runs; M events/s (wall clock)\n", reps
			printf "%6s %8s %8s %8s %8s %8s | %6s %6s %6s %6s | %7s %7s %9s\n", "N", "lockstep", "des",
				"des-fn", "SG CM02", "SG LV08", "ls/des", "(cpu)", "ls/SG", "(cpu)", "ns/ev", "B/pend", "allocs/ev"
			split("10 100 1000 10000", ns, " ")
			for (i = 1; i <= 4; i++) {
				n = ns[i]; l = "lockstep/off/" n; d = "des/union-long/" n; s = sg(n)
				printf "%6s %s %s %s %s %s | %6.2f %6.2f %s %s | %7.1f %7.1f %9.6f\n", n, r(l), r(d),
					r("des/function-long/" n), r("simgrid/CM02/" n), r("simgrid/LV08/" n),
					over(l, d, rate), over(l, d, cpu), fx(over(l, s, rate)), fx(over(l, s, cpu)),
					extra["3/off/" n], extra["4/off/" n], extra["6/off/" n]
			}
			for (lv = 1; lv <= 2; lv++) {
				level = (lv == 1) ? "checker" : "full"; l = "lockstep/" level "/100"
				if (l in rate) printf "%6s %s   (lockstep, trace level %s: %.2fx the untraced rate)\n",
					"100", r(l), level, over(l, "lockstep/off/100", rate)
			}
			printf "\nTargets (issue 3), wall clock (CPU time):\n"
			for (i = 1; i <= 3; i++) { n = ns[i]; l = "lockstep/off/" n; d = "des/union-long/" n
				x = over(l, d, rate); y = over(l, d, cpu)
				printf "  lockstep >= 0.5 x des, N=%-5s      %5.2f (%5.2f)  %s\n", n, x, y, verdict(x, y, 0.5, 1) }
			if (simgrid == 1) for (i = 1; i <= 3; i++) { n = ns[i]; l = "lockstep/off/" n
				x = over(l, sg(n), rate); y = over(l, sg(n), cpu)
				printf "  lockstep >= 30 x SimGrid, N=%-5s  %5.0fx (%5.0fx) %s\n", n, x, y, verdict(x, y, 30, 1) }
			for (i = 1; i <= 4; i++) { n = ns[i]
				printf "  queue bytes per pending event <= 64, N=%-5s  intrinsic 64; %5.1f with the vectors%s spare capacity\n", n, extra["4/off/" n], "\047" }
			for (i = 2; i <= 4; i++) { n = ns[i]; x = growth("lockstep/off", n); y = growth("des/union-long", n)
				printf "  cost/event grows <= log N, N=%-5s  %5.2f (<= 1 is met; des itself: %4.2f)  %s\n", n, x, y, (x <= 1) ? "met" : "NOT MET" }
			printf "\nload1 at the start %s, at the end %s (2 cores shared with other jobs)\n", load_start, load_end
		}' <(echo "$rates") <(echo "$cpu_rates") <(echo "$lextra")
}

echo "run_sim_peers: building lockstep-bench-sim in $build_dir and des_lock in $work" >&2
build_lockstep
build_des
load_start=$(load1)
run_all
print_table | tee "$out_dir/table.txt"
echo "run_sim_peers: raw logs and results.tsv in $out_dir" >&2
