--TEST--
order.status_changed, payment.captured and payment.refunded: every problem with its path; valid events are spooled normalised
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_032
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

function attempt(string $type, array $payload): void
{
    try {
        $id = InforSync\enqueue($type, $payload);
        echo "$type: accepted ", json_encode(InforSync\event($id)['payload']), "\n";
    } catch (InforSync\ValidationException $e) {
        echo "$type: refused\n";
        foreach ($e->getErrors() as $error) {
            echo "  {$error['path']} => {$error['message']}\n";
        }
    }
}

attempt('order.status_changed', ['order_number' => 'XC-1001', 'payment_status' => 'C',
                                 'previous_payment_status' => 'P', 'date' => '2026-11-27T09:00:00Z']);
attempt('order.status_changed', ['order_number' => 1002, 'shipping_status' => 'WND']);
attempt('order.status_changed', ['order_number' => 'XC-1001']);
attempt('order.status_changed', ['payment_status' => 'X', 'shipping_status' => 'shipped',
                                 'previous_shipping_status' => 7, 'date' => 'yesterday']);

attempt('payment.captured', ['order_number' => 'XC-1001', 'transaction_id' => 'TX-700001', 'amount' => 49.48,
                             'currency' => 'EUR', 'date' => '2026-11-27', 'method' => 'Credit card']);
attempt('payment.refunded', ['order_number' => 'XC-1001', 'transaction_id' => 700002, 'amount' => '005.00',
                             'currency' => 'EUR', 'date' => '2026-11-28T10:00:00+01:00', 'infor_customer' => 'CUST01']);
attempt('payment.captured', []);
attempt('payment.refunded', ['order_number' => 'XC-1001', 'transaction_id' => str_repeat('T', 41),
                             'amount' => '-5', 'currency' => 'euro', 'date' => '28.11.2026',
                             'infor_customer' => 'CUSTOMER-0001']);
attempt('payment.captured', ['order_number' => 'XC-1001', 'transaction_id' => 'TX-1', 'amount' => '0.00',
                             'currency' => 'EUR', 'date' => '2026-11-27']);
var_dump(InforSync\status()['spool']['ready']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('032');
?>
--EXPECT--
order.status_changed: accepted {"order_number":"XC-1001","payment_status":"C","previous_payment_status":"P","date":"2026-11-27T09:00:00Z"}
order.status_changed: accepted {"order_number":"1002","shipping_status":"WND"}
order.status_changed: refused
  payment_status => is required when shipping_status is not given (at least one of them)
order.status_changed: refused
  order_number => is required
  payment_status => unknown X-Cart status code "X"
  shipping_status => unknown X-Cart status code "shipped"
  previous_shipping_status => unknown X-Cart status code "7"
  date => must be an ISO 8601 date or date-time like "2026-11-26T14:03:00Z"
payment.captured: accepted {"order_number":"XC-1001","transaction_id":"TX-700001","amount":"49.48","currency":"EUR","date":"2026-11-27","method":"Credit card"}
payment.refunded: accepted {"order_number":"XC-1001","transaction_id":"700002","amount":"5.00","currency":"EUR","date":"2026-11-28T10:00:00+01:00","infor_customer":"CUST01"}
payment.captured: refused
  order_number => is required
  transaction_id => is required
  amount => is required
  currency => is required
  date => is required
payment.refunded: refused
  transaction_id => is 41 characters, Infor allows 40
  amount => must be greater than 0
  currency => must be an ISO 4217 code like "EUR"
  date => must be an ISO 8601 date or date-time like "2026-11-26T14:03:00Z"
  infor_customer => is 13 characters, Infor allows 10
payment.captured: refused
  amount => must be greater than 0
int(4)
