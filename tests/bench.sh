#!/bin/sh
# make bench: generates a corpus in the build tree and measures mountlint
# against the floor of a bare libyaml event scan of the same files: wall
# time, throughput, peak memory, and the ratio mountlint/floor. TIMER
# (tests/bench_run.c with a count of runs) prints the shortest wall time
# of those runs and the largest peak memory.
# usage: tests/bench.sh MOUNTLINT FLOOR OUT-DIR TIMER
bin=$1 floor=$2 out=$3 timer=$4
mkdir -p "$out/many"

# One service with every mount form; $1 is a number that makes it unique.
service() {
	cat <<EOS
  svc$1:
    image: postgres:16
    user: "1000:1000"
    volumes:
      - data$1:/var/lib/postgresql/data
      - ./conf/app$1.conf:/etc/app.conf:ro
      - /srv/shared/$1:/shared:ro,z
      - /cache$1
      - type: bind
        source: ./src$1
        target: /src
        read_only: true
      - type: volume
        source: data$1
        target: /backup
        volume:
          nocopy: true
      - type: tmpfs
        target: /tmp
        tmpfs:
          size: 64m
    tmpfs:
      - /run:size=16m
EOS
}

compose_file() {
	first=$1 count=$2
	echo "services:"
	i=$first
	while [ "$i" -lt $((first + count)) ]; do service "$i"; i=$((i + 1)); done
	echo "volumes:"
	i=$first
	while [ "$i" -lt $((first + count)) ]; do
		printf '  data%d:\n    labels:\n      backup: daily\n' "$i"
		i=$((i + 1))
	done
}

if [ ! -f "$out/big.yaml" ]; then
	echo "generating the benchmark corpus in $out" >&2
	n=0
	while [ "$n" -lt 1000 ]; do
		compose_file $((n * 10)) 10 > "$out/many/compose$n.yaml"
		n=$((n + 1))
	done
	compose_file 0 5000 > "$out/big.yaml"
	awk 'BEGIN {
		for (i = 0; i < 10000; i++) {
			print "# deploy step " i
			print "echo \"starting " i "\""
			print "docker run -d --name app" i " --rm \\"
			print "  -v data" i ":/var/lib/data \\"
			print "  --mount type=bind,src=/srv/" i ",dst=/srv,readonly \\"
			print "  --tmpfs /tmp:size=64m -e MODE=prod \\"
			print "  registry.example.com/app:1." i " serve --port 80"
			print "docker volume create --label backup=daily data" i
			print "[ -n \"$DEBUG\" ] && echo done"
			print ""
		}
	}' > "$out/script.sh"
	head -n 50000 "$out/script.sh" > "$out/half.sh"
	: > "$out/empty.yaml"
fi

# measure CMD...: prints wall seconds and peak KiB.
measure() {
	# shellcheck disable=SC2086
	$timer "$@"
}

bytes() { cat "$@" | wc -c; }

row() {
	name=$1 size=$2 lint=$3 base=$4
	set -- $lint
	lw=$1 lm=$2
	set -- $base
	fw=$1 fm=$2
	awk -v n="$name" -v s="$size" -v lw="$lw" -v lm="$lm" -v fw="$fw" \
	    -v fm="$fm" 'BEGIN {
		mb = s / 1048576
		printf "%-22s %8.1f MiB  mountlint %6.3f s %7.1f MiB/s %7d KiB",
		       n, mb, lw, (lw > 0 ? mb / lw : 0), lm
		if (fw != "")
			printf "   floor %6.3f s %7d KiB   ratio %.2f",
			       fw, fm, (fw > 0 ? lw / fw : 0)
		printf "\n"
	}'
}

run() { measure "$bin" lint --format json --fail-on none "$@"; }

many=$(ls "$out"/many/*.yaml)
# shellcheck disable=SC2086
row "1000 compose files" "$(bytes $many)" \
	"$(run $many)" "$(measure "$floor" $many)"
row "5000-service file" "$(bytes "$out/big.yaml")" \
	"$(run "$out/big.yaml")" "$(measure "$floor" "$out/big.yaml")"
row "empty compose file" 0 "$(run "$out/empty.yaml")" ""
row "100,000-line script" "$(bytes "$out/script.sh")" \
	"$(run "$out/script.sh")" ""
row "50,000-line script" "$(bytes "$out/half.sh")" \
	"$(run "$out/half.sh")" ""
