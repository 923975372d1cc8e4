<?php
// The time of InforSync\status() on a spool, in a process with the worker
// off: one untimed call, then CALLS timed ones. Prints "median_ms ready".
//
//   php ... -d infor_sync.worker=off bench/scale/status.php CALLS
$calls = (int)$argv[1];
$status = InforSync\status();
$ms = [];
for ($i = 0; $i < $calls; $i++) {
    $t = hrtime(true);
    $status = InforSync\status();
    $ms[] = (hrtime(true) - $t) / 1e6;
}
sort($ms);
printf("%.3f %d\n", $ms[intdiv($calls, 2)], $status['spool']['ready']);
