#!/bin/sh
# The pre-commit hook, run by Debian's pre-commit on a scratch repository:
# a commit with a bad compose file is refused, a good one goes through.
# usage: tests/precommit.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bindir=$(cd "$(dirname "$1")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v pre-commit > /dev/null 2>&1; then
	echo "precommit: SKIPPED: pre-commit is not installed (make deps)" >&2
	finish precommit
	exit
fi
rev=$(git -C "$top" rev-parse HEAD 2> /dev/null)
if [ -z "$rev" ] || ! git -C "$top" cat-file -e "$rev:.pre-commit-hooks.yaml"; then
	echo "precommit: SKIPPED: no commit holds .pre-commit-hooks.yaml" >&2
	finish precommit
	exit
fi

# The hook runs `mountlint` from PATH: the build under test.
PATH=$bindir:$PATH
PRE_COMMIT_HOME=$tmp/cache
export PATH PRE_COMMIT_HOME
mkdir "$tmp/project"
cd "$tmp/project" || exit 1
git init -q .
git config user.email test@example.invalid
git config user.name test
cat > .pre-commit-config.yaml <<EOC
repos:
  - repo: $top
    rev: $rev
    hooks:
      - id: mountlint
EOC
git add .pre-commit-config.yaml
git commit -qm "config" --no-verify
pre-commit install > /dev/null 2>&1

cat > compose.yaml <<'EOC'
services:
  app:
    image: nginx:1.27
    privileged: true
EOC
git add compose.yaml
if git commit -qm "bad" > "$tmp/log" 2>&1; then
	fail "a bad compose file was committed" "$(cat "$tmp/log")"
else
	pass
	check "the hook names the finding" grep -q 'ML306' "$tmp/log"
fi

cat > compose.yaml <<'EOC'
services:
  app:
    image: nginx:1.27
    read_only: true
EOC
git add compose.yaml
if git commit -qm "good" > "$tmp/log" 2>&1; then
	pass
else
	fail "a good compose file was refused" "$(cat "$tmp/log")"
fi
finish precommit
