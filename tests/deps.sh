#!/bin/sh
# Installs with apt-get what mountlint needs and is missing; runs
# `apt-get update` once, and only when something is missing.
# usage: tests/deps.sh build|test
set -e
need=""
have_pkg() {
	dpkg-query -W -f='${Status}' "$1" 2> /dev/null | grep -q 'ok installed'
}
want() {
	for p in "$@"; do have_pkg "$p" || need="$need $p"; done
}

want gcc make pkg-config libyaml-dev libpcre2-dev libcjson-dev
want libcurl4-openssl-dev
if [ "$1" = test ]; then
	want git pre-commit docker-compose
	want docker.io busybox-static
	want clang libclang-rt-dev valgrind
	command -v npm > /dev/null 2>&1 || want nodejs npm
fi
[ -z "$need" ] && exit 0

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "mountlint: installing:$need" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >&2
