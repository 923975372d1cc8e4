#!/bin/sh
# Regenerates ext/*_arginfo.h from ext/*.stub.php with PHP's gen_stub.php,
# offline: gen_stub.php wants to download PHP-Parser, so it gets Debian's
# php-parser package through the folder name it looks for first.
# With --check, fails when the committed arginfo is not current.
set -eu
cd "$(dirname "$0")/.."
gen=/usr/lib/php/20220829/build/gen_stub.php
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gen" "$work/gen_stub.php"
mkdir -p "$work/PHP-Parser-4.15.1/lib"
ln -s /usr/share/php/PhpParser "$work/PHP-Parser-4.15.1/lib/PhpParser"
if [ "${1:-}" = "--check" ]; then
    cp ext/infor_sync.stub.php "$work/infor_sync.stub.php"
    php "$work/gen_stub.php" --force-regeneration "$work/infor_sync.stub.php" >/dev/null
    cmp -s "$work/infor_sync_arginfo.h" ext/infor_sync_arginfo.h || {
        echo "ext/infor_sync_arginfo.h is stale: run scripts/gen-stubs.sh" >&2
        exit 1
    }
    echo "arginfo is current"
else
    php "$work/gen_stub.php" --force-regeneration ext/infor_sync.stub.php
fi
