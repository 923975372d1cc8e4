#!/bin/bash
# The demo: starts the local Infor sandbox over HTTPS, then a PHP process
# with the extension places X-Cart orders and watches them arrive in Infor
# as M3 customer orders; one order Infor refuses lands in the dead-letter
# queue with Infor's reason. Run through `make demo`.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
OUT=${OUT:-out}
case "$OUT" in /*) ;; *) OUT="$root/$OUT" ;; esac
work=$(mktemp -d /tmp/infor_sync_demo.XXXXXX)
sandbox_pid=
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$OUT/infor-sandbox" --dir "$work/sandbox" --metadata "$root/metadata/m3-transactions.json" \
    2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 100); do
    [ -f "$work/sandbox/ready" ] && break
    sleep 0.1
done
[ -f "$work/sandbox/ready" ] || { cat "$work/sandbox.log"; exit 1; }
echo "Infor sandbox: https://127.0.0.1:$(cat "$work/sandbox/port") (tenant TEN_SANDBOX)"

cat > "$work/infor_sync.json" <<'JSON'
{"cono": 100, "divi": "AAA", "order_type": "DTC", "facility": "100",
 "warehouse": "100", "default_customer": "WEBSHOP", "currency": "EUR",
 "stock_warehouses": ["100", "200"], "stock_quantity": "on_hand", "stock_mode": "sum"}
JSON

php -n -d "extension=$OUT/ext/modules/infor_sync.so" \
    -d "infor_sync.spool_dir=$work/spool" \
    -d "infor_sync.ionapi_file=$work/sandbox/sandbox.ionapi" \
    -d "infor_sync.ca_file=$work/sandbox/ca.pem" \
    -d "infor_sync.config_file=$work/infor_sync.json" \
    -d "infor_sync.worker=on" \
    -d "infor_sync.log_level=info" \
    -d "infor_sync.poll_stock_interval=1" \
    -d "infor_sync.poll_items_interval=1" \
    -d "infor_sync.poll_shipments_interval=1" \
    demo/place_orders.php "https://127.0.0.1:$(cat "$work/sandbox/port")" "$work/sandbox/ca.pem"
echo
echo "Worker log ($work/spool/infor_sync.log):"
sed 's/^/  /' "$work/spool/infor_sync.log"
