#!/usr/bin/env bash
# run_doc_examples.sh LOCKSTEP_BINARY REPOSITORY_ROOT
#
# Keeps the documentation honest: runs every `lockstep ...` command shown in a ```sh block of
# README.md, docs/*.md and docs/models/*.md, and fails if one exits with 2 or more (bad input,
# inconclusive, internal error). Exit 1 is fine: many examples show violations on purpose.
#
# - Only lines that start with `lockstep ` count (a trailing `\` joins the next line).
# - Skipped: lines ending in `# not run` (deliberate mistakes), `lockstep explore` (bounded but
#   not quick) and `lockstep-gui`.
# - A ```yaml block whose first line is `# save as: NAME` is written to NAME first, so a guide
#   can have the reader save a scenario and then run it.
# - Each document runs in its own scratch directory that mirrors the repository root (a symlink
#   per top-level entry): relative paths such as scenarios/... resolve as from the root, while
#   files the examples write (saved scenarios, --shrunk FILE) stay out of the source tree.
#   Commands run through bash, with `lockstep` a function that calls the binary under test, so
#   quoting, globs and $(...) work as a reader's shell would run them.
set -u
binary=$1
root=$2
if [ ! -x "$binary" ] || [ ! -d "$root" ]; then
	echo "usage: run_doc_examples.sh LOCKSTEP_BINARY REPOSITORY_ROOT" >&2
	exit 2
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
root=$(cd "$root" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-docs.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Prints, one per line, the commands of one Markdown file; saves its `# save as:` blocks in $2.
extract() {
	awk -v dir="$2" '
		function flush_command() {
			if (command == "") return
			if (command ~ /#[ \t]*not run[ \t]*$/) { command = ""; return }
			if (command ~ /^lockstep[ \t]+explore([ \t]|$)/) { command = ""; return }
			print command
			command = ""
		}
		/^```/ {
			if (!in_block) {
				in_block = 1
				lang = substr($0, 4)
				gsub(/[ \t]/, "", lang)
				first = 1
				save = ""
				next
			}
			flush_command()
			if (save != "") close(save)
			in_block = 0
			save = ""
			next
		}
		!in_block { next }
		lang == "yaml" {
			if (first && match($0, /^# save as: [^ \t\/]+[ \t]*$/)) {
				name = $0
				sub(/^# save as: /, "", name)
				sub(/[ \t]+$/, "", name)
				save = dir "/" name
				printf "" > save
			}
			first = 0
			if (save != "") print $0 >> save
			next
		}
		lang == "sh" || lang == "bash" || lang == "shell" {
			line = $0
			if (command != "") {
				command = command " " line
			} else if (line ~ /^lockstep /) {
				command = line
			} else {
				next
			}
			if (command ~ /\\$/) {
				sub(/\\$/, "", command)
				next
			}
			flush_command()
		}
	' "$1"
}

documents=("$root/README.md")
for doc in "$root"/docs/*.md "$root"/docs/models/*.md; do
	[ -e "$doc" ] && documents+=("$doc")
done

failures=0
ran=0
for doc in "${documents[@]}"; do
	relative=${doc#"$root"/}
	work="$scratch/$(echo "$relative" | tr '/' '_')"
	mkdir -p "$work"
	for entry in "$root"/* "$root"/.[!.]*; do
		[ -e "$entry" ] && ln -s "$entry" "$work/$(basename "$entry")"
	done
	commands=$(extract "$doc" "$work")
	while IFS= read -r command; do
		[ -z "$command" ] && continue
		ran=$((ran + 1))
		output=$(cd "$work" && LOCKSTEP_BINARY="$binary" bash -o pipefail -c \
			'lockstep() { "$LOCKSTEP_BINARY" "$@"; }
			'"$command" 2>&1 </dev/null)
		code=$?
		if [ "$code" -ge 2 ]; then
			failures=$((failures + 1))
			printf 'FAILED (exit %s) in %s:\n  %s\n%s\n\n' "$code" "$relative" "$command" \
				"$(printf '%s\n' "$output" | head -n 40)"
		fi
	done <<<"$commands"
done

echo "ran $ran documented commands from ${#documents[@]} documents, $failures failed"
[ "$failures" -eq 0 ]
