--TEST--
e2e: an AddBatchLine that times out on our side but is processed by Infor later is not added twice
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// The sandbox sleeps 1.5 s, then processes the first line anyway; the
// client gives up after 0.5 s, retries 2.5 s later (after Infor processed
// the line), and must find that line with LstBatchLine, not add it again.
fault(['match' => 'AddBatchLine', 'count' => 1, 'latency_ms' => 1500]);
$items = [['TSHIRT-WHT-L', '19.90', 1], ['SOCKS-3PK', '12.00', 2], ['MUG-LOGO', '9.50', 1]];
$r = deliver([order('XC-4001', $items)], ['infor_sync.request_timeout_ms' => 500, 'infor_sync.retry_base_ms' => 2500, 'infor_sync.retry_cap_ms' => 2500]);
$e = $r['events']['XC-4001'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, attempts {$e['record']['attempts']}\n";
echo "timed out: ", var_export(str_contains(strtolower($r['status']['last_error']['message'] ?? ''), 'time'), true), "\n";
echo describe('XC-4001'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried {$c['retried']} dead {$c['dead']}\n";
$s = stats();
echo "sandbox: AddBatchHead {$s['requests']['OIS100MI/AddBatchHead']}, AddBatchLine {$s['requests']['OIS100MI/AddBatchLine']}, LstBatchLine ", $s['requests']['OIS100MI/LstBatchLine'] ?? 0, "\n";
?>
--EXPECT--
flush: true, state done, attempts 2
timed out: true
XC-4001: CUNO WEBSHOP, 3 line(s) TSHIRT-WHT-L:1,SOCKS-3PK:2,MUG-LOGO:1
orders in Infor: 1
counters: delivered 1 retried 1 dead 0
sandbox: AddBatchHead 1, AddBatchLine 3, LstBatchLine 1
