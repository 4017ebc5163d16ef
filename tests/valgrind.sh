#!/bin/sh
# Runs the plain build under valgrind over the fixtures, the compose
# projects of fixtures/project and the shared corpus's compose files:
# any memory error or definite leak fails (exit status 99), and so does
# a crash or running past the time bound.
# usage: tests/valgrind.sh MOUNTLINT [SECONDS-PER-RUN]
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
limit=${2:-300}
shared=$top/../shared/corpus/compose
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v valgrind > /dev/null 2>&1; then
	echo "*****************************************************"
	echo "valgrind: SKIPPED: no valgrind; run make test-deps"
	echo "*****************************************************"
	finish valgrind
	exit $?
fi

# vg WHAT [run] ARGS...: mountlint under valgrind; exit statuses 0-3 are
# its own.
vg() {
	what=$1
	shift
	mode=
	[ "$1" = run ] && mode=run && shift
	# shellcheck disable=SC2086
	timeout "$limit" valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite "$bin" $mode --format text \
		--color never --fail-on none --no-config "$@" \
		> "$tmp/out" 2> "$tmp/err"
	code=$?
	if [ "$code" -le 3 ]; then
		pass
	else
		fail "$what: exit status $code under valgrind" \
		     "$(grep -v '^[^=]' "$tmp/err" | head -n 30)"
	fi
}

cd "$top/fixtures" || exit 1
files=$(find . -type f ! -name '*.expected' ! -name '*.args' \
	! -name '*.argv' ! -name '*.stderr' | LC_ALL=C sort)
# shellcheck disable=SC2086
vg "the fixtures" $files
for f in $(find . -type f -name '*.argv' | LC_ALL=C sort); do
	set --
	while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$f"
	vg "$f" run -- "$@"
done
for d in project/*/; do
	cd "$d" || exit 1
	# shellcheck disable=SC2046
	vg "$d" $(cat args)
	cd "$top/fixtures" || exit 1
done
if [ -d "$shared" ]; then
	vg "the corpus's compose files" "$shared"/*
else
	echo "valgrind: no $shared, the corpus part is skipped"
fi
finish valgrind
