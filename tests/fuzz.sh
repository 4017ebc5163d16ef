#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang and runs
# each for SECONDS on a corpus seeded from the fixtures. A crash is kept
# in BUILD-DIR/crashes/. Without clang the part is skipped, loudly.
# usage: tests/fuzz.sh [BUILD-DIR [SECONDS]]
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
build=${1:-build/fuzz}
secs=${2:-10}
cd "$top" || exit 1

if ! command -v "${FUZZ_CC:-clang}" > /dev/null 2>&1; then
	echo "*****************************************************"
	echo "fuzz: SKIPPED: no ${FUZZ_CC:-clang}; install clang to fuzz"
	echo "*****************************************************"
	finish fuzz
	exit $?
fi
mkdir -p "$build/crashes"
if ! make -s fuzz-build > "$build/build.log" 2>&1; then
	fail "the fuzz targets do not build" "$(tail -n 20 "$build/build.log")"
	finish fuzz
	exit $?
fi
sh tests/fuzz/seeds.sh "$build/seeds" || fail "seeding the corpora"
for f in "$build"/fuzzers/fuzz_*; do
	name=${f##*/fuzz_}
	corpus=$build/corpus/$name
	mkdir -p "$corpus" "$build/seeds/$name"
	log=$build/crashes/$name.log
	"$f" -max_total_time="$secs" -timeout=10 -close_fd_mask=3 \
	     -print_final_stats=1 \
	     -artifact_prefix="$build/crashes/$name-" \
	     "$corpus" "$build/seeds/$name" > "$log" 2>&1
	code=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$code" -eq 0 ]; then
		pass
		echo "fuzz_$name: ${execs:-?} runs in ${secs}s, no crash"
	else
		fail "fuzz_$name: exit status $code, see $log" \
		     "$(grep -E 'ERROR|SUMMARY|runtime error|^Test unit|artifact' \
			"$log" | head -n 8)"
	fi
done
finish fuzz
