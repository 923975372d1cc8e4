#!/usr/bin/env bash
# The sandbox as a slow and busy tenant: latency and jitter on every request (options and
# /_sandbox/latency), the concurrency limit on M3 (429 with Retry-After, /_sandbox/concurrency)
# and the counters a benchmark reads from /_sandbox/stats.
#   tests/e2e/sandbox_load.sh [path/to/infor-sandbox] [path/to/m3-transactions.json]
# Timing checks are lower bounds, or upper bounds many times the expected time, or wait for a
# condition with a generous limit: none depends on the machine being fast.
# Builds nothing. Prints "ok N - ..." / "not ok N - ..." and exits non-zero on any failure.
set -u

SANDBOX_ARGS=(--latency-ms 300 --jitter-ms 100 --retry-after 3)
. "$(dirname "$0")/sandbox_lib.bash"
MI=$BASE/$TI/M3/m3api-rest/v2/execute
GET_HEAD="$MI/OIS100MI/GetBatchHead?ORNO=9000000001"

ctl() { req "$BASE/_sandbox/$1" "${@:2}"; } # prints the status, the answer in $OUT
put() { ctl "$1" -H 'Content-Type: application/json' -d "$2"; }
counter() { ctl stats >/dev/null && json "$OUT" "$1"; }
counter_is() { [ "$(counter "$1")" = "$2" ]; }
# timed URL [curl args...]: "STATUS SECONDS" of one request with the token, answer in $OUT.
timed() {
    local url=$1
    shift
    curl -sS --cacert "$DIR/ca.pem" -o "$OUT" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
        "$@" "$url"
}
status_of() { echo "${1% *}"; }
took() { echo "${1#* }"; }
# cmp A OP B: a numeric comparison of decimals (>= or <).
cmp() {
    php -r 'exit(($argv[2] === ">=" ? $argv[1] >= $argv[3] : $argv[1] < $argv[3]) ? 0 : 1);' "$1" "$2" "$3" ||
        { echo "# expected $1 $2 $3" >&2; return 1; }
}
# background N URL: an M3 request in the background; its status lands in $DIR/bgN.status.
BG=()
background() {
    curl -sS --cacert "$DIR/ca.pem" -o "$DIR/bg$1.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "$2" >"$DIR/bg$1.status" &
    BG+=($!)
}
# background_done: waits for the background requests (in this shell, not a $(...) one), then
# BG_STATUSES holds their statuses in order.
background_done() {
    wait "${BG[@]}"
    BG=()
    BG_STATUSES=$(for f in "$DIR"/bg*.status; do printf '%s ' "$(<"$f")"; done)
    rm -f "$DIR"/bg*
}

# --- the options
ctl latency >/dev/null
check "--latency-ms and --jitter-ms set the latency" is "$(json "$OUT" ms) $(json "$OUT" jitter_ms)" "300 100"
ctl concurrency >/dev/null
check "no concurrency limit by default; --retry-after sets Retry-After" \
    is "$(json "$OUT" max_concurrent) $(json "$OUT" retry_after)" "0 3"
timeout 20 "$BIN" --dir "$DIR/x" --latency-ms abc 2>/dev/null
check "--latency-ms abc is refused (exit 2)" is "$?" 2
timeout 20 "$BIN" --dir "$DIR/x" --max-concurrent -1 2>/dev/null
check "--max-concurrent -1 is refused (exit 2)" is "$?" 2

# --- every request waits at least latency - jitter = 200 ms
start=$(date +%s%N)
password_token
check "the token endpoint answers 200" is "$TOKEN_STATUS" 200
check "the token endpoint is delayed by >= 200 ms" cmp $(((($(date +%s%N) - start)) / 1000000)) ">=" 200
t=$(timed "$MI/OIS100MI/AddBatchHead?CUNO=WEBSHOP&CUOR=SLOW-1")
check "a single M3 call answers 200 with its batch order" is "$(status_of "$t") $(json "$OUT" results.0.records.0.ORNO)" \
    "200 9000000001"
check "a single M3 call is delayed by >= 0.2 s" cmp "$(took "$t")" ">=" 0.2
t=$(timed "$MI" -H 'Content-Type: application/json' \
    -d '{"program":"OIS100MI","transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000001"}}]}')
check "a bulk request answers 200" is "$(status_of "$t") $(json "$OUT" nrOfSuccessfullTransactions)" "200 1"
check "a bulk request is delayed by >= 0.2 s" cmp "$(took "$t")" ">=" 0.2
t=$(timed "$BASE/rates/EUR.json")
check "the rate table is delayed too" cmp "$(took "$t")" ">=" 0.2

# --- set at run time; the control API itself is never delayed
check "POST /_sandbox/latency sets the latency" is "$(put latency '{"ms":8000,"jitter_ms":0}') $(json "$OUT" ms)" \
    "200 8000"
t=$(timed "$BASE/_sandbox/stats")
check "the control API answers at once with 8 s latency set (< 4 s)" cmp "$(took "$t")" "<" 4
check "a partial update keeps the other member" \
    is "$(put latency '{"jitter_ms":7}') $(json "$OUT" ms) $(json "$OUT" jitter_ms)" "200 8000 7"
check "a negative ms is refused" is "$(put latency '{"ms":-1}')" 400
check "a string ms is refused" is "$(put latency '{"ms":"50"}')" 400
check "ms above 600000 is refused" is "$(put latency '{"ms":600001}')" 400
check "an unknown member is refused" is "$(put latency '{"jitter":5}') $(json "$OUT" error)" "400 invalid_request"
check "max_concurrent 1.5 is refused" is "$(put concurrency '{"max_concurrent":1.5}')" 400
ctl latency >/dev/null
check "refused bodies change nothing" is "$(json "$OUT" ms) $(json "$OUT" jitter_ms)" "8000 7"
put latency '{"ms":50,"jitter_ms":200}' >/dev/null
t=$(timed "$GET_HEAD")
check "jitter above the latency never goes below 0 (200)" is "$(status_of "$t")" 200

# --- concurrent requests overlap: four at once, each sleeping in its own thread
put latency '{"ms":5000,"jitter_ms":0}' >/dev/null
for i in 1 2 3 4; do background $i "$GET_HEAD"; done
check "four slow M3 requests are in flight at once" wait_for 60 counter_is m3_in_flight 4
background_done
check "all four answer 200" is "$BG_STATUSES" "200 200 200 200 "
check "the peak in flight is 4" is "$(counter m3_peak_in_flight) $(counter m3_in_flight)" "4 0"

# --- the concurrency limit: 429 with Retry-After, nothing executed
check "POST /_sandbox/concurrency sets the limit" \
    is "$(put concurrency '{"max_concurrent":2,"retry_after":2}') $(json "$OUT" max_concurrent)" "200 2"
background 1 "$GET_HEAD"
background 2 "$GET_HEAD"
check "two slow M3 requests hold the two places" wait_for 60 counter_is m3_in_flight 2
st=$(req "$MI/OIS100MI/AddBatchHead?CUNO=WEBSHOP&CUOR=REFUSED" -H "Authorization: Bearer $TOKEN" -D "$DIR/headers")
check "a third M3 request is refused with 429" is "$st" 429
check "the 429 carries Retry-After: 2" grep -qi '^Retry-After: 2' "$DIR/headers"
check "the 429 answers JSON too_many_requests" is "$(json "$OUT" error)" too_many_requests
background_done
check "the two in flight answer 200" is "$BG_STATUSES" "200 200 "
ctl "calls?transaction=AddBatchHead" >/dev/null
check "the refused AddBatchHead was not executed (call log: only SLOW-1)" \
    is "$(json "$OUT" calls) $(json "$OUT" calls.0.fields.CUOR)" "1 SLOW-1"
check "m3_throttled counts the 429" is "$(counter m3_throttled)" 1
put concurrency '{"max_concurrent":0}' >/dev/null
put latency '{"ms":0,"jitter_ms":0}' >/dev/null
t=$(timed "$GET_HEAD")
check "without limit and latency again: 200 in < 4 s" is "$(status_of "$t") $(cmp "$(took "$t")" "<" 4 && echo fast)" \
    "200 fast"

# --- fault rules keep their own latency on top
ctl faults -d '{"match":"GetBatchHead","latency_ms":1200}' >/dev/null
t=$(timed "$GET_HEAD")
check "a latency fault rule still delays by >= 1.2 s" cmp "$(took "$t")" ">=" 1.2
check "... and the request still answers 200" is "$(status_of "$t") $(counter faults_fired)" "200 1"

# --- the counters a benchmark reads
ctl reset -X POST >/dev/null
check "reset zeroes the M3 counters" \
    is "$(counter m3_single_calls) $(counter m3_bulk_requests) $(counter m3_bulk_transactions) $(counter m3_throttled)" "0 0 0 0"
c=$(counter connections_accepted)
reuse=$(curl -sS --cacert "$DIR/ca.pem" -H "Authorization: Bearer $TOKEN" -w '%{http_code}/%{num_connects} ' \
    -o /dev/null "$GET_HEAD" -o /dev/null "$GET_HEAD" -o /dev/null "$GET_HEAD")
check "three calls on one kept-alive connection" is "$reuse" "200/1 200/0 200/0 "
check "connections_accepted counts that connection once (and this stats request)" \
    is "$(counter connections_accepted)" $((c + 2))
for i in 1 2 3; do timed "$GET_HEAD" >/dev/null; done
check "three calls on three connections count three" is "$(counter connections_accepted)" $((c + 6))
check "connections_open counts this stats request at least" cmp "$(counter connections_open)" ">=" 1
req "$MI" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"program":"OIS100MI",
    "transactions":[{"transaction":"LstBatchHead","record":{"CUNO":"WEBSHOP"}},{"transaction":"NoSuchOne"},
    {"transaction":"GetBatchHead","record":{"ORNO":"9000000001"}}]}' >/dev/null
check "m3_single_calls, m3_bulk_requests, m3_bulk_transactions (known ones)" \
    is "$(counter m3_single_calls) $(counter m3_bulk_requests) $(counter m3_bulk_transactions)" "6 1 2"
check "m3_peak_in_flight since reset is 1 (one at a time)" is "$(counter m3_peak_in_flight)" 1

finish
