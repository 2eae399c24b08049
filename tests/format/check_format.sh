#!/usr/bin/env bash
# check_format.sh CLANG_FORMAT REPOSITORY_ROOT
#
# Fails when a C++ source of the project is not formatted by the repository's .clang-format,
# and names the files. Fix with: clang-format -i FILE...
set -u
tool=$1
root=$2
cd "$root" || exit 2
files=$(find sim models checker cli gui tests bench -name '*.cpp' -o -name '*.hpp' | sort)
bad=()
for f in $files; do
	if ! "$tool" --dry-run --Werror "$f" >/dev/null 2>&1; then
		bad+=("$f")
	fi
done
if [ ${#bad[@]} -gt 0 ]; then
	echo "not clang-formatted (${#bad[@]} files; run: clang-format -i FILE...):" >&2
	printf '  %s\n' "${bad[@]}" >&2
	exit 1
fi
echo "clang-format: $(echo "$files" | wc -w) files clean"
