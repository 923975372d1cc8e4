<?php
// Fills a spool with COUNT order.placed events (3 lines each, bench/lib.php),
// as fast as the extension takes them: run with infor_sync.worker=off and
// infor_sync.durability=none. Prints "seconds".
//
//   php ... bench/scale/fill.php COUNT
require __DIR__ . '/../lib.php';

$count = (int)$argv[1];
$t = hrtime(true);
for ($i = 0; $i < $count; $i++) {
    InforSync\enqueue('order.placed', bench_order($i));
}
$seconds = (hrtime(true) - $t) / 1e9;
$ready = InforSync\status()['spool']['ready'];
if ($ready !== $count) {
    fwrite(STDERR, "expected $count ready events, the spool has $ready\n");
    exit(1);
}
printf("%.3f\n", $seconds);
