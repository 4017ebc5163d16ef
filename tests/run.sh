#!/bin/sh
# The test runner: unit test programs, fixtures, the command line, the
# corpus, compose projects and the differential test against
# docker-compose, and rules.md against the registry. Ends with
# "N passed, N failed".
# usage: tests/run.sh BUILD-DIR
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build/opt}
cd "$top" || exit 1

# A sanitizer report must not look like an ordinary exit status (1 is
# "findings"), so sanitizers exit with statuses no test accepts.
ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=98:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS
total_passed=0
total_failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_part NAME COMMAND...: runs one part and adds up its closing line.
run_part() {
	name=$1
	shift
	"$@" > "$log" 2>&1
	code=$?
	cat "$log"
	line=$(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" |
	       tail -n 1)
	p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ -z "$line" ]; then
		echo "FAIL: $name printed no result (exit status $code)"
		p=0 f=1
	elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $name exited $code"
		f=1
	fi
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

for t in "$build"/tests/t_*; do
	[ -x "$t" ] && run_part "$(basename "$t")" "$t"
done
run_part fixtures sh tests/fixtures.sh "$build/mountlint"
run_part cli sh tests/cli.sh "$build/mountlint"
run_part corpus sh tests/corpus.sh "$build/mountlint"
run_part project sh tests/project.sh "$build/mountlint"
run_part differential sh tests/differential.sh "$build"
run_part config sh tests/config.sh "$build/mountlint"
run_part formats sh tests/formats.sh "$build/mountlint"
run_part rules.md sh tests/rulesmd.sh "$build/mountlint"
run_part precommit sh tests/precommit.sh "$build/mountlint"
run_part doctor sh tests/doctor.sh "$build/mountlint"
run_part fuzz sh tests/fuzz.sh build/fuzz "${FUZZ_SECONDS:-10}"
run_part valgrind sh tests/valgrind.sh build/opt/mountlint
run_part failpoints sh tests/failpoints.sh build/fail/mountlint

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
