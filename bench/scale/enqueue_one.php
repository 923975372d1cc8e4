<?php
// Enqueues one 3-line order.placed (bench/lib.php) and prints the wall-clock
// time at which enqueue() returned (microtime(true)).
require __DIR__ . '/../lib.php';
InforSync\enqueue('order.placed', bench_order((int)($argv[1] ?? 1)));
printf("%.6f\n", microtime(true));
