#!/bin/sh
# Installs the Debian bookworm packages infor_sync needs to build, run its
# demo and run every test (the X-Cart add-on's tests run Doctrine ORM on a
# MariaDB server they start themselves), and the browser test's playwright-core (npm ci in
# tests/browser, the version package-lock.json pins; it drives Debian's
# chromium, so its own browser download is skipped). Safe to run again; skips
# apt and npm when all is there.
set -eu
cd "$(dirname "$0")/.."
packages="make gcc pkg-config php8.2-dev php8.2-cli php8.2-fpm php-parser
libcurl4-openssl-dev libjansson-dev libssl-dev libmicrohttpd-dev libcmocka-dev
libfcgi-bin curl valgrind phpunit chromium clang-format wrk
mariadb-server php8.2-mysql php-doctrine-orm php-doctrine-annotations php-symfony-yaml php-symfony-console"
# node and npm may come from elsewhere (e.g. nodesource); Debian's otherwise
command -v node >/dev/null 2>&1 || packages="$packages nodejs npm"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

pinned=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' tests/browser/package.json)
installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' tests/browser/node_modules/playwright-core/package.json 2>/dev/null | head -n1)
if [ "$installed" != "$pinned" ]; then
    echo "installing playwright-core $pinned in tests/browser (npm ci)"
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
