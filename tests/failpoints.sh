#!/bin/sh
# Failure injection: the failpoints build (make failpoints-build) lints a
# few fixtures with its Nth allocation, then its Nth read, failing, for
# every N the run reaches. Each run must end cleanly: exit status 2
# (the input could not be read) or 70 (out of memory), never a crash or
# a sanitizer report.
# usage: tests/failpoints.sh [MOUNTLINT]
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=${1:-build/fail/mountlint}
cd "$top" || exit 1
files="ML201/trigger-anonymous.yaml ML201/trigger-anonymous.sh
ML003/trigger-readme.md project/keyed-merge/compose.yaml
project/include-dirs/app/compose.yaml project/extends-file/app/compose.yaml"
err=$(mktemp)
trap 'rm -f "$err"' EXIT

if ! make -s failpoints-build > "$err" 2>&1; then
	fail "the failpoints build does not build" "$(tail -n 20 "$err")"
	finish failpoints
	exit $?
fi
# the build made its directory: now the path can be made absolute
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd fixtures || exit 1

# inject VAR FILE: runs with VAR=1, 2, ... until a run does not reach N.
inject() {
	n=1 bad=0
	while :; do
		env "$1=$n" "$bin" --no-config --fail-on none "$2" \
			> /dev/null 2> "$err"
		code=$?
		grep -q "failpoint $1=$n" "$err" || break
		case $code in
		2 | 70) ;;
		*)
			fail "$2 with $1=$n: exit status $code" \
			     "$(head -n 15 "$err")"
			bad=1
			;;
		esac
		n=$((n + 1))
	done
	if [ "$code" -gt 1 ]; then
		fail "$2 with $1=$n (not reached): exit status $code" \
		     "$(head -n 15 "$err")"
	elif [ "$bad" -eq 0 ]; then
		pass
	fi
	echo "failpoints: $2: $1 for N = 1..$((n - 1))"
}

for f in $files; do
	inject MOUNTLINT_FAIL_ALLOC "$f"
	inject MOUNTLINT_FAIL_READ "$f"
done
finish failpoints
