--TEST--
e2e: the delivering process is killed (-9) with 8 orders in flight, the lines of each on their way to Infor; the process taking over creates each order once with each line once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
// the lines of an order (one bulk request) take 1.5 s in Infor: the kill finds
// all 8 orders with their lines in Infor's hands, and they land after the kill
$ini = ['infor_sync.request_timeout_ms' => 2500, 'infor_sync.max_in_flight' => 8,
        'infor_sync.poll_stock_interval' => 0, 'infor_sync.poll_items_interval' => 0,
        'infor_sync.poll_shipments_interval' => 0];
fault(['match' => 'AddBatchLine', 'count' => 10000, 'latency_ms' => 1500]);
$items = [['TSHIRT-BLK-M', '19.90', 1], ['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.00', 1]];
$orders = [];
for ($i = 1; $i <= 8; $i++) {
    $orders[] = order(sprintf('XC-17%03d', $i), $items, ['customer_id' => (string)(17000 + $i),
                                                         'email' => "kill$i@example.com"]);
}
$a = startPhp(sprintf('
    foreach (unserialize(%s) as $o) {
        echo InforSync\enqueue("order.placed", $o), "\n";
    }
    InforSync\flush(60000);
    echo "flush returned\n";', var_export(serialize($orders), true)), $ini);
waitFor(function () {
    $heads = array_filter(orders()['batch_orders'], fn($b) => str_starts_with($b['cuor'], 'XC-17'));
    return count($heads) === 8 && control('GET', 'concurrency')['m3_in_flight'] === 8;
}, 30, 'all 8 batch heads in Infor and their lines on the way');
proc_terminate($a['proc'], 9);
$ra = finishPhp($a);
echo "first process: killed by signal {$ra['signal']}, flush returned: ", var_export(str_contains($ra['stdout'], 'flush returned'), true), "\n";
echo "left in active/: ", count(glob("$base/spool/active/*")), "\n";

$r = runJson('
    $flushed = InforSync\flush(60000);
    echo json_encode(["flushed" => $flushed, "status" => InforSync\status()]);', $ini, 90);
echo "second process: flush ", var_export($r['flushed'], true), ", delivered {$r['status']['counters']['delivered']}, active {$r['status']['spool']['active']}, dead {$r['status']['spool']['dead']}\n";
$log = file_get_contents("$base/log");
echo "took over the spool: ", var_export(str_contains($log, 'took over the spool: 8 event(s)'), true), "\n";
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", each CUOR once: ", var_export(count($counts) === 8 && max($counts) === 1, true),
    ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
foreach (confirmed() as $o) {
    $lines[] = implode(',', array_map(fn($l) => "{$l['itno']}:{$l['orqt']}", $o['lines']));
}
echo "lines: ", implode(' | ', array_unique($lines)), "\n";
?>
--EXPECT--
first process: killed by signal 9, flush returned: false
left in active/: 8
second process: flush true, delivered 8, active 0, dead 0
took over the spool: true
orders in Infor: 8, each CUOR once: true, unconfirmed batch orders: 0
lines: TSHIRT-BLK-M:1,MUG-LOGO:2,CAP-RED:1
