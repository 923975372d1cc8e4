<?php
// Delivery throughput, in two processes run by bench/run.sh:
//
//   php ... -d infor_sync.worker=off bench/deliver.php fill COUNT
//       enqueues COUNT 3-line orders (nothing is delivered)
//   php ... -d infor_sync.worker=on  bench/deliver.php drain COUNT
//       InforSync\flush() until the spool is drained; prints
//       "seconds delivered dead" (seconds from flush() start to drained)
require __DIR__ . '/lib.php';

[, $mode, $count] = $argv;
$count = (int)$count;

if ($mode === 'fill') {
    for ($i = 0; $i < $count; $i++) {
        $o = bench_order(900000 + $i);
        InforSync\enqueue('order.placed', $o, 'xcart-order-' . $o['order_id']);
    }
    $s = InforSync\status()['spool'];
    if ($s['ready'] !== $count) {
        fwrite(STDERR, "expected $count ready events, spool has {$s['ready']}\n");
        exit(1);
    }
    exit(0);
}

// worker=on starts the worker thread at request start (RINIT), a few
// microseconds before this line; flush() then waits for it.
$t = hrtime(true);
$ok = InforSync\flush(600000);
$seconds = (hrtime(true) - $t) / 1e9;
$st = InforSync\status();
if (!$ok) {
    fwrite(STDERR, "flush() timed out; status: " . json_encode($st) . "\n");
    exit(1);
}
printf("%.6f %d %d\n", $seconds, $st['counters']['delivered'], $st['counters']['dead']);
