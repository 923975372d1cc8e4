#!/usr/bin/env bash
# The M3 bulk endpoint POST {iu}/{ti}/M3/m3api-rest/v2/execute: transactions validated and
# executed in order as single calls are, answers, options, errors, the call log and fault rules.
#   tests/e2e/sandbox_bulk.sh [path/to/infor-sandbox] [path/to/m3-transactions.json]
# Builds nothing. Prints "ok N - ..." / "not ok N - ..." and exits non-zero on any failure.
set -u

. "$(dirname "$0")/sandbox_lib.bash"
MI=$BASE/$TI/M3/m3api-rest/v2/execute

# bulk JSON [query]: POST the body to the bulk endpoint with the token; prints the status.
bulk() { req "$MI${2:-}" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$1"; }
# single PROGRAM/TRANSACTION?QUERY: a single call with the token; prints the status.
single() { req "$MI/$1" -H "Authorization: Bearer $TOKEN"; }
res() { json "$OUT" "results.$1"; } # res 1.errorCode
ctl() { req "$BASE/_sandbox/$1" "${@:2}" >/dev/null; }
# result N: result N of the last answer as canonical JSON.
result() { php -r 'echo json_encode(json_decode(file_get_contents($argv[1]), true)["results"][$argv[2]]);' "$OUT" "$1"; }

password_token
check "password grant gives a token" test -n "$TOKEN"

# --- transactions in order; a failed one does not stop the later ones
st=$(bulk '{"program":"OIS100MI","cono":100,"divi":"AAA","excludeEmptyValues":false,"rightTrim":true,
    "maxReturnedRecords":0,"transactions":[
    {"transaction":"AddBatchHead","record":{"CUNO":"WEBSHOP","CUOR":"BULK-1"},"selectedColumns":["ORNO"]},
    {"transaction":"AddBatchLine","record":{"ORNO":"9000000001","ITNO":"NOPE","ORQT":"1"}},
    {"transaction":"AddBtchLine","record":{"ORNO":"9000000001"}},
    {"transaction":"AddBatchLine","record":{"ORNO":"9000000001","ITNO":"MUG-LOGO","ORQT":2,"SAPR":9.5}},
    {"transaction":"Confirm","record":{"ORNO":"9000000001"}}]}' "?maxrecs=0&extendedresult=true&righttrim=true")
check "a bulk request answers 200" is "$st" 200
check "one result per transaction, in order" \
    is "$(json "$OUT" results) $(res 0.transaction) $(res 1.transaction) $(res 2.transaction) $(res 4.transaction)" \
    "5 AddBatchHead AddBatchLine AddBtchLine Confirm"
check "nrOfSuccessfullTransactions and nrOfFailedTransactions count them" \
    is "$(json "$OUT" nrOfSuccessfullTransactions) $(json "$OUT" nrOfFailedTransactions) $(json "$OUT" wasTerminated)" \
    "3 2 false"
check "AddBatchHead gives the batch order (only the selected column ORNO)" \
    is "$(res 0.records.0.ORNO) $(php -r 'echo count(json_decode(file_get_contents($argv[1]), true)["results"][0]["records"][0]);' "$OUT")" \
    "9000000001 1"
check "an unknown item fails that transaction like a single call (NOK MM00101 ITNO)" \
    is "$(res 1.errorType) $(res 1.errorCode) $(res 1.errorField)" "ServerReturnedNOK MM00101 ITNO"
check "... with Infor's message" is "$(res 1.errorMessage)" "Item number NOPE does not exist"
check "an unknown transaction in the list is that result's error" \
    is "$(res 2.errorType) $(res 2.errorMessage)" "TransactionNotFound Transaction AddBtchLine not found in program OIS100MI"
check "the transactions after a failure still run (line 1, JSON numbers as values)" is "$(res 3.records.0.PONR)" 1
check "Confirm of the bulk gives the order" is "$(res 4.records.0.ORNO) $(res 4.records.0.STAT)" "0000100001 90"
ctl orders/0000100001
check "the order holds the one good line: MUG-LOGO 2 x 9.5" \
    is "$(json "$OUT" lines) $(json "$OUT" lines.0.itno) $(json "$OUT" lines.0.orqt) $(json "$OUT" lines.0.sapr)" \
    "1 MUG-LOGO 2 9.5"

# --- the same validation as a single call: the same result, to the letter
pairs=(
    "AddBatchHead?CUOR=NO-CUNO|{\"transaction\":\"AddBatchHead\",\"record\":{\"CUOR\":\"NO-CUNO\"}}"
    "AddBatchHead?CUNO=WEBSHOP&CUOR=123456789012345678901234|{\"transaction\":\"AddBatchHead\",\"record\":{\"CUNO\":\"WEBSHOP\",\"CUOR\":\"123456789012345678901234\"}}"
    "AddBatchLine?ORNO=9000000001&ITNO=MUG-LOGO&DIP1=ten|{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"MUG-LOGO\",\"DIP1\":\"ten\"}}"
    "AddBatchHead?CUNO=WEBSHOP&ORDT=20260231|{\"transaction\":\"AddBatchHead\",\"record\":{\"CUNO\":\"WEBSHOP\",\"ORDT\":\"20260231\"}}"
    "AddBatchHead?CUNO=WEBSHOP&CONO=999|{\"transaction\":\"AddBatchHead\",\"record\":{\"CUNO\":\"WEBSHOP\",\"CONO\":\"999\"}}"
)
for pair in "${pairs[@]}"; do
    single "OIS100MI/${pair%%|*}" >/dev/null
    one=$(result 0)
    bulk "{\"program\":\"OIS100MI\",\"transactions\":[${pair#*|}]}" >/dev/null
    check "bulk = single for ${pair%%|*}: $(json "$OUT" results.0.errorType)" is "$(result 0)" "$one"
done
bulk '{"program":"OIS100MI","cono":999,"transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000001"}},
    {"transaction":"LstBatchHead","record":{"CUNO":"WEBSHOP"}}]}' >/dev/null
check "cono 999 in the body refuses every transaction (XAU0008 CONO)" \
    is "$(res 0.errorCode) $(res 0.errorField) $(res 1.errorCode) $(json "$OUT" nrOfFailedTransactions)" \
    "XAU0008 CONO XAU0008 2"
bulk '{"program":"OIS100MI","transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000001"}}]}' \
    "?cono=999" >/dev/null
check "cono=999 in the query too" is "$(res 0.errorCode)" XAU0008
bulk '{"program":"OIS100MI","cono":100,"transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000001"}}]}' \
    "?cono=999" >/dev/null
check "the body's cono wins over the query's" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1

# --- options: maxReturnedRecords / maxrecs, excludeEmptyValues, selectedColumns
bulk '{"program":"OIS100MI","transactions":[{"transaction":"AddBatchHead","record":{"CUNO":"GUEST"}},
    {"transaction":"AddBatchLine","record":{"ORNO":"9000000002","ITNO":"CAP-RED"}},
    {"transaction":"AddBatchLine","record":{"ORNO":"9000000002","ITNO":"POSTER-A2"}}]}' >/dev/null
check "a second batch order with two lines" is "$(res 0.records.0.ORNO) $(res 2.records.0.PONR)" "9000000002 2"
bulk '{"program":"OIS100MI","maxReturnedRecords":1,"transactions":[{"transaction":"LstBatchLine","record":{"ORNO":"9000000002"}}]}' >/dev/null
check "maxReturnedRecords 1 gives one record" is "$(res 0.records)" 1
bulk '{"program":"OIS100MI","transactions":[{"transaction":"LstBatchLine","record":{"ORNO":"9000000002"}}]}' "?maxrecs=1" >/dev/null
check "maxrecs=1 in the query likewise" is "$(res 0.records)" 1
bulk '{"program":"OIS100MI","transactions":[{"transaction":"LstBatchLine","record":{"ORNO":"9000000002"},
    "selectedColumns":["ITNO","PONR"]}]}' >/dev/null
check "selectedColumns ITNO, PONR" is "$(res 0.records) $(res 0.records.1.ITNO) $(res 0.records.1.PONR) $(res 0.records.1.ORQT)" \
    "2 POSTER-A2 2 <missing>"
bulk '{"program":"OIS100MI","excludeEmptyValues":true,"transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000002"}}]}' >/dev/null
with=$(res 0.records.0.CUOR)
bulk '{"program":"OIS100MI","excludeEmptyValues":false,"transactions":[{"transaction":"GetBatchHead","record":{"ORNO":"9000000002"}}]}' >/dev/null
check "excludeEmptyValues drops the blank CUOR" is "$with|$(res 0.records.0.CUOR)" "<missing>|"

# --- the request itself
check "an unknown program is HTTP 400, like a single call" \
    is "$(bulk '{"program":"NOPE99MI","transactions":[{"transaction":"Get"}]}') $(cat "$OUT")" "400 Transaction not found"
check "a body that is not JSON is 400" is "$(bulk 'CUNO=WEBSHOP')" 400
check "a transaction without a name is 400" is "$(bulk '{"program":"OIS100MI","transactions":[{"record":{}}]}')" 400
check "GET on the bulk path is 405" is "$(req "$MI" -H "Authorization: Bearer $TOKEN")" 405
check "no token: 401" is "$(req "$MI" -d '{"program":"OIS100MI","transactions":[]}')" 401
check "an empty list answers 200 with no results" \
    is "$(bulk '{"program":"OIS100MI","transactions":[]}') $(json "$OUT" results)" "200 0"

# --- the call log and the request counters see every executed transaction
ctl calls
last=$(json "$OUT" last_seq)
bulk '{"program":"CRS610MI","transactions":[{"transaction":"GetBasicData","record":{"CUNO":"C10001"}},
    {"transaction":"Nope"},{"transaction":"GetBasicData","record":{"CUNO":"NOPE","XXXX":"1"}}]}' >/dev/null
ctl "calls?since=$last"
check "the call log has the two executed transactions, not the unknown one" \
    is "$(json "$OUT" calls) $(json "$OUT" calls.0.outcome) $(json "$OUT" calls.1.outcome) $(json "$OUT" calls.1.ignored.0)" \
    "2 ok NOK XXXX"
ctl stats
check "stats count each transaction of a bulk by name" \
    is "$(json "$OUT" requests.CRS610MI/GetBasicData) $(json "$OUT" requests.CRS610MI/Nope)" "2 1"

# --- fault rules match the bulk path: " bulk PROGRAM/TRANSACTION ..." after the path
ctl faults -d '{"match":"execute bulk","status":503,"retry_after":1}'
check "a rule matching \"execute bulk\" leaves single calls alone" is "$(single "OIS100MI/GetBatchHead?ORNO=9000000001")" 200
ctl calls
last=$(json "$OUT" last_seq)
check "... and answers the next bulk request 503" \
    is "$(bulk '{"program":"OIS100MI","transactions":[{"transaction":"AddBatchHead","record":{"CUNO":"GUEST"}}]}')" 503
ctl "calls?since=$last"
check "the faulted bulk executed nothing" is "$(json "$OUT" calls)" 0
ctl faults -d '{"match":"OIS100MI/AddBatchLine","status":429,"retry_after":2}'
check "a rule naming a transaction hits a bulk that carries it" \
    is "$(bulk '{"program":"OIS100MI","transactions":[{"transaction":"AddBatchLine","record":{"ORNO":"9000000002","ITNO":"MUG-LOGO"}}]}')" 429
ctl faults -d '{"match":"OIS100MI/Confirm","drop":true,"after_processing":true}'
curl -sS --cacert "$DIR/ca.pem" -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"program":"OIS100MI","transactions":[{"transaction":"Confirm","record":{"ORNO":"9000000002"}}]}' "$MI" 2>/dev/null
check "a lost answer: the connection closes without one" is "$?" 52
ctl orders/0000100002
check "... but the bulk's Confirm was executed" is "$(json "$OUT" batch_orno) $(json "$OUT" orno)" "9000000002 0000100002"
ctl stats
check "three faults fired" is "$(json "$OUT" faults_fired)" 3

finish
