#!/bin/sh
# The command line and bad input: exit statuses, messages with their
# locations, and that one bad input does not stop the others.
# usage: tests/cli.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

ml() { "$bin" --color never "$@"; }

# A clean script beside the bad inputs: it must still be linted.
printf '#!/bin/sh\necho hello\n' > good.sh

# --- inputs that are not text --------------------------------------
printf 'services:\n  a:\0\n' > binary.yaml
expect_run "binary file" 2 \
"binary.yaml:2:5: error: binary file: a NUL byte is not text [ML001]
" ml binary.yaml good.sh
expect_err "binary file: summary counts both files" "mountlint: 2 files"

printf 'services:\n  a:\n    image: caf\351\n' > latin1.yaml
expect_run "invalid UTF-8" 2 \
"latin1.yaml:3:15: error: invalid UTF-8: the file must be UTF-8 text [ML001]
" ml latin1.yaml good.sh

printf 'x\355\240\200\n' > surrogate.sh
expect_run "UTF-8 surrogate" 2 \
"surrogate.sh:1:2: error: invalid UTF-8: the file must be UTF-8 text [ML001]
" ml surrogate.sh

truncate -s 67108865 huge.yaml
expect_run "file over the size limit" 2 \
"huge.yaml:1:1: error: file is larger than the 64 MiB limit [ML002]
" ml huge.yaml good.sh
rm -f huge.yaml

# The last lines of the output, and mountlint's exit status.
ml_tail() { ml "$@" > tail.out; s=$?; tail -n 2 tail.out; return $s; }

i=0
{ echo '#!/bin/sh'; while [ $i -lt 10001 ]; do
	echo 'docker run --rm -v /etc:/etc alpine:3.20 true'; i=$((i + 1))
done; } > many.sh
expect_run "findings per file limit" 2 \
'  fix: bind only what the container needs, and read-only (":ro")
many.sh:10002:20: error: too many findings: more than 10000 in one file; the rest are not reported [ML002]
' ml_tail many.sh good.sh
expect_err "findings per file limit: the other file is linted" \
	"mountlint: 2 files, 10001 errors,"
rm -f many.sh

i=0
{ echo '#!/bin/sh'; echo 'docker run --rm \'; while [ $i -lt 50000 ]; do
	echo "  -e VARIABLE_$i=value \\"; i=$((i + 1))
done; echo '  -v /etc:/etc alpine:3.20 true'; } > long.sh
expect_run "command length limit" 2 \
"long.sh:2:1: error: command longer than the 1 MiB limit [ML002]
" ml long.sh good.sh
expect_err "command length limit: the other file is linted" \
	"mountlint: 2 files, 1 error,"
rm -f long.sh

# Words of plain characters up to the limit and past it: the limit is
# reported where it is passed, and a long word is read once, not again
# for each character near the limit.
{ echo '#!/bin/sh'; head -c 1048576 /dev/zero | tr '\0' x; echo
  echo 'docker run -v /:/host alpine:3.20 true'; } > word.sh
expect_run "a word as long as the limit" 1 \
'word.sh:3:15: error: "/" mounts the host'"'"'s whole file system, socket included: whoever can reach the engine controls the host [ML301]
  fix: remove the mount; give the container a narrower API (a socket proxy that allows only what it needs) if it must manage containers
' ml --no-config --select ML301 word.sh
{ printf 'docker run -v /:/host '; head -c 1048576 /dev/zero | tr '\0' x
  echo; } > word.sh
expect_run "a word past the limit" 2 \
"word.sh:1:1: error: command longer than the 1 MiB limit [ML002]
" ml --no-config word.sh
rm -f word.sh

# --- inputs that cannot be read --------------------------------------
expect_run "missing file" 2 "" ml missing.yaml good.sh
expect_err "missing file" "missing.yaml: error: cannot open: No such file or directory"
expect_err "missing file: the other file is linted" "mountlint: 1 file,"

# --- directories are walked ---------------------------------------------
mkdir -p adir/sub adir/node_modules/m adir/.git adir/vendor
printf 'a\0' > adir/a.yaml
printf 'b\0' > adir/sub/b.sh
printf '#!/bin/bash\n\0' > adir/sub/noext
printf 'c\0' > adir/node_modules/m/c.yaml
printf 'd\0' > adir/.git/d.yaml
printf 'e\0' > adir/vendor/e.sh
printf 'f\0' > adir/notes.txt
expect_run "directory walk" 2 \
"adir/a.yaml:1:2: error: binary file: a NUL byte is not text [ML001]
adir/sub/b.sh:1:2: error: binary file: a NUL byte is not text [ML001]
adir/sub/noext:2:1: error: binary file: a NUL byte is not text [ML001]
" ml adir
expect_err "directory walk: quiet about other files" "mountlint: 3 files,"
check "directory walk: no notes" test "$(grep -c note: got.err)" -eq 0

expect_run "missing file, json" 2 '{
	"version":	1,
	"tool":	{
		"name":	"mountlint",
		"version":	"0.1.0"
	},
	"findings":	[],
	"errors":	[{
			"file":	"missing.yaml",
			"line":	null,
			"column":	null,
			"message":	"cannot open: No such file or directory"
		}],
	"summary":	{
		"files":	0,
		"error":	0,
		"warning":	0,
		"info":	0
	}
}
' ml --format json missing.yaml

# --- what is skipped, with a note ------------------------------------
printf 'just text\n' > notes.txt
expect_run "unknown kind is skipped" 0 "" ml notes.txt
expect_err "unknown kind is skipped" \
	'note: "notes.txt" skipped: not a compose file or a shell script'

printf 'services:\n  a:\n    image: x\n' > compose.override.yaml
expect_run "override alone is skipped" 0 "" ml compose.override.yaml
expect_err "override alone is skipped" "linted only merged with its base"

# --- files a project names are never waited on ------------------------
mkdir fifo
mkfifo fifo/compose.override.yaml fifo/.env fifo/part.yaml
printf 'include: [part.yaml]\nservices:\n  a:\n    image: x\n' \
	> fifo/compose.yaml
expect_run "FIFOs beside a compose file" 2 "" \
	timeout 30 "$bin" --color never fifo/compose.yaml
expect_err "FIFO include" \
	'fifo/compose.yaml:1:11: error: cannot read "fifo/part.yaml": not a regular file'
expect_err "FIFO override" 'fifo/compose.override.yaml: error: not a regular file'
rm -rf fifo
mkdir fifo
mkfifo fifo/named.yaml
printf 'COMPOSE_FILE=named.yaml\n' > fifo/.env
expect_run "FIFO named by COMPOSE_FILE" 2 "" \
	sh -c 'cd fifo && exec timeout 30 "$0" --color never' "$bin"
expect_err "FIFO named by COMPOSE_FILE" 'named.yaml: error: not a regular file'
rm -rf fifo

printf 'empty:\n' > Makefile
expect_run "Makefile without docker commands is clean" 0 "" ml Makefile

printf '' > empty.sh
expect_run "empty script is clean" 0 "" ml empty.sh

# --- usage -------------------------------------------------------------
expect_run "no input, no compose file here" 2 "" ml
expect_err "no input, no compose file here" ".: error: no compose file here"
mkdir cwd && printf 'x\0' > cwd/docker-compose.yml
(cd cwd && ml) > got.out 2>&1
check "no input: the compose file of the current directory" \
	grep -q '^docker-compose.yml:1:2: error: binary file' got.out
expect_run "unknown option" 3 "" ml --frobnicate good.sh
expect_err "unknown option" 'unknown option "--frobnicate"'
expect_run "unknown format" 3 "" ml --format xml good.sh
expect_err "unknown format" 'unknown format "xml"'
expect_run "unknown rule" 3 "" ml --select ML999 good.sh
expect_err "unknown rule" 'unknown rule "ML999"'
expect_run "bad --fail-on" 3 "" ml --fail-on loud good.sh
expect_run "option without value" 3 "" ml good.sh --format
expect_run "explain unknown" 3 "" "$bin" explain ML999
expect_run "run without command" 3 "" "$bin" run

expect_run "--format=json equals --format json" 0 \
	"$("$bin" --format json good.sh)
" ml good.sh --format=json

expect_run "version" 0 "mountlint 0.1.0
" "$bin" --version

"$bin" explain ML201 > got.out
check "explain names the rule" grep -q '^# ML201 anonymous-volume$' got.out
"$bin" explain anonymous-volume > got2.out
compare "explain by name equals by id" got.out got2.out

"$bin" rules > got.out
check "rules lists every rule" test "$(wc -l < got.out)" -ge 31

finish cli
