#!/bin/sh
# Installs with apt-get what building and testing mountlint needs and is
# missing; runs `apt-get update` once, only when something is missing.
set -e
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in gcc make pkg-config libyaml-dev libpcre2-dev libcjson-dev; do
	have_pkg "$p" || need="$need $p"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
echo "mountlint: installing:$need" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >&2
