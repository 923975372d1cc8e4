#!/usr/bin/env bash
# Smoke test of the Infor sandbox server over HTTPS with curl.
#   tests/e2e/sandbox_smoke.sh [path/to/infor-sandbox] [path/to/m3-transactions.json]
# Builds nothing. Prints "ok N - ..." / "not ok N - ..." and exits non-zero on any failure.
set -u

. "$(dirname "$0")/sandbox_lib.bash"
MI=$BASE/$TI/M3/m3api-rest/v2/execute/OIS100MI

mi() { req "$MI/$1" -H "Authorization: Bearer $TOKEN"; }

check "ionapi is mode 0600" is "$(stat -c %a "$ION")" 600
password_token
check "password grant returns 200" is "$TOKEN_STATUS" 200
check "token type is Bearer" is "$(json "$OUT" token_type)" Bearer

st=$(mi "AddBatchHead?CUNO=WEBSHOP&CUOR=T1")
check "AddBatchHead returns 200" is "$st" 200
BATCH=$(json "$OUT" results.0.records.0.ORNO)
check "AddBatchHead returns batch number" is "$BATCH" 9000000001

mi "AddBatchLine?ORNO=$BATCH&ITNO=MUG-LOGO&ORQT=2&SAPR=9.50" >/dev/null
check "AddBatchLine returns PONR 1" is "$(json "$OUT" results.0.records.0.PONR)" 1

mi "Confirm?ORNO=$BATCH" >/dev/null
ORNO=$(json "$OUT" results.0.records.0.ORNO)
check "Confirm returns the order number" is "$ORNO" 0000100001

mi "GetOrderNo?ORNO=$BATCH" >/dev/null
check "GetOrderNo maps batch to order" is "$(json "$OUT" results.0.records.0.ORNR)" "$ORNO"

req "$BASE/_sandbox/orders" >/dev/null
check "control API shows one order" is "$(json "$OUT" orders)" 1
check "the order has one line" is "$(json "$OUT" orders.0.lines)" 1
check "the order carries CUOR T1" is "$(json "$OUT" orders.0.cuor)" T1

check "401 without token" is "$(req "$MI/GetOrderNo?ORNO=$BATCH")" 401
check "400 for unknown transaction" is "$(mi "NoSuchTransaction?X=1")" 400

mi "AddBatchHead?CUOR=T2" >/dev/null
check "MandatoryInputFieldNotFound for missing CUNO" \
    is "$(json "$OUT" results.0.errorType) $(json "$OUT" results.0.errorField)" \
    "MandatoryInputFieldNotFound CUNO"

mi "AddBatchHead?CUNO=NOPE" >/dev/null
check "XIM0002 for unknown customer" \
    is "$(json "$OUT" results.0.errorCode) $(json "$OUT" nrOfFailedTransactions)" "XIM0002 1"

req "$BASE/_sandbox/faults" -d '{"match":"AddBatchHead","count":1,"status":503,"retry_after":1}' >/dev/null
check "injected 503" is "$(mi "AddBatchHead?CUNO=GUEST")" 503
check "next request succeeds" is "$(mi "AddBatchHead?CUNO=GUEST")" 200

# the exchange-rate table for the rate_source setting: open, no token
check "GET /rates/EUR.json returns 200" is "$(req "$BASE/rates/EUR.json")" 200
check "the default table's base is EUR" is "$(json "$OUT" base)" EUR
check "the default table has 8 rates" is "$(json "$OUT" rates)" 8
check "rates are decimal strings" is "$(json "$OUT" rates.USD) $(json "$OUT" rates.JPY)" "1.0842 162.50"
check "the table is dated yyyy-mm-dd" grep -qE '"date": *"[0-9]{4}-[0-9]{2}-[0-9]{2}"' "$OUT"
check "another base is 404" is "$(req "$BASE/rates/USD.json")" 404
check "POST to the table is 405" is "$(req "$BASE/rates/EUR.json" -d '{}')" 405
check "a table without base is refused" is "$(req "$BASE/_sandbox/rates" -d '{"rates":{}}')" 400
st=$(req "$BASE/_sandbox/rates" -d '{"base":"EUR","date":"2026-11-25","rates":{"USD":"1.1000","JPY":"160"}}')
check "POST /_sandbox/rates replaces the table" is "$st $(json "$OUT" table.rates)" "200 2"
req "$BASE/rates/EUR.json" >/dev/null
check "the new table is served" is "$(json "$OUT" date) $(json "$OUT" rates.USD)" "2026-11-25 1.1000"
req "$BASE/_sandbox/faults" -d '{"match":"/rates/","status":503}' >/dev/null
check "faults apply to the rate table" is "$(req "$BASE/rates/EUR.json")" 503
req "$BASE/_sandbox/rates" >/dev/null
check "GET /_sandbox/rates counts the table's requests" is "$(json "$OUT" requests)" 3
req "$BASE/_sandbox/reset" -X POST >/dev/null
req "$BASE/_sandbox/rates" >/dev/null
check "reset restores the default table" is "$(json "$OUT" table.rates.USD) $(json "$OUT" requests)" "1.0842 0"

check "curl without --cacert fails verification" \
    bash -c "! curl -sS -o /dev/null '$BASE/_sandbox/stats' 2>/dev/null"

finish
