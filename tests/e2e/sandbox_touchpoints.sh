#!/usr/bin/env bash
# The sandbox's M3 touchpoints beyond the order book: customers (CRS610MI), items and stock
# (MMS200MI, MMS060MI), deliveries (MWS410MI, MWS411MI, DRS100MI), order line status
# (OIS100MI CloLine, DelHead), order addresses (OIS100MI AddBatchAddress), cash desk payments
# (OIS215MI), GL batches (GLS840MI), the call log and the control endpoints behind them.
#   tests/e2e/sandbox_touchpoints.sh [path/to/infor-sandbox] [path/to/m3-transactions.json]
# Builds nothing. Prints "ok N - ..." / "not ok N - ..." and exits non-zero on any failure.
set -u

. "$(dirname "$0")/sandbox_lib.bash"
TODAY=$(date +%Y%m%d)
MI=$BASE/$TI/M3/m3api-rest/v2/execute

# sum FILE FIELD ITNO: the sum of FIELD over the records of the first result for item ITNO.
sum() {
    php -r '$j = json_decode(file_get_contents($argv[1]), true);
        $rows = array_filter($j["results"][0]["records"], fn($r) => $r["ITNO"] === $argv[3]);
        echo array_sum(array_column($rows, $argv[2]));' "$1" "$2" "$3"
}

# mi PROGRAM/TRANSACTION[;matrix] [FIELD=value...]: an MI call, values URL-encoded.
mi() {
    local tx=$1 args=()
    shift
    for a in "$@"; do args+=(--data-urlencode "$a"); done
    req "$MI/$tx" -G -H "Authorization: Bearer $TOKEN" "${args[@]}" >/dev/null
}
ctl() { req "$BASE/_sandbox/$1" "${@:2}" >/dev/null; }
post() { ctl "$1" -H 'Content-Type: application/json' -d "$2"; }
r() { json "$OUT" "results.0.$1"; }        # field of the first result
rec() { json "$OUT" "results.0.records.$1"; } # field of a record: rec 0.CUNO
nok() { echo "$(r errorType) $(r errorCode) $(r errorField)"; }

password_token
check "password grant gives a token" test -n "$TOKEN"

# --- CRS610MI customers
mi CRS610MI/Add CUTM=WEBTMPL "CUNM=Max Mustermann" "CUA1=Am Markt 5" CUA2=Hinterhaus \
    PONO=50667 TOWN=Koeln CSCD=DE ECAR=NW MAIL=max@example.com "PHNO=+49 221 12345"
check "CRS610MI Add without CUNO gives C10100" is "$(rec 0.CUNO)" C10100
mi CRS610MI/GetBasicData CUNO=C10100
check "GetBasicData returns the stored fields" \
    is "$(rec 0.CUNM)|$(rec 0.CUA1)|$(rec 0.CUA2)|$(rec 0.MAIL)|$(rec 0.TOWN)|$(rec 0.ECAR)" \
    "Max Mustermann|Am Markt 5|Hinterhaus|max@example.com|Koeln|NW"
check "new customer has STAT 20, RGDT/LMDT today" \
    is "$(rec 0.STAT) $(rec 0.RGDT) $(rec 0.LMDT)" "20 $TODAY $TODAY"
check "template WEBTMPL fills ORTP and CUCD" is "$(rec 0.ORTP) $(rec 0.CUCD)" "WEB EUR"
mi CRS610MI/Add CUTM=TEMPLATE CUNO=C10100 "CUNM=Someone Else" CUA1=Street
check "Add with an existing CUNO is refused" is "$(nok)" "ServerReturnedNOK WCU0101 CUNO"
check "the message names the customer" is "$(r errorMessage)" "Customer number C10100 already exists"
mi CRS610MI/Add CUTM=TEMPLATE CUA1=Street
check "Add without CUNM: MandatoryInputFieldNotFound CUNM" \
    is "$(r errorType) $(r errorField)" "MandatoryInputFieldNotFound CUNM"
mi CRS610MI/Add CUTM=NOPE CUNM=X CUA1=Y
check "Add with an unknown template is refused" is "$(nok)" "ServerReturnedNOK XRE0103 CUTM"
mi CRS610MI/Add CUTM=TEMPLATE CUNO=SHOP-0042 CUNM=Named CUA1=Street
check "Add with a free CUNO keeps it" is "$(rec 0.CUNO)" SHOP-0042
mi CRS610MI/Add CUTM=TEMPLATE CUNM=Next CUA1=Street
check "the number series continues with C10101" is "$(rec 0.CUNO)" C10101
mi CRS610MI/ChgBasicData CUNO=C10100 MAIL=max.new@example.com
mi CRS610MI/GetBasicData CUNO=C10100
check "ChgBasicData changes MAIL and keeps CUNM" is "$(rec 0.MAIL) $(rec 0.CUNM)" \
    "max.new@example.com Max Mustermann"
mi CRS610MI/ChgBasicData CUNO=NOPE MAIL=x@example.com
check "ChgBasicData of an unknown customer: XIM0002" is "$(nok)" "ServerReturnedNOK XIM0002 CUNO"
mi "CRS610MI/LstByNumber;maxrecs=2" CUNO=C10001
check "LstByNumber pages from CUNO in number order" is "$(json "$OUT" results.0.records) $(rec 0.CUNO) $(rec 1.CUNO)" "2 C10001 C10002"
mi "CRS610MI/LstByNumber;maxrecs=0"
check "LstByNumber lists all 7 customers with MAIL and STAT" \
    is "$(json "$OUT" results.0.records) $(rec 0.CUNO) $(rec 0.MAIL) $(rec 0.STAT)" \
    "7 C10001 anna.schmidt@example.com 20"
mi CRS610MI/GetBasicData CUNO=WEBSHOP
check "seed customers have CUNM, CUA1, MAIL, TOWN, CSCD" \
    is "$(rec 0.CUNM)|$(rec 0.CUA1)|$(rec 0.MAIL)|$(rec 0.TOWN)|$(rec 0.CSCD)" \
    "Web shop sales|Hauptstrasse 1|webshop@example.com|Berlin|DE"
ctl customers
check "GET /_sandbox/customers lists the new customers" \
    is "$(json "$OUT" customers) $(json "$OUT" customers.2.CUNO)" "7 C10100"

# --- MMS200MI / MMS060MI items and stock
mi MMS200MI/Get ITNO=MUG-LOGO
check "MMS200MI Get returns the item record" \
    is "$(rec 0.STAT) $(rec 0.UNMS) $(rec 0.ITGR) $(rec 0.GRWE) $(rec 0.LMDT) $(rec 0.SAPR)" \
    "20 PCS KITCHEN 0.45 20240212 <missing>"
mi MMS200MI/Get ITNO=NOPE
check "Get of an unknown item: MM00101" is "$(nok)" "ServerReturnedNOK MM00101 ITNO"
post stock '{"WHLO":"100","ITNO":"MUG-LOGO","STQT":"25","ALQT":"3"}'
check "POST /_sandbox/stock sets the balance" is "$(json "$OUT" STQT) $(json "$OUT" LMDT)" "25 $TODAY"
mi MMS200MI/GetItmWhsBal WHLO=100 ITNO=MUG-LOGO
check "GetItmWhsBal: STQT, ALQT, AV01, AVAL, AV02" \
    is "$(rec 0.STQT) $(rec 0.ALQT) $(rec 0.AV01) $(rec 0.AVAL) $(rec 0.AV02)" "25 3 22 22 22"
mi MMS060MI/List WHLO=100 ITNO=MUG-LOGO
check "MMS060MI List from ITNO: MUG-LOGO on 2 locations, then the next item" \
    is "$(rec 0.ITNO) $(rec 0.WHSL) $(rec 1.ITNO) $(rec 1.WHSL) $(rec 2.ITNO)" \
    "MUG-LOGO A-02-01 MUG-LOGO B-05-03 POSTER-A2"
check "location STQT and ALQT add up to the balance" \
    is "$(sum "$OUT" STQT MUG-LOGO) $(sum "$OUT" ALQT MUG-LOGO)" "25 3"
mi MMS200MI/GetItmWhsBal WHLO=200 ITNO=SOCKS-3PK
bal="$(rec 0.STQT) $(rec 0.ALQT)"
mi MMS060MI/List WHLO=200 ITNO=SOCKS-3PK
check "seed balance SOCKS-3PK/200 matches its locations" \
    is "$(sum "$OUT" STQT SOCKS-3PK) $(sum "$OUT" ALQT SOCKS-3PK)" "$bal"
mi "MMS060MI/List;maxrecs=0" WHLO=100
check "MMS060MI List of warehouse 100: 11 location rows in ITNO order" \
    is "$(r records) $(rec 0.ITNO) $(rec 10.ITNO)" "11 BOTTLE-500 TSHIRT-WHT-L"
mi MMS060MI/List ITNO=MUG-LOGO
check "MMS060MI List without WHLO: MandatoryInputFieldNotFound" \
    is "$(r errorType) $(r errorField)" "MandatoryInputFieldNotFound WHLO"
post items '{"ITNO":"NEW-ITEM","ITDS":"New item","SAPR":"5.00"}'
mi MMS200MI/GetItmWhsBal WHLO=100 ITNO=NEW-ITEM
check "GetItmWhsBal of an item not stocked there is refused" is "$(nok)" "ServerReturnedNOK XRE0103 ITNO"
mi "MMS200MI/LstItmWhsByWhs;maxrecs=3" WHLO=200 ITNO=M
check "LstItmWhsByWhs pages from ITNO" \
    is "$(json "$OUT" results.0.records) $(rec 0.ITNO) $(rec 0.WHLO) $(rec 0.ITDS) $(rec 0.STAT)" \
    "3 MUG-LOGO 200 Mug with logo 20"
mi "MMS200MI/LstItmByItm;maxrecs=2" ITNO=C
check "LstItmByItm pages from ITNO with LMDT" \
    is "$(json "$OUT" results.0.records) $(rec 0.ITNO) $(rec 1.ITNO) $(rec 0.LMDT)" \
    "2 CAP-RED HOODIE-GRY-XL 20240301"
post items/update '{"ITNO":"MUG-LOGO","ITDS":"New name","STAT":"20","GRWE":"0.4","UNMS":"PCS"}'
mi MMS200MI/Get ITNO=MUG-LOGO
check "item update shows in MMS200MI Get with today's LMDT" \
    is "$(rec 0.ITDS)|$(rec 0.GRWE)|$(rec 0.LMDT)" "New name|0.4|$TODAY"
ctl stock
check "GET /_sandbox/stock lists 16 balances" is "$(json "$OUT" stock)" 16
post stock '{"WHLO":"100","ITNO":"MUG-LOGO","STQT":"2","ALQT":"3"}'
check "stock with ALQT above STQT is refused" is "$(json "$OUT" error)" invalid_request

# --- an order, shipped
order() { # order ITNO... : a confirmed order of one piece per item, prints ORNO
    local batch ponr=0
    mi OIS100MI/AddBatchHead CUNO=C10001 "CUOR=T-$RANDOM"
    batch=$(rec 0.ORNO)
    for itno in "$@"; do mi OIS100MI/AddBatchLine "ORNO=$batch" "ITNO=$itno" ORQT=2; done
    mi OIS100MI/Confirm "ORNO=$batch"
    rec 0.ORNO
}
ORNO=$(order MUG-LOGO CAP-RED)
mi MWS411MI/LstDelLnByOrd RORC=3 "RIDN=$ORNO"
check "no delivery lines before the order ships" is "$(r records)" 0
post ship "{\"ORNO\":\"$ORNO\",\"ETRN\":\"1Z999AA10123456784\",\"FWNO\":\"UPS\",\"SUNM\":\"United Parcel Service\"}"
check "POST /_sandbox/ship creates DLIX and CONN" \
    is "$(json "$OUT" DLIX.0) $(json "$OUT" CONN)" "1000001 2000001"
mi MWS411MI/LstDelLnByOrd RORC=3 "RIDN=$ORNO"
check "LstDelLnByOrd lists both lines" \
    is "$(r records) $(rec 0.DLIX) $(rec 0.RIDN) $(rec 0.RIDL) $(rec 0.ITNO) $(rec 0.TRQT)" \
    "2 1000001 $ORNO 1 MUG-LOGO 2"
mi MWS410MI/GetHead DLIX="$(rec 0.DLIX)"
check "MWS410MI GetHead: PGRS, ETRN, FWNO, CONN, RIDN" \
    is "$(rec 0.PGRS) $(rec 0.ETRN) $(rec 0.FWNO) $(rec 0.CONN) $(rec 0.RIDN) $(rec 0.DSDT)" \
    "90 1Z999AA10123456784 UPS 2000001 $ORNO $TODAY"
mi DRS100MI/GetShipment CONN="$(rec 0.CONN)"
check "DRS100MI GetShipment: FWNO, SUNM, DSDT" \
    is "$(rec 0.FWNO)|$(rec 0.SUNM)|$(rec 0.DSDT)" "UPS|United Parcel Service|$TODAY"
mi MWS410MI/GetHead DLIX=999
check "GetHead of an unknown delivery is refused" is "$(nok)" "ServerReturnedNOK XRE0103 DLIX"
mi OIS100MI/GetHead "ORNO=$ORNO"
check "a shipped order shows ORSL/ORST 77" is "$(rec 0.ORSL) $(rec 0.ORST)" "77 77"
mi OIS100MI/LstLine "ORNO=$ORNO"
check "LstLine shows line status 77 and DLQT" is "$(rec 0.ORST) $(rec 1.ORST) $(rec 0.DLQT)" "77 77 2"
post ship "{\"ORNO\":\"$ORNO\"}"
check "shipping it again: 409" is "$(json "$OUT" error)" conflict
mi OIS100MI/DelHead "ORNO=$ORNO"
check "DelHead of a shipped order is refused" is "$(nok)" "ServerReturnedNOK WST0101 ORNO"

# --- closing lines, deleting an order
ORNO2=$(order SOCKS-3PK POSTER-A2)
mi OIS100MI/CloLine "ORNO=$ORNO2" PONR=1
check "CloLine succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
mi OIS100MI/GetHead "ORNO=$ORNO2"
check "one closed line: ORSL 22, ORST 99" is "$(rec 0.ORSL) $(rec 0.ORST) $(rec 0.NTAM)" "22 99 15.00"
mi OIS100MI/CloLine "ORNO=$ORNO2" PONR=2
mi OIS100MI/GetHead "ORNO=$ORNO2"
check "all lines closed: ORSL/ORST 99" is "$(rec 0.ORSL) $(rec 0.ORST)" "99 99"
mi OIS100MI/CloLine "ORNO=$ORNO2" PONR=2
check "closing a closed line is refused" is "$(nok)" "ServerReturnedNOK WST0101 PONR"
mi OIS100MI/LstLine "ORNO=$ORNO2"
check "LstLine shows line status 99" is "$(rec 0.ORST) $(rec 1.ORST)" "99 99"
ORNO3=$(order BOTTLE-500)
mi OIS100MI/DelHead "ORNO=$ORNO3"
check "DelHead of an order at status 22 succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
mi OIS100MI/GetHead "ORNO=$ORNO3"
check "the deleted order is gone" is "$(nok)" "ServerReturnedNOK XRE0103 ORNO"

# --- OIS215MI payments
pay() { mi OIS215MI/AddPayment PMNB=4711 CSHD=CD1 PYNO=C10001 PYCD=CC "PYDT=$TODAY" CUCD=EUR \
    PMAM=49.90 CKNO=ORD-1001 "$@"; }
pay
check "AddPayment succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
pay PMAM=10.00
check "the same PMNB again is refused" is "$(nok)" "ServerReturnedNOK WPM0101 PMNB"
check "with the message Payment number already exists" is "$(r errorMessage)" "Payment number already exists"
pay CSHD=XX PMNB=4712
check "an unknown cash desk is refused" is "$(nok)" "ServerReturnedNOK XRE0103 CSHD"
ctl payments
check "GET /_sandbox/payments shows the payment once" \
    is "$(json "$OUT" payments) $(json "$OUT" payments.0.PMAM) $(json "$OUT" payments.0.CKNO)" "1 49.90 ORD-1001"

# --- GLS840MI GL batch
PARM="  20260115 1930      EUR        49.90 ORD-1001"
mi GLS840MI/AddBatchHead CONO=100 KEY1=XC-0001 INTN=XCART "DESC=Web shop payments"
check "AddBatchHead succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
mi GLS840MI/AddBatchHead CONO=100 KEY1=XC-0001 INTN=XCART DESC=Again
check "AddBatchHead with an existing KEY1 is refused" \
    is "$(nok)|$(r errorMessage)" "ServerReturnedNOK WKE0101 KEY1|Batch key already exists"
mi GLS840MI/AddBatchLine CONO=100 KEY1=XC-0001 LINE=1 "PARM=$PARM"
check "AddBatchLine succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
mi GLS840MI/UpdBatch CONO=100 KEY1=XC-0001
check "UpdBatch posts the batch" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
mi GLS840MI/UpdBatch CONO=100 KEY1=XC-0001
check "a second UpdBatch is refused" \
    is "$(nok)|$(r errorMessage)" "ServerReturnedNOK WST0101 KEY1|Batch already updated"
ctl gl
check "GET /_sandbox/gl shows the posted batch with PARM as sent" \
    is "$(json "$OUT" batches.0.STAT)|$(json "$OUT" batches.0.lines.0.PARM)" "90|$PARM"

# --- OIS100MI addresses, every head and line field kept, the call log
# calls_where FILE KEY VALUE: how many entries of a call log answer have KEY (a.b path) = VALUE.
calls_where() {
    php -r '$j = json_decode(file_get_contents($argv[1]), true); $n = 0;
        foreach ($j["calls"] as $c) {
            foreach (explode(".", $argv[2]) as $k) $c = is_array($c) ? ($c[$k] ?? null) : null;
            $n += $c === $argv[3];
        }
        echo $n;' "$1" "$2" "$3"
}
ctl calls
MARK=$(json "$OUT" last_seq)
check "the call log has counted the calls so far" test "$MARK" -gt 0
mi OIS100MI/AddBatchHead CUNO=C10001 CUOR=ADDR-1 "YREF=Max Mustermann" OTBA=PAY-77 TEPY=30
BATCH=$(rec 0.ORNO)
addr() { mi OIS100MI/AddBatchAddress "ORNO=$BATCH" "$@"; }
addr ADRT=1 "CUNM=Max Mustermann" "CUA1=Am Markt 5" "CUA2=Hinterhaus   " PONO=50667 TOWN=Koeln \
    CSCD=DE "PHNO=+49 221 12345" FOO=bar
check "AddBatchAddress ADRT 1 (delivery) succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
addr ADRT=3 "CUNM=Erika Muster" "CUA1=Rathausplatz 1" PONO=10115 TOWN=Berlin CSCD=DE
check "AddBatchAddress ADRT 3 (invoice) succeeds" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
addr ADRT=01 CUNM=Again CUA1=Street
check "the same ORNO + ADRT + ADID again is refused" \
    is "$(nok)|$(r errorMessage)" "ServerReturnedNOK WAD0101 ADRT|Record already exists"
addr ADRT=1 ADID=ALT CUNM=Other CUA1=Street
check "the same ADRT with another ADID is a new address" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
addr ADRT=42 CUNM=Any CUA1=Street
check "any ADRT 1-99 is accepted" is "$(json "$OUT" nrOfSuccessfullTransactions)" 1
addr ADRT=0 CUNM=Zero
check "ADRT 0 is refused" is "$(nok)" "ServerReturnedNOK WNU0101 ADRT"
addr ADRT=X
check "a non-numeric ADRT is refused" is "$(nok)" "ServerReturnedNOK WNU0101 ADRT"
addr CUNM=NoType
check "AddBatchAddress without ADRT: MandatoryInputFieldNotFound" \
    is "$(r errorType) $(r errorField)" "MandatoryInputFieldNotFound ADRT"
mi OIS100MI/AddBatchAddress ORNO=9999999999 ADRT=1 CUNM=X
check "AddBatchAddress to an unknown batch order is refused" is "$(nok)" "ServerReturnedNOK XRE0103 ORNO"
mi OIS100MI/AddBatchLine "ORNO=$BATCH" ITNO=MUG-LOGO ORQT=2 DIA1=1.50 "TEDS=Gift wrapped" \
    DWDT=20260201
mi OIS100MI/Confirm "ORNO=$BATCH"
ADDR_ORNO=$(rec 0.ORNO)
addr ADRT=2 CUNM=Late
check "AddBatchAddress to a confirmed batch order is refused" is "$(nok)" "ServerReturnedNOK WST0101 ORNO"
ctl "orders/$ADDR_ORNO"
check "GET /_sandbox/orders/ORNO shows the addresses on the confirmed order" \
    is "$(json "$OUT" addresses)|$(json "$OUT" addresses.0.adrt)|$(json "$OUT" addresses.0.cunm)|$(json "$OUT" addresses.0.cua2)|$(json "$OUT" addresses.1.adrt)|$(json "$OUT" addresses.1.town)|$(json "$OUT" addresses.2.adid)" \
    "4|1|Max Mustermann|Hinterhaus|3|Berlin|ALT"
check "the order keeps every head field sent (YREF, OTBA, TEPY)" \
    is "$(json "$OUT" head.YREF)|$(json "$OUT" head.OTBA)|$(json "$OUT" head.TEPY)" "Max Mustermann|PAY-77|30"
check "the order keeps every line field sent (TEDS, DIA1, DWDT)" \
    is "$(json "$OUT" lines.0.teds)|$(json "$OUT" lines.0.dia1)|$(json "$OUT" lines.0.dwdt)" \
    "Gift wrapped|1.50|20260201"
ctl "orders/$BATCH"
check "GET /_sandbox/orders/BATCH finds it by its batch number" is "$(json "$OUT" orno)" "$ADDR_ORNO"
ctl orders/NOPE
check "GET /_sandbox/orders/UNKNOWN: 404" is "$(json "$OUT" error)" not_found
ctl orders
check "GET /_sandbox/orders lists the addresses too" \
    is "$(php -r '$j = json_decode(file_get_contents($argv[1]), true);
        foreach ($j["orders"] as $o) if ($o["orno"] === $argv[2]) echo count($o["addresses"]);' "$OUT" "$ADDR_ORNO")" 4
ctl "calls?since=$MARK"
check "the call log lists the 13 calls since the mark, in order" \
    is "$(json "$OUT" calls)|$(json "$OUT" calls.0.seq)|$(json "$OUT" calls.0.transaction)|$(json "$OUT" calls.11.transaction)|$(json "$OUT" calls.12.seq)" \
    "13|$((MARK + 1))|AddBatchHead|Confirm|$((MARK + 13))"
check "an entry has program, fields as received and the outcome" \
    is "$(json "$OUT" calls.0.program)|$(json "$OUT" calls.0.fields.CUOR)|$(json "$OUT" calls.0.fields.YREF)|$(json "$OUT" calls.0.outcome)|$(json "$OUT" calls.0.output.0.ORNO)" \
    "OIS100MI|ADDR-1|Max Mustermann|ok|$BATCH"
check "values are right-trimmed, unknown fields listed as ignored" \
    is "$(json "$OUT" calls.1.fields.CUA2)|$(json "$OUT" calls.1.ignored.0)|$(json "$OUT" calls.1.fields.FOO)" \
    "Hinterhaus|FOO|<missing>"
check "a refused call is logged as NOK with the error" \
    is "$(json "$OUT" calls.3.outcome)|$(json "$OUT" calls.3.error.code)|$(json "$OUT" calls.3.error.message)" \
    "NOK|WAD0101|Record already exists"
check "a call refused by the metadata checks is logged too" \
    is "$(json "$OUT" calls.8.outcome)|$(json "$OUT" calls.8.error.type)" "NOK|MandatoryInputFieldNotFound"
check "entries carry a UTC time" \
    grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z$' <<<"$(json "$OUT" calls.0.time)"
ctl "calls?program=OIS100MI&transaction=AddBatchAddress&since=$MARK"
check "filtered by program and transaction: only the 10 AddBatchAddress calls, 4 ok" \
    is "$(json "$OUT" calls)|$(calls_where "$OUT" transaction AddBatchAddress)|$(calls_where "$OUT" outcome ok)" "10|10|4"
ctl "calls?transaction=Confirm&since=$MARK"
check "filtered by transaction: the Confirm with ORNO" \
    is "$(json "$OUT" calls)|$(json "$OUT" calls.0.fields.ORNO)" "1|$BATCH"
ctl "calls?program=CRS610MI&since=$MARK"
check "filtered by another program: nothing since the mark" is "$(json "$OUT" calls)" 0
ctl "calls?since=$(json "$OUT" last_seq)"
check "since the last sequence number: nothing" is "$(json "$OUT" calls)" 0
ctl "calls?since=abc"
check "a bad since: 400" is "$(json "$OUT" error)" invalid_request

# --- reset
post reset '{}'
ctl customers
n_customers=$(json "$OUT" customers)
ctl payments
n_payments=$(json "$OUT" payments)
mi MMS200MI/GetItmWhsBal WHLO=100 ITNO=MUG-LOGO
check "reset restores customers, payments and stock" \
    is "$n_customers $n_payments $(rec 0.STQT)" "4 0 40"
ctl calls
check "reset clears the call log but for the call since" \
    is "$(json "$OUT" calls)|$(json "$OUT" calls.0.seq)|$(json "$OUT" calls.0.transaction)" "1|1|GetItmWhsBal"
for _ in $(seq 5010); do
    printf 'url = "%s"\noutput = /dev/null\n' "$MI/MMS200MI/Get?ITNO=CAP-RED"
done >"$DIR/calls.curl"
curl -sS --cacert "$DIR/ca.pem" -H "Authorization: Bearer $TOKEN" -K "$DIR/calls.curl"
ctl calls
check "the call log keeps the last 5000 calls" \
    is "$(json "$OUT" calls)|$(json "$OUT" calls.0.seq)|$(json "$OUT" last_seq)|$(json "$OUT" capacity)" \
    "5000|12|5011|5000"

finish
