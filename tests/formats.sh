#!/bin/sh
# Every output format on the same inputs, against golden files:
# fixtures/formats/expected.<format>. The SARIF output is validated
# against the SARIF 2.1.0 schema, and GitLab fingerprints must not move
# when lines are added above a finding.
# usage: tests/formats.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top/fixtures/formats" || exit 1
inputs="compose.yaml deploy.sh suppressed.yaml"

for format in text json sarif github checkstyle gitlab junit; do
	"$bin" --format "$format" --color never --fail-on none --no-config $inputs \
		> "$tmp/out.$format" 2> /dev/null
	compare "format $format" "expected.$format" "$tmp/out.$format"
done

# SARIF against its schema, with the validator from npm (tests/sarif).
sarif_dir=$top/tests/sarif
if [ ! -d "$sarif_dir/node_modules/ajv-draft-04" ]; then
	(cd "$sarif_dir" && npm ci --no-audit --no-fund > "$tmp/npm.log" 2>&1)
fi
if [ -d "$sarif_dir/node_modules/ajv-draft-04" ]; then
	if node "$sarif_dir/validate.js" "$tmp/out.sarif" > "$tmp/v.log" 2>&1
	then
		pass
	else
		fail "SARIF output is not valid SARIF 2.1.0" "$(cat "$tmp/v.log")"
	fi
	printf '{"version": "2.1.0", "runs": [{"tool": {}}]}\n' > "$tmp/bad.sarif"
	if node "$sarif_dir/validate.js" "$tmp/bad.sarif" > /dev/null 2>&1; then
		fail "the SARIF validator accepts an invalid log"
	else
		pass
	fi
else
	echo "formats: SKIPPED SARIF schema validation: npm ci failed" >&2
	cat "$tmp/npm.log" >&2
fi

# GitLab fingerprints: stable across runs and across lines added above.
mkdir "$tmp/moved"
{ printf '# two lines\n# added above\n'; cat compose.yaml; } > "$tmp/moved/compose.yaml"
"$bin" --format gitlab --fail-on none --no-config compose.yaml 2> /dev/null |
	grep '"fingerprint"' > "$tmp/fp1"
(cd "$tmp/moved" && "$bin" --format gitlab --fail-on none --no-config compose.yaml) \
	2> /dev/null | grep '"fingerprint"' > "$tmp/fp2"
check "gitlab fingerprints exist" test -s "$tmp/fp1"
compare "gitlab fingerprints do not move with the lines" "$tmp/fp1" "$tmp/fp2"
check "gitlab fingerprints are unique" \
	test "$(sort "$tmp/fp1" | uniq -d | wc -l)" -eq 0
finish formats
