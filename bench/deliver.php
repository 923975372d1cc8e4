<?php
// Delivery throughput, in two processes run by bench/run.sh:
//
//   php ... -d infor_sync.worker=off bench/deliver.php fill COUNT
//       enqueues COUNT 3-line orders (nothing is delivered)
//   php ... -d infor_sync.worker=on  bench/deliver.php drain COUNT
//       InforSync\flush() until the spool is drained; prints
//       "seconds delivered dead cpu" (seconds from flush() start to drained;
//       cpu: the process's user + system seconds, every thread, whole run)
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
$ru = getrusage();
$cpu = $ru['ru_utime.tv_sec'] + $ru['ru_utime.tv_usec'] / 1e6 + $ru['ru_stime.tv_sec'] + $ru['ru_stime.tv_usec'] / 1e6;
printf("%.6f %d %d %.3f\n", $seconds, $st['counters']['delivered'], $st['counters']['dead'], $cpu);
