#!/bin/sh
# mountlint doctor against a live engine that this script starts itself:
# Debian's dockerd on a socket in a private temporary directory, with its
# own data root, exec root and pid file, no iptables and no bridge. Every
# docker and doctor call names that socket in DOCKER_HOST; the default
# socket is never reached. Daemons are stopped by PID and tmpfs mounts
# unmounted on every exit. Where no engine can start (not root, dockerd or
# busybox missing) the scenarios print SKIPPED and do not fail.
# usage: tests/doctor.sh MOUNTLINT
ml=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
passed=0
failed=0
tmp=
daemons=
mounts=

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: doctor: $*"; }
finish() {
	echo "doctor: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
skip() {
	echo "SKIPPED: doctor live-engine tests: $*"
	echo "SKIPPED: (they need root, dockerd from docker.io and" \
	     "busybox-static)"
	finish
}

cleanup() {
	for pid in $daemons; do
		kill "$pid" 2> /dev/null
	done
	for pid in $daemons; do
		n=0
		while kill -0 "$pid" 2> /dev/null && [ $n -lt 30 ]; do
			sleep 1
			n=$((n + 1))
		done
		kill -9 "$pid" 2> /dev/null
	done
	for m in $mounts; do
		umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null
	done
	[ -n "$tmp" ] && rm -rf "$tmp"
}

[ "$(id -u)" = 0 ] || skip "not root"
command -v dockerd > /dev/null 2>&1 || skip "no dockerd"
[ -x /usr/bin/docker ] || skip "no /usr/bin/docker"
[ -x /bin/busybox ] || skip "no /bin/busybox"
tmp=$(mktemp -d /tmp/mld.XXXXXX) || skip "no temporary directory"
trap 'cleanup' EXIT
trap 'exit 1' INT TERM HUP PIPE

# start NAME DATA-ROOT: a daemon on $tmp/NAME/d.sock; sets $sock, $dlog.
start() {
	dir=$tmp/$1
	mkdir -p "$dir"
	sock=$dir/d.sock
	dlog=$dir/dockerd.log
	dockerd --host "unix://$sock" --iptables=false --ip6tables=false \
		--bridge=none --data-root "$2" --exec-root "$dir/exec" \
		--pidfile "$dir/d.pid" --debug > "$dlog" 2>&1 &
	daemons="$daemons $!"
	n=0
	while [ $n -lt 60 ]; do
		dk version > /dev/null 2>&1 && return 0
		sleep 1
		n=$((n + 1))
	done
	echo "dockerd did not start; its log ends:"
	tail -n 5 "$dlog"
	return 1
}

# stop: the last daemon started, by its PID.
stop() {
	pid=${daemons##* }
	kill "$pid" 2> /dev/null
	n=0
	while kill -0 "$pid" 2> /dev/null && [ $n -lt 30 ]; do
		sleep 1
		n=$((n + 1))
	done
	daemons=${daemons% *}
}

dk() { DOCKER_HOST="unix://$sock" timeout 60 /usr/bin/docker "$@"; }

# doctor ARGS...: the doctor on $sock; output in $out, status in $rc.
doctor() {
	out=$(DOCKER_HOST="unix://$sock" timeout 120 "$ml" doctor \
	      --timeout 20 "$@" 2>&1)
	rc=$?
}

# image: a busybox image made with docker import (nothing is pulled).
image() {
	root=$tmp/rootfs
	if [ ! -d "$root" ]; then
		mkdir -p "$root/bin" "$root/tmp"
		cp /bin/busybox "$root/bin/busybox"
		for a in sh true sleep; do ln -s busybox "$root/bin/$a"; done
	fi
	tar -C "$root" -c . | dk import - mlt/busybox:1 > /dev/null
}

expect() {
	case $out in
	*"$1"*) ok ;;
	*) bad "$2: no \"$1\" in: $out" ;;
	esac
}

# get_only FROM: every request the daemon logged after line FROM is a GET.
get_only() {
	calls=$(tail -n +"$(($1 + 1))" "$dlog" | grep -o 'Calling [A-Z]* [^"]*')
	if [ -z "$calls" ]; then
		bad "$2: the daemon logged no request"
	elif printf '%s\n' "$calls" | grep -qv '^Calling GET '; then
		bad "$2: a request that is not GET: $calls"
	else
		ok
	fi
}

lines() { wc -l < "$dlog"; }

scenario_volume() {
	start vol "$tmp/vol/root" || { bad "the engine did not start"; return; }
	image || { bad "docker import failed"; return; }
	run="--pull never"
	dk volume create v1 > /dev/null
	dk create $run --name c-created -v v1:/data mlt/busybox:1 true \
		> /dev/null
	dk run $run --name c-exited -v v1:/data mlt/busybox:1 true
	dk run -d $run --name c-running -v v1:/data \
		-l com.docker.compose.project=shop \
		-l com.docker.compose.service=db mlt/busybox:1 \
		sleep 300 > /dev/null
	err=$(dk volume rm v1 2>&1)
	case $err in
	*"volume is in use"*) ok ;;
	*) bad "docker volume rm did not fail as expected: $err" ;;
	esac

	from=$(lines)
	doctor "$err"
	[ "$rc" = 0 ] && ok || bad "pasted in-use error: exit $rc: $out"
	get_only "$from" "pasted in-use error"
	for want in c-created c-exited c-running 'running' 'exited' \
		    'created' 'compose project "shop"' 'service "db"' \
		    'image "mlt/busybox:1"' 'does not help' \
		    'docker stop c-running' \
		    'docker rm c-running c-created c-exited' \
		    'docker volume rm v1'; do
		expect "$want" "volume report"
	done
	stop_at=$(printf '%s\n' "$out" | grep -n '^  docker stop' | cut -d: -f1)
	rm_at=$(printf '%s\n' "$out" | grep -n '^  docker rm' | cut -d: -f1)
	vol_at=$(printf '%s\n' "$out" | grep -n '^  docker volume rm' |
		 cut -d: -f1)
	[ "${stop_at:-0}" -gt 0 ] && [ "$stop_at" -lt "${rm_at:-0}" ] &&
		[ "$rm_at" -lt "${vol_at:-0}" ] && ok ||
		bad "commands out of order: $out"

	doctor --format json --volume v1
	[ "$rc" = 0 ] && ok || bad "--volume json: exit $rc"
	expect '"report":"volume-in-use"' "json volume"
	expect '"state":"created"' "json volume"
	expect '"compose_project":"shop"' "json volume"
	expect '"compose_service":"db"' "json volume"

	doctor --volume no-such-volume
	expect 'no volume "no-such-volume"' "missing volume"

	# The daemon is down: its socket is gone.
	stop
	doctor --volume v1
	[ "$rc" = 4 ] && ok || bad "daemon down: exit $rc, want 4: $out"
	expect 'no Docker socket' "daemon down"
	doctor --format json --disk
	[ "$rc" = 4 ] && ok || bad "daemon down json: exit $rc"
	expect '"kind":"unreachable"' "daemon down json"
}

# fill DIR KIND: bytes with dd, inodes with empty files.
fill() {
	mkdir -p "$1/fill"
	if [ "$2" = bytes ]; then
		dd if=/dev/zero of="$1/fill/zero" bs=1M 2> /dev/null
	else
		(cd "$1/fill" && seq 1 100000 | xargs touch 2> /dev/null)
	fi
}

# scenario_full KIND OPTIONS: a data root on a small tmpfs, filled.
scenario_full() {
	fs=$tmp/fs-$1
	mkdir -p "$fs"
	if ! mount -t tmpfs -o "$2" tmpfs "$fs"; then
		echo "SKIPPED: doctor: cannot mount a tmpfs for $1"
		return
	fi
	mounts="$fs $mounts"
	start "full-$1" "$fs/root" || { bad "$1: no engine"; return; }
	image || { bad "$1: docker import failed"; stop; return; }
	dk volume create keep > /dev/null
	fill "$fs" "$1"
	err=$(dk create --pull never -v keep:/k mlt/busybox:1 true 2>&1)
	case $err in
	*"no space left on device"*) ok ;;
	*) bad "$1: the engine did not run out of space: $err" ;;
	esac

	from=$(lines)
	doctor "$err"
	[ "$rc" = 0 ] && ok || bad "$1: pasted no-space error: exit $rc: $out"
	get_only "$from" "$1 disk report"
	expect "Docker root \"$fs/root\"" "$1 disk report"
	expect "full: out of $1" "$1 disk report"
	expect "what uses the space" "$1 disk report"
	expect "images" "$1 disk report"

	doctor --format json --disk
	expect "\"exhausted\":\"$1\"" "$1 json"
	expect '"shape":"legacy"' "$1 json"
	rm -rf "$fs/fill"
	stop
}

# The socket exists but this user may not use it.
scenario_permission() {
	start perm "$tmp/perm/root" || { bad "permission: no engine"; return; }
	chmod 755 "$tmp" "$tmp/perm"
	out=$(DOCKER_HOST="unix://$sock" timeout 60 setpriv --reuid=nobody \
	      --regid=nogroup --clear-groups "$ml" doctor --disk 2>&1)
	rc=$?
	[ "$rc" = 4 ] && ok || bad "no permission: exit $rc, want 4: $out"
	expect "permission denied" "no permission"
	chmod 700 "$tmp"
	stop
}

scenario_volume
scenario_full bytes size=48m
scenario_full inodes size=48m,nr_inodes=1500
if command -v setpriv > /dev/null 2>&1; then
	scenario_permission
else
	echo "SKIPPED: doctor: no setpriv to run as nobody"
fi
finish
