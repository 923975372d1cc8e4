--TEST--
e2e: 429 with Retry-After: 1 is honoured (the next attempt waits at least 1 s); the order arrives once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// retry_base_ms=100: without Retry-After the retry would come after 100-200 ms
fault(['match' => 'AddBatchLine', 'count' => 1, 'status' => 429, 'retry_after' => 1]);
$r = deliver([order('XC-3001', [['POSTER-A2', '7.50', 2], ['BOTTLE-500', '15.00', 1]])]);
$e = $r['events']['XC-3001'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, attempts {$e['record']['attempts']}\n";
$waited = $e['record']['last_attempt_at'] - $e['record']['first_attempt_at'];
echo "second attempt after >= 1000 ms: ", var_export($waited >= 1000, true), "\n";
echo "flush took >= 1000 ms: ", var_export($r['ms'] >= 1000, true), "\n";
echo describe('XC-3001'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried {$c['retried']} dead {$c['dead']}\n";
$s = stats();
echo "sandbox: faults fired {$s['faults_fired']}, processed AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, AddBatchLine {$s['requests']['OIS100MI/AddBatchLine']}\n";
if ($waited < 1000) {
    echo "waited only $waited ms\n";
}
?>
--EXPECT--
flush: true, state done, attempts 2
second attempt after >= 1000 ms: true
flush took >= 1000 ms: true
XC-3001: CUNO WEBSHOP, 2 line(s) POSTER-A2:2,BOTTLE-500:1
orders in Infor: 1
counters: delivered 1 retried 1 dead 0
sandbox: faults fired 1, processed AddBatchHead 1, AddBatchLine 2
