#!/usr/bin/env bash
# screenshot_test.sh XVFB_RUN GUI PIXEL_CHECKER SCENARIO OUT_DIR
#
# Renders SCENARIO with lockstep-gui under Xvfb (the whole run, then zoomed on the violation) and
# checks each PNG's pixels against positions computed from the same timeline model.
set -eu
xvfb_run=$1 gui=$2 checker=$3 scenario=$4 out=$5
mkdir -p "$out"
for mode in whole jump; do
	png=$out/$(basename "$scenario" .yaml)-$mode.png
	rm -f "$png"
	extra=()
	[ "$mode" = jump ] && extra=(--jump-to-violation)
	"$xvfb_run" -a -s "-screen 0 1280x800x24" "$gui" "$scenario" "${extra[@]}" \
		--screenshot "$png" --frames 3
	"$checker" "$png" "$scenario" "${extra[@]}"
done
