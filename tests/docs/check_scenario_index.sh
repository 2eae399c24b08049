#!/usr/bin/env bash
# check_scenario_index.sh REPOSITORY_ROOT
#
# scenarios/README.md lists the library: every scenario file must appear there (as a link to
# GROUP/FILE), and every link there must name a file that exists.
set -u
root=$1
cd "$root/scenarios" || exit 2
status=0
for f in */*.yaml; do
	if ! grep -qF "]($f)" README.md; then
		echo "scenarios/README.md does not list $f"
		status=1
	fi
done
for linked in $(grep -oE '\]\([a-z]+/[^)]+\.yaml\)' README.md | sed 's/^](//; s/)$//'); do
	if [ ! -f "$linked" ]; then
		echo "scenarios/README.md links $linked, which does not exist"
		status=1
	fi
done
[ $status -eq 0 ] && echo "scenarios/README.md lists all $(ls */*.yaml | wc -l) scenarios"
exit $status
