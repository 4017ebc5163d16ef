#!/bin/sh
# Runs every fixture: fixtures/<RULE>/<name>.<ext> is linted with
# --select RULE (other directories, such as fixtures/run/, with every
# rule) and stdout must equal
# <name>.<ext>.expected. <name>.<ext>.args adds options; a <name>.argv file
# holds a command line, one argument a line, for `mountlint run`.
# trigger-* fixtures must report their rule; clean-* ones nothing.
# usage: tests/fixtures.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top/fixtures" || exit 1

lint_fixture() {
	f=$1 rule=$2
	set -- --format text --color never --fail-on none --no-config
	is_rule "$rule" && set -- "$@" --select "$rule"
	if [ -f "$f.args" ]; then
		# shellcheck disable=SC2046
		set -- "$@" $(cat "$f.args")
	fi
	case $f in
	*.argv)
		# one argument a line: read them into the positional list
		n=$#
		while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$f"
		run_argv "$n" "$@"
		;;
	*) "$bin" "$@" "$f" ;;
	esac
}

# run_argv N OPTS... ARGS...: the first N words are options.
run_argv() {
	n=$1
	shift
	opts=""
	i=0
	for a in "$@"; do
		[ "$i" -lt "$n" ] || break
		opts="$opts $a"
		i=$((i + 1))
	done
	shift "$n"
	# shellcheck disable=SC2086
	"$bin" run $opts -- "$@"
}

is_rule() {
	case $1 in ML[0-9][0-9][0-9]) return 0 ;; esac
	return 1
}

for dir in */; do
	rule=${dir%/}
	# directories of other tests' data hold no .expected files
	if ! is_rule "$rule" &&
	   [ -z "$(find "$rule" -name '*.expected' | head -n 1)" ]; then
		continue
	fi
	# a rule's subdirectories hold files its fixtures refer to; other
	# directories may nest inputs (.github/workflows/...)
	depth=1
	is_rule "$rule" || depth=8
	for f in $(find "$rule" -maxdepth "$depth" -type f | LC_ALL=C sort); do
		case $f in
		*.expected | *.args | *.stderr) continue ;;
		esac
		[ -f "$f" ] || continue
		exp="$f.expected"
		if [ ! -f "$exp" ]; then
			fail "$f: no $exp beside it"
			continue
		fi
		lint_fixture "$f" "$rule" > "$tmp/out" 2> "$tmp/err"
		code=$?
		if [ "$code" -gt 3 ]; then
			fail "$f: mountlint exited $code" "$(head -n 5 "$tmp/err")"
			continue
		fi
		case ${f##*/} in
		clean-*)
			[ -s "$exp" ] && fail "$f: a clean fixture expects findings"
			;;
		trigger-*)
			grep -q "\[$rule\]" "$exp" || ! is_rule "$rule" ||
				fail "$f: a trigger fixture expects no $rule"
			;;
		esac
		compare "$f" "$exp" "$tmp/out"
	done
done
finish fixtures
