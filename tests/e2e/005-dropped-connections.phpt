--TEST--
e2e: connections closed without an answer are retried; the order arrives once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// the first two requests to M3 are dropped before processing
fault(['match' => 'OIS100MI', 'count' => 2, 'drop' => true]);
$r = deliver([order('XC-5001', [['CAP-RED', '14.00', 3], ['HOODIE-GRY-XL', '49.00', 1, '4.90']])]);
$e = $r['events']['XC-5001'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, retried: ", var_export($e['record']['attempts'] >= 2, true), "\n";
echo describe('XC-5001'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
$c = $r['status']['counters'];
echo "counters: delivered {$c['delivered']} retried ", $c['retried'] === $e['record']['attempts'] - 1 ? 'attempts-1' : $c['retried'], " dead {$c['dead']}\n";
echo "sandbox: faults fired ", stats()['faults_fired'], "\n";
?>
--EXPECT--
flush: true, state done, retried: true
XC-5001: CUNO WEBSHOP, 2 line(s) CAP-RED:3,HOODIE-GRY-XL:1
orders in Infor: 1
counters: delivered 1 retried attempts-1 dead 0
sandbox: faults fired 2
