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

# expect_run WHAT STATUS EXPECTED-STDOUT COMMAND...: the exit status and
# stdout must be exactly these. Returns 1 when the status was not.
expect_run() {
	what=$1 want=$2
	printf '%s' "$3" > want.out
	shift 3
	"$@" > got.out 2> got.err
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit status $got, want $want" "$(cat got.err)"
		return 1
	fi
	compare "$what" want.out got.out
}

# expect_err WHAT TEXT: the last command's stderr holds TEXT.
expect_err() {
	if grep -qF -- "$2" got.err; then
		pass
	else
		fail "$1: stderr lacks \"$2\"" "$(cat got.err)"
	fi
}

# expect WHAT STATUS STDOUT STDERR-LINES COMMAND...: the status, stdout
# exactly, and stderr's lines other than the summary exactly.
expect() {
	e_what=$1 e_status=$2 e_out=$3
	printf '%s' "$4" > want.err
	shift 4
	expect_run "$e_what: stdout" "$e_status" "$e_out" "$@" || return 0
	grep -v '^mountlint: [0-9]* files\{0,1\},' got.err > got.err2
	compare "$e_what: stderr" want.err got.err2
}

finish() {
	printf '%s: %d passed, %d failed\n' "$1" "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
