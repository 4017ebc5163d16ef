#!/bin/sh
# Writes a C file defining `const char NAME[]` with FILE's bytes.
name=$1 file=$2
printf 'const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1, /g'
printf '0x00 };\n'
