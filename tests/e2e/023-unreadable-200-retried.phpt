--TEST--
e2e: a 200 whose body is no M3 answer (a gateway's or proxy's page) is retried, not dead-lettered; the order arrives once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// one AddBatchHead answered 200 with a body that is not an M3 answer
fault(['match' => 'AddBatchHead', 'count' => 1, 'status' => 200]);
$r = deliver([order('XC-2301')], ['infor_sync.retry_base_ms' => '100']);
$e = $r['events']['XC-2301'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, attempts {$e['record']['attempts']}\n";
echo describe('XC-2301'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried {$c['retried']} dead {$c['dead']}\n";
echo "last error: ", $r['status']['last_error']['message'] ?? json_encode($r['status']['last_error']), "\n";
?>
--EXPECTF--
flush: true, state done, attempts 2
XC-2301: CUNO WEBSHOP, %d line(s) %s
orders in Infor: 1
counters: delivered 1 retried 1 dead 0
last error: %sunreadable M3 response (HTTP 200)
