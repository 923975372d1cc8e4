--TEST--
e2e: after 25 ordinary orders an order of 250 000 is flagged (record, status()); with anomaly_hold it stays out of Infor until released, then reaches Infor once, and a status change of that order waits behind it
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
/** An order of one mug line: its total is its price. */
function mugOrder(string $number, string $total, string $customer = '4711'): array
{
    return order($number, [['MUG-LOGO', $total, 1]], ['customer_id' => $customer]);
}
/** Runs $code in a child with the worker on and returns what it printed as JSON. */
function child(string $code, array $ini = [])
{
    return runJson($code, $ini);
}
$hold = ['infor_sync.anomaly_hold' => 1];

// the store's history: 25 ordinary orders of 20 to 80 EUR
$orders = [];
for ($i = 0; $i < 25; $i++) {
    $orders[] = mugOrder(orderNumber("XC-AN$i"), sprintf('%.2f', 20 + ($i * 37) % 61));
}
$r = deliver($orders);
echo "history: ", count(array_filter($r['events'], fn($e) => $e['state'] === 'done')), " delivered, ",
     count(array_filter($r['events'], fn($e) => isset($e['record']['anomaly']))), " flagged\n";

// anomaly_hold off: flagged in its record and in status(), delivered all the same
$big1 = orderNumber('XC-BIG1');
$r = deliver([mugOrder($big1, '250000.00')]);
$e = $r['events'][$big1];
$flag = $e['record']['anomaly']['metrics'][0];
echo "BIG1 => {$e['state']}, {$flag['metric']} {$flag['value']} (median {$flag['median']}, limit {$flag['limit']}), held: ",
     var_export(isset($e['record']['anomaly']['held_at']), true), "\n";
echo "in Infor: ", count(ordersFor($big1)), "\n";
$a = $r['status']['anomalies'];
echo "status: flagged {$a['flagged']}, held {$a['held']}, error rate {$a['error_rate']['short']}, rising ",
     var_export($a['error_rate']['rising'], true), "\n";

// anomaly_hold on: held, not sent; other customers' orders go on
$big2 = orderNumber('XC-BIG2');
$next = orderNumber('XC-NEXT');
$r = deliver([mugOrder($big2, '250000.00', '900'), mugOrder($next, '45.00', '901')], $hold);
echo "flush: ", var_export($r['flushed'], true), "; BIG2 => {$r['events'][$big2]['state']}, attempts ",
     $r['events'][$big2]['record']['attempts'] ?? 0, "; other order => {$r['events'][$next]['state']}\n";
echo "in Infor: BIG2 ", count(ordersFor($big2)), ", other ", count(ordersFor($next)), "\n";
$held = inspect('InforSync\held()');
echo "held(): ", count($held), " ", var_export($held[0]['order_number'] === $big2, true), " ",
     $held[0]['anomaly']['metrics'][0]['metric'], " {$held[0]['anomaly']['metrics'][0]['value']}\n";
$a = status()['anomalies'];
echo "status: flagged {$a['flagged']}, held {$a['held']}\n";

// a cancel of the held order waits behind it (it would fail without the order in Infor)
$change = child(sprintf('
    $id = InforSync\enqueue("order.status_changed", ["order_number" => %s, "payment_status" => "C"]);
    $deadline = microtime(true) + 10;
    while (InforSync\event($id)["state"] !== "deferred" && microtime(true) < $deadline) usleep(10000);
    echo json_encode(["id" => $id, "flushed" => InforSync\flush(1000), "event" => InforSync\event($id)]);',
    var_export($big2, true)), $hold);
$c = $change['event'];
echo "cancel: {$c['state']}, waiting for the held order: ",
     var_export($c['record']['waiting_for'] === $r['ids'][$big2], true), ", attempts ", $c['record']['attempts'] ?? 0,
     ", flush: ", var_export($change['flushed'], true), "\n";

// released: sent once, not flagged again; then the cancel
$before = stats()['requests'];
$done = child(sprintf('
    $first = InforSync\release(%1$s);
    $second = InforSync\release(%1$s);
    $flushed = InforSync\flush(20000);
    echo json_encode(["released" => [$first, $second], "flushed" => $flushed, "order" => InforSync\event(%1$s),
                      "cancel" => InforSync\event(%2$s), "held" => InforSync\held(), "status" => InforSync\status()]);',
    var_export($r['ids'][$big2], true), var_export($change['id'], true)), $hold);
$after = stats()['requests'];
$delta = fn($call) => ($after[$call] ?? 0) - ($before[$call] ?? 0);
echo "release: ", json_encode($done['released']), ", flush: ", var_export($done['flushed'], true), "\n";
$o = $done['order'];
echo "BIG2 => {$o['state']}, attempts {$o['record']['attempts']}, released: ",
     var_export(isset($o['record']['anomaly']['released_at']), true), "\n";
echo "sent to Infor: AddBatchHead ", $delta('OIS100MI/AddBatchHead'), ", Confirm ", $delta('OIS100MI/Confirm'), "\n";
$c = $done['cancel'];
echo "cancel => {$c['state']}, attempts {$c['record']['attempts']}, action {$c['record']['infor']['action']}, ",
     "the released order's: ", var_export($c['record']['infor']['orno'] === $o['record']['infor']['orno'], true), "\n";
echo "after it: ", var_export($c['record']['delivered_at'] >= $o['record']['delivered_at'], true), "\n";
$a = $done['status']['anomalies'];
echo "held(): ", count($done['held']), "; status: flagged {$a['flagged']}, held {$a['held']}\n";
?>
--EXPECT--
history: 25 delivered, 0 flagged
BIG1 => done, total_amount 250000.00 (median 50.00, limit 183.43), held: false
in Infor: 1
status: flagged 1, held 0, error rate 0, rising false
flush: true; BIG2 => held, attempts 0; other order => done
in Infor: BIG2 0, other 1
held(): 1 true total_amount 250000.00
status: flagged 2, held 1
cancel: deferred, waiting for the held order: true, attempts 0, flush: false
release: [true,false], flush: true
BIG2 => done, attempts 1, released: true
sent to Infor: AddBatchHead 1, Confirm 1
cancel => done, attempts 1, action cancel, the released order's: true
after it: true
held(): 0; status: flagged 2, held 0
