#!/bin/sh
# Installs the Debian bookworm packages infor_sync needs to build, run its
# demo and run every test. Safe to run again; skips apt when all are there.
set -eu
packages="make gcc pkg-config php8.2-dev php8.2-cli php8.2-fpm php-parser
libcurl4-openssl-dev libjansson-dev libssl-dev libmicrohttpd-dev libcmocka-dev
libfcgi-bin curl valgrind phpunit"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
