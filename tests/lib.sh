# Shared by the test scripts: counting, and comparing actual with expected.
# Each script sources this, calls check/compare, and ends with `finish NAME`.
passed=0
failed=0

pass() { passed=$((passed + 1)); }

# fail WHAT [DETAIL...]: one failure, its reason on stderr.
fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$1" >&2
	shift
	for line in "$@"; do printf '  %s\n' "$line" >&2; done
}

# check WHAT COMMAND...: passes when the command succeeds.
check() {
	what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# compare WHAT EXPECTED-FILE ACTUAL-FILE: passes when they are equal.
compare() {
	if cmp -s "$2" "$3"; then
		pass
	else
		fail "$1" "$(diff -u "$2" "$3" | head -n 40)"
	fi
}

finish() {
	printf '%s: %d passed, %d failed\n' "$1" "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
