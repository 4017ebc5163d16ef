#!/bin/sh
# Seeds each fuzz target's corpus from the fixtures (and the shared
# corpus's compose files and recorded Engine API answers when present)
# and tests/fuzz/seeds/.
# usage: tests/fuzz/seeds.sh CORPUS-DIR
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1" && out=$(cd "$1" && pwd) || exit 1
seeds=$top/tests/fuzz/seeds
shared=$top/../shared/corpus/compose
n=0

# seed TARGET FILE [PREFIX]: copies FILE into TARGET's corpus.
seed() {
	n=$((n + 1))
	mkdir -p "$out/$1"
	{ [ -n "$3" ] && printf '%s' "$3"; cat "$2"; } > "$out/$1/seed-$n"
}

# lines FILE: one seed per line of FILE into TARGET.
lines() {
	while IFS= read -r l; do
		n=$((n + 1))
		mkdir -p "$out/$1"
		printf '%s' "$l" > "$out/$1/seed-$n"
	done < "$2"
}

# after OPTION FILES...: the argument after each OPTION line of argv files.
after() {
	opt=$1
	shift
	awk -v o="$opt" 'p { print; p = 0 } $0 == o { p = 1 }' "$@"
}

rm -rf "$out"
mkdir -p "$out"
cd "$top/fixtures" || exit 1
tmp=$out/.lines
for f in $(find . -type f \( -name '*.yaml' -o -name '*.yml' \) |
	   grep -v '\.expected$' | LC_ALL=C sort); do
	case $f in
	*/.github/* | *gitlab*) ;;
	*) seed compose "$f"; seed yaml "$f"; seed lint "$f" 0 ;;
	esac
done
if [ -d "$shared" ]; then
	for f in "$shared"/*.yml "$shared"/*.yaml; do
		[ -f "$f" ] && seed compose "$f" && seed yaml "$f"
	done
fi
# project: a case's compose.yaml, then "#over" and another of its files
for d in project/*/; do
	[ -f "$d/compose.yaml" ] || continue
	n=$((n + 1))
	mkdir -p "$out/project"
	{
		cat "$d/compose.yaml"
		for o in "$d"*.yaml; do
			[ "$o" = "${d}compose.yaml" ] && continue
			printf '\n#over\n'
			cat "$o"
			break
		done
	} > "$out/project/seed-$n"
done
for f in $(find . -type f -name '*.sh' | LC_ALL=C sort); do
	seed shell "$f"
	seed lint "$f" 1
done
argv=$(find . -type f -name '*.argv' | LC_ALL=C sort)
# shellcheck disable=SC2086
{ after -v $argv; after --volume $argv; cat "$seeds/mountspec.txt"; } \
	> "$tmp"
lines mountspec "$tmp"
# shellcheck disable=SC2086
{ after --mount $argv; cat "$seeds/csv.txt"; } > "$tmp"
lines csv "$tmp"
rm -f "$tmp"
# embedded: the first byte chooses Makefile (0), Markdown (1),
# GitHub Actions (2) or GitLab CI (3)
for f in $(find . -type f -name 'Makefile' -o -type f -name '*.md' |
	   LC_ALL=C sort); do
	case $f in
	*Makefile) seed embedded "$f" 0; seed lint "$f" 3 ;;
	*) seed embedded "$f" 1; seed lint "$f" 2 ;;
	esac
done
for f in $(find . -type f -path '*/.github/workflows/*' | LC_ALL=C sort); do
	case $f in *.expected) continue ;; esac
	seed embedded "$f" 2
	seed lint "$f" 4
done
for f in $(find . -type f -name '.gitlab-ci.yml' | LC_ALL=C sort); do
	seed embedded "$f" 3
done
for f in "$seeds"/config*.yaml; do
	seed config "$f"
done
seed project "$seeds/project.yaml"
# lint: inputs that once failed, kept as seeds
for f in "$seeds"/lint-*; do
	seed lint "$f"
done
# engine: the recorded Engine API answers, and the pasted errors
api=${MOUNTLINT_DOCKER_API:-$top/../shared/docker-api}
for f in "$api"/*.json; do
	[ -f "$f" ] && seed engine "$f"
done
for f in "$top"/fixtures/docker-api/*; do
	[ -f "$f" ] && seed engine "$f"
done
