#!/bin/bash
# infor_sync benchmark: prints figures, passes or fails nothing. Expects
# `make OUT=... all` to have built $OUT (make bench does).
#
#   OUT=out-bench bench/run.sh
#
# Settings (environment):
#   BENCH_N=2000       enqueue calls measured per variant (over all rounds)
#   BENCH_ROUNDS=10    rounds; each round runs every variant once, in rotated
#                      order, so machine noise hits all variants alike
#   BENCH_WARMUP=20    untimed calls at the start of every batch
#   BENCH_ORDERS=300   orders per delivery run (3 lines each)
#   BENCH_RUNS=3       delivery runs (the median is reported)
#   BENCH_LAT_ORDERS=300  orders per run of the latency matrix (section 3)
#   BENCH_LATENCIES="0 50 150"  ms per Infor request in the latency matrix
#   BENCH_IN_FLIGHT="1 8 16"    infor_sync.max_in_flight values in the latency matrix
#   BENCH_POLL_ITEMS=20000  items of the stock poll in section 4 (pages of 100)
#   BENCH_LOOPBACK_ROUNDS=11  rounds of section 4 (1 s of wrk replaying a poll, then a poll; 0 skips it)
#   BENCH_DIR=/tmp     where the spools and the sandbox live (a real disk:
#                      on tmpfs fsync costs nothing)
set -eu
cd "$(dirname "$0")/.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
N=${BENCH_N:-2000}
ROUNDS=${BENCH_ROUNDS:-10}
WARMUP=${BENCH_WARMUP:-20}
ORDERS=${BENCH_ORDERS:-300}
RUNS=${BENCH_RUNS:-3}
LAT_ORDERS=${BENCH_LAT_ORDERS:-300}
LATENCIES=${BENCH_LATENCIES:-"0 50 150"}
IN_FLIGHT=${BENCH_IN_FLIGHT:-"1 8 16"}
so="$OUT/ext/modules/infor_sync.so"
sandbox_bin="$OUT/infor-sandbox"
for f in "$so" "$sandbox_bin"; do
    [ -e "$f" ] || { echo "missing $f: run make OUT=${OUT#"$root"/} all first" >&2; exit 1; }
done
if [ $((N % ROUNDS)) -ne 0 ]; then
    echo "BENCH_N ($N) must be a multiple of BENCH_ROUNDS ($ROUNDS)" >&2
    exit 1
fi
per_round=$((N / ROUNDS))

work=$(mktemp -d "${BENCH_DIR:-/tmp}/infor_sync_bench.XXXXXX")
sandbox_pid=
cleanup() {
    if [ -n "$sandbox_pid" ]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# ---- the sandbox, on loopback, any free port ----
sbx="$work/sandbox"
mkdir -p "$sbx"
"$sandbox_bin" --dir "$sbx" --host 127.0.0.1 --port 0 --metadata "$root/metadata/m3-transactions.json" \
    --quiet 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 1 100); do
    [ -f "$sbx/ready" ] && break
    sleep 0.1
done
[ -f "$sbx/ready" ] || { echo "the sandbox did not start" >&2; exit 1; }
control="https://127.0.0.1:$(cat "$sbx/port")/_sandbox"
sandbox_get() { curl -sf --cacert "$sbx/ca.pem" "$control/$1"; }
sandbox_post() { curl -sf --cacert "$sbx/ca.pem" -X POST "$control/$1" >/dev/null; }
# sum of all MI requests (OIS100MI/...) the sandbox has answered
mi_calls() { sandbox_get stats | php -n -r '$s = json_decode(stream_get_contents(STDIN), true);
    echo array_sum(array_filter($s["requests"], fn($k) => str_contains($k, "MI/"), ARRAY_FILTER_USE_KEY));'; }

config="$work/config.json"
echo '{"cono":100,"divi":"AAA","order_type":"DTC","facility":"100","warehouse":"100","default_customer":"WEBSHOP","currency":"EUR"}' >"$config"

php_ext=(php -n -d "extension=$so" -d "infor_sync.ionapi_file=$sbx/sandbox.ionapi" -d "infor_sync.ca_file=$sbx/ca.pem"
         -d "infor_sync.config_file=$config")

# ---- header ----
fs=$(df -PT "$work" | awk 'NR == 2 { print $2 " on " $1 }')
{
    echo "infor_sync benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "machine: nproc $(nproc), $(uname -sr), $(php -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";'), spool on $fs"
    echo "command: make bench OUT=${OUT#"$root"/}  (bench/run.sh; BENCH_N=$N BENCH_ROUNDS=$ROUNDS BENCH_WARMUP=$WARMUP BENCH_ORDERS=$ORDERS BENCH_RUNS=$RUNS BENCH_POLL_ITEMS=${BENCH_POLL_ITEMS:-20000} BENCH_LOOPBACK_ROUNDS=${BENCH_LOOPBACK_ROUNDS:-11})"
    echo "  enqueue: ${php_ext[*]} -d infor_sync.spool_dir=SPOOL -d infor_sync.durability=fsync|none -d infor_sync.worker=off bench/enqueue.php ..."
    echo "  deliver: same, -d infor_sync.durability=fsync|none -d infor_sync.worker=off bench/deliver.php fill $ORDERS; then -d infor_sync.worker=on bench/deliver.php drain $ORDERS"
    echo "  sandbox: ${sandbox_bin#"$root"/} --dir SBX --host 127.0.0.1 --port 0 (HTTPS, loopback)"
} | sed -e "s|$work|\$TMP|g" -e "s|$root/||g" >"$work/header.txt"

# ---- 1. enqueue latency, interleaved rounds ----
variants=(ext-fsync ext-fsync-key ext-none map-preview php-fsync php-none floor floor-none)
nv=${#variants[@]}
echo "enqueue latency: $ROUNDS rounds x ${nv} variants x $per_round calls" >&2
for r in $(seq 0 $((ROUNDS - 1))); do
    for k in $(seq 0 $((nv - 1))); do
        v=${variants[$(((r + k) % nv))]}
        spool="$work/spool-$v-$r"
        case "$v" in
            ext-fsync) sv=ext dur=fsync ;;
            ext-fsync-key) sv=ext-key dur=fsync ;;
            ext-none) sv=ext dur=none ;;
            map-preview) sv=$v dur=none ;;
            php-fsync) sv=$v dur=fsync ;;
            php-none) sv=$v dur=none ;;
            floor) sv=$v dur=fsync ;;
            floor-none) sv=$v dur=none ;;
        esac
        batch="$work/batch.txt"
        rm -f "$batch"
        "${php_ext[@]}" -d "infor_sync.durability=$dur" -d "infor_sync.spool_dir=$spool" -d infor_sync.worker=off \
            bench/enqueue.php "$sv" "$per_round" "$WARMUP" "$batch" "$spool" $((r * 100000)) "$dur"
        cat "$batch" >>"$work/lat-$v.txt"
        echo "$r $(sort -n "$batch" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')" \
            >>"$work/round-$v.txt"
        # The spool stays until the end (cleanup): on ext4 without a journal,
        # creating a file skips, one by one, the inodes of its group deleted
        # in the last minute (six while their inode table block is dirty;
        # recently_deleted() in fs/ext4/ialloc.c), so removing each batch's
        # files here made the next batches' file work slower and slower.
    done
    printf '.' >&2
done
echo >&2

# ---- 2. delivery throughput (runs alternate durability=fsync and none) ----
echo "delivery: $RUNS runs x $ORDERS orders x durability fsync, none" >&2
for run in $(seq 1 "$RUNS"); do
    for dur in fsync none; do
        spool="$work/deliver-$run-$dur"
        ini=(-d "infor_sync.spool_dir=$spool" -d "infor_sync.durability=$dur")
        "${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=off bench/deliver.php fill "$ORDERS"
        sandbox_post reset   # same order book size for every run
        before=$(mi_calls)
        result=$("${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=on bench/deliver.php drain "$ORDERS")
        after=$(mi_calls)
        read -r seconds delivered dead _ <<<"$result"
        if [ "$delivered" != "$ORDERS" ] || [ "$dead" != 0 ]; then
            echo "run $run ($dur): $delivered delivered, $dead dead of $ORDERS" >&2
            exit 1
        fi
        echo "$run $dur $seconds $ORDERS $((after - before))" >>"$work/deliver.txt"
        rm -rf "$spool"
    done
done

# ---- 3. delivery at Infor's latency: ms per request x deliveries in flight ----
# Each run: LAT_ORDERS 3-line orders (bench_order: 97 customers) spooled with
# the worker off, then drained by one process with infor_sync.max_in_flight;
# the sandbox answers every request after the latency. Counters from the
# sandbox: MI requests (a bulk request counts once), new TLS connections.
echo "latency matrix: ${LATENCIES// /, } ms x max_in_flight ${IN_FLIGHT// /, } x $LAT_ORDERS orders" >&2
lat="$work/latency.txt"
for ms in $LATENCIES; do
    curl -sf --cacert "$sbx/ca.pem" -X POST -d "{\"ms\":$ms,\"jitter_ms\":0}" "$control/latency" >/dev/null
    for n in $IN_FLIGHT; do
        spool="$work/latency-$ms-$n"
        ini=(-d "infor_sync.spool_dir=$spool" -d infor_sync.durability=none -d "infor_sync.max_in_flight=$n")
        "${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=off bench/deliver.php fill "$LAT_ORDERS"
        sandbox_post reset
        read -r calls0 tx0 conns0 _ <<<"$(php -n bench/latency.php counters "$sbx")"
        result=$("${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=on bench/deliver.php drain "$LAT_ORDERS")
        read -r calls1 tx1 conns1 peak <<<"$(php -n bench/latency.php counters "$sbx")"
        read -r seconds delivered dead _ <<<"$result"
        once=$(php -n bench/latency.php orders "$sbx" "$LAT_ORDERS")
        if [ "$delivered" != "$LAT_ORDERS" ] || [ "$dead" != 0 ] || [ "$once" != ok ]; then
            echo "latency $ms ms, max_in_flight $n: $delivered delivered, $dead dead; Infor: $once" >&2
            exit 1
        fi
        echo "$ms $n $seconds $LAT_ORDERS $((calls1 - calls0)) $((conns1 - conns0)) $peak" >>"$lat"
        printf '.' >&2
    done
done
curl -sf --cacert "$sbx/ca.pem" -X POST -d '{"ms":0,"jitter_ms":0}' "$control/latency" >/dev/null
echo >&2

# ---- 4. MI calls/s on loopback, one endpoint: the extension against wrk ----
# The stock poll pages through MMS060MI/List of warehouse 100 on one lane;
# after the first poll (which announces every item) a poll of the unchanged
# catalogue writes no event: its calls are the work. wrk replays the very
# requests of such a poll (the same pages in turn, the same bearer) on as
# many connections as the poll uses (one). Rounds alternate the two, the
# median of the rounds' ratios is the figure; wrk on one page in the middle
# of the list is shown beside it. Client and sandbox run on CPUs of their own
# (taskset), as on two machines: on two cores the scheduler would otherwise
# put them on one core at times and measure that. Then order delivery at 0 ms
# with 8 lanes for each durability, with the CPU seconds of the worker
# process and of the sandbox, to show what bounds it.
cpu_of() { awk '{ sub(/^.*\) /, ""); print ($12 + $13) / 100 }' "/proc/$1/stat"; }
POLL_ITEMS=${BENCH_POLL_ITEMS:-20000}
LOOP_ROUNDS=${BENCH_LOOPBACK_ROUNDS:-11}
if [ "$LOOP_ROUNDS" -gt 0 ]; then
    echo "loopback: stock poll of $POLL_ITEMS items, $LOOP_ROUNDS rounds of a poll and 1 s of wrk, delivery at 0 ms" >&2
    sandbox_post reset
    php -n bench/loopback.php load "$sbx" "$POLL_ITEMS" | curl -s -K - >/dev/null
    client_cpu=()
    if [ "$(nproc)" -ge 2 ]; then
        taskset -a -p -c 0 "$sandbox_pid" >/dev/null
        client_cpu=(taskset -c 1)
    fi
    poll_config="$work/poll-config.json"
    echo '{"cono":100,"divi":"AAA","order_type":"DTC","facility":"100","warehouse":"100","default_customer":"WEBSHOP","currency":"EUR","stock_warehouses":["100"],"poll_stock_interval":2,"poll_items_interval":0,"poll_shipments_interval":0}' >"$poll_config"
    php_poll=("${client_cpu[@]}" php -n -d "extension=$so" -d "infor_sync.ionapi_file=$sbx/sandbox.ionapi"
              -d "infor_sync.ca_file=$sbx/ca.pem" -d "infor_sync.config_file=$poll_config"
              -d "infor_sync.spool_dir=$work/poll-spool" -d infor_sync.durability=none -d infor_sync.worker=on
              -d infor_sync.log_level=debug -d "infor_sync.log_file=$work/poll.log")
    token=$(php -n bench/latency.php token "$sbx")
    replay_pages=$(php -n bench/loopback.php replay "$sbx" "$token" "$work/replay.lua")
    wrk_replay="${client_cpu[*]} wrk -t1 -c1 -d1s -s $work/replay.lua -H 'Authorization: Bearer $token' https://127.0.0.1:$(cat "$sbx/port")/"
    php -n bench/loopback.php rounds "$sbx" "$sandbox_pid" "$LOOP_ROUNDS" "$work/poll.log" "$work/poll-spool/poll/state.json" \
        "$wrk_replay" -- "${php_poll[@]}" bench/scale/hold.php >"$work/rounds.txt"
    sed -e 's/^/round /' "$work/rounds.txt" >"$work/loopback.txt"
    page_url=$(php -n bench/loopback.php url "$sbx" "$POLL_ITEMS")
    sbx_cpu0=$(cpu_of "$sandbox_pid")
    wrk_out=$("${client_cpu[@]}" wrk -t1 -c1 -d2s -H "Authorization: Bearer $token" "$page_url" 2>&1)
    sbx_cpu1=$(cpu_of "$sandbox_pid")
    wrk_rps=$(printf '%s\n' "$wrk_out" | awk '/Requests\/sec/ { print $2 }')
    wrk_n=$(printf '%s\n' "$wrk_out" | awk '/requests in/ { print $1 }')
    echo "page $wrk_n $wrk_rps $(echo "$sbx_cpu1 - $sbx_cpu0" | bc)" >>"$work/loopback.txt"
    echo "replay $replay_pages" >>"$work/loopback.txt"
    echo "url $page_url" | sed -e 's|127\.0\.0\.1:[0-9]*/|127.0.0.1:PORT/|' >>"$work/loopback.txt"
    if [ "$(nproc)" -ge 2 ]; then
        taskset -a -p -c "0-$(($(nproc) - 1))" "$sandbox_pid" >/dev/null
    fi
    echo >&2
    for dur in fsync none; do
        spool="$work/loopback-$dur"
        ini=(-d "infor_sync.spool_dir=$spool" -d "infor_sync.durability=$dur" -d infor_sync.max_in_flight=8)
        "${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=off bench/deliver.php fill "$LAT_ORDERS"
        sandbox_post reset
        read -r calls0 _ <<<"$(php -n bench/latency.php counters "$sbx")"
        sbx_cpu0=$(cpu_of "$sandbox_pid")
        result=$("${php_ext[@]}" "${ini[@]}" -d infor_sync.worker=on bench/deliver.php drain "$LAT_ORDERS")
        sbx_cpu1=$(cpu_of "$sandbox_pid")
        read -r calls1 _ <<<"$(php -n bench/latency.php counters "$sbx")"
        read -r seconds delivered dead cpu <<<"$result"
        if [ "$delivered" != "$LAT_ORDERS" ] || [ "$dead" != 0 ]; then
            echo "loopback delivery ($dur): $delivered delivered, $dead dead of $LAT_ORDERS" >&2
            exit 1
        fi
        echo "deliver-$dur $((calls1 - calls0)) $seconds $cpu $(echo "$sbx_cpu1 - $sbx_cpu0" | bc) $LAT_ORDERS" >>"$work/loopback.txt"
    done
fi

php -n bench/report.php "$work"
