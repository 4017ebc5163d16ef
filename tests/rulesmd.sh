#!/bin/sh
# rules.md is generated from the registry: the two must not differ.
# usage: tests/rulesmd.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$1" rules --format markdown > "$tmp"
compare "rules.md matches the registry (make rules.md)" "$top/rules.md" "$tmp"
finish rules.md
