#!/bin/bash
# Checks that keep the repository consistent: generated arginfo matches the
# stub, package.xml lists every tracked file, the built-in templates compiled
# in are current, every src/ file and room is described in docs/architecture.md,
# every INI setting (src/worker/settings.h) and PHP function is documented,
# the modules include each other without a cycle. Prints
# "ok N" / "not ok N" lines.
cd "$(dirname "$0")/../.."
n=0
check() {
    local desc=$1
    shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; fi
}
check "ext/infor_sync_arginfo.h is generated from the current stub" scripts/gen-stubs.sh --check
check "package.xml lists every tracked file" php scripts/gen-package-xml.php --check
check "no include cycle among the modules of src/ and ext/" php scripts/check-includes.php
check "scripts/check-includes.php finds the cycles of its fixture" php scripts/check-includes.php --selftest
check "src/ and sandbox/ follow .clang-format (src/generated/ excepted)" \
    clang-format --dry-run -Werror $(ls src/*/*.[ch] sandbox/*.[ch] | grep -v '^src/generated/')
for file in $(ls src/*/*.c | grep -v '^src/generated/'); do
    check "$file has at most 900 lines" test "$(wc -l < "$file")" -le 900
done
check "src/generated/builtin_data.c is generated from metadata/ and the current mapping/m3/ templates" php scripts/gen-builtin.php --check
for file in src/*/*.c; do
    module=${file#src/}
    module=${module%.c}
    check "docs/architecture.md describes $module" grep -q "\`$module\`" docs/architecture.md
done
for room in src/*/; do
    check "docs/architecture.md describes the room ${room#src/}" grep -q "\`${room#src/}\`" docs/architecture.md
done
for setting in $(grep -oE '"infor_sync\.[a-z_]+"' src/worker/settings.h | tr -d '"' | sort -u); do
    check "docs/configuration.md documents $setting" grep -q "\`$setting\`" docs/configuration.md
done
for fn in $(grep -oE 'function [a-z_]+\(' ext/infor_sync.stub.php | sed 's/function //; s/(//'); do
    check "docs/configuration.md documents InforSync\\$fn()" grep -q "### \`$fn(" docs/configuration.md
done
