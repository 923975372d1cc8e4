--TEST--
e2e: a process whose worker is still busy at exit (an order in flight, Infor answering after 2 s, shutdown_timeout_ms=1) exits with status 0, no crash (PHP unloads the module while the thread runs)
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
// every Infor request answered after 2 s: the worker is inside one when the process exits
fault(['count' => 20, 'latency_ms' => 2000]);
$items = [['MUG-LOGO', '9.50', 1]];
// the child waits until the worker has taken the order (active/), then exits
$r = runPhp(sprintf('
    $id = InforSync\enqueue("order.placed", unserialize(%s));
    $deadline = microtime(true) + 30;
    while ((InforSync\event($id)["state"] ?? "") !== "active" && microtime(true) < $deadline) {
        usleep(1000);
    }
    echo InforSync\event($id)["state"], "\n";',
    var_export(serialize(order('XC-5501', $items)), true)), ['infor_sync.shutdown_timeout_ms' => 1], 120);
echo "state at exit: ", trim($r['stdout']), "\n";
echo "exit {$r['exit']}, signal {$r['signal']}\n";
echo "stderr: ", var_export(trim($r['stderr']), true), "\n";
$log = file_get_contents("$base/log");
echo "worker detached: ", var_export(str_contains($log, 'did not stop within 1 ms'), true), "\n";
?>
--EXPECT--
state at exit: active
exit 0, signal 0
stderr: ''
worker detached: true
