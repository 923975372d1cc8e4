<?php
// The request the php-fpm pools of bench/scale/fpm.php and fpm_memory.php
// serve: prints the child's pid. With ?barrier=DIR&n=N it first marks
// DIR/<pid> and waits (at most 10 s) until N children arrived, so that N
// requests sent at once are served by N different children. With
// &enqueue=K it also enqueues order.placed number K (bench/lib.php).
if (isset($_GET['barrier'])) {
    $dir = $_GET['barrier'];
    touch("$dir/" . getmypid());
    $deadline = microtime(true) + 10;
    while (count(glob("$dir/*")) < (int)$_GET['n'] && microtime(true) < $deadline) {
        usleep(1000);
    }
}
if (isset($_GET['enqueue'])) {
    require_once __DIR__ . '/../lib.php';
    InforSync\enqueue('order.placed', bench_order((int)$_GET['enqueue'] * 1000 + getmypid() % 1000));
}
echo getmypid(), "\n";
