--TEST--
e2e: a dead-lettered order whose SKU holds a line break writes one log line for it, the break escaped; no forged line
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
$r = deliver([order('XC-5401', [["A\nFORGED x", '19.90', 1]])]);
$e = $r['events']['XC-5401'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}\n";
$log = file("$base/log", FILE_IGNORE_NEW_LINES);
$dead = array_values(array_filter($log, fn ($line) => str_contains($line, 'is a dead letter')));
echo "dead-letter lines: ", count($dead), "\n";
echo "escaped SKU (M3 upper case) in it: ", var_export(str_contains($dead[0] ?? '', 'ITNO A\nFORGED X'), true), "\n";
$forged = array_filter($log, fn ($line) => !preg_match('/^\d{4}-\d\d-\d\dT[^ ]+ infor_sync\[\d+\] \w+: /', $line));
echo "lines not written by the logger: ", count($forged), "\n";
?>
--EXPECT--
flush: true, state dead
dead-letter lines: 1
escaped SKU (M3 upper case) in it: true
lines not written by the logger: 0
