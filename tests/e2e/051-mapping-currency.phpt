--TEST--
e2e mapping: base_currency EUR with the sandbox's rate table over TLS: the worker fetches it, a USD order goes to Infor in EUR with converted prices and the rate recorded; an order in a currency the table lacks waits (retried, reason says so) and nothing is sent
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
// 1 EUR = 1.0842 USD; no AUD in the table
control('POST', 'rates', ['base' => 'EUR', 'date' => '2026-11-25', 'rates' => ['USD' => '1.0842', 'GBP' => '0.8351']]);
$base = newSpool(['base_currency' => 'EUR', 'rate_source' => sandboxUrl() . '/rates/EUR.json']);
$ini = ['infor_sync.poll_stock_interval' => 0, 'infor_sync.poll_items_interval' => 0,
        'infor_sync.poll_shipments_interval' => 0];

echo "-- a USD order\n";
$usd = order(orderNumber('XC-USD'), [['HOODIE-GRY-XL', '59.00', 1], ['CAP-RED', '15.50', 2, '2.00']], ['currency' => 'USD']);
$since = control('GET', 'calls')['last_seq'];
$r = deliver([$usd], $ini);
$event = $r['events'][$usd['order_number']];
echo "flush: ", var_export($r['flushed'], true), ", state {$event['state']}\n";
echo "rate table requests: ", control('GET', 'rates')['requests'] >= 1 ? 'at least one' : 'none', "\n";
$head = control('GET', "calls?since=$since&transaction=AddBatchHead")['calls'];
$lines = control('GET', "calls?since=$since&transaction=AddBatchLine")['calls'];
echo "head: CUCD ", $head[0]['fields']['CUCD'] ?? '-', ", CUOR ", ($head[0]['fields']['CUOR'] ?? '') === $usd['order_number'] ? 'ok' : 'wrong', "\n";
foreach ($lines as $l) {
    echo "line: {$l['fields']['ITNO']} SAPR {$l['fields']['SAPR']}", isset($l['fields']['DIA1']) ? " DIA1 {$l['fields']['DIA1']}" : '', "\n";
}
$o = ordersFor($usd['order_number'])[0] ?? null;
echo "in Infor: CUCD ", $o['cucd'] ?? '-', "\n";
$c = $event['record']['mapping']['currency'] ?? null;
echo "record mapping.currency: from ", $c['from'] ?? '-', " to ", $c['to'] ?? '-', ", date ", $c['date'] ?? '-',
    ", rate ", $c && (($c['rate'] ?? '') === '1.0842' || abs((float)$c['rate'] * 1.0842 - 1) < 1e-8) ? 'that of USD in the table' : json_encode($c), "\n";
$rates = $r['status']['mapping']['rates'] ?? null;
echo "status rates: base ", $rates['base'] ?? '-', ", date ", $rates['date'] ?? '-', ", error ",
    json_encode(is_array($rates) && array_key_exists('error', $rates) ? $rates['error'] : 'missing'), "\n";

echo "-- an AUD order\n";
$aud = order(orderNumber('XC-AUD'), [['MUG-LOGO', '15.90', 1]], ['currency' => 'AUD']);
$since = control('GET', 'calls')['last_seq'];
$r = deliver([$aud], $ini, 3000);
$event = $r['events'][$aud['order_number']];
// waiting for a retry (deferred), or being retried right now (active): not done, not dead
echo "flush: ", var_export($r['flushed'], true), ", state ",
    in_array($event['state'], ['deferred', 'active'], true) ? 'retrying' : $event['state'], ", attempts ",
    $event['record']['attempts'] >= 1 ? 'at least one' : $event['record']['attempts'], "\n";
$reason = $event['record']['reason'] ?? ($event['record']['last_error'] ?? '');
$reason = is_array($reason) ? json_encode($reason) : (string)$reason;
echo "reason names AUD and the exchange rate: ", var_export(str_contains($reason, 'AUD') && stripos($reason, 'exchange rate') !== false, true), "\n";
echo "dead letters: ", count($r['dead']), "\n";
$sent = control('GET', "calls?since=$since")['calls'];
echo "calls sent for it: ", count($sent), ", orders in Infor with its CUOR: ", count(ordersFor($aud['order_number'])), "\n";
if (!str_contains($reason, 'AUD')) {
    echo "record: ", json_encode($event['record']), "\n";
}
?>
--EXPECT--
-- a USD order
flush: true, state done
rate table requests: at least one
head: CUCD EUR, CUOR ok
line: HOODIE-GRY-XL SAPR 54.42
line: CAP-RED SAPR 14.30 DIA1 1.84
in Infor: CUCD EUR
record mapping.currency: from USD to EUR, date 2026-11-25, rate that of USD in the table
status rates: base EUR, date 2026-11-25, error null
-- an AUD order
flush: false, state retrying, attempts at least one
reason names AUD and the exchange rate: true
dead letters: 0
calls sent for it: 0, orders in Infor with its CUOR: 0
