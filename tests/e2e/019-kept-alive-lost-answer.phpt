--TEST--
e2e: Infor adds the lines (one bulk request), then the kept-alive connection dies without an answer; libcurl sends the request again on a new connection and Infor adds the lines twice; the worker sees the second send, resumes and the order has each line once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
$number = 'XC-19001';
// the lines' bulk request is run, then its connection closed without an answer
fault(['match' => 'AddBatchLine', 'after_processing' => true, 'drop' => true]);
$before = stats();
$r = deliver([order($number, [['TSHIRT-BLK-M', '19.90', 1], ['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.00', 1]])]);
$e = $r['events'][$number];
$s = stats();
$count = fn($call) => ($s['requests'][$call] ?? 0) - ($before['requests'][$call] ?? 0);
echo "flush: ", var_export($r['flushed'], true), ", {$e['state']} after {$e['record']['attempts']} attempts\n";
$log = file_get_contents("$base/log");
echo "first attempt: ", str_contains($log, 'the connection died under the request and it was sent 2 times') ? 'the second send was seen' : 'not seen', "\n";
echo "AddBatchLine run: ", $count('OIS100MI/AddBatchLine'), ", DelBatchLine: ", $count('OIS100MI/DelBatchLine'), ", Confirm: ", $count('OIS100MI/Confirm'), "\n";
echo describe($number), "\n";
echo "unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
?>
--EXPECT--
flush: true, done after 2 attempts
first attempt: the second send was seen
AddBatchLine run: 6, DelBatchLine: 3, Confirm: 1
XC-19001: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,MUG-LOGO:2,CAP-RED:1
unconfirmed batch orders: 0
