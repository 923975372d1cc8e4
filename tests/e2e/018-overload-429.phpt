--TEST--
e2e: a storm of 429 answers with Retry-After: deliveries at once are halved, no request goes out before the Retry-After has passed, nothing is lost or sent twice, and the limit grows back
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
$ini = ['infor_sync.max_in_flight' => 8];
// the first two calls are slow so that all 8 lanes are busy when the storm begins
fault([['match' => '/M3/', 'count' => 8, 'latency_ms' => 300],
       ['match' => 'OIS100MI', 'count' => 12, 'status' => 429, 'retry_after' => 1]]);
$items = [['TSHIRT-BLK-M', '19.90', 1], ['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.00', 1]];
$orders = [];
for ($i = 1; $i <= 16; $i++) {
    $orders[] = order(sprintf('XC-18%03d', $i), $items, ['customer_id' => (string)(18000 + $i),
                                                         'email' => "storm$i@example.com"]);
}
$r = deliver($orders, $ini, 90000);
echo "flush: ", var_export($r['flushed'], true), ", dead letters: ", count($r['dead']), "\n";
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", each CUOR once: ", var_export(count($counts) === 16 && max($counts) === 1, true),
    ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
echo "lines per order: ", implode(',', array_unique(array_map(fn($o) => count($o['lines']), confirmed()))), "\n";
echo "fault rules left: ", count(control('GET', 'faults')['faults']), "\n";

$log = file_get_contents("$base/log");
echo "admin's log: halved to 4: ", var_export(str_contains($log, 'Infor answered HTTP 429 (overloaded): at most 4 request(s) at once now, none before its Retry-After'), true),
    ", back to 8: ", var_export(str_contains($log, 'Infor keeps up again: up to 8 request(s) at once'), true), "\n";
// Retry-After: 1 s. A request already on its way when the 429 came back may still
// start just after it; none may start later within the second.
$calls = m3Calls($log);
$early = 0;
foreach ($calls as $overloaded) {
    if ($overloaded['status'] !== 429) {
        continue;
    }
    foreach ($calls as $c) {
        if ($c['start'] > $overloaded['end'] + 250 && $c['start'] < $overloaded['end'] + 900) {
            $early++;
        }
    }
}
echo "429 answers: ", count(array_filter($calls, fn($c) => $c['status'] === 429)), ", calls started within the Retry-After: $early\n";
$d = $r['status']['delivery'];
echo "status: overloaded {$d['overloaded']}, limit after the storm {$d['limit']} of {$d['max_in_flight']}\n";
?>
--EXPECT--
flush: true, dead letters: 0
orders in Infor: 16, each CUOR once: true, unconfirmed batch orders: 0
lines per order: 3
fault rules left: 0
admin's log: halved to 4: true, back to 8: true
429 answers: 12, calls started within the Retry-After: 0
status: overloaded 12, limit after the storm 8 of 8
