<?php
// The admin saves the settings page unchanged (InforSync\save_config() with
// what InforSync\config() returns), then one order is placed
// (bench/lib.php). Prints the wall-clock time at which enqueue() returned.
require __DIR__ . '/../lib.php';
InforSync\save_config(array_filter(InforSync\config(), fn($v) => $v !== null));
InforSync\enqueue('order.placed', bench_order((int)($argv[1] ?? 2)));
printf("%.6f\n", microtime(true));
