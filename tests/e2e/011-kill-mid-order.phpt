--TEST--
e2e: the delivering process is killed (-9) while the order's lines are on their way to Infor; another process takes over and completes the order once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
// the lines (one bulk request) take 1.5 s in Infor, so the process dies with
// them in flight; they still land in Infor 1.5 s later, and the process
// taking over must not resume before they can have (request_timeout_ms) or
// it would add them again
$ini = ['infor_sync.request_timeout_ms' => 2500, 'infor_sync.poll_stock_interval' => 0,
        'infor_sync.poll_items_interval' => 0, 'infor_sync.poll_shipments_interval' => 0];
fault(['match' => 'AddBatchLine', 'count' => 1, 'latency_ms' => 1500]);
$items = [['TSHIRT-BLK-M', '19.90', 1], ['TSHIRT-WHT-L', '19.90', 1], ['MUG-LOGO', '9.50', 2],
          ['CAP-RED', '14.00', 1], ['POSTER-A2', '7.50', 3]];
$a = startPhp('
    echo InforSync\enqueue("order.placed", unserialize(' . var_export(serialize(order('XC-11001', $items)), true) . ')), "\n";
    InforSync\flush(60000);
    echo "flush returned\n";
', $ini);
$batch = waitFor(function () {
    if (control('GET', 'concurrency')['m3_in_flight'] < 1) {
        return null; // the lines' request is not in Infor's hands yet
    }
    foreach (orders()['batch_orders'] as $b) {
        if ($b['cuor'] === 'XC-11001') {
            return $b;
        }
    }
    return null;
}, 20, 'the batch head of XC-11001 in Infor and its lines on the way');
proc_terminate($a['proc'], 9);
$ra = finishPhp($a);
$id = trim(strtok($ra['stdout'], "\n"));
echo "first process: killed by signal {$ra['signal']}, flush returned: ", var_export(str_contains($ra['stdout'], 'flush returned'), true), "\n";
echo "left in active/: ", implode(',', array_map('basename', glob("$base/spool/active/*"))) === $id ? 'the event' : 'something else', "\n";
echo "lines in Infor when killed: ", count($batch['lines']), "\n";

// a second process on the same spool takes over at once
$r = runJson('
    $flushed = InforSync\flush(20000);
    echo json_encode(["flushed" => $flushed, "event" => InforSync\event(' . var_export($id, true) . '), "status" => InforSync\status()]);
', $ini);
$e = $r['event'];
echo "second process: flush ", var_export($r['flushed'], true), ", {$e['state']} after {$e['record']['attempts']} attempts\n";
$log = file_get_contents("$base/log");
echo "took over the spool: ", var_export(str_contains($log, 'took over the spool: 1 event(s)'), true),
    ", waited for the dead process's last call: ", var_export(str_contains($log, 'wait up to 2500 ms'), true), "\n";
echo describe('XC-11001'), "\n";
echo "orders in Infor: ", count(confirmed()), ", CUOR XC-11001: ", cuorCounts()['XC-11001'] ?? 0, ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
$mine = ordersFor('XC-11001');
echo "same batch order: ", var_export(($mine[0]['batch_orno'] ?? '') === $batch['batch_orno'], true),
    ", orno recorded: ", var_export(($mine[0]['orno'] ?? '') === ($e['record']['infor']['orno'] ?? null), true), "\n";
$s = stats();
echo "sandbox: AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, AddBatchLine {$s['requests']['OIS100MI/AddBatchLine']}, Confirm {$s['requests']['OIS100MI/Confirm']}\n";
echo "counters: delivered {$r['status']['counters']['delivered']}, spool active {$r['status']['spool']['active']} done {$r['status']['spool']['done']}\n";
?>
--EXPECT--
first process: killed by signal 9, flush returned: false
left in active/: the event
lines in Infor when killed: 0
second process: flush true, done after 2 attempts
took over the spool: true, waited for the dead process's last call: true
XC-11001: CUNO WEBSHOP, 5 line(s) TSHIRT-BLK-M:1,TSHIRT-WHT-L:1,MUG-LOGO:2,CAP-RED:1,POSTER-A2:3
orders in Infor: 1, CUOR XC-11001: 1, unconfirmed batch orders: 0
same batch order: true, orno recorded: true
sandbox: AddBatchHead 1, AddBatchLine 5, Confirm 1
counters: delivered 1, spool active 0 done 1
