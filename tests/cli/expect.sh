#!/usr/bin/env bash
# expect.sh CODE PATTERN -- COMMAND...: runs COMMAND, passes if it exits with CODE and its output
# (stdout and stderr together) matches the extended regular expression PATTERN.
set -u
want_code=$1
pattern=$2
shift 3
output=$("$@" 2>&1)
code=$?
if [ "$code" != "$want_code" ]; then
	printf 'expected exit %s, got %s from: %s\n%s\n' "$want_code" "$code" "$*" "$output"
	exit 1
fi
if ! printf '%s' "$output" | grep -qE -e "$pattern"; then
	printf 'output of %s does not match /%s/:\n%s\n' "$*" "$pattern" "$output"
	exit 1
fi
printf '%s\n' "$output" | head -n 40
