#!/bin/sh
# Differential test against `docker-compose config` (Debian's
# docker-compose 1.29): for every compose file of the shared corpus, and
# every case of fixtures/differential/, that docker-compose accepts, the
# mounts mountlint resolves (type, source, target, read-only, as
# tests/dump_mounts prints them) must equal the ones docker-compose
# prints, apart from the differences between Compose v1 and the
# compose-spec that tests/differential.md lists with their reasons. Files
# docker-compose refuses are listed, not compared. One pass per compared
# file.
#
# docker-compose runs from a copy of each file alone in a temporary
# directory, with an empty environment (HOME and PWD there, DOCKER_HOST
# a socket that does not exist: `config` only reads files), under a
# timeout, two at a time. tests/differential.py reads its YAML.
# usage: tests/differential.sh BUILD-DIR [CORPUS-DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
build=${1:-build/opt}
corpus=${2:-$top/../shared/corpus}
case $build in
/*) dump=$build/tests/dump_mounts ;;
*) dump=$top/$build/tests/dump_mounts ;;
esac

# One file, in its directory $2 (made below): docker-compose, then the dump.
if [ "$DIFFERENTIAL_ONE" ]; then
	d=$2
	name=$(cat "$d/name")
	(cd "$d/p" && env -i PATH=/usr/bin:/bin HOME="$d/home" PWD="$d/p" \
		DOCKER_HOST="unix://$d/none/docker.sock" \
		timeout 60 "$DIFFERENTIAL_ONE" -f "$name" config \
		> "$d/dc.out" 2> "$d/dc.err")
	echo $? > "$d/dc.rc"
	[ "$(cat "$d/dc.rc")" = 0 ] || exit 0
	"$dump" "$d/p/$name" > "$d/ml.out" 2> "$d/ml.err"
	echo $? > "$d/ml.rc"
	exit 0
fi

skip() {
	echo "differential: SKIPPED: $1" >&2
	finish differential
	exit
}

compose=$(command -v docker-compose) ||
	skip "no docker-compose (tests/deps.sh test installs it)"
# the Python that runs docker-compose has the yaml module it needs
python=$(sed -n '1s/^#! *//p' "$compose")
case $python in
/*python*) ;;
*) python=python3 ;;
esac
"$python" -c 'import yaml' 2> /dev/null ||
	skip "no yaml module for $python"
if [ ! -x "$dump" ]; then
	fail "no $dump (make $build/tests/dump_mounts)"
	finish differential
	exit
fi

# the corpus, and the cases of fixtures/differential/
set -- "$top"/fixtures/differential/*.yml
if [ -d "$corpus/compose" ]; then
	set -- "$corpus"/compose/*.y*ml "$@"
else
	echo "differential: SKIPPED for the corpus: no corpus at $corpus" >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$@"; do
	n=$((n + 1))
	mkdir "$tmp/$n" "$tmp/$n/p" "$tmp/$n/home" "$tmp/$n/none"
	cp "$f" "$tmp/$n/p/"
	chmod u+w "$tmp/$n/p/${f##*/}"
	printf '%s\n' "${f##*/}" > "$tmp/$n/name"
	echo "$tmp/$n"
done > "$tmp/dirs"

"$python" "$top/tests/differential.py" prepare "$tmp/dirs"
DIFFERENTIAL_ONE=$compose xargs -P 2 -n 1 \
	sh "$top/tests/differential.sh" "$build" < "$tmp/dirs"
"$python" "$top/tests/differential.py" compare "$top/tests/differential.md" \
	"$tmp/dirs" > "$tmp/result"
code=$?

# pass NAME, fail NAME (its detail lines indented), refused NAME: WHY
refused=0
while IFS= read -r line; do
	case $line in
	"pass "*) pass ;;
	"fail "*) fail "differential: ${line#fail }" ;;
	"refused "*) refused=$((refused + 1)) ;;
	"  "*) printf '%s\n' "$line" >&2 ;;
	esac
done < "$tmp/result"
[ "$code" -eq 0 ] || fail "differential.py compare exited $code"
echo "refused by docker-compose 1.29 ($refused files, not compared):"
sed -n 's/^refused /  /p' "$tmp/result"
grep '^pass .*(excused' "$tmp/result" | sed 's/^pass /excused: /'
finish differential
