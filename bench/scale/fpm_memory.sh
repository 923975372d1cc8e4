#!/usr/bin/env bash
# Memory of php-fpm children with and without the extension, private and
# shared, by mapping, and how fast a following child takes over from a
# leader killed with SIGKILL (bench/scale/fpm_memory.php; docs/performance.md,
# "Memory of a php-fpm child"). Needs `make OUT=... all`; prints figures,
# passes or fails nothing.
#
#   OUT=out bench/scale/fpm_memory.sh     # about 20 s
#
# Environment: OUT (out), SCALE_FPM_CHILDREN (4), SCALE_FPM_REQUESTS (3),
# SCALE_FPM (php-fpm8.2), BENCH_DIR (/tmp).
set -eu
cd "$(dirname "$0")/../.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
export SCALE_FPM_CHILDREN=${SCALE_FPM_CHILDREN:-4}
export SCALE_FPM_REQUESTS=${SCALE_FPM_REQUESTS:-3}
export SCALE_FPM=${SCALE_FPM:-php-fpm8.2}
so="$OUT/ext/modules/infor_sync.so"
sandbox_bin="$OUT/infor-sandbox"
for f in "$so" "$sandbox_bin"; do
    [ -e "$f" ] || { echo "missing $f: run make OUT=${OUT#"$root"/} all first" >&2; exit 1; }
done
for tool in php cgi-fcgi "$SCALE_FPM"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see ../shared/reference/build-notes.md)" >&2; exit 1; }
done

work=$(mktemp -d "${BENCH_DIR:-/tmp}/infor_sync_fpm_memory.XXXXXX")
export SCALE_WORK=$work SCALE_SO=$so SCALE_SANDBOX=$work/sandbox
: >"$work/pids" # every process this run started and that may still run, one pid a line
cleanup() {
    local pid
    for pid in $(cat "$work/pids" 2>/dev/null || true); do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/sandbox"
"$sandbox_bin" --dir "$work/sandbox" --host 127.0.0.1 --port 0 --metadata "$root/metadata/m3-transactions.json" \
    --quiet 2>/dev/null &
echo $! >>"$work/pids"
for ((i = 0; i < 300; i++)); do
    [ -e "$work/sandbox/ready" ] && break
    sleep 0.1
done
[ -e "$work/sandbox/ready" ] || { echo "the sandbox did not start within 30 s" >&2; exit 1; }

echo "infor_sync php-fpm memory, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: nproc $(nproc), $(uname -sr), $(php -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";');" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
php -n -d display_errors=stderr bench/scale/fpm_memory.php
