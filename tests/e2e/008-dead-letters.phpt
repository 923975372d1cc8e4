--TEST--
e2e: Infor's refusals become dead letters with the reason; fixed in Infor and replayed, the order reuses its head
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// XC-8001's lines go in one bulk request: M3 runs them all, the unknown item
// fails and the line after it is added anyway; the replay puts them in order
$r = deliver([
    order('XC-8001', [['TSHIRT-BLK-M', '19.90', 1], ['LAMP-NEW-01', '39.00', 1], ['MUG-LOGO', '9.50', 2]]),
    order('XC-8002', null, ['infor_customer' => 'NOPE']),
]);
echo "flush: ", var_export($r['flushed'], true), "\n";
foreach ($r['events'] as $number => $e) {
    echo "$number: {$e['state']} after {$e['record']['attempts']} attempt(s)\n";
}
foreach ($r['dead'] as $d) {
    $ie = $d['infor_error'];
    echo "dead {$d['order_number']}: {$ie['transaction']} {$ie['type']} {$ie['code']} field {$ie['field']}: {$ie['message']}\n";
    echo "  reason: {$d['reason']}\n";
}
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried {$c['retried']} dead {$c['dead']}, spool dead {$r['status']['spool']['dead']}\n";
$batches = orders()['batch_orders'];
echo "in Infor: ", count(confirmed()), " orders, ", count($batches), " unconfirmed batch order(s) ",
    implode(',', array_map(fn($b) => "{$b['cuor']} with " . count($b['lines']) . ' line(s)', $batches)), "\n";
$deadBatch = $r['events']['XC-8001']['record']['infor']['batch_orno'];
echo "dead letter knows its batch order: ", var_export($deadBatch === ($batches[0]['batch_orno'] ?? null), true), "\n";

// the item is created in Infor; the shop replays the dead letter
addItem('LAMP-NEW-01', 'Desk lamp', '39.00');
$ids = $r['ids'];
$r2 = runJson('
    $replayed = InforSync\retry_dead(' . var_export($ids['XC-8001'], true) . ');
    $flushed = InforSync\flush(20000);
    $event = InforSync\event(' . var_export($ids['XC-8001'], true) . ');
    $dead = InforSync\dead_letters();
    $discarded = InforSync\discard_dead(' . var_export($ids['XC-8002'], true) . ');
    $again = InforSync\discard_dead(' . var_export($ids['XC-8002'], true) . ');
    echo json_encode(["replayed" => $replayed, "flushed" => $flushed, "event" => $event,
        "dead_before" => array_column($dead, "order_number"), "discarded" => $discarded, "again" => $again,
        "dead_after" => InforSync\dead_letters(), "gone" => InforSync\event(' . var_export($ids['XC-8002'], true) . '),
        "status" => InforSync\status()]);
');
echo "retry_dead: {$r2['replayed']}, flush ", var_export($r2['flushed'], true), ", XC-8001 {$r2['event']['state']}, replays {$r2['event']['record']['replays']}\n";
echo "dead letters before discard: ", implode(',', $r2['dead_before']), "\n";
echo "discard_dead: ", var_export($r2['discarded'], true), ", again: ", var_export($r2['again'], true),
    ", dead letters now: ", count($r2['dead_after']), ", event(): ", var_export($r2['gone'], true), "\n";
echo describe('XC-8001'), "\n";
$mine = ordersFor('XC-8001');
echo "same batch order reused: ", var_export(($mine[0]['batch_orno'] ?? '') === $deadBatch, true),
    ", orno recorded: ", var_export(($mine[0]['orno'] ?? '') === $r2['event']['record']['infor']['orno'], true), "\n";
$s = stats();
echo "sandbox: AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, unconfirmed batch orders ", count(orders()['batch_orders']),
    ", orders ", count(confirmed()), "\n";
$c = $r2['status']['counters'];
echo "counters: delivered {$c['delivered']} dead {$c['dead']}, spool dead {$r2['status']['spool']['dead']}\n";
?>
--EXPECT--
flush: true
XC-8001: dead after 1 attempt(s)
XC-8002: dead after 1 attempt(s)
dead XC-8001: AddBatchLine ServerReturnedNOK MM00101 field ITNO: Item number LAMP-NEW-01 does not exist
  reason: OIS100MI/AddBatchLine (items[1], ITNO LAMP-NEW-01): Item number LAMP-NEW-01 does not exist [ServerReturnedNOK, field ITNO]
dead XC-8002: AddBatchHead ServerReturnedNOK XIM0002 field CUNO: Customer number NOPE does not exist
  reason: OIS100MI/AddBatchHead: Customer number NOPE does not exist [ServerReturnedNOK, field CUNO]
counters: delivered 0 retried 0 dead 2, spool dead 2
in Infor: 0 orders, 1 unconfirmed batch order(s) XC-8001 with 2 line(s)
dead letter knows its batch order: true
retry_dead: 1, flush true, XC-8001 done, replays 1
dead letters before discard: XC-8002
discard_dead: true, again: false, dead letters now: 0, event(): NULL
XC-8001: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,LAMP-NEW-01:1,MUG-LOGO:2
same batch order reused: true, orno recorded: true
sandbox: AddBatchHead 2, unconfirmed batch orders 0, orders 1
counters: delivered 1 dead 2, spool dead 0
