#!/bin/sh
# Lints every file of the shared corpus of real compose files and docker
# run lines: no crash, no sanitizer report, no exit status above 3, and
# no ML001 on a file that is valid YAML (the few that are not are listed
# below with the reason).
# usage: tests/corpus.sh MOUNTLINT [CORPUS-DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$1
corpus=${2:-$top/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$corpus/compose" ]; then
	echo "corpus: SKIPPED: no corpus at $corpus" >&2
	finish corpus
	exit
fi

# Files that are not valid YAML: ML001 is right for them.
invalid_yaml() {
	case ${1##*/} in
	# a `...` document-end marker in the middle of a mapping
	blakeblackshear__frigate__docs__docs__frigate__installation.md__block1-ellipsis.yml) return 0 ;;
	blakeblackshear__frigate__docs__docs__frigate__installation.md__block2-ellipsis.yml) return 0 ;;
	esac
	return 1
}

lint_one() {
	f=$1
	"$bin" --format text --color never --fail-on none "$f" \
		> "$tmp/out" 2> "$tmp/err"
	code=$?
	if [ "$code" -gt 3 ]; then
		fail "$f: exit status $code" "$(tail -n 5 "$tmp/err")"
	elif grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
		fail "$f: sanitizer report" "$(head -n 20 "$tmp/err")"
	elif grep -q '\[ML001\]' "$tmp/out" && ! invalid_yaml "$f"; then
		fail "$f: ML001 on valid YAML" "$(grep '\[ML001\]' "$tmp/out")"
	elif invalid_yaml "$f" && ! grep -q '\[ML001\]' "$tmp/out"; then
		fail "$f: no ML001 on invalid YAML"
	else
		pass
	fi
}

for f in "$corpus"/compose/*.y*ml "$corpus"/run/*.sh; do
	lint_one "$f"
done
finish corpus
