#!/bin/bash
# Runs the tests and prints "N passed, N failed" as its last line; exits
# non-zero when anything failed. Expects `make` to have built $OUT.
#
#   scripts/run-tests.sh [all|unit|repo|lint|phpt|xcart|e2e|xcart-e2e|browser] [run-tests.php options...]
#
# unit: the C core's cmocka tests (each test case counts)
# repo: generated files current, package.xml complete, settings documented
# lint: the add-on's X-Cart uses against the stand-in and the reference
#       (tests/xcart-lint; php and php-parser only) and the lint's own fixtures
# phpt: the PHP API with the real extension (tests/phpt)
# xcart: the X-Cart add-on's PHPUnit tests against the X-Cart stand-in
#       (tests/xcart, tests/xcart-standin), the extension loaded; each test counts
# e2e:  the real extension against the real sandbox over TLS (tests/e2e),
#       php-fpm pools and kill -9 included; then xcart-e2e
# xcart-e2e: the add-on on the stand-in with the real extension and sandbox
#       (tests/xcart-e2e, PHPUnit; each test counts)
# browser: the add-on's monitoring and settings pages in headless Chromium
#       against the sandbox (tests/browser/run.php); screenshots in $OUT/artefacts/browser
set -u
cd "$(dirname "$0")/.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
what=${1:-all}
shift || true
so="$OUT/ext/modules/infor_sync.so"
sandbox_bin="$OUT/infor-sandbox"
run_tests=/usr/lib/php/20220829/build/run-tests.php
passed=0
failed=0
failures=()

work=$(mktemp -d /tmp/infor_sync_tests.XXXXXX)
sandbox_pid=
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

run_unit() {
    for test in "$OUT"/unit/test_*; do
        [ -x "$test" ] || continue
        local output rc p f
        output=$("$test" 2>&1)
        rc=$?
        p=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$output" | grep -oE '[0-9]+$' | head -n1)
        f=$(grep -oE '\[  FAILED  \] [0-9]+' <<<"$output" | grep -oE '[0-9]+$' | head -n1)
        p=${p:-0}
        f=${f:-0}
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1 # crashed or failed outside a test case
        fi
        passed=$((passed + p))
        failed=$((failed + f))
        if [ "$f" -gt 0 ]; then
            failures+=("unit: $(basename "$test")")
            printf '%s\n' "$output" | grep -E 'FAILED|ERROR|Failure|error' | head -n 20
        fi
        echo "unit $(basename "$test"): $p passed, $f failed"
    done
}

# Runs run-tests.php on a folder and adds its results to the totals.
run_phpt() {
    local folder=$1
    shift
    local results="$work/$(basename "$folder").results"
    NO_INTERACTION=1 REPORT_EXIT_STATUS=1 TEST_PHP_EXECUTABLE=$(command -v php) \
        php -n "$run_tests" -q -n -j1 --show-diff -W "$results" \
        -d "extension=$so" "$@" "$folder"
    local p f s
    p=$(grep -cE '^PASSED' "$results" 2>/dev/null)
    f=$(grep -cE '^(FAILED|BORKED|WARNED|LEAKED|LEAK&FAILED)' "$results" 2>/dev/null)
    s=$(grep -cE '^SKIPPED' "$results" 2>/dev/null)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ "${f:-0}" -gt 0 ]; then
        while read -r line; do failures+=("$line"); done < <(grep -E '^(FAILED|BORKED|WARNED|LEAKED|LEAK&FAILED)' "$results")
    fi
    echo "phpt $folder: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped"
    if [ ! -s "$results" ]; then
        failed=$((failed + 1))
        failures+=("run-tests.php produced no results for $folder")
    fi
}

# PHPUnit with the built extension; counts its JUnit testcases.
#   run_phpunit NAME CONFIG [php -d settings...]
run_phpunit() {
    local name=$1 config=$2
    shift 2
    local phpunit
    phpunit=$(command -v phpunit)
    if [ -z "$phpunit" ]; then
        failed=$((failed + 1))
        failures+=("$name: phpunit is not installed (scripts/install-deps.sh installs it)")
        return
    fi
    local junit="$work/$name.junit.xml" output rc
    # INFOR_SYNC_EXTENSION: for the PHP processes a test starts itself (tests/xcart-e2e/cron.php)
    output=$(INFOR_SYNC_EXTENSION="$so" php -d "extension=$so" "$@" "$phpunit" -c "$config" --log-junit "$junit" 2>&1)
    rc=$?
    local counts p f
    counts=$(php -r '
        $x = @simplexml_load_file($argv[1]);
        if ($x === false) { echo "0 0"; exit; }
        $t = 0; $f = 0;
        foreach ($x->xpath("//testcase") as $case) {
            $t++;
            if ($case->failure || $case->error || $case->warning || $case->skipped) { $f++; }
        }
        echo $t - $f, " ", $f;' "$junit")
    p=${counts% *}
    f=${counts#* }
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        failures+=("$name: phpunit -c $config")
        printf '%s\n' "$output" | tail -n 60
    fi
    echo "$name $config: $p passed, $f failed"
}

# The add-on against the X-Cart stand-in (unit level).
run_xcart() {
    run_phpunit xcart tests/xcart/phpunit.xml.dist
}

# The add-on end to end: this PHPUnit process is the shop's PHP process, with the extension's
# worker and pollers running in it against the sandbox (needs start_sandbox).
run_xcart_e2e() {
    local base="${XCART_E2E_DIR:-$work/xcart-e2e}"
    mkdir -p "$base/spool"
    run_phpunit xcart-e2e tests/xcart-e2e/phpunit.xml.dist \
        -d "infor_sync.spool_dir=$base/spool" \
        -d "infor_sync.ionapi_file=$INFOR_SANDBOX_DIR/sandbox.ionapi" \
        -d "infor_sync.ca_file=$INFOR_SANDBOX_DIR/ca.pem" \
        -d "infor_sync.config_file=$base/config.json" \
        -d infor_sync.worker=on \
        -d infor_sync.retry_base_ms=100 -d infor_sync.retry_cap_ms=1000 \
        -d infor_sync.poll_stock_interval=1 -d infor_sync.poll_items_interval=0 \
        -d infor_sync.poll_shipments_interval=1 \
        -d "infor_sync.log_file=$base/log" -d infor_sync.log_level=debug
    if [ "$failed" -gt 0 ] && [ -f "$base/log" ]; then
        echo "--- last lines of the extension's log ($base/log)"
        tail -n 30 "$base/log"
    fi
}

start_sandbox() {
    mkdir -p "$work/sandbox"
    "$sandbox_bin" --dir "$work/sandbox" --metadata "$root/metadata/m3-transactions.json" --quiet \
        2>"$work/sandbox.log" &
    sandbox_pid=$!
    for _ in $(seq 1 100); do
        [ -f "$work/sandbox/ready" ] && break
        sleep 0.1
    done
    if [ ! -f "$work/sandbox/ready" ]; then
        echo "the sandbox did not start:" >&2
        cat "$work/sandbox.log" >&2
        return 1
    fi
    export INFOR_SANDBOX_DIR="$work/sandbox"
    export INFOR_SANDBOX_BIN="$sandbox_bin"
}

# Shell tests print "ok N ..." / "not ok N ..." lines.
run_tap() {
    local script=$1
    shift
    local output p f
    output=$("$script" "$@" 2>&1)
    local rc=$?
    p=$(grep -cE '^ok ' <<<"$output")
    f=$(grep -cE '^not ok ' <<<"$output")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    # the failures and the diagnostics ("# ...") printed with them
    [ "$f" -gt 0 ] && { failures+=("$(basename "$script")"); printf '%s\n' "$output" | grep -E '^(not ok|#)' ; }
    echo "$(basename "$script"): $p passed, $f failed"
}

# Tests keep their files under sys_get_temp_dir(): a private one per run, so
# two runs on one machine never share a spool.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
export INFOR_SYNC_SO="$so"
export INFOR_SYNC_ROOT="$root"
export INFOR_SYNC_METADATA="$root/metadata/m3-transactions.json"

case "$what" in
    all|unit) run_unit ;;
esac
case "$what" in
    all|repo) run_tap tests/repo/consistency.sh ;;
esac
case "$what" in
    all|lint)
        run_tap tests/xcart-lint/lint.php
        run_tap tests/xcart-lint/selftest.sh
        ;;
esac
case "$what" in
    all|phpt) run_phpt tests/phpt "$@" ;;
esac
case "$what" in
    all|xcart) run_xcart ;;
esac
case "$what" in
    xcart-e2e)
        if start_sandbox; then
            run_xcart_e2e
        else
            failed=$((failed + 1))
            failures+=("sandbox did not start")
        fi
        ;;
esac
case "$what" in
    all|e2e|browser)
        if start_sandbox; then
            if [ "$what" != browser ]; then
                for script in tests/e2e/*.sh; do
                    # NAME.sh next to NAME.phpt is run-tests.php's leftover of a failed test
                    [ -e "${script%.sh}.phpt" ] && continue
                    [ -x "$script" ] && run_tap "$script" "$sandbox_bin" "$root/metadata/m3-transactions.json"
                done
                run_phpt tests/e2e "$@"
                run_xcart_e2e
            fi
            if [ "$what" != e2e ]; then
                INFOR_SYNC_ARTEFACTS="$OUT/artefacts" run_tap tests/browser/run.php
                echo "browser screenshots: $OUT/artefacts/browser"
            fi
        else
            failed=$((failed + 1))
            failures+=("sandbox did not start")
        fi
        ;;
esac

if [ "${#failures[@]}" -gt 0 ]; then
    echo "Failures:"
    printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
