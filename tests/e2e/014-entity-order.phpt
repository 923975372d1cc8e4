--TEST--
e2e: events of one customer are delivered in order; a retrying order holds back the same customer's next one, not others
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// The first AddBatchHead fails once: XC-5001 (customer 42) retries after 1.5 s.
// XC-5003 (customer 77) is placed once XC-5001 retries, so that the fault
// cannot hit it instead (deliveries of different customers run side by side).
fault(['match' => 'AddBatchHead', 'count' => 1, 'status' => 503]);
$orders = [order('XC-5001', null, ['customer_id' => '42']),
           order('XC-5002', null, ['customer_id' => '42']),
           order('XC-5003', null, ['customer_id' => '77'])];
$result = runJson(sprintf('
    $ids = [];
    $orders = unserialize(%s);
    $ids[] = InforSync\enqueue("order.placed", $orders[0]);
    $ids[] = InforSync\enqueue("order.placed", $orders[1]);
    $deadline = microtime(true) + 10;
    while (InforSync\event($ids[0])["state"] !== "deferred" && microtime(true) < $deadline) usleep(10000);
    $ids[] = InforSync\enqueue("order.placed", $orders[2]);
    $deadline = microtime(true) + 10;
    while (InforSync\event($ids[2])["state"] !== "done" && microtime(true) < $deadline) usleep(10000);
    $meanwhile = array_map(fn($id) => InforSync\event($id), $ids);
    $flushed = InforSync\flush(20000);
    echo json_encode(["ids" => $ids, "meanwhile" => $meanwhile, "flushed" => $flushed,
                      "after" => array_map(fn($id) => InforSync\event($id), $ids)]);',
    var_export(serialize($orders), true)), ['infor_sync.retry_base_ms' => 1500, 'infor_sync.retry_cap_ms' => 1500]);

[$first, $second, $other] = $result['meanwhile'];
echo "while XC-5001 retries: XC-5001 {$first['state']}, XC-5002 {$second['state']}, XC-5003 {$other['state']}\n";
echo "XC-5002 waits for XC-5001: ", var_export(($second['record']['waiting_for'] ?? null) === $result['ids'][0], true), "\n";
echo "flushed: ", var_export($result['flushed'], true), "\n";
[$first, $second, $other] = $result['after'];
echo "attempts: ", $first['record']['attempts'], ' ', $second['record']['attempts'], ' ', $other['record']['attempts'], "\n";
$orno = fn($number) => ordersFor($number)[0]['orno'] ?? 'missing';
echo "XC-5001 reached Infor before XC-5002: ", var_export(strcmp($orno('XC-5001'), $orno('XC-5002')) < 0, true), "\n";
echo "XC-5003 went first: ", var_export(strcmp($orno('XC-5003'), $orno('XC-5001')) < 0, true), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
?>
--EXPECT--
while XC-5001 retries: XC-5001 deferred, XC-5002 deferred, XC-5003 done
XC-5002 waits for XC-5001: true
flushed: true
attempts: 2 1 1
XC-5001 reached Infor before XC-5002: true
XC-5003 went first: true
orders in Infor: 3
