--TEST--
e2e: a Retry-After of 68 years does not park an order forever: past retry_max_age it is a dead letter
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// every AddBatchHead answers 500 with Retry-After: 2147483647 (68 years)
fault(['match' => 'AddBatchHead', 'count' => 5, 'status' => 500, 'retry_after' => 2147483647]);
$r = deliver([order('XC-2201')], ['infor_sync.retry_max_age' => '2', 'infor_sync.retry_base_ms' => '100'], 15000);
$e = $r['events']['XC-2201'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}\n";
$took = $e['record']['dead_at'] - $e['record']['first_attempt_at'];
echo "dead letter within 2-10 s of the first attempt: ", var_export($took >= 2000 && $took < 10000, true), "\n";
echo "reason: ", preg_replace('/over \d+ s/', 'over N s', preg_replace('/after \d+ attempt/', 'after N attempt', $r['dead'][0]['reason'] ?? '')), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
?>
--EXPECTF--
flush: true, state dead
dead letter within 2-10 s of the first attempt: true
reason: gave up after N attempt(s) over N s: %s500%s
orders in Infor: 0
