#!/bin/sh
# Compose projects: every directory fixtures/project/<case>/ is one
# project. From inside it, mountlint runs with the words of its `args`
# file; stdout must equal `expected`, stderr (the summary line left out)
# must equal `stderr` (empty when there is none), and the exit status the
# number in `status`. An `environ` file holds VAR=value words added to
# mountlint's environment. The files of the case are never written.
# usage: tests/project.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for dir in "$top"/fixtures/project/*/; do
	name=$(basename "$dir")
	[ -f "$dir/args" ] || { fail "$name: no args file"; continue; }
	before=$(cd "$dir" && find . -type f -exec cksum {} + | LC_ALL=C sort)
	# shellcheck disable=SC2046
	(cd "$dir" && env $(cat environ 2>/dev/null) "$bin" --format text \
		--color never --fail-on warning --no-config $(cat args)) > "$tmp/out" 2> "$tmp/err"
	code=$?
	grep -v '^mountlint: [0-9]* files*, ' "$tmp/err" > "$tmp/err.lines"
	want=$(cat "$dir/status" 2>/dev/null || echo 0)
	if [ "$code" -ne "$want" ]; then
		fail "$name: exit status $code, want $want" \
			"$(head -n 5 "$tmp/err")"
	else
		pass
	fi
	compare "$name: stdout" "$dir/expected" "$tmp/out"
	if [ -f "$dir/stderr" ]; then
		compare "$name: stderr" "$dir/stderr" "$tmp/err.lines"
	else
		compare "$name: stderr" /dev/null "$tmp/err.lines"
	fi
	after=$(cd "$dir" && find . -type f -exec cksum {} + | LC_ALL=C sort)
	check "$name: no file changed" [ "$before" = "$after" ]
done
finish project
