--TEST--
e2e: two 503s on AddBatchHead are retried with backoff; the order arrives once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
fault(['match' => 'AddBatchHead', 'count' => 2, 'status' => 503]);
$r = deliver([order('XC-2001', [['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.00', 1]])]);
$e = $r['events']['XC-2001'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, attempts {$e['record']['attempts']}\n";
echo describe('XC-2001'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
echo "orno matches: ", var_export($e['record']['infor']['orno'] === ordersFor('XC-2001')[0]['orno'], true), "\n";
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried {$c['retried']} dead {$c['dead']}\n";
echo "last_error mentions 503: ", var_export(str_contains($r['status']['last_error']['message'] ?? '', '503'), true), "\n";
$s = stats(); // faulted requests are not counted as processed
echo "sandbox: faults fired {$s['faults_fired']}, processed AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, LstBatchHead {$s['requests']['OIS100MI/LstBatchHead']}, Confirm {$s['requests']['OIS100MI/Confirm']}\n";
?>
--EXPECT--
flush: true, state done, attempts 3
XC-2001: CUNO WEBSHOP, 2 line(s) MUG-LOGO:2,CAP-RED:1
orders in Infor: 1
orno matches: true
counters: delivered 1 retried 2 dead 0
last_error mentions 503: true
sandbox: faults fired 2, processed AddBatchHead 1, LstBatchHead 2, Confirm 1
