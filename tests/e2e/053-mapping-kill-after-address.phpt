--TEST--
e2e mapping: the delivering process is killed (-9) while its addresses and lines are on the way to Infor (one bulk request); the process taking over does not add them twice ("Record already exists" counts as done for an address, the lines are matched) and the order is created once with both addresses
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
// the bulk request with the addresses and lines takes 0.8 s in Infor: the
// process dies with it in flight, and it still lands in Infor after the
// process is gone
$ini = ['infor_sync.request_timeout_ms' => 2000, 'infor_sync.poll_stock_interval' => 0,
        'infor_sync.poll_items_interval' => 0, 'infor_sync.poll_shipments_interval' => 0];
fault(['match' => 'AddBatchAddress', 'count' => 1, 'latency_ms' => 800]);
$number = orderNumber('XC-KILLADR');
$order = order($number, [['TSHIRT-BLK-M', '19.90', 1], ['MUG-LOGO', '9.50', 2]]);
$a = startPhp('
    echo InforSync\enqueue("order.placed", unserialize(' . var_export(serialize($order), true) . ')), "\n";
    InforSync\flush(60000);
    echo "flush returned\n";
', $ini);
$batch = waitFor(function () use ($number) {
    foreach (orders()['batch_orders'] as $b) {
        if ($b['cuor'] === $number) {
            return $b;
        }
    }
    return null;
}, 20, "the batch head of $number in Infor");
proc_terminate($a['proc'], 9);
$ra = finishPhp($a);
$id = trim(strtok($ra['stdout'], "\n"));
echo "first process: killed by signal {$ra['signal']}, addresses in Infor when killed: ", count($batch['addresses']), "\n";
// the address in flight arrives
$withAddress = waitFor(function () use ($number) {
    foreach (orders()['batch_orders'] as $b) {
        if ($b['cuor'] === $number && count($b['addresses']) >= 1) {
            return $b;
        }
    }
    return null;
}, 5, 'the delivery address to land');
echo "then: ", count($withAddress['addresses']), " address(es), ADRT ", implode(',', array_map(fn($x) => $x['adrt'], $withAddress['addresses'])),
    ", ", count($withAddress['lines']), " line(s)\n";

$r = runJson('
    $flushed = InforSync\flush(20000);
    echo json_encode(["flushed" => $flushed, "event" => InforSync\event(' . var_export($id, true) . ')]);
', $ini);
$e = $r['event'];
echo "second process: flush ", var_export($r['flushed'], true), ", {$e['state']}\n";
$calls = control('GET', 'calls?transaction=AddBatchAddress')['calls'];
foreach ($calls as $c) {
    echo "AddBatchAddress ADRT {$c['fields']['ADRT']}: {$c['outcome']}", isset($c['error']) ? " ({$c['error']['message']})" : '', "\n";
}
$mine = ordersFor($number);
echo "orders with this CUOR: ", count($mine), ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
if ($mine) {
    echo "addresses: ", implode(',', array_map(fn($x) => $x['adrt'], $mine[0]['addresses'])),
        ", lines: ", implode(',', array_map(fn($l) => "{$l['itno']}:{$l['orqt']}", $mine[0]['lines'])),
        ", same batch order: ", var_export($mine[0]['batch_orno'] === $batch['batch_orno'], true), "\n";
}
$s = stats();
echo "sandbox: AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, Confirm {$s['requests']['OIS100MI/Confirm']}\n";
?>
--EXPECT--
first process: killed by signal 9, addresses in Infor when killed: 0
then: 2 address(es), ADRT 1,3, 2 line(s)
second process: flush true, done
AddBatchAddress ADRT 1: ok
AddBatchAddress ADRT 3: ok
AddBatchAddress ADRT 1: NOK (Record already exists)
AddBatchAddress ADRT 3: NOK (Record already exists)
orders with this CUOR: 1, unconfirmed batch orders: 0
addresses: 1,3, lines: TSHIRT-BLK-M:1,MUG-LOGO:2, same batch order: true
sandbox: AddBatchHead 1, Confirm 1
