#!/bin/bash
# infor_sync scale benchmark: the paths other than enqueue at the sizes a
# large shop reaches. Prints figures; passes or fails nothing. Expects
# `make OUT=... all` to have built $OUT (the extension and the sandbox).
#
#   OUT=out bench/scale.sh
#
#   1. recovery: a worker process started on a spool of SCALE_EVENTS events
#      (and of SCALE_EVENTS/10, SCALE_DELIVERED, none): time to the lead, to
#      the first and the SCALE_DELIVERED-th delivered event, peak RSS;
#      InforSync\status() on each spool        (bench/scale/recovery.php)
#   2. one stock poll over SCALE_ITEMS items stocked in two warehouses: M3
#      calls, time, peak RSS, stock.changed events, two orders' waits; the shop
#      fetching the events; writing them with durability fsync and none
#                      (bench/scale/stock_poll.php, bench/scale/stock_report.php)
#   3. RSS and threads of php-fpm children without the extension, with it
#      and the worker off, on, and leading a backlog with 8 in flight
#                                               (bench/scale/fpm.php)
#
# Settings (environment):
#   SCALE_EVENTS=100000    events in the big spool of part 1
#   SCALE_RUNS=3           runs per spool size in part 1 (medians)
#   SCALE_DELIVERED=100    part 1 also times this many deliveries; the
#                          smallest spool holds this many events
#   SCALE_ITEMS=20000      items of part 2, each stocked in warehouses 100 and 200
#   SCALE_EMIT_ITEMS=2000  the small catalogue whose first poll runs with
#                          durability fsync and none, side by side
#   SCALE_SANDBOX_MAX_MB   part 2 gives up when the sandbox grows beyond this
#                          (default 80 % of MemAvailable; see docs/performance.md)
#   SCALE_FPM_CHILDREN=4   children per php-fpm pool (pm static)
#   SCALE_FPM_REQUESTS=3   requests per child before the readings
#   SCALE_BACKLOG=300      orders waiting when the leading child is read
#   SCALE_FPM=php-fpm8.2   the php-fpm binary
#   BENCH_DIR=/tmp         where spools and sandboxes live (a real disk)
#
# Order of work: the sandbox of part 2 takes its items and stock first (its
# control API takes one balance per request and inserts each after a linear
# scan: minutes at 40,000 balances); meanwhile part 1's spools are filled and
# part 3 runs, which times nothing. Parts 2 and 1 are timed afterwards, each
# with nothing else of this script running.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
export SCALE_EVENTS=${SCALE_EVENTS:-100000}
export SCALE_RUNS=${SCALE_RUNS:-3}
export SCALE_DELIVERED=${SCALE_DELIVERED:-100}
export SCALE_ITEMS=${SCALE_ITEMS:-20000}
export SCALE_EMIT_ITEMS=${SCALE_EMIT_ITEMS:-2000}
export SCALE_FPM_CHILDREN=${SCALE_FPM_CHILDREN:-4}
export SCALE_FPM_REQUESTS=${SCALE_FPM_REQUESTS:-3}
export SCALE_BACKLOG=${SCALE_BACKLOG:-300}
export SCALE_FPM=${SCALE_FPM:-php-fpm8.2}
so="$OUT/ext/modules/infor_sync.so"
sandbox_bin="$OUT/infor-sandbox"
for f in "$so" "$sandbox_bin"; do
    [ -e "$f" ] || { echo "missing $f: run make OUT=${OUT#"$root"/} all first" >&2; exit 1; }
done
for tool in php curl cgi-fcgi "$SCALE_FPM"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see ../shared/reference/build-notes.md)" >&2; exit 1; }
done

work=$(mktemp -d "${BENCH_DIR:-/tmp}/infor_sync_scale.XXXXXX")
export SCALE_WORK=$work SCALE_SO=$so
: >"$work/pids" # every process this run started and that may still run, one pid a line

# Ends the processes of this run by pid: SIGTERM, at most 10 s, then SIGKILL.
end_pids() {
    local pid alive i
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 100; i++)); do
        alive=
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ -z "$alive" ] && break
        sleep 0.1
    done
    for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
forget_pid() { sed -i "/^$1\$/d" "$work/pids"; }
cleanup() {
    local pids
    pids=$(cat "$work/pids" 2>/dev/null || true)
    # shellcheck disable=SC2086
    [ -n "$pids" ] && end_pids $pids
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bounded wait for a file to exist
wait_file() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        [ -e "$1" ] && return 0
        sleep 0.1
    done
    echo "timed out after $2 s waiting for $1" >&2
    exit 1
}

start_sandbox() { # name -> pid in $work/sandbox-NAME.pid
    local dir="$work/sandbox-$1"
    mkdir -p "$dir"
    "$sandbox_bin" --dir "$dir" --host 127.0.0.1 --port 0 --metadata "$root/metadata/m3-transactions.json" \
        --quiet 2>/dev/null &
    echo $! >>"$work/pids"
    echo $! >"$work/sandbox-$1.pid"
    wait_file "$dir/ready" 30
}

stamp() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# ---- header ----
fs_dev=$(df -P "$work" | awk 'NR == 2 { print $1 }')
fs_type=$(df -PT "$work" | awk 'NR == 2 { print $2 }')
disk=${fs_dev#/dev/}
disk_block=$disk # a partition's disk: /sys/block/<disk>/<partition>
for part_dir in /sys/block/*/"$disk"; do
    [ -e "$part_dir" ] && disk_block=$(basename "$(dirname "$part_dir")")
done
driver=$(basename "$(readlink -f "/sys/block/$disk_block/device/driver" 2>/dev/null)" 2>/dev/null || true)
rotational=$(cat "/sys/block/$disk_block/queue/rotational" 2>/dev/null || echo '?')
{
    echo "infor_sync scale benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "machine: nproc $(nproc), $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
         "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM,"\
         "$(php -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";')"
    echo "disk: spools on $fs_type on $fs_dev (driver ${driver:-unknown}, rotational flag $rotational)"
    echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows here)"
    echo "command: OUT=${OUT#"$root"/} bench/scale.sh  (SCALE_EVENTS=$SCALE_EVENTS SCALE_RUNS=$SCALE_RUNS SCALE_DELIVERED=$SCALE_DELIVERED SCALE_ITEMS=$SCALE_ITEMS SCALE_EMIT_ITEMS=$SCALE_EMIT_ITEMS SCALE_FPM_CHILDREN=$SCALE_FPM_CHILDREN SCALE_BACKLOG=$SCALE_BACKLOG)"
    echo "  php -n -d extension=${so#"$root"/} -d infor_sync.ionapi_file=SBX/sandbox.ionapi -d infor_sync.ca_file=SBX/ca.pem -d infor_sync.config_file=... -d infor_sync.spool_dir=SPOOL ...;"
    echo "  sandbox: ${sandbox_bin#"$root"/} --dir SBX --host 127.0.0.1 --port 0 (HTTPS, loopback); $SCALE_FPM -n -R -y pool.conf; cgi-fcgi"
} >"$work/header.txt"

# ---- sandboxes: one takes deliveries (parts 1 and 3), one the stock of part 2, one a small catalogue ----
start_sandbox deliver
start_sandbox stock
stamp "loading $SCALE_ITEMS items and $((2 * SCALE_ITEMS)) stock balances into the sandbox (in the background)"
{
    php -n -d display_errors=stderr bench/scale/stock_load.php "$work/sandbox-stock" "$SCALE_ITEMS" items
    echo next
    php -n -d display_errors=stderr bench/scale/stock_load.php "$work/sandbox-stock" "$SCALE_ITEMS" stock
} >"$work/load.cfg"
load_started=$(date +%s.%N)
curl -s -K "$work/load.cfg" >"$work/load.txt" &
load_pid=$!
echo "$load_pid" >>"$work/pids"

# a small catalogue for the side-by-side of writing the events
start_sandbox emit
{
    php -n -d display_errors=stderr bench/scale/stock_load.php "$work/sandbox-emit" "$SCALE_EMIT_ITEMS" items
    echo next
    php -n -d display_errors=stderr bench/scale/stock_load.php "$work/sandbox-emit" "$SCALE_EMIT_ITEMS" stock
} >"$work/load-emit.cfg"
if [ "$(curl -s -K "$work/load-emit.cfg" | grep -c '^200$')" != $((3 * SCALE_EMIT_ITEMS)) ]; then
    echo "the small sandbox did not take its $SCALE_EMIT_ITEMS items" >&2
    exit 1
fi

# ---- part 1's spools, filled with the worker off and durability=none ----
sizes="0 $SCALE_DELIVERED $((SCALE_EVENTS / 10)) $SCALE_EVENTS"
sizes=$(tr ' ' '\n' <<<"$sizes" | awk '$1 >= 0' | sort -n | uniq | tr '\n' ' ')
for size in $sizes; do
    [ "$size" -gt 0 ] || continue
    stamp "filling a spool with $size events"
    php -n -d "extension=$so" -d "infor_sync.spool_dir=$work/spool-$size" -d infor_sync.worker=off \
        -d infor_sync.durability=none -d "infor_sync.log_file=$work/fill.log" bench/scale/fill.php "$size" >/dev/null
done

# ---- part 3 (times nothing) ----
stamp "php-fpm pools"
SCALE_SANDBOX="$work/sandbox-deliver" php -n -d display_errors=stderr bench/scale/fpm.php >"$work/table3.txt"

# ---- part 2 ----
stamp "waiting for the sandbox's stock"
limit=${SCALE_LOAD_TIMEOUT:-1800}
for ((i = 0; i < limit * 10; i++)); do
    kill -0 "$load_pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$load_pid" 2>/dev/null; then
    echo "the sandbox took more than $limit s to take the stock (SCALE_LOAD_TIMEOUT)" >&2
    exit 1
fi
wait "$load_pid" || true
forget_pid "$load_pid"
load_seconds=$(awk -v a="$load_started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
expected=$((3 * SCALE_ITEMS))
answered=$(grep -c '^200$' "$work/load.txt" || true)
if [ "$answered" != "$expected" ]; then
    echo "the sandbox answered $answered of $expected loading requests with 200" >&2
    exit 1
fi
stamp "stock poll over $SCALE_ITEMS items (the sandbox took its stock in ${load_seconds%.*} s)"
SCALE_SANDBOX="$work/sandbox-stock" SCALE_SANDBOX_PID=$(cat "$work/sandbox-stock.pid") \
    php -n -d display_errors=stderr bench/scale/stock_poll.php "$SCALE_ITEMS" main fsync shop >"$work/poll-main.json"
end_pids "$(cat "$work/sandbox-stock.pid")" # frees the sandbox's memory before the rest
forget_pid "$(cat "$work/sandbox-stock.pid")"
stamp "writing the events of $SCALE_EMIT_ITEMS items: durability fsync and none"
for dur in fsync none; do
    SCALE_SANDBOX="$work/sandbox-emit" SCALE_SANDBOX_PID=$(cat "$work/sandbox-emit.pid") \
        php -n -d display_errors=stderr bench/scale/stock_poll.php "$SCALE_EMIT_ITEMS" "emit-$dur" "$dur" \
        >"$work/poll-emit-$dur.json"
done
end_pids "$(cat "$work/sandbox-emit.pid")"
forget_pid "$(cat "$work/sandbox-emit.pid")"
php -n -d display_errors=stderr bench/scale/stock_report.php "$work/poll-main.json" "$load_seconds" "$expected" \
    "$work/poll-emit-fsync.json" "$work/poll-emit-none.json" >"$work/table2.txt"

# ---- part 1 ----
stamp "recovery runs on spools of $sizes events"
# shellcheck disable=SC2086
SCALE_SANDBOX="$work/sandbox-deliver" php -n -d display_errors=stderr bench/scale/recovery.php $sizes >"$work/table1.txt"

cat "$work/header.txt"
for part in 1 2 3; do
    echo
    cat "$work/table$part.txt"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $SECONDS s in all"
