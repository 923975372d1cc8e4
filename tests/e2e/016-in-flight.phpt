--TEST--
e2e: with 50 ms per Infor call and max_in_flight 8, 40 orders (and status changes of ten of them) are delivered side by side, each order created once with each line once, and no status change overtakes its order
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
fault(['match' => '/M3/', 'count' => 100000, 'latency_ms' => 50]); // every M3 call: 50 ms in Infor
$items = [['TSHIRT-BLK-M', '19.90', 1], ['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.00', 1]];
$events = [];
for ($i = 1; $i <= 40; $i++) {
    $number = sprintf('XC-16%03d', $i);
    // a customer each: orders of one customer go one after another (its key)
    $events[] = ['order.placed', order($number, $items, ['customer_id' => (string)(16000 + $i),
                                                         'email' => "buyer$i@example.com"])];
    if ($i % 4 === 0) {
        $events[] = ['order.status_changed', ['order_number' => $number, 'shipping_status' => 'P']];
    }
}
$r = runJson(sprintf('
    $ids = [];
    foreach (unserialize(%s) as [$type, $payload]) {
        $ids[] = [$type, $payload["order_number"], InforSync\enqueue($type, $payload)];
    }
    $flushed = InforSync\flush(120000);
    $events = array_map(fn($e) => [$e[0], $e[1], InforSync\event($e[2])], $ids);
    echo json_encode(["flushed" => $flushed, "events" => $events, "status" => InforSync\status()]);',
    var_export(serialize($events), true)), ['infor_sync.max_in_flight' => 8], 180);

$states = [];
$delivered = [];
foreach ($r['events'] as [$type, $number, $e]) {
    $states["{$e['state']} after {$e['record']['attempts']} attempt(s)"][] = $type;
    if ($type === 'order.placed') {
        $delivered[$number] = $e['record']['delivered_at'];
    }
}
echo "flush: ", var_export($r['flushed'], true), "\n";
foreach ($states as $state => $types) {
    echo "$state: ", implode(', ', array_map(fn($t, $n) => "$n $t", array_keys(array_count_values($types)),
                                             array_count_values($types))), "\n";
}
$overtaken = 0;
foreach ($r['events'] as [$type, $number, $e]) {
    if ($type === 'order.status_changed' && $e['record']['first_attempt_at'] < $delivered[$number]) {
        $overtaken++;
    }
}
echo "status changes tried before their order was in Infor: $overtaken\n";
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", CUORs once each: ", var_export(count($counts) === 40 && max($counts) === 1, true),
    ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
$lines = array_unique(array_map(fn($o) => count($o['lines']), confirmed()));
echo "lines per order: ", implode(',', $lines), "\n";
$d = $r['status']['delivery'];
echo "delivery: max_in_flight {$d['max_in_flight']}, lanes {$d['lanes']}, limit {$d['limit']}, in flight {$d['in_flight']}, overloaded {$d['overloaded']}\n";
$most = mostAtOnce(m3Calls(file_get_contents("$base/log")));
echo "M3 calls under way at once: ", $most >= 4 ? '4 or more' : $most, "\n";
?>
--EXPECT--
flush: true
done after 1 attempt(s): 40 order.placed, 10 order.status_changed
status changes tried before their order was in Infor: 0
orders in Infor: 40, CUORs once each: true, unconfirmed batch orders: 0
lines per order: 3
delivery: max_in_flight 8, lanes 8, limit 8, in flight 0, overloaded 0
M3 calls under way at once: 4 or more
